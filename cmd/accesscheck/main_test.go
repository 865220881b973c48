package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const fixture = "../../access/testdata/trail/cdk.tf.json"

func TestExitCodes(t *testing.T) {
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// CloudTrail's write statement names another trail: its PutObject fails.
	broken := strings.Replace(string(data), `trail/acme-dev-trail\"],\"s3:x-amz-acl`, `trail/acme-dev-other\"],\"s3:x-amz-acl`, 1)
	if broken == string(data) {
		t.Fatal("the fixture no longer has the CloudTrail write statement this test breaks")
	}
	// A partner account may read the whole logs bucket: an external-access
	// finding; suppressed with a reason it is shown and passes.
	const partner = `{\"Sid\":\"PartnerRead\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"${aws_s3_bucket.logs_bucket_5A22438C.arn}/*\"},{\"Sid\":\"DenyInsecureTransport\"`
	open := strings.Replace(string(data), `{\"Sid\":\"DenyInsecureTransport\"`, partner, 1)
	if open == string(data) {
		t.Fatal("the fixture no longer has the TLS statement this test adds a statement before")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(open), &doc); err != nil {
		t.Fatal(err)
	}
	doc["//"] = map[string]any{"access": map[string]any{"suppressions": []any{map[string]any{"statement": "PartnerRead", "reason": "the auditor's account reads the logs (contract 42)"}}}}
	accepted, _ := json.Marshal(doc)
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"fixture file", []string{fixture}, 0, "19 hold, 0 fail", ""},
		{"stack folder", []string{filepath.Dir(fixture)}, 0, "0 fail", ""},
		{"markdown", []string{"-markdown", fixture}, 0, "| `cloudtrail.s3-put-object` | cloudtrail.amazonaws.com | `s3:PutObject` | 1 | allow | allowed | aws_s3_bucket_policy.logs_policy_7361357F#AWSCloudTrailWrite |", ""},
		{"quiet", []string{"-q", fixture}, 0, "access: 19 expectation(s), 19 hold, 0 fail", ""},
		{"cdktf.out folder", []string{filepath.Dir(write("out/stacks/s/cdk.tf.json", string(data))) + "/../.."}, 0, "0 fail", ""},
		{"broken policy", []string{write("broken.json", broken)}, 1, "FAIL want allow denied  cloudtrail.s3-put-object", ""},
		{"external access", []string{write("open.json", open)}, 1, "FINDING aws_s3_bucket_policy.logs_policy_7361357F#PartnerRead", ""},
		{"external access suppressed", []string{write("accepted.json", string(accepted))}, 0, "accepted: the auditor's account reads the logs (contract 42)", ""},
		{"missing file", []string{filepath.Join(dir, "nope.json")}, 2, "", "nope.json"},
		{"not JSON", []string{write("bad.json", "{nope")}, 2, "", "bad.json"},
		{"not a configuration", []string{write("empty.json", `{"foo":1}`)}, 2, "", "empty.json"},
		{"folder without stacks", []string{t.TempDir()}, 2, "", "no cdk.tf.json"},
		{"no argument", nil, 2, "", "usage"},
		{"external: a module folder with a public bucket policy", []string{"-external", filepath.Dir(write("module/main.tf", publicModule))}, 1,
			"FINDING aws_s3_bucket_policy.site#PublicRead", ""},
		{"external: a .tf file without external access", []string{"-external", write("clean/main.tf", cleanModule)}, 0,
			"1 resource-based polic(ies) and grant(s) analysed; 0 external-access finding(s)", ""},
		{"external: a policy from a variable without default is a note", []string{"-external", write("var/main.tf", varModule)}, 0,
			"note: not analysed: aws_s3_bucket_policy.site", ""},
		{"external: the synthesized fixture", []string{"-external", fixture}, 0, "0 external-access finding(s)", ""},
		{"external: missing path", []string{"-external", filepath.Join(dir, "nope")}, 2, "", "nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, &out, &errb)
			if code != tt.code {
				t.Errorf("exit %d; want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tt.out) {
				t.Errorf("stdout does not contain %q:\n%s", tt.out, out.String())
			}
			if !strings.Contains(errb.String(), tt.err) {
				t.Errorf("stderr does not contain %q:\n%s", tt.err, errb.String())
			}
		})
	}
}

// Terraform modules in native syntax for -external.
const (
	publicModule = `
variable "bucket" {
  default = "acme-site"
}
resource "aws_s3_bucket" "site" {
  bucket = var.bucket
}
resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "PublicRead", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.site.arn}/*" }]
  })
}
`
	cleanModule = `
data "aws_caller_identity" "me" {}
resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}
resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "OwnAccount", Effect = "Allow", Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.me.account_id}:root" }, Action = "s3:GetObject", Resource = "${aws_s3_bucket.site.arn}/*" }]
  })
}
`
	varModule = `
variable "policy" {}
resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}
resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = var.policy
}
`
)

// TestPureGo: the access tier links no jsii, cdktf or constructs package
// (constructs/catalog, plain Go, excepted).
func TestPureGo(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".", "../../access").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		// constructs/catalog is plain Go (the ELB log-delivery table the
		// front-door expectations read); the jsii checks above it still apply
		// to whatever it imports.
		if dep == "github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog" {
			continue
		}
		for _, bad := range []string{"github.com/aws/jsii-runtime-go", "github.com/hashicorp/terraform-cdk-go", "github.com/aws/constructs-go", "github.com/cdktf-secure-go/cdktf-secure-go/constructs"} {
			if strings.HasPrefix(dep, bad) {
				t.Errorf("cmd/accesscheck depends on %s", dep)
			}
		}
	}
}
