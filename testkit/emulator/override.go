package emulator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// OverrideFile is the name of the emulator override written beside cdk.tf.json.
const OverrideFile = "moto_override.tf.json"

// DefaultServices are the AWS provider 5.x `endpoints` names of every service
// the library's constructs (and the provider's own account lookups) call.
var DefaultServices = []string{
	"acm",           // aws_acm_certificate, its validation
	"cloudtrail",    // aws_cloudtrail
	"cloudwatch",    // aws_cloudwatch_metric_alarm
	"configservice", // aws_config_*
	"dynamodb",      // aws_dynamodb_table
	"ec2",           // VPC, subnets, gateways, security groups, instances
	"ecr",           // aws_ecr_repository
	"ecs",           // aws_ecs_cluster, task definitions, services
	"elbv2",         // aws_lb, listeners, target groups
	"events",        // aws_cloudwatch_event_*
	"guardduty",     // aws_guardduty_detector, its features
	"securityhub",   // aws_securityhub_account
	"iam",           // roles, policies, instance profiles
	"kms",           // aws_kms_key, aws_kms_alias
	"lambda",        // aws_lambda_function, permissions
	"logs",          // aws_cloudwatch_log_group, metric filters
	"rds",           // aws_db_instance, subnet groups
	"route53",       // hosted zones, validation and alias records
	"s3",            // buckets, objects, bucket configuration
	"scheduler",     // aws_scheduler_schedule
	"s3control",     // account-level public access block
	"secretsmanager",
	"sns",   // aws_sns_topic
	"sqs",   // dead-letter queues
	"ssm",   // parameters, EC2 management
	"sts",   // aws_caller_identity, the provider's account lookup
	"wafv2", // aws_wafv2_web_acl, association, logging configuration
}

// WriteOverride writes OverrideFile into stackDir (cdk.tf.json is never
// touched). It points every aws provider block, aliased ones included, at the
// emulator endpoint with static "test" credentials, a small retry budget
// (one persistent emulator HTTP 500 otherwise stalls apply for many minutes)
// and path-style S3; forces a local state file in the stack folder; and adds
// the Gaps entries for the resources of the stack they apply to. services are
// provider `endpoints` names; nil means DefaultServices.
func WriteOverride(stackDir, endpoint string, services []string) error {
	doc, err := readStack(stackDir)
	if err != nil {
		return err
	}
	ov, err := buildOverride(doc, endpoint, services, false)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(stackDir, "cdk.tf.json"), err)
	}
	return writeOverrideFile(stackDir, ov)
}

// WriteDestroyOverride rewrites OverrideFile like WriteOverride, adding the
// Gaps marked BeforeDestroy. changed reports whether any of them applies to
// the stack, i.e. whether an apply is needed before destroy.
func WriteDestroyOverride(stackDir, endpoint string, services []string) (changed bool, err error) {
	doc, err := readStack(stackDir)
	if err != nil {
		return false, err
	}
	before, err := gapOverrides(doc, Gaps, false)
	if err != nil {
		return false, err
	}
	after, err := gapOverrides(doc, Gaps, true)
	if err != nil {
		return false, err
	}
	ov, err := buildOverride(doc, endpoint, services, true)
	if err != nil {
		return false, fmt.Errorf("%s: %w", filepath.Join(stackDir, "cdk.tf.json"), err)
	}
	a, _ := json.Marshal(before)
	b, _ := json.Marshal(after)
	return string(a) != string(b), writeOverrideFile(stackDir, ov)
}

func writeOverrideFile(stackDir string, ov map[string]any) error {
	b, err := json.MarshalIndent(ov, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(stackDir, OverrideFile), append(b, '\n'), 0o644)
}

func readStack(stackDir string) (map[string]any, error) {
	p := filepath.Join(stackDir, "cdk.tf.json")
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return doc, nil
}

func buildOverride(doc map[string]any, endpoint string, services []string, destroying bool) (map[string]any, error) {
	if services == nil {
		services = DefaultServices
	}
	endpoints := map[string]any{}
	for _, s := range services {
		endpoints[s] = endpoint
	}
	var providers []any
	for _, alias := range awsProviderAliases(doc) {
		p := map[string]any{
			"access_key":                  "test",
			"secret_key":                  "test",
			"max_retries":                 3,
			"skip_credentials_validation": true,
			"skip_metadata_api_check":     "true",
			"s3_use_path_style":           true,
			"endpoints":                   []any{endpoints},
		}
		if alias != "" {
			p["alias"] = alias
		}
		providers = append(providers, p)
	}
	if len(providers) == 0 {
		return nil, fmt.Errorf("no provider \"aws\" block to point at the emulator")
	}
	ov := map[string]any{
		"provider":  map[string]any{"aws": providers},
		"terraform": map[string]any{"backend": map[string]any{"local": map[string]any{"path": "terraform.tfstate"}}},
	}
	gaps, err := gapOverrides(doc, Gaps, destroying)
	if err != nil {
		return nil, err
	}
	for kind, byType := range gaps {
		ov[kind] = byType
	}
	return ov, nil
}

// awsProviderAliases lists the alias of every aws provider block ("" for the
// default one), whether the stack writes provider.aws as a list or an object.
func awsProviderAliases(doc map[string]any) []string {
	prov, _ := doc["provider"].(map[string]any)
	var blocks []any
	switch v := prov["aws"].(type) {
	case []any:
		blocks = v
	case map[string]any:
		blocks = []any{v}
	}
	seen := map[string]bool{}
	var out []string
	for _, b := range blocks {
		m, _ := b.(map[string]any)
		alias, _ := m["alias"].(string)
		if !seen[alias] {
			seen[alias] = true
			out = append(out, alias)
		}
	}
	sort.Strings(out)
	return out
}
