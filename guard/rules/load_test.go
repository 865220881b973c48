package rules

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// writeFiles writes name -> content under a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// requireHits checks dir with opts and reports an error unless its
// findings are exactly want ("RULE address", sorted, as ruleHits lists
// them); it returns the report for further checks.
func requireHits(t *testing.T, dir string, opts Options, want []string) engine.Report {
	t.Helper()
	rep, err := CheckDir(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := ruleHits(rep); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("findings %q; want %q:%s", got, want, dump(rep.Findings))
	}
	return rep
}

// ruleHits lists "RULE address" of the findings, sorted.
func ruleHits(rep engine.Report, rules ...string) []string {
	want := map[string]bool{}
	for _, r := range rules {
		want[r] = true
	}
	var out []string
	for _, f := range rep.Findings {
		if len(rules) == 0 || want[f.RuleID] {
			out = append(out, f.RuleID+" "+f.Address)
		}
	}
	sort.Strings(out)
	return out
}

// TestReadsWhatTerraformReads: every form Terraform accepts is read and
// linked; each case names the findings it must (and only) give for the
// rules it looks at.
func TestReadsWhatTerraformReads(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // checked as one module folder
		rules []string
		want  []string
	}{
		{"array-form blocks at every level", map[string]string{"main.tf.json": `{
			"resource": [
			  {"aws_kms_key": [{"k": [{"enable_key_rotation": true, "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"}]}]},
			  {"aws_internet_gateway": {"igw": [{"tags": {"Name": "x"}}]}},
			  {"aws_db_instance": [{"db": {"engine": "postgres", "engine_version": "16", "storage_encrypted": true, "deletion_protection": true, "parameter_group_name": "x"}}]}
			]}`}, []string{"KMS001", "NET001", "RDS004", "RDS005"},
			[]string{"KMS001 aws_kms_key.k", "NET001 aws_internet_gateway.igw", "RDS004 aws_db_instance.db", "RDS005 aws_db_instance.db"}},
		{"a repeated top-level key adds blocks (none is dropped)", map[string]string{"main.tf.json": `{
			"resource": {"aws_internet_gateway": {"a": {}}},
			"resource": {"aws_internet_gateway": {"b": {}}}}`}, []string{"NET001"},
			[]string{"NET001 aws_internet_gateway.a", "NET001 aws_internet_gateway.b"}},
		{"dynamic ingress in native syntax", map[string]string{"main.tf": `
resource "aws_security_group" "web" {
  name = "web"
  dynamic "ingress" {
    for_each = [22, 443]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}`}, []string{"SG002"}, []string{"SG002 aws_security_group.web"}},
		{"dynamic ingress over a local, JSON syntax", map[string]string{"main.tf.json": `{
			"locals": {"admin": [{"port": 3389}]},
			"resource": {"aws_security_group": {"web": {"name": "web", "dynamic": [{"ingress": {"for_each": "${local.admin}", "iterator": "r",
			  "content": {"from_port": "${r.value.port}", "to_port": "${r.value.port}", "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}}}]}}}}`},
			[]string{"SG002", "TF002"}, []string{"SG002 aws_security_group.web"}},
		{"resource. prefix", map[string]string{"main.tf": `
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "igw" { vpc_id = resource.aws_vpc.v.id }
resource "aws_sns_topic" "t" {
  name              = "t"
  kms_master_key_id = resource.aws_kms_key.missing.arn
}`}, []string{"NET001", "TF002"}, []string{"TF002 aws_sns_topic.t"}},
		{"for_each links each.value to the buckets", map[string]string{"main.tf": `
resource "aws_s3_bucket" "b" {
  for_each = toset(["a", "b"])
  bucket   = "acme-${each.key}"
}
resource "aws_s3_bucket_versioning" "v" {
  for_each = aws_s3_bucket.b
  bucket   = each.value.id
  versioning_configuration { status = "Enabled" }
}
resource "aws_s3_bucket_public_access_block" "p" {
  for_each                = aws_s3_bucket.b
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`}, []string{"S3001", "S3003"}, nil},
		{"variables, locals and data in sibling files", map[string]string{
			"main.tf": `resource "aws_sns_topic" "t" {
  name              = local.name
  kms_master_key_id = data.aws_kms_key.k.arn
}`,
			"variables.tf":   `variable "env" { type = string }`,
			"locals.tf.json": `{"locals": {"name": "acme-${var.env}"}}`,
			"data.tf":        `data "aws_kms_key" "k" { key_id = "alias/x" }`,
		}, []string{"TF002", "MON002"}, nil},
		{"override file replaces attributes and nested blocks", map[string]string{
			"main.tf": `
resource "aws_db_instance" "db" {
  engine              = "postgres"
  engine_version      = "16"
  publicly_accessible = true
  storage_encrypted   = false
  skip_final_snapshot = true
}
resource "aws_security_group" "sg" {
  name = "sg"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}`,
			"main_override.tf": `
resource "aws_db_instance" "db" { publicly_accessible = false }
resource "aws_security_group" "sg" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}`,
			"override.tf.json": `{"resource": {"aws_db_instance": {"db": {"storage_encrypted": true}}}}`,
		}, []string{"RDS001", "RDS002", "SG002"}, nil},
		{"heredoc and escaped policies with interpolations", map[string]string{"main.tf": `
data "aws_caller_identity" "c" {}
resource "aws_kms_key" "heredoc" {
  enable_key_rotation = true
  policy              = <<-EOT
    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"},
      "Action": "kms:*", "Resource": "*", "Sid": "${data.aws_caller_identity.c.account_id}"}]}
  EOT
}
resource "aws_kms_key" "escaped" {
  enable_key_rotation = true
  policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::${data.aws_caller_identity.c.account_id}:root\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]}"
}`}, []string{"KMS001"}, []string{"KMS001 aws_kms_key.heredoc"}},
		{"archive_file output as a Lambda filename", map[string]string{"main.tf": `
data "archive_file" "zip" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/fn.zip"
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = "arn:aws:iam::123456789012:role/x"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = data.archive_file.zip.output_path
}
resource "aws_lambda_function" "same_path" {
  function_name    = "fn2"
  role             = "arn:aws:iam::123456789012:role/x"
  handler          = "index.handler"
  runtime          = "nodejs22.x"
  filename         = "build/fn.zip"
  source_code_hash = data.archive_file.zip.output_base64sha256
}
resource "aws_lambda_function" "missing" {
  function_name = "fn3"
  role          = "arn:aws:iam::123456789012:role/x"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "build/other.zip"
}`}, []string{"LMB001"}, []string{"LMB001 aws_lambda_function.missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			requireHits(t, dir, Options{Now: testNow, Rules: tt.rules}, tt.want)
		})
	}
}

