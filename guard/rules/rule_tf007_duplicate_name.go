package rules

import (
	"fmt"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "TF007",
		Title:    "two resources with the same physical name",
		Severity: engine.Error,
		Doc: "Two resources of one type give AWS the same name where AWS wants it unique: S3 buckets and IAM roles, " +
			"users, policies and instance profiles (account-wide or global), and, within one region (one aws provider " +
			"configuration), Lambda functions, log groups, trails, KMS aliases, SNS topics, SQS queues, secrets, DB " +
			"instances and their subnet and parameter groups, and security groups of one VPC; or more than one AWS " +
			"Config recorder or delivery channel in a region (AWS allows one). Names are compared once resolved " +
			"(locals and literal attributes followed); names built from unknown values, and resources with count or " +
			"for_each, are not judged. Why: the second create fails at apply (BucketAlreadyOwnedByYou, " +
			"EntityAlreadyExists, MaxNumberOfConfigurationRecordersExceededException) after the first resource was " +
			"made. Fix: give each construct its own name (the Name prop), or one stack per environment.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, u := range uniqueNames {
				seen := map[string]*engine.Resource{}
				for _, r := range s.OfType(u.typ) {
					if r.Body["count"] != nil || r.Body["for_each"] != nil {
						continue
					}
					name := s.Resolve(r.Body[u.attr])
					if name == "" || engine.HasInterp(name) {
						continue
					}
					key := name
					if u.regional {
						key = providerKey(r) + "\x00" + key
					}
					if u.perVPC {
						key = s.Resolve(r.Body["vpc_id"]) + "\x00" + key
					}
					if first, dup := seen[key]; dup {
						p.Reportf(r, "give each resource its own name (construct Name prop, or a name including the environment)",
							"%s %q is also the %s of %s; AWS refuses the second one%s", u.attr, name, u.attr, first.Address, pathsOf(first, r))
						continue
					}
					seen[key] = r
				}
			}
			for _, typ := range []string{"aws_config_configuration_recorder", "aws_config_delivery_channel"} {
				seen := map[string]*engine.Resource{}
				for _, r := range s.OfType(typ) {
					k := providerKey(r)
					if first, dup := seen[k]; dup {
						p.Reportf(r, "declare one per account and region and share it",
							"is a second %s in the region of %s (first: %s); AWS allows one per account and region%s", typ, providerAddress(k), first.Address, pathsOf(first, r))
						continue
					}
					seen[k] = r
				}
			}
		},
	})
}

// uniqueName is a name attribute AWS wants unique.
type uniqueName struct {
	typ, attr string
	regional  bool // unique per region (provider configuration), else account-wide or global
	perVPC    bool // unique per VPC as well
}

var uniqueNames = []uniqueName{
	{"aws_s3_bucket", "bucket", false, false},
	{"aws_iam_role", "name", false, false},
	{"aws_iam_user", "name", false, false},
	{"aws_iam_policy", "name", false, false},
	{"aws_iam_instance_profile", "name", false, false},
	{"aws_lambda_function", "function_name", true, false},
	{"aws_cloudwatch_log_group", "name", true, false},
	{"aws_cloudtrail", "name", true, false},
	{"aws_kms_alias", "name", true, false},
	{"aws_sns_topic", "name", true, false},
	{"aws_sqs_queue", "name", true, false},
	{"aws_secretsmanager_secret", "name", true, false},
	{"aws_db_instance", "identifier", true, false},
	{"aws_db_subnet_group", "name", true, false},
	{"aws_db_parameter_group", "name", true, false},
	{"aws_security_group", "name", true, true},
}

// providerAddress renders a provider key ("aws", "aws.west") as an address.
func providerAddress(key string) string { return "provider." + key }

// pathsOf names the construct paths of two resources when both are known.
func pathsOf(a, b *engine.Resource) string {
	if a.Path == "" || b.Path == "" {
		return ""
	}
	return fmt.Sprintf(" (constructs %s and %s)", a.Path, b.Path)
}
