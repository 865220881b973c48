package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Gap is one place where the emulator (moto 5.2.x) differs from AWS. It is
// applied only to emulator runs, as an entry in the override file for each
// resource it matches; the synthesized stack never changes.
type Gap struct {
	// Block is "resource" or "data".
	Block string
	// Type is the resource or data source type, e.g. "aws_cloudtrail".
	Type string
	// Setting is the attribute or setting the override touches.
	Setting string
	// Symptom is what happens under the emulator without the override.
	Symptom string
	// Why says why it is the emulator and not the stack, and how that was checked.
	Why string
	// Override returns the override body for one matching block (attributes
	// to set, or a "lifecycle" with ignore_changes), or nil when the block
	// does not need it. body is the block as the stack wrote it, with the
	// overrides of earlier Gaps entries for the same block already applied,
	// so two entries may rewrite the same attribute in turn.
	Override func(body map[string]any) (map[string]any, error)
	// BeforeDestroy marks a gap whose override is written only for destroy:
	// Run applies the stack and re-plans without it, then writes it, applies
	// once more (only the blocks it changes move) and destroys. It is for
	// settings that must be tested as the stack writes them but would make
	// the emulator's destroy leave resources behind.
	BeforeDestroy bool
	// ProvenBy names the access-tier expectation kinds (package access,
	// access.Kinds) that prove offline what the emulator cannot evaluate
	// here; the emulator run never sees it.
	ProvenBy []string
	// LeftOut marks a resource type the emulator does not implement at all:
	// emulator runs remove every resource of the type from their working
	// copy of the stack, with every block that refers to it (transitively),
	// and log what they removed. ProvenBy or TestedBy names what proves the
	// part instead. Override is nil.
	LeftOut bool
	// TestedBy names the unit or synth tests (package.TestName) that prove
	// a left-out part's configuration instead of the emulator.
	TestedBy []string
}