// TestPositions: findings point at the attribute they are about (the block
// when there is none), in both syntaxes and through override files.
func TestPositions(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `resource "aws_db_instance" "db" {
  engine              = "postgres"
  engine_version      = "16"
  storage_encrypted   = true
  skip_final_snapshot = true
  publicly_accessible = true
}
`,
		"topics.tf.json": "{\"resource\": {\"aws_sns_topic\": {\n  \"t\": {\"name\": \"t\"}}}}",
		"versioning.tf": `resource "aws_s3_bucket_versioning" "v" {
  versioning_configuration { status = "Enabled" }
  bucket = aws_s3_bucket.missing.id
}
`,
	})
	rep, err := CheckDir(dir, Options{Now: testNow, Rules: []string{"RDS001", "MON002", "TF002"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, filepath.Base(f.File)+":"+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Column)+" "+f.RuleID)
	}
	want := []string{"main.tf:6:3 RDS001", "topics.tf.json:2:3 MON002", "versioning.tf:3:3 TF002"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("positions %q; want %q", got, want)
	}
}

// TestRefusesNonConfigurations: what is not a Terraform configuration is an
// *InvalidError naming the file (and line:column when there is one).
func TestRefusesNonConfigurations(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                string
	}{
		{"resource is a number", "a.tf.json", `{"resource": 5}`, "a.tf.json:1:14: resource: want an object or an array of objects, got a number"},
		{"package.json", "package.json", `{"name": "x", "version": "1.0.0", "scripts": {}}`, `package.json:1:2: "name" is not a Terraform top-level block`},
		{"cdktf.json", "cdktf.json", `{"language": "go", "app": "go run ."}`, `cdktf.json:1:2: "language" is not a Terraform top-level block`},
		{"resource body is a string", "s.tf.json", `{"resource": {"aws_s3_bucket": {"b": "x"}}}`, "s.tf.json:1:38: resource aws_s3_bucket.b: want an object or an array of objects, got a string"},
		{"duplicated attribute", "d.tf.json", "{\"resource\": {\"aws_s3_bucket\": {\"b\": {\n\"bucket\": \"x\",\n\"bucket\": \"y\"}}}}", `d.tf.json:3:1: duplicated key "bucket" (first at line 2, column 1)`},
		{"same resource twice", "t.tf.json", "{\"resource\": [{\"aws_s3_bucket\": {\"b\": {}}},\n{\"aws_s3_bucket\": {\"b\": {}}}]}", "t.tf.json:2:20: resource aws_s3_bucket.b is declared twice (first at "},
		{"unterminated interpolation", "u.tf.json", "{\"resource\": {\"aws_s3_bucket_policy\": {\"p\": {\n  \"bucket\": \"${aws_s3_bucket.b.id\"}}}}", `u.tf.json:2:`},
		{"lone ${", "l.tf.json", "{\"output\": {\"o\": {\"value\": \"${\"}}}", `l.tf.json:1:`},
		{"depends_on not a list", "o.tf.json", `{"resource": {"aws_s3_bucket": {"b": {"depends_on": "aws_s3_bucket.a"}}}}`, "o.tf.json:1:39: resource aws_s3_bucket.b: depends_on must be a list of references"},
		{"count not a number", "c2.tf.json", `{"resource": {"aws_s3_bucket": {"b": {"count": true}}}}`, "resource aws_s3_bucket.b: count must be a number or an expression"},
		{"module source not a string", "ms.tf.json", `{"module": {"m": {"source": 4}}}`, "module m: source must be a string"},
		{"not JSON", "n.tf.json", `{not json`, "n.tf.json:1:2"},
		{"native syntax error", "m.tf", "resource \"a_b\" \"c\" {\n  x = \n}", "m.tf:2:"},
		{"native top-level attribute", "x.tf", "x = 1\n", `x.tf:1:1: argument "x" at the top level`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tt.file: tt.content})
			path := filepath.Join(dir, tt.file)
			_, err := CheckFile(path, Options{})
			var inv *engine.InvalidError
			if !errors.As(err, &inv) {
				t.Fatalf("CheckFile(%s) error = %v; want an *InvalidError", tt.file, err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), dir) {
				t.Errorf("CheckFile(%s) error = %q; want one starting with the file and containing %q", tt.file, err, tt.want)
			}
		})
	}
	// malformed expressions name the expression and the position
	dir := writeFiles(t, map[string]string{"x.tf.json": "{\"resource\": {\"aws_s3_bucket_policy\": {\"p\": {\n  \"bucket\": \"${aws_s3_bucket.b.id\"}}}}"})
	_, err := CheckFile(filepath.Join(dir, "x.tf.json"), Options{})
	if err == nil || !strings.Contains(err.Error(), `malformed expression in "${aws_s3_bucket.b.id"`) || !strings.Contains(err.Error(), "x.tf.json:2:") {
		t.Errorf("malformed expression error = %v", err)
	}
}

