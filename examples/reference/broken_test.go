package reference_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// TestGuardCatchesBrokenCopies breaks a copy of the synthesized reference
// stack in the ways the seed documents describe and requires the guard to
// report each with the right rule ID.
func TestGuardCatchesBrokenCopies(t *testing.T) {
	src := synth.Get(t).Stack(t, "acme-dev")
	orig, err := os.ReadFile(src.Path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		rule   string
		mutate func(t *testing.T, doc map[string]any)
	}{
		{"key policy open to every account", "KMS001", func(t *testing.T, doc map[string]any) {
			for _, k := range resources(doc, "aws_kms_key") {
				k["policy"] = rootPrincipal.ReplaceAllString(k["policy"].(string), `"arn:aws:iam::*:root"`)
			}
		}},
		{"key rotation off", "KMS002", func(t *testing.T, doc map[string]any) {
			for _, k := range resources(doc, "aws_kms_key") {
				k["enable_key_rotation"] = false
			}
		}},
		{"internet gateway never attached", "NET001", func(t *testing.T, doc map[string]any) {
			delete(doc["resource"].(map[string]any), "aws_internet_gateway_attachment")
			dropDependsOn(doc, "aws_internet_gateway_attachment.")
		}},
		{"trail written before its bucket policy", "CT004", func(t *testing.T, doc map[string]any) {
			for _, tr := range resources(doc, "aws_cloudtrail") {
				delete(tr, "depends_on")
			}
		}},
		{"bucket policy SourceArn names another trail", "CT002", func(t *testing.T, doc map[string]any) {
			for _, p := range resources(doc, "aws_s3_bucket_policy") {
				p["policy"] = strings.ReplaceAll(p["policy"].(string), ":trail/acme-dev-trail", ":trail/acme-dev-other")
			}
		}},
		{"Lambda pointing at a zip that does not exist", "LMB001", func(t *testing.T, doc map[string]any) {
			for _, f := range resources(doc, "aws_lambda_function") {
				delete(f, "s3_bucket")
				delete(f, "s3_key")
				f["filename"] = "lambda-placeholder.zip"
			}
		}},
		{"deprecated runtime", "LMB002", func(t *testing.T, doc map[string]any) {
			for _, f := range resources(doc, "aws_lambda_function") {
				f["runtime"] = "nodejs18.x"
			}
		}},
		{"bucket name from the clock", "TF004", func(t *testing.T, doc map[string]any) {
			for _, b := range resources(doc, "aws_s3_bucket") {
				b["bucket"] = "acme-dev-app-${timestamp()}"
			}
		}},
		{"log group without a key", "MON001", func(t *testing.T, doc map[string]any) {
			for _, g := range resources(doc, "aws_cloudwatch_log_group") {
				delete(g, "kms_key_id")
			}
		}},
		{"alarm without actions", "MON003", func(t *testing.T, doc map[string]any) {
			for _, a := range resources(doc, "aws_cloudwatch_metric_alarm") {
				delete(a, "alarm_actions")
			}
		}},
		{"EC2 user_data in the clear and IMDSv1", "EC2001", func(t *testing.T, doc map[string]any) {
			for _, i := range resources(doc, "aws_instance") {
				delete(i, "metadata_options")
			}
		}},
		{"MFA delete through Terraform", "S3005", func(t *testing.T, doc map[string]any) {
			for _, v := range resources(doc, "aws_s3_bucket_versioning") {
				v["versioning_configuration"].(map[string]any)["mfa_delete"] = "Enabled"
			}
		}},
		{"Config recorder never started", "CFG001", func(t *testing.T, doc map[string]any) {
			delete(doc["resource"].(map[string]any), "aws_config_configuration_recorder_status")
			dropDependsOn(doc, "aws_config_configuration_recorder_status.")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(orig, &doc); err != nil {
				t.Fatal(err)
			}
			tt.mutate(t, doc)
			dir := t.TempDir()
			b, _ := json.MarshalIndent(doc, "", "  ")
			path := filepath.Join(dir, "cdk.tf.json")
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err := guard.CheckFile(path, guard.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.RuleID)
				if f.RuleID == tt.rule {
					return
				}
			}
			t.Errorf("guard did not report %s; findings: %v", tt.rule, got)
		})
	}
}

func resources(doc map[string]any, typ string) []map[string]any {
	var out []map[string]any
	byType, _ := doc["resource"].(map[string]any)[typ].(map[string]any)
	for _, r := range byType {
		out = append(out, r.(map[string]any))
	}
	if len(out) == 0 {
		panic("reference stack has no " + typ)
	}
	return out
}

// dropDependsOn removes depends_on entries that start with prefix everywhere.
func dropDependsOn(doc map[string]any, prefix string) {
	for _, byType := range doc["resource"].(map[string]any) {
		for _, r := range byType.(map[string]any) {
			body := r.(map[string]any)
			list, _ := body["depends_on"].([]any)
			var keep []any
			for _, d := range list {
				if !strings.HasPrefix(d.(string), prefix) {
					keep = append(keep, d)
				}
			}
			switch {
			case list != nil && len(keep) == 0:
				delete(body, "depends_on") // null is not a list: the guard refuses it
			case list != nil:
				body["depends_on"] = keep
			}
		}
	}
}

var rootPrincipal = regexp.MustCompile(`"arn:\$\{data\.aws_partition\.[^}]+\}:iam::\$\{data\.aws_caller_identity\.[^}]+\}:root"`)
