package guard

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// realAudit is a stack synthesized by constructs/audit and constructs/storage
// (two trails, Config, a KMS key with service statements, a logs bucket):
// real cdktf output shapes, not hand-written JSON.
const realAudit = "testdata/synthesized/audit/cdk.tf.json"

func TestSynthesizedAuditStackIsClean(t *testing.T) {
	rep, err := CheckFile(realAudit, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("%s: findings on a stack built to the DESIGN.md defaults:%s", realAudit, dump(rep.Findings))
	}
}

// TestSynthesizedAuditStackMutations breaks the real stack the way the seeds
// describe and checks the matching rule fires.
func TestSynthesizedAuditStackMutations(t *testing.T) {
	tests := []struct {
		name   string
		rule   string
		mutate func(res map[string]map[string]map[string]any)
		want   string // substring of a finding message
	}{
		{"trail renamed: SourceArn no longer matches", "CT002", func(res map[string]map[string]map[string]any) {
			for _, tr := range res["aws_cloudtrail"] {
				if tr["name"] == "acme-dev-trail" {
					tr["name"] = "acme-dev-audit"
				}
			}
		}, `names trail "acme-dev-trail"`},
		{"trail does not wait for the bucket policy", "CT004", func(res map[string]map[string]map[string]any) {
			for _, tr := range res["aws_cloudtrail"] {
				delete(tr, "depends_on")
			}
		}, "does not depend on aws_s3_bucket_policy."},
		{"key policy without the logs statement", "KMS003", func(res map[string]map[string]map[string]any) {
			for _, k := range res["aws_kms_key"] {
				k["policy"] = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*"}]}`
			}
		}, "aws_cloudwatch_log_group."},
		{"bucket policy without CloudTrail statements", "CT001", func(res map[string]map[string]map[string]any) {
			for _, p := range res["aws_s3_bucket_policy"] {
				p["policy"] = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
			}
		}, "lacks s3:GetBucketAcl"},
		{"access logging points at another bucket", "S3006", func(res map[string]map[string]map[string]any) {
			for _, l := range res["aws_s3_bucket_logging"] {
				l["bucket"] = "some-other-bucket"
			}
		}, "has no server access logging"},
		{"wildcard account in the key policy", "KMS001", func(res map[string]map[string]map[string]any) {
			for _, k := range res["aws_kms_key"] {
				k["policy"] = strings.Replace(k["policy"].(string), "iam::${data.aws_caller_identity.context_caller_CB9F32B7.account_id}:root", "iam::*:root", 1)
			}
		}, "wildcard account"},
	}
	b, err := os.ReadFile(realAudit)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			res := map[string]map[string]map[string]any{}
			for typ, byName := range doc["resource"].(map[string]any) {
				res[typ] = map[string]map[string]any{}
				for name, body := range byName.(map[string]any) {
					res[typ][name] = body.(map[string]any)
				}
			}
			tt.mutate(res)
			out, _ := json.Marshal(doc)
			file := filepath.Join(t.TempDir(), "cdk.tf.json")
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err := CheckFile(file, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range findingsOf(rep, tt.rule) {
				found = found || strings.Contains(f.Message, tt.want)
			}
			if !found {
				t.Errorf("%s did not report %q; findings:%s", tt.rule, tt.want, dump(rep.Findings))
			}
		})
	}
}