// TestRefusesOtherFiles: devices, FIFOs and files over the size limit are
// refused without being opened for reading (a FIFO would block forever).
func TestRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.tf.json")
	if err := os.WriteFile(big, []byte(`{"resource": {"aws_sns_topic": {"t": {"name": "t"}}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := CheckFile(big, Options{MaxBytes: 10}); err == nil || !strings.Contains(err.Error(), "more than the limit of 10") {
		t.Errorf("file over MaxBytes: error = %v", err)
	}
	if _, err := CheckFile(big, Options{MaxBytes: 1000}); err != nil {
		t.Errorf("file under MaxBytes: %v", err)
	}
	if runtime.GOOS != "windows" {
		if _, err := CheckFile("/dev/zero", Options{}); err == nil || !strings.Contains(err.Error(), "/dev/zero: not a regular file (a device)") {
			t.Errorf("/dev/zero: error = %v", err)
		}
		fifo := filepath.Join(dir, "fifo.tf.json")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := CheckFile(fifo, Options{}); err == nil || !strings.Contains(err.Error(), "not a regular file (a named pipe)") {
			t.Errorf("FIFO: error = %v", err)
		}
	}
}

// TestNativeTemplates: native quoted strings and heredocs become JSON-form
// templates (escapes decoded, interpolations kept), so policies decode.
func TestNativeTemplates(t *testing.T) {
	s, err := engine.ParseFile("main.tf", []byte(`
resource "aws_kms_key" "k" {
  policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::${var.account}:root\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]}"
}
resource "aws_kms_key" "h" {
  policy = <<EOT
{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*", "Sid": "$${literal}"}]}
EOT
}
resource "aws_s3_bucket" "b" {
  bucket = "acme-${var.env}-logs"
  tags   = { Name = "x", "aws:x" = var.y }
}
`))
	if err != nil {
		t.Fatal(err)
	}
	k := s.Lookup("aws_kms_key.k")
	if got, want := k.Body["policy"], `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${var.account}:root"}, "Action": "kms:*", "Resource": "*"}]}`; got != want {
		t.Errorf("quoted policy = %q; want %q", got, want)
	}
	for _, addr := range []string{"aws_kms_key.k", "aws_kms_key.h"} {
		if p, ok := s.Policy(s.Lookup(addr).Body["policy"]); !ok || len(p.Statements) != 1 {
			t.Errorf("%s: policy not decoded: %v %v", addr, p, ok)
		}
	}
	if got := s.Lookup("aws_kms_key.h").Body["policy"]; !strings.Contains(got.(string), `"Sid": "$${literal}"`) {
		t.Errorf("heredoc = %q; want the escaped literal $${literal}", got)
	}
	b := s.Lookup("aws_s3_bucket.b").Body
	if b["bucket"] != "acme-${var.env}-logs" || engine.Map(b["tags"])["aws:x"] != "${var.y}" || engine.Map(b["tags"])["Name"] != "x" {
		t.Errorf("bucket body = %v", b)
	}
}