// Gaps is the one documented list of emulator gaps (moto 5.2.1). Each entry
// is proven against the running emulator by TestEmulatorGaps (in the
// repository's internal/e2e module, which calls the services with the AWS
// SDK), which fails when moto no longer shows the behaviour, so the list
// cannot go stale.
var Gaps = []Gap{
	// The account baseline (constructs/baseline): moto 5.2.1 implements the
	// password policy, the service-linked role, EBS encryption by default,
	// the GuardDuty detector and EventBridge; the rest is left out of
	// emulator runs.
	leftOut("aws_accessanalyzer_analyzer", "apply fails: moto has no IAM Access Analyzer (CreateAnalyzer answers HTTP 500)",
		nil, "baseline.TestSecurityHubAndAnalyzer"),
	leftOut("aws_s3_account_public_access_block", "apply fails: the provider sends S3 Control requests to <account>.<endpoint host>, which does not resolve for a loopback emulator",
		nil, "baseline.TestAccountControls", "rules.TestRuleFixtures/ACC002"),
	leftOut("aws_ebs_default_kms_key", "apply fails: ModifyEbsDefaultKmsKeyId answers HTTP 500 (not implemented by moto's EC2)",
		[]string{"ebs.autoscaling-kms-generate-data-key", "ebs.autoscaling-kms-create-grant", "ebs.autoscaling-kms-decrypt.not-through-ec2", "ebs.kms-create-grant.other-account"},
		"baseline.TestEBSKeyPolicy", "rules.TestRuleFixtures/ACC003"),
	leftOut("aws_ec2_instance_metadata_defaults", "apply fails: ModifyInstanceMetadataDefaults answers HTTP 500 (not implemented by moto's EC2)",
		nil, "baseline.TestAccountControls", "rules.TestRuleFixtures/ACC004"),
	leftOut("aws_ebs_snapshot_block_public_access", "apply fails: EnableSnapshotBlockPublicAccess answers HTTP 500 (not implemented by moto's EC2)",
		nil, "baseline.TestAccountControls", "rules.TestRuleFixtures/ACC005"),
	leftOut("aws_ec2_image_block_public_access", "apply fails: EnableImageBlockPublicAccess answers HTTP 500 (not implemented by moto's EC2)",
		nil, "baseline.TestAccountControls", "rules.TestRuleFixtures/ACC005"),
	leftOut("aws_ec2_serial_console_access", "apply fails: DisableSerialConsoleAccess answers HTTP 500 (not implemented by moto's EC2)",
		nil, "baseline.TestAccountControls"),
	leftOut("aws_guardduty_publishing_destination", "apply fails: CreatePublishingDestination answers HTTP 404 (not implemented by moto's GuardDuty)",
		[]string{"guardduty.s3-put-object", "guardduty.s3-get-bucket-location", "guardduty.s3-put-object.other-account", "guardduty.s3-put-object.other-detector", "guardduty.kms-generate-data-key", "guardduty.kms-generate-data-key.other-detector", "guardduty.kms-generate-data-key.other-account"},
		"baseline.TestGuardDuty"),
	leftOut("aws_guardduty_detector_feature", "apply fails: reading a feature back finds nothing (\"empty result\"): moto's UpdateDetector replaces the detector's whole feature list, so one feature resource undoes the others",
		nil, "baseline.TestGuardDuty", "rules.TestRuleFixtures/ACC006"),
	leftOut("aws_securityhub_account", "apply fails: UpdateSecurityHubConfiguration (control_finding_generator, auto_enable_controls) answers HTTP 500 in moto's Security Hub",
		nil, "baseline.TestSecurityHubAndAnalyzer", "rules.TestRuleFixtures/ACC007"),
	leftOut("aws_securityhub_standards_subscription", "apply fails: BatchEnableStandards answers HTTP 404 (not implemented by moto's Security Hub)",
		nil, "baseline.TestSecurityHubAndAnalyzer", "rules.TestRuleFixtures/ACC007"),
	{
		Block:   "resource",
		Type:    "aws_cloudtrail",
		Setting: "enable_logging = false",
		Symptom: "apply fails: StartLogging returns HTTP 500 when the provider calls it with the trail ARN",
		Why: "moto's StartLogging looks the trail up by name only and fails with a KeyError (HTTP 500) on an ARN; " +
			"AWS accepts a name or an ARN.",
		Override: func(body map[string]any) (map[string]any, error) {
			if v, ok := body["enable_logging"].(bool); ok && !v {
				return nil, nil
			}
			return map[string]any{"enable_logging": false}, nil
		},
	},
	{
		Block:   "resource",
		Type:    "aws_cloudtrail",
		Setting: "(none: destroy)",
		Symptom: "after destroy the trail is still listed by the emulator (DeleteTrail with an ARN is a no-op)",
		Why: "moto deletes trails by name only; Terraform state is empty after destroy, which is what the tier asserts, " +
			"so no override is needed and none is written.",
	},
	{
		Block:    "resource",
		Type:     "aws_instance",
		Setting:  "monitoring = false",
		Symptom:  "apply fails: MonitorInstances is not implemented by the emulator",
		Why:      "moto's EC2 responses have no MonitorInstances action; detailed monitoring is a valid AWS setting.",
		Override: turnOff("monitoring"),
	},
	{
		Block:   "resource",
		Type:    "aws_instance",
		Setting: "root_block_device.volume_size = 8 (when the stack leaves the size to the AMI)",
		Symptom: "apply fails: RunInstances MissingParameter \"The request must contain the parameter size or snapshotId\"",
		Why: "moto requires VolumeSize or SnapshotId in every block device mapping; AWS merges the root device mapping " +
			"with the AMI's own (its snapshot and size), so an encrypted root_block_device without a size is valid there.",
		Override: func(body map[string]any) (map[string]any, error) {
			rbd, list := body["root_block_device"], false
			if l, ok := rbd.([]any); ok && len(l) == 1 {
				rbd, list = l[0], true
			}
			m, ok := rbd.(map[string]any)
			if !ok {
				return nil, nil
			}
			if _, ok := m["volume_size"]; ok {
				return nil, nil
			}
			// An override replaces the whole nested block: repeat it with the size.
			out := map[string]any{"volume_size": 8}
			for k, v := range m {
				out[k] = v
			}
			if list {
				return map[string]any{"root_block_device": []any{out}}, nil
			}
			return map[string]any{"root_block_device": out}, nil
		},
	},
	{
		Block:   "resource",
		Type:    "aws_instance",
		Setting: "lifecycle.ignore_changes += associate_public_ip_address, vpc_security_group_ids",
		Symptom: "re-plan replaces the instance: associate_public_ip_address false -> true (forces replacement) and vpc_security_group_ids [sg] -> []",
		Why: "with associate_public_ip_address set, the provider launches through a NetworkInterfaces spec; moto then returns " +
			"an empty Association object on the interface (AWS omits it without a public IP, and the provider reads its " +
			"presence as true) and an empty instance-level SecurityGroups list (the groups are on the interface only).",
		Override: func(body map[string]any) (map[string]any, error) {
			if _, ok := body["associate_public_ip_address"]; !ok {
				return nil, nil
			}
			attrs := []string{"associate_public_ip_address"}
			if _, ok := body["vpc_security_group_ids"]; ok {
				attrs = append(attrs, "vpc_security_group_ids")
			}
			return ignoreChanges(body, attrs...), nil
		},
	},
	{
		Block:   "resource",
		Type:    "aws_db_instance",
		Setting: "lifecycle.ignore_changes += monitoring_interval, monitoring_role_arn, performance_insights_*",
		Symptom: "re-plan updates the instance: monitoring_interval 0 -> 60, performance_insights_enabled false -> true, ...",
		Why:     "moto's RDS accepts but neither stores nor returns enhanced monitoring and Performance Insights settings.",
		Override: func(body map[string]any) (map[string]any, error) {
			var attrs []string
			for _, a := range []string{"monitoring_interval", "monitoring_role_arn", "performance_insights_enabled",
				"performance_insights_kms_key_id", "performance_insights_retention_period"} {
				if _, ok := body[a]; ok {
					attrs = append(attrs, a)
				}
			}
			if len(attrs) == 0 {
				return nil, nil
			}
			return ignoreChanges(body, attrs...), nil
		},
	},
	ignoreAttribute("aws_db_parameter_group", "parameter",
		"re-plan updates the group: parameter [] -> [{name = \"rds.force_ssl\", value = \"1\", ...}]",
		"moto's DescribeDBParameters returns the parameters set on the group without their Source (\"user\" in AWS), "+
			"and the provider keeps only parameters whose Source is user; the value itself is stored and returned."),
	ignoreAttribute("aws_sns_topic", "signature_version",
		"re-plan updates the topic: signature_version 0 -> 2",
		"moto's GetTopicAttributes does not return SignatureVersion."),
	ignoreAttribute("aws_lambda_function", "kms_key_arn",
		"re-plan shows kms_key_arn changing from null to the key on every run",
		"moto's GetFunction does not return KMSKeyArn for a function created with one; AWS does."),
	ignoreAttribute("aws_acm_certificate", "key_algorithm",
		"re-plan replaces the certificate (and its validation records, validation and every listener using it): key_algorithm \"RSA_2048\" -> \"EC_prime256v1\"",
		"moto's RequestCertificate ignores KeyAlgorithm and DescribeCertificate reports RSA-2048 for every certificate; AWS issues the "+
			"requested ECDSA P-256 key (https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html, KeyAlgorithm)."),
	{
		Block:   "resource",
		Type:    "aws_lb",
		Setting: "(none: deletion protection not enforced)",
		Symptom: "prod's destroy deletes the load balancer although enable_deletion_protection = true; AWS refuses DeleteLoadBalancer " +
			"(OperationNotPermitted) until the attribute is turned off",
		Why: "moto stores deletion_protection.enabled but DeleteLoadBalancer ignores it. No override: the emulator tier passes " +
			"where a real destroy of prod stops, which is the protection's purpose (turn it off first: " +
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection).",
	},
	{
		Block:   "resource",
		Type:    "aws_ecs_service",
		Setting: "lifecycle.ignore_changes += availability_zone_rebalancing, health_check_grace_period_seconds",
		Symptom: "re-plan updates the service: availability_zone_rebalancing \"\" -> \"DISABLED\", health_check_grace_period_seconds 0 -> 60",
		Why: "moto's DescribeServices returns neither healthCheckGracePeriodSeconds nor availabilityZoneRebalancing for a service " +
			"created with them; AWS returns both (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Service.html).",
		Override: func(body map[string]any) (map[string]any, error) {
			return ignoreChanges(body, "availability_zone_rebalancing", "health_check_grace_period_seconds"), nil
		},
	},
	{
		Block:    "resource",
		Type:     "aws_vpc_security_group_ingress_rule",
		Setting:  "lifecycle.ignore_changes += description",
		Symptom:  "re-plan shows description changing on rules that use referenced_security_group_id",
		Why:      "moto drops the description of a rule whose peer is another security group (UserIdGroupPairs); AWS keeps it.",
		Override: referencedRuleDescription,
	},
	{
		Block:    "resource",
		Type:     "aws_vpc_security_group_egress_rule",
		Setting:  "lifecycle.ignore_changes += description",
		Symptom:  "re-plan shows description changing on rules that use referenced_security_group_id",
		Why:      "moto drops the description of a rule whose peer is another security group (UserIdGroupPairs); AWS keeps it.",
		Override: referencedRuleDescription,
	},
	{
		Block:   "resource",
		Type:    "aws_vpc_security_group_egress_rule",
		Setting: "lifecycle.ignore_changes += description (prefix list peers)",
		Symptom: "re-plan shows description changing from null on rules whose peer is a managed prefix list (prefix_list_id: the S3 gateway endpoint's)",
		Why:     "moto drops the description of a rule whose peer is a prefix list (PrefixListIds); AWS keeps it.",
		Override: func(body map[string]any) (map[string]any, error) {
			_, pl := body["prefix_list_id"]
			_, desc := body["description"]
			if !pl || !desc {
				return nil, nil
			}
			return ignoreChanges(body, "description"), nil
		},
	},
	{
		Block:   "resource",
		Type:    "aws_s3_bucket_policy",
		Setting: "policy without the TLS-only Deny (Bool aws:SecureTransport = false); count = 0 when that Deny is the whole policy",
		Symptom: "every object call on the bucket is refused with 403 (the Lambda artifact upload, object reads, force_destroy)",
		Why: "moto applies a bucket policy statement to object calls without evaluating its Condition, so the Deny that AWS " +
			"applies only to non-TLS requests denies every request (it also denies when the condition reads \"true\"); " +
			"and the emulator endpoint is plain HTTP, where AWS would rightly deny too, while the provider always uses " +
			"HTTPS against AWS. Only that statement is dropped, only in the override; every other statement (CloudTrail, " +
			"Config, grants) is kept byte for byte, and the synth tier still asserts the Deny in cdk.tf.json. " +
			"Note: moto also treats an Allow whose Condition it cannot verify (the CloudTrail/Config PutObject statements) " +
			"as a Deny for that action on the whole bucket; nothing writes objects to the logs bucket in a deploy, so no " +
			"override is needed for it.",
		Override: dropTLSDenyFromPolicy,
		// The TLS-only Deny and the conditioned service writes moto does not
		// evaluate are proven by the access tier instead.
		ProvenBy: []string{"s3.insecure-transport", "cloudtrail.s3-put-object", "cloudtrail.s3-put-object.other-trail",
			"cloudtrail.s3-put-object.other-account", "config.s3-put-object", "config.s3-put-object.other-account"},
	},
	{
		Block:   "resource",
		Type:    "aws_s3_bucket_policy",
		Setting: "the S3 server access logging statement's one-element Principal.Service and Resource lists written as plain strings",
		Symptom: "apply fails: PutBucketLogging returns InvalidTargetBucketForLogging (\"You must either provide the necessary " +
			"permissions to the logging service using a bucket policy or give the log-delivery group WRITE and READ_ACP permissions\")",
		Why: "moto accepts a target bucket policy only when a statement's Principal.Service is the string " +
			"\"logging.s3.amazonaws.com\" and its Resource the string \"arn:aws:s3:::<bucket>/*\"; the library writes both " +
			"as one-element lists, which AWS treats as the same policy. Only that statement is rewritten (semantically " +
			"equal), after the TLS-only Deny entry above.",
		Override: scalarLoggingStatement,
		// What the statement allows and refuses is proven offline.
		ProvenBy: []string{"s3logging.s3-put-object", "s3logging.s3-put-object.other-source"},
	},
	{
		Block:   "resource",
		Type:    "aws_db_instance",
		Setting: "deletion_protection = false (before destroy only)",
		Symptom: "destroy fails: DeleteDBInstance refuses an instance with deletion protection, and the instance, its " +
			"subnet group, security group and VPC stay behind",
		Why: "not an emulator defect: AWS refuses too, and that is what prod's deletion protection is for. The deploy tier " +
			"must leave nothing behind, so in emulator runs only, after apply and the zero-change re-plan have tested the " +
			"stack as written, the override turns the protection off, Run applies that one change and then destroys, as an " +
			"operator would in a reviewed change (see the RDS005 suppression in the reference stack).",
		BeforeDestroy: true,
		Override:      turnOff("deletion_protection"),
	},
	{
		Block:   "resource",
		Type:    "aws_s3_bucket",
		Setting: "force_destroy = true (before destroy only)",
		Symptom: "destroy fails: DeleteBucket returns BucketNotEmpty for a bucket that keeps its data (prod's access-logs " +
			"bucket, which the emulator fills with server access logs during the run, as AWS does)",
		Why: "not an emulator defect: AWS refuses too, and that is what force_destroy = false is for in prod. As for the " +
			"database's deletion protection, in emulator runs only, after apply and the re-plan, the override lets destroy " +
			"empty the bucket so the tier leaves nothing behind.",
		BeforeDestroy: true,
		Override: func(body map[string]any) (map[string]any, error) {
			if v, ok := body["force_destroy"].(bool); ok && v {
				return nil, nil
			}
			return map[string]any{"force_destroy": true}, nil
		},
	},
	{
		Block:    "data",
		Type:     "aws_iam_policy_document",
		Setting:  "statement blocks without the TLS-only Deny (Bool aws:SecureTransport = false)",
		Symptom:  "as for aws_s3_bucket_policy, when a bucket policy is built from a policy document data source",
		Why:      "same moto behaviour; only the Deny statement is dropped.",
		Override: dropTLSDenyFromDocument,
		ProvenBy: []string{"s3.insecure-transport"},
	},
}

