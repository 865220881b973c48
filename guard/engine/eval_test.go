package engine

import (
	"testing"
)

// TestPartlyKnownValues: what evaluation knows is written in, references to
// resources stay as written, so rules still resolve them.
func TestPartlyKnownValues(t *testing.T) {
	s, err := ParseFile("main.tf", []byte(`
variable "env" {
  default = "dev"
}
variable "open" {
  default = true
}
locals {
  prefix = "acme-${var.env}"
}
resource "aws_s3_bucket" "b" {
  bucket = "${local.prefix}-data"
}
resource "aws_s3_bucket_policy" "p" {
  bucket = var.open ? aws_s3_bucket.b.id : "none"
  policy = jsonencode({ Resource = "${aws_s3_bucket.b.arn}/*", Sid = upper(var.env) })
  tags   = { Name = "${local.prefix}-${aws_s3_bucket.b.id}" }
}
`))
	if err != nil {
		t.Fatal(err)
	}
	b := s.Lookup("aws_s3_bucket.b")
	if got := Str(b.Body["bucket"]); got != "acme-dev-data" {
		t.Errorf("bucket = %q; want acme-dev-data", got)
	}
	p := s.Lookup("aws_s3_bucket_policy.p")
	if got := Str(p.Body["bucket"]); got != "${aws_s3_bucket.b.id}" {
		t.Errorf("bucket = %q; want the chosen branch, still a reference", got)
	}
	if r, _ := s.Target(p.Body["bucket"]); r != b {
		t.Errorf("Target(bucket) = %v; want aws_s3_bucket.b", r)
	}
	if got := Str(p.Body["policy"]); got != `${jsonencode({ Resource = "${aws_s3_bucket.b.arn}/*", Sid = "DEV" })}` {
		t.Errorf("policy = %q", got)
	}
	if got := Str(Map(p.Body["tags"])["Name"]); got != "acme-dev-${aws_s3_bucket.b.id}" {
		t.Errorf("tags.Name = %q", got)
	}
	if got := s.Referrers("aws_s3_bucket.b", "aws_s3_bucket_policy", "bucket"); len(got) != 1 {
		t.Errorf("Referrers = %v; want the policy", got)
	}
}

func TestBaseAddress(t *testing.T) {
	for in, want := range map[string]string{
		"aws_s3_bucket.b":              "aws_s3_bucket.b",
		"aws_s3_bucket.b[0]":           "aws_s3_bucket.b",
		`aws_sg_rule.r["ssh"]`:         "aws_sg_rule.r",
		`aws_sg_rule.r["a[1]"]`:        "aws_sg_rule.r",
		"module.db.aws_db_instance.db": "module.db.aws_db_instance.db",
	} {
		if got := baseAddress(in); got != want {
			t.Errorf("baseAddress(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestReplaceTraversal(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"${module.b.id}", "${aws_s3_bucket.this.id}"},
		{"${module.b.id_other}", "${module.b.id_other}"},
		{"${module.b.id}/x ${module.b.id}", "${aws_s3_bucket.this.id}/x ${aws_s3_bucket.this.id}"},
	} {
		if got := replaceTraversal(tt.in, "module.b.id", "aws_s3_bucket.this.id"); got != tt.want {
			t.Errorf("replaceTraversal(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