// TestAcceptsEmptyFiles: empty files, comment-only files and "{}" declare
// nothing, and Terraform accepts them (modules keep an empty variables.tf or
// outputs.tf); the guard checks the rest of the module.
func TestAcceptsEmptyFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf":         "resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = true\n}\n",
		"variables.tf":    "",
		"outputs.tf":      "# no outputs yet\n/* block\n comment */\n// line comment\n",
		"empty.tf.json":   "{}",
		"comment.tf.json": `{"//": {"metadata": {}}}`,
	})
	rep, err := CheckDir(dir, Options{Now: testNow, Rules: []string{"RDS001"}})
	if err != nil {
		t.Fatalf("CheckDir refused a module with empty and comment-only files: %v", err)
	}
	if got := ruleHits(rep); strings.Join(got, ",") != "RDS001 aws_db_instance.db" {
		t.Errorf("findings %v; want RDS001 on aws_db_instance.db", got)
	}
	for _, name := range []string{"variables.tf", "outputs.tf", "empty.tf.json", "comment.tf.json"} {
		rep, err := CheckFile(filepath.Join(dir, name), Options{Now: testNow})
		if err != nil || len(rep.Findings) != 0 {
			t.Errorf("CheckFile(%s) = %v findings, %v; want none and no error", name, len(rep.Findings), err)
		}
	}
}