// scalarLoggingStatement rewrites a literal JSON bucket policy so that each
// statement whose principal is the S3 logging service has its one-element
// Principal.Service and Resource lists as plain strings; nil when none has.
func scalarLoggingStatement(body map[string]any) (map[string]any, error) {
	s, ok := body["policy"].(string)
	if !ok || !strings.HasPrefix(strings.TrimSpace(s), "{") {
		return nil, nil
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		return nil, fmt.Errorf("policy is not JSON: %w", err)
	}
	list, _ := doc["Statement"].([]any)
	changed := false
	for _, raw := range list {
		st, _ := raw.(map[string]any)
		pr, _ := st["Principal"].(map[string]any)
		svc, _ := pr["Service"].([]any)
		if len(svc) != 1 || svc[0] != "logging.s3.amazonaws.com" {
			continue
		}
		pr["Service"] = svc[0]
		if res, _ := st["Resource"].([]any); len(res) == 1 {
			st["Resource"] = res[0]
		}
		changed = true
	}
	if !changed {
		return nil, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep Terraform references byte for byte
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return map[string]any{"policy": strings.TrimSpace(b.String())}, nil
}

// gapOverrides returns the override entries ("resource"/"data" -> type ->
// name -> body) the gaps add for doc; the BeforeDestroy ones only when
// destroying is set.
func gapOverrides(doc map[string]any, gaps []Gap, destroying bool) (map[string]any, error) {
	out := map[string]any{}
	for _, g := range gaps {
		if g.Override == nil || (g.BeforeDestroy && !destroying) {
			continue
		}
		top, _ := doc[g.Block].(map[string]any)
		byName, _ := top[g.Type].(map[string]any)
		names := make([]string, 0, len(byName))
		for n := range byName {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range names {
			body, _ := byName[name].(map[string]any)
			kind, _ := out[g.Block].(map[string]any)
			typ, _ := kind[g.Type].(map[string]any)
			if prev, _ := typ[name].(map[string]any); prev != nil {
				merged := make(map[string]any, len(body)+len(prev))
				for k, v := range body {
					merged[k] = v
				}
				for k, v := range prev {
					merged[k] = v
				}
				body = merged
			}
			ov, err := g.Override(body)
			if err != nil {
				return nil, fmt.Errorf("%s.%s.%s (%s): %w", g.Block, g.Type, name, g.Setting, err)
			}
			if ov == nil {
				continue
			}
			if kind == nil {
				kind = map[string]any{}
				out[g.Block] = kind
			}
			if typ == nil {
				typ = map[string]any{}
				kind[g.Type] = typ
			}
			prev, _ := typ[name].(map[string]any)
			typ[name] = mergeOverride(prev, ov)
		}
	}
	return out, nil
}

// mergeOverride combines two override bodies for the same block, uniting
// their lifecycle.ignore_changes lists.
func mergeOverride(a, b map[string]any) map[string]any {
	if a == nil {
		return b
	}
	for k, v := range b {
		if k == "lifecycle" {
			la, _ := a["lifecycle"].(map[string]any)
			lb, _ := v.(map[string]any)
			if la != nil && lb != nil {
				a["lifecycle"] = map[string]any{"ignore_changes": union(la["ignore_changes"], lb["ignore_changes"])}
				continue
			}
		}
		a[k] = v
	}
	return a
}

// ignoreChanges returns a lifecycle override adding attrs to the block's own
// ignore_changes (an override replaces the list, so the stack's entries are
// kept). A block that already ignores "all" needs nothing more.
func ignoreChanges(body map[string]any, attrs ...string) map[string]any {
	lc, _ := body["lifecycle"].(map[string]any)
	if s, ok := lc["ignore_changes"].(string); ok && s == "all" {
		return nil
	}
	extra := make([]any, len(attrs))
	for i, a := range attrs {
		extra[i] = a
	}
	return map[string]any{"lifecycle": map[string]any{"ignore_changes": union(lc["ignore_changes"], extra)}}
}

func union(a, b any) []any {
	seen := map[string]bool{}
	var out []any
	for _, l := range []any{a, b} {
		list, _ := l.([]any)
		for _, v := range list {
			s := fmt.Sprint(v)
			if !seen[s] {
				seen[s] = true
				out = append(out, v)
			}
		}
	}
	return out
}

func referencedRuleDescription(body map[string]any) (map[string]any, error) {
	_, ref := body["referenced_security_group_id"]
	_, desc := body["description"]
	if !ref || !desc {
		return nil, nil
	}
	return ignoreChanges(body, "description"), nil
}

// isTLSDeny reports whether a parsed policy statement is the TLS-only Deny:
// Effect Deny with Condition Bool aws:SecureTransport "false".
func isTLSDeny(st map[string]any) bool {
	if st["Effect"] != "Deny" {
		return false
	}
	cond, _ := st["Condition"].(map[string]any)
	b, _ := cond["Bool"].(map[string]any)
	return isFalse(b["aws:SecureTransport"])
}

func isFalse(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.EqualFold(x, "false")
	case bool:
		return !x
	case []any:
		return len(x) == 1 && isFalse(x[0])
	}
	return false
}

// dropTLSDenyFromPolicy rewrites a literal JSON policy (Terraform references
// inside strings are kept verbatim) without its TLS-only Deny statements.
// When the Deny is the only statement the policy resource gets count = 0 (an
// empty policy is refused). A policy that is one whole reference (e.g. to a
// data source) is left to the data source gap.
func dropTLSDenyFromPolicy(body map[string]any) (map[string]any, error) {
	s, ok := body["policy"].(string)
	if !ok || !strings.HasPrefix(strings.TrimSpace(s), "{") {
		return nil, nil
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		return nil, fmt.Errorf("policy is not JSON: %w", err)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(doc["Statement"], &list); err != nil {
		list = []json.RawMessage{doc["Statement"]} // a single statement object
	}
	var kept []json.RawMessage
	for _, raw := range list {
		var st map[string]any
		if err := json.Unmarshal(raw, &st); err == nil && isTLSDeny(st) {
			continue
		}
		kept = append(kept, raw)
	}
	if len(kept) == len(list) {
		return nil, nil
	}
	if len(kept) == 0 {
		// An empty policy is refused; the emulator bucket gets none at all.
		return map[string]any{"count": 0}, nil
	}
	// Rebuild with Version first and every kept statement byte for byte.
	var b bytes.Buffer
	b.WriteString("{")
	keys := make([]string, 0, len(doc))
	for k := range doc {
		if k != "Version" && k != "Statement" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if _, ok := doc["Version"]; ok {
		keys = append([]string{"Version"}, keys...)
	}
	for _, k := range keys {
		kj, _ := json.Marshal(k)
		b.Write(kj)
		b.WriteString(":")
		b.Write(doc[k])
		b.WriteString(",")
	}
	b.WriteString(`"Statement":[`)
	for i, raw := range kept {
		if i > 0 {
			b.WriteString(",")
		}
		b.Write(raw)
	}
	b.WriteString("]}")
	return map[string]any{"policy": b.String()}, nil
}

// dropTLSDenyFromDocument rewrites an aws_iam_policy_document's statement
// blocks without the TLS-only Deny (an override replaces all statement blocks).
func dropTLSDenyFromDocument(body map[string]any) (map[string]any, error) {
	list, _ := body["statement"].([]any)
	var kept []any
	for _, st := range list {
		if m, ok := st.(map[string]any); ok && isTLSDenyBlock(m) {
			continue
		}
		kept = append(kept, st)
	}
	if len(kept) == len(list) {
		return nil, nil
	}
	return map[string]any{"statement": kept}, nil
}

func isTLSDenyBlock(st map[string]any) bool {
	if st["effect"] != "Deny" {
		return false
	}
	conds, _ := st["condition"].([]any)
	for _, c := range conds {
		m, _ := c.(map[string]any)
		if m["test"] == "Bool" && m["variable"] == "aws:SecureTransport" && isFalse(m["values"]) {
			return true
		}
	}
	return false
}

// leftOut is a resource type moto 5.2.1 does not implement: emulator runs
// leave it out (see Gap.LeftOut); provenBy and testedBy prove it instead.
func leftOut(typ, symptom string, provenBy []string, testedBy ...string) Gap {
	return Gap{
		Block:   "resource",
		Type:    typ,
		Setting: LeftOutSetting,
		Symptom: symptom,
		Why: "moto 5.2.1 does not implement the API (TestEmulatorGaps calls it); the resource is valid on AWS, " +
			"so emulator runs leave it out and the access expectations and tests named here prove its configuration",
		LeftOut:  true,
		ProvenBy: provenBy,
		TestedBy: testedBy,
	}
}

// LeftOutSetting is the Setting of every LeftOut gap.
const LeftOutSetting = "(left out of emulator runs: not implemented)"

// RemoveLeftOut rewrites the cdk.tf.json of a working copy of a stack
// without the resources of the LeftOut gaps' types and every resource,
// data source or output that refers to one of them (by "${type.name...}"
// or depends_on), transitively. It returns the removed addresses, sorted.
func RemoveLeftOut(stackDir string) ([]string, error) {
	doc, err := readStack(stackDir)
	if err != nil {
		return nil, err
	}
	removed := leaveOut(doc, Gaps)
	if len(removed) == 0 {
		return nil, nil
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return removed, os.WriteFile(filepath.Join(stackDir, "cdk.tf.json"), b, 0o644)
}

func leaveOut(doc map[string]any, gaps []Gap) []string {
	gone := map[string]bool{}
	res, _ := doc["resource"].(map[string]any)
	for _, g := range gaps {
		if !g.LeftOut {
			continue
		}
		byName, _ := res[g.Type].(map[string]any)
		for name := range byName {
			gone[g.Type+"."+name] = true
		}
	}
	if len(gone) == 0 {
		return nil
	}
	refersToGone := func(body any) bool {
		b, _ := json.Marshal(body)
		text := string(b)
		for addr := range gone {
			// depends_on entries are the bare address; references sit in
			// interpolations, alone or inside an expression.
			if strings.Contains(text, `"`+addr+`"`) || containsRef(text, addr) {
				return true
			}
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for _, block := range []string{"resource", "data"} {
			top, _ := doc[block].(map[string]any)
			for typ, raw := range top {
				byName, _ := raw.(map[string]any)
				for name, body := range byName {
					addr := typ + "." + name
					if block == "data" {
						addr = "data." + addr
					}
					if gone[addr] {
						continue
					}
					if refersToGone(body) {
						gone[addr] = true
						changed = true
					}
				}
			}
		}
	}
	var out []string
	for addr := range gone {
		out = append(out, addr)
	}
	sort.Strings(out)
	for _, addr := range out {
		block, rest := "resource", addr
		if strings.HasPrefix(addr, "data.") {
			block, rest = "data", strings.TrimPrefix(addr, "data.")
		}
		typ, name, _ := strings.Cut(rest, ".")
		top, _ := doc[block].(map[string]any)
		byName, _ := top[typ].(map[string]any)
		delete(byName, name)
		if len(byName) == 0 {
			delete(top, typ)
		}
	}
	if outs, ok := doc["output"].(map[string]any); ok {
		for name, body := range outs {
			if refersToGone(body) {
				delete(outs, name)
				out = append(out, "output."+name)
			}
		}
	}
	return out
}

// containsRef reports whether text holds a reference to addr inside an
// interpolation ("${... addr.attr ...}").
func containsRef(text, addr string) bool {
	for i := strings.Index(text, "${"); i >= 0; {
		end := strings.Index(text[i:], "}")
		if end < 0 {
			return false
		}
		if strings.Contains(text[i:i+end], addr+".") {
			return true
		}
		next := strings.Index(text[i+end:], "${")
		if next < 0 {
			return false
		}
		i += end + next
	}
	return false
}

// ignoreAttribute is the common gap: the emulator does not return attr of
// a resource of type typ as AWS does, so the re-plan shows it changing;
// the override adds attr to lifecycle.ignore_changes wherever the stack
// sets it.
func ignoreAttribute(typ, attr, symptom, why string) Gap {
	return Gap{
		Block:   "resource",
		Type:    typ,
		Setting: "lifecycle.ignore_changes += " + attr,
		Symptom: symptom,
		Why:     why,
		Override: func(body map[string]any) (map[string]any, error) {
			if _, ok := body[attr]; !ok {
				return nil, nil
			}
			return ignoreChanges(body, attr), nil
		},
	}
}

// turnOff overrides a boolean attribute to false wherever the stack sets it
// to true, and leaves other blocks alone.
func turnOff(attr string) func(body map[string]any) (map[string]any, error) {
	return func(body map[string]any) (map[string]any, error) {
		if v, ok := body[attr].(bool); !ok || !v {
			return nil, nil
		}
		return map[string]any{attr: false}, nil
	}
}
