package access

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func loadFixture(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("testdata/trail/cdk.tf.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestResolveBindsReferences(t *testing.T) {
	s, err := NewStack("fixture", loadFixture(t), Binding{Account: "210987654321", Region: "cn-north-1"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"${data.aws_caller_identity.context_caller_CB9F32B7.account_id}", "210987654321"},
		{"arn:${data.aws_partition.context_partition_B73F2326.partition}:s3:::x", "arn:aws-cn:s3:::x"},
		{"logs.${data.aws_region.context_region_3F66BB3A.name}.${data.aws_partition.context_partition_B73F2326.dns_suffix}", "logs.cn-north-1.amazonaws.com.cn"},
		{"${aws_s3_bucket.logs_bucket_5A22438C.arn}/AWSLogs/*", "arn:aws-cn:s3:::acme-dev-logs/AWSLogs/*"},
		{"${aws_s3_bucket.logs_bucket_5A22438C.bucket}", "acme-dev-logs"},
		{"${aws_cloudtrail.trail_3987B402.arn}", "arn:aws-cn:cloudtrail:cn-north-1:210987654321:trail/acme-dev-trail"},
		{"${aws_cloudwatch_log_group.trail_logs_group_1B16522C.arn}:*", "arn:aws-cn:logs:cn-north-1:210987654321:log-group:/aws/cloudtrail/acme-dev-trail:*"},
		{"${aws_iam_role.trail_cloudwatch-role_E89E0869.arn}", "arn:aws-cn:iam::210987654321:role/acme-dev-trail-cloudwatch"},
		{"home/$${aws:username}/", "home/${aws:username}/"},
	}
	for _, tt := range tests {
		if got := s.Resolve(tt.in); got != tt.want {
			t.Errorf("Resolve(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	if u := s.Unresolved(); len(u) != 0 {
		t.Errorf("unresolved references: %v", u)
	}
	if got := s.Resolve("${var.nope}"); !strings.HasPrefix(got, "<unresolved:") {
		t.Errorf("an unknown reference resolved to %q; want an <unresolved:...> marker", got)
	}
	if u := s.Unresolved(); len(u) != 1 || u[0] != "var.nope" {
		t.Errorf("Unresolved() = %v; want [var.nope]", u)
	}
}

func TestDefaultsComeFromTheProvider(t *testing.T) {
	doc := loadFixture(t)
	doc["provider"] = map[string]any{"aws": []any{map[string]any{"region": "eu-west-1"}}}
	s, err := NewStack("fixture", doc, Binding{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Bind != (Binding{Account: PlaceholderAccount, Region: "eu-west-1", Partition: "aws"}) {
		t.Errorf("Bind = %+v; want the placeholder account, the provider's region, partition aws", s.Bind)
	}
}

// TestPolicyForms: a bucket policy written as an aws_iam_policy_document
// data source and as ${jsonencode({...})} (CDKTF's Fn.jsonencode) is
// evaluated like the literal JSON, policy variables ($${...}) included.
func TestPolicyForms(t *testing.T) {
	docSource := map[string]any{"bp": map[string]any{
		"statement": []any{
			map[string]any{"sid": "TLS", "effect": "Deny", "actions": []any{"s3:*"},
				"resources":  []any{"${aws_s3_bucket.logs_bucket_5A22438C.arn}/*"},
				"principals": []any{map[string]any{"type": "*", "identifiers": []any{"*"}}},
				"condition":  []any{map[string]any{"test": "Bool", "variable": "aws:SecureTransport", "values": []any{"false"}}}},
			map[string]any{"sid": "Read", "actions": []any{"s3:GetObject"}, "resources": []any{"${aws_s3_bucket.logs_bucket_5A22438C.arn}/$${aws:username}/*"},
				"principals": []any{map[string]any{"type": "AWS", "identifiers": []any{"arn:aws:iam::${data.aws_caller_identity.context_caller_CB9F32B7.account_id}:user/Bob"}}}},
		}}}
	jsonencoded := `${jsonencode({"Version" = "2012-10-17", "Statement" = [` +
		`{"Sid" = "TLS", "Effect" = "Deny", "Principal" = "*", "Action" = "s3:*", "Resource" = ["${aws_s3_bucket.logs_bucket_5A22438C.arn}/*"], "Condition" = {"Bool" = {"aws:SecureTransport" = "false"}}},` +
		`{"Sid" = "Read", "Effect" = "Allow", "Principal" = {"AWS" = "arn:aws:iam::${data.aws_caller_identity.context_caller_CB9F32B7.account_id}:user/Bob"}, "Action" = ["s3:GetObject"], "Resource" = join("/", [aws_s3_bucket.logs_bucket_5A22438C.arn, "$${aws:username}", "*"])}]})}`
	for _, form := range []struct {
		name, policy string
	}{
		{"aws_iam_policy_document", "${data.aws_iam_policy_document.bp.json}"},
		{"jsonencode", jsonencoded},
	} {
		t.Run(form.name, func(t *testing.T) {
			doc := loadFixture(t)
			doc["data"].(map[string]any)["aws_iam_policy_document"] = docSource
			doc["resource"].(map[string]any)["aws_s3_bucket_policy"] = map[string]any{"logs_policy_7361357F": map[string]any{
				"bucket": "${aws_s3_bucket.logs_bucket_5A22438C.id}", "policy": form.policy}}
			s, err := NewStack("fixture", doc, Binding{})
			if err != nil {
				t.Fatal(err)
			}
			ix := s.index()
			if err := ix.err(); err != nil {
				t.Fatal(err)
			}
			bob := Principal{Kind: IAMPrincipal, ARN: "arn:aws:iam::" + PlaceholderAccount + ":user/Bob"}
			for _, tt := range []struct {
				object, tls string
				allow       bool
			}{
				{"Bob/x", "true", true},
				{"Alice/x", "true", false},
				{"Bob/x", "false", false},
			} {
				req := Request{Principal: bob, Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-dev-logs/" + tt.object,
					ResourceAccount: PlaceholderAccount, Context: map[string][]string{"aws:SecureTransport": {tt.tls}}}
				if d := Evaluate(req, ix.policiesFor(req, nil)); d.Allowed != tt.allow {
					t.Errorf("Bob GetObject %s (TLS %s): allowed = %v (%s %v); want %v", tt.object, tt.tls, d.Allowed, d.Reason, d.Deciding, tt.allow)
				}
			}
			if u := s.Unresolved(); len(u) != 0 {
				t.Errorf("unresolved: %v", u)
			}
		})
	}
}

func TestUnevaluablePolicyIsAnError(t *testing.T) {
	doc := loadFixture(t)
	doc["resource"].(map[string]any)["aws_s3_bucket_policy"] = map[string]any{"p": map[string]any{
		"bucket": "${aws_s3_bucket.logs_bucket_5A22438C.id}", "policy": "${var.policy}"}}
	s, err := NewStack("fixture", doc, Binding{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Check(s); err == nil || !strings.Contains(err.Error(), "aws_s3_bucket_policy.p") {
		t.Errorf("Check with a policy from a variable: err = %v; want one naming aws_s3_bucket_policy.p", err)
	}
}

func TestNotAConfiguration(t *testing.T) {
	if _, err := NewStack("x.json", map[string]any{"foo": 1}, Binding{}); err == nil || !strings.Contains(err.Error(), "x.json") {
		t.Errorf("NewStack on a non-configuration: err = %v; want one naming x.json", err)
	}
}

// TestFixtureExpectations checks the trail fixture: every integration the
// trail implies is there and holds.
func TestFixtureExpectations(t *testing.T) {
	rep, err := CheckFile("testdata/trail/cdk.tf.json", Binding{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, r := range rep.Results {
		kinds[r.Kind] = true
		if !r.Holds() {
			t.Errorf("%s: allowed = %v (%s); want %v", r.ID(), r.Decision.Allowed, r.Decision.Reason, r.Allow)
		}
	}
	for _, k := range []string{"cloudtrail.s3-get-bucket-acl", "cloudtrail.s3-put-object", "cloudtrail.kms-generate-data-key",
		"cloudtrail.assume-logs-role", "cloudtrail.logs-put-log-events", "cloudtrail.s3-put-object.other-trail",
		"cloudtrail.s3-put-object.other-account", "s3.insecure-transport", "kms.unnamed-service", "logs.kms-generate-data-key"} {
		if !kinds[k] {
			t.Errorf("no %s expectation for the trail fixture", k)
		}
	}
}

// TestKindsAreListed keeps Kinds (which the emulator-gap list refers to)
// in step with what the integrations produce.
func TestKindsAreListed(t *testing.T) {
	rep, err := CheckFile("testdata/trail/cdk.tf.json", Binding{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if !KnownKind(r.Kind) {
			t.Errorf("expectation kind %q is not in Kinds", r.Kind)
		}
	}
}
