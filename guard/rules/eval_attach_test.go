package rules

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestJudgedWhereTheModuleAttachesIt: a policy document that only flows
// into a module input is judged on the module's resource that attaches it,
// once, addressed module.<call>.<resource> and positioned on the caller's
// argument (issue 28). A data.aws_iam_policy_document's json is known
// during evaluation when its arguments are; unknown stays unknown.
func TestJudgedWhereTheModuleAttachesIt(t *testing.T) {
	const openDoc = "data \"aws_iam_policy_document\" \"p\" {\n  statement {\n    principals {\n      type        = \"*\"\n      identifiers = [\"*\"]\n    }\n    actions   = [\"s3:GetObject\"]\n    resources = [\"arn:aws:s3:::acme-data/*\"]\n  }\n}\n"
	const bucketChild = "variable \"policy\" {\n  type = string\n}\nresource \"aws_s3_bucket\" \"this\" {\n  bucket = \"acme-data\"\n}\nresource \"aws_s3_bucket_policy\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  policy = var.policy\n}\n"
	call := func(arg string) string {
		return "\nmodule \"b\" {\n  source = \"./bucket\"\n  policy = " + arg + "\n}\n"
	}
	rules := []string{"POL001", "POL002"}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
		pos   string // file:line of the first finding
	}{
		{"policy document passed to the module", map[string]string{"main.tf": openDoc + call("data.aws_iam_policy_document.p.json"), "bucket/main.tf": bucketChild},
			[]string{"POL002 module.b.aws_s3_bucket_policy.this"}, "main.tf:14"},
		{"minified_json through a local", map[string]string{"main.tf": openDoc + "locals {\n  doc = data.aws_iam_policy_document.p.minified_json\n}\n" + call("local.doc"), "bucket/main.tf": bucketChild},
			[]string{"POL002 module.b.aws_s3_bucket_policy.this"}, "main.tf:17"},
		{"jsonencode literal passed to the module", map[string]string{"main.tf": call("jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Principal = \"*\", Action = \"s3:GetObject\", Resource = \"arn:aws:s3:::acme-data/*\" }]\n  })"), "bucket/main.tf": bucketChild},
			[]string{"POL002 module.b.aws_s3_bucket_policy.this"}, "main.tf:4"},
		{"document of a count instance", map[string]string{"main.tf": strings.Replace(openDoc, "{\n", "{\n  count = 1\n", 1) + call("data.aws_iam_policy_document.p[0].json"), "bucket/main.tf": bucketChild},
			[]string{"POL002 module.b.aws_s3_bucket_policy.this"}, ""},
		{"the module fills a placeholder it knows", map[string]string{"main.tf": strings.Replace(openDoc, "arn:aws:s3:::acme-data/*", "_S3_BUCKET_ARN_/*", 1) + call("data.aws_iam_policy_document.p.json"),
			"bucket/main.tf": strings.Replace(bucketChild, "policy = var.policy", "policy = replace(var.policy, \"_S3_BUCKET_ARN_\", \"arn:aws:s3:::acme-data\")", 1)},
			[]string{"POL002 module.b.aws_s3_bucket_policy.this"}, "main.tf:14"},
		{"through a local of the module", map[string]string{"main.tf": strings.Replace(openDoc, "arn:aws:s3:::acme-data/*", "_S3_BUCKET_ARN_/*", 1) + call("data.aws_iam_policy_document.p.json"),
			"bucket/main.tf": strings.Replace(bucketChild, "policy = var.policy", "policy = local.policy", 1) + "locals {\n  arn    = \"arn:aws:s3:::acme-data\"\n  policy = replace(var.policy, \"_S3_BUCKET_ARN_\", local.arn)\n}\n"},
			[]string{"POL002 module.b.aws_s3_bucket_policy.this"}, "main.tf:14"},
		{"a value from two variables stays in the module", map[string]string{"main.tf": openDoc + call("data.aws_iam_policy_document.p.json"),
			"bucket/main.tf": strings.Replace(bucketChild, "policy = var.policy", "policy = var.strict ? \"{}\" : var.policy", 1) + "variable \"strict\" {\n  default = false\n}\n"},
			[]string{"POL002 module.b.aws_s3_bucket_policy.this"}, "bucket/main.tf:9"},
		{"the module fills a placeholder with an unknown ARN", map[string]string{"main.tf": strings.Replace(openDoc, "arn:aws:s3:::acme-data/*", "_S3_BUCKET_ARN_/*", 1) + call("data.aws_iam_policy_document.p.json"),
			"bucket/main.tf": strings.Replace(bucketChild, "policy = var.policy", "policy = replace(var.policy, \"_S3_BUCKET_ARN_\", aws_s3_bucket.this.arn)", 1)},
			nil, ""},
		{"a principal known only after apply stays unknown", map[string]string{"main.tf": strings.Replace(openDoc, "type        = \"*\"\n      identifiers = [\"*\"]", "type        = \"AWS\"\n      identifiers = [aws_iam_user.u.arn]", 1) + "resource \"aws_iam_user\" \"u\" {\n  name = \"u\"\n}\n" + call("data.aws_iam_policy_document.p.json"), "bucket/main.tf": bucketChild},
			nil, ""},
		{"a queue policy in the module, sources merged", map[string]string{"main.tf": openDoc + "data \"aws_iam_policy_document\" \"q\" {\n  source_policy_documents = [data.aws_iam_policy_document.p.json]\n  statement {\n    sid       = \"Send\"\n    actions   = [\"sqs:SendMessage\"]\n    resources = [\"*\"]\n    principals {\n      type        = \"Service\"\n      identifiers = [\"sns.amazonaws.com\"]\n    }\n  }\n}\nmodule \"q\" {\n  source = \"./queue\"\n  policy = data.aws_iam_policy_document.q.json\n}\n",
			"queue/main.tf": "variable \"policy\" {}\nresource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\nresource \"aws_sqs_queue_policy\" \"q\" {\n  queue_url = aws_sqs_queue.q.id\n  policy    = var.policy\n}\n"},
			[]string{"POL002 module.q.aws_sqs_queue_policy.q"}, ""},
		{"policy read with file() from the module's folder", map[string]string{"main.tf": "module \"b\" {\n  source = \"./bucket\"\n}\n",
			"bucket/main.tf":         "resource \"aws_s3_bucket_policy\" \"this\" {\n  bucket = \"acme-data\"\n  policy = templatefile(\"${path.module}/policy.json.tpl\", { bucket = \"acme-data\" })\n}\n",
			"bucket/policy.json.tpl": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${bucket}/*"}]}`},
			[]string{"POL002 module.b.aws_s3_bucket_policy.this"}, ""},
		{"a malformed document passed to the module", map[string]string{"main.tf": strings.Replace(openDoc, "s3:GetObject\"]", "s3:GetObject\"]\n    condition {\n      test     = \"StringEqual\"\n      variable = \"aws:SourceVpce\"\n      values   = [\"vpce-1\"]\n    }", 1) + call("data.aws_iam_policy_document.p.json"), "bucket/main.tf": bucketChild},
			[]string{"POL001 module.b.aws_s3_bucket_policy.this"}, "main.tf:19"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			rep := requireHits(t, dir, Options{Now: testNow, Rules: rules}, tt.want)
			if tt.pos != "" && len(rep.Findings) > 0 {
				f := rep.Findings[0]
				rel, err := filepath.Rel(dir, f.File)
				if err != nil {
					rel = f.File
				}
				if at := filepath.ToSlash(rel) + ":" + strconv.Itoa(f.Line); at != tt.pos {
					t.Errorf("finding at %s; want %s", at, tt.pos)
				}
			}
		})
	}
}

// TestModuleOutputsKnownToTheCaller: module.<call>.<output> is known in the
// caller once the followed instance knows it (outputs that are expressions,
// instances of count and for_each, through locals and into another call);
// an output known only after apply stays unknown (issue 28).
func TestModuleOutputsKnownToTheCaller(t *testing.T) {
	const cfg = "variable \"env\" {\n  default = \"dev\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"acme-${var.env}\"\n}\noutput \"public\" {\n  value = var.env == \"dev\" ? true : false\n}\noutput \"bucket_id\" {\n  value = aws_s3_bucket.b.id\n}\n"
	db := func(public string) string {
		return "resource \"aws_db_instance\" \"db\" {\n  engine = \"postgres\"\n  instance_class = \"db.t3.micro\"\n  storage_encrypted = true\n  skip_final_snapshot = true\n  publicly_accessible = " + public + "\n}\n"
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"an output that is an expression", map[string]string{"main.tf": "module \"cfg\" {\n  source = \"./cfg\"\n}\n" + db("module.cfg.public"), "cfg/main.tf": cfg},
			[]string{"RDS001 aws_db_instance.db"}},
		{"the call's argument changes the output", map[string]string{"main.tf": "module \"cfg\" {\n  source = \"./cfg\"\n  env = \"prod\"\n}\n" + db("module.cfg.public"), "cfg/main.tf": cfg},
			nil},
		{"count instance", map[string]string{"main.tf": "module \"cfg\" {\n  source = \"./cfg\"\n  count = 2\n  env = count.index == 0 ? \"prod\" : \"dev\"\n}\n" + db("module.cfg[1].public"), "cfg/main.tf": cfg},
			[]string{"RDS001 aws_db_instance.db"}},
		{"count instance that is not public", map[string]string{"main.tf": "module \"cfg\" {\n  source = \"./cfg\"\n  count = 2\n  env = count.index == 0 ? \"prod\" : \"dev\"\n}\n" + db("module.cfg[0].public"), "cfg/main.tf": cfg},
			nil},
		{"for_each instance through a local", map[string]string{"main.tf": "module \"cfg\" {\n  source = \"./cfg\"\n  for_each = toset([\"dev\", \"prod\"])\n  env = each.key\n}\nlocals {\n  public = module.cfg[\"dev\"].public\n}\n" + db("local.public"), "cfg/main.tf": cfg},
			[]string{"RDS001 aws_db_instance.db"}},
		{"an output known after apply stays unknown", map[string]string{"main.tf": "module \"cfg\" {\n  source = \"./cfg\"\n}\n" + db("module.cfg.bucket_id == \"acme-dev\""), "cfg/main.tf": cfg},
			nil},
		{"a call whose count is unknown stays unknown", map[string]string{"main.tf": "module \"cfg\" {\n  source = \"./cfg\"\n  count = length(aws_s3_bucket.x.tags)\n}\n" + db("module.cfg[0].public"), "cfg/main.tf": cfg},
			nil},
		{"one call's output into another call", map[string]string{"main.tf": "module \"db\" {\n  source = \"./db\"\n  public = module.cfg.public\n}\nmodule \"cfg\" {\n  source = \"./cfg\"\n}\n", "cfg/main.tf": cfg,
			"db/main.tf": "variable \"public\" {}\n" + db("var.public")},
			[]string{"RDS001 module.db.aws_db_instance.db"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			requireHits(t, dir, Options{Now: testNow, Rules: []string{"RDS001"}}, tt.want)
		})
	}
}

// TestModuleProviderMapping: rules that use the provider's region see, in a
// module instance, the region of the provider the call passes
// (providers = { aws = aws.west }) or the caller's default one (issue 28).
// ELB004 wants the bucket policy to allow the region's ELB account; the
// policy below allows us-east-1's (127311923021).
func TestModuleProviderMapping(t *testing.T) {
	const providers = "provider \"aws\" {\n  region = \"us-east-1\"\n}\nprovider \"aws\" {\n  alias  = \"west\"\n  region = \"eu-west-1\"\n}\n"
	const child = `resource "aws_s3_bucket" "logs" {
  bucket = "acme-lb-logs"
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::127311923021:root" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.logs.arn}/AWSLogs/*"
    }]
  })
}
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  access_logs {
    bucket  = aws_s3_bucket.logs.id
    enabled = true
  }
}
`
	tests := []struct {
		name string
		call string
		want []string
	}{
		{"caller's default provider (us-east-1)", "module \"lb\" {\n  source = \"./lb\"\n}\n", nil},
		{"providers maps aws.west (eu-west-1)", "module \"lb\" {\n  source = \"./lb\"\n  providers = {\n    aws = aws.west\n  }\n}\n", []string{"ELB004 module.lb.aws_lb.web"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"main.tf": providers + tt.call, "lb/main.tf": child})
			requireHits(t, dir, Options{Now: testNow, Rules: []string{"ELB004"}}, tt.want)
		})
	}
}

// TestCallerAttachesToModuleInstances: a caller's resource that uses an
// output of a module instance naming one of its resources counts for that
// resource, also for instances of count/for_each and for outputs written
// try(<reference>, "") as terraform-aws-modules write them (issue 28).
func TestCallerAttachesToModuleInstances(t *testing.T) {
	const tlsPolicy = "resource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = %s\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Sid = \"TLS\"\n      Effect = \"Deny\"\n      Principal = \"*\"\n      Action = \"s3:*\"\n      Resource = [%s, \"${%s}/*\"]\n      Condition = { Bool = { \"aws:SecureTransport\" = \"false\" } }\n    }]\n  })\n}\n"
	policy := func(id, arn string) string { return fmt.Sprintf(tlsPolicy, id, arn, arn) }
	const plain = "resource \"aws_s3_bucket\" \"this\" {\n  bucket = \"acme-dev-b\"\n}\noutput \"id\" {\n  value = aws_s3_bucket.this.id\n}\noutput \"arn\" {\n  value = aws_s3_bucket.this.arn\n}\n"
	knownDoc := func(effect, action, principal, condition string) string {
		return "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    effect    = \"" + effect + "\"\n    actions   = [\"" + action + "\"]\n    resources = [\"arn:aws:s3:::acme-dev-b\", \"arn:aws:s3:::acme-dev-b/*\"]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"" + principal + "\"]\n    }\n    " + condition + "\n  }\n}\n"
	}
	const withTry = "variable \"create\" {\n  default = true\n}\nresource \"aws_s3_bucket\" \"this\" {\n  count  = var.create ? 1 : 0\n  bucket = \"acme-dev-b\"\n}\noutput \"id\" {\n  value = try(aws_s3_bucket.this[0].id, \"\")\n}\noutput \"arn\" {\n  value = try(aws_s3_bucket.this[0].arn, \"\")\n}\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"instance of count", map[string]string{"main.tf": "module \"b\" {\n  source = \"./b\"\n  count = 1\n}\n" + policy("module.b[0].id", "module.b[0].arn"), "b/main.tf": plain}, nil},
		{"instance of count without the caller's policy", map[string]string{"main.tf": "module \"b\" {\n  source = \"./b\"\n  count = 1\n}\n", "b/main.tf": plain},
			[]string{"S3004 module.b[0].aws_s3_bucket.this"}},
		{"instance of for_each, the policy names the other instance", map[string]string{"main.tf": "module \"b\" {\n  source = \"./b\"\n  for_each = toset([\"x\", \"y\"])\n}\n" + policy("module.b[\"x\"].id", "module.b[\"x\"].arn"), "b/main.tf": plain},
			[]string{`S3004 module.b["y"].aws_s3_bucket.this`}},
		{"the caller attaches a document it knows, without a TLS-only deny", map[string]string{"main.tf": "module \"b\" {\n  source = \"./b\"\n}\n" + knownDoc("Allow", "s3:GetObject", "arn:aws:iam::123456789012:root", "") + "resource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = module.b.id\n  policy = data.aws_iam_policy_document.d.json\n}\n", "b/main.tf": plain},
			[]string{"S3004 module.b.aws_s3_bucket.this"}},
		{"the caller attaches a document it knows, with a TLS-only deny", map[string]string{"main.tf": "module \"b\" {\n  source = \"./b\"\n}\n" + knownDoc("Deny", "s3:*", "*", "condition {\n      test     = \"Bool\"\n      variable = \"aws:SecureTransport\"\n      values   = [\"false\"]\n    }") + "resource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = module.b.id\n  policy = data.aws_iam_policy_document.d.json\n}\n", "b/main.tf": plain},
			nil},
		{"outputs written try(reference, \"\")", map[string]string{"main.tf": "module \"b\" {\n  source = \"./b\"\n}\n" + policy("module.b.id", "module.b.arn"), "b/main.tf": withTry}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			requireHits(t, dir, Options{Now: testNow, Rules: []string{"S3004"}}, tt.want)
		})
	}
}

// TestPositionOnTheCallersArgument: an attribute of a module's resource
// whose value comes from exactly one variable the call sets is positioned on
// the caller's argument, in a nested block too and through a list (issue 28).
func TestPositionOnTheCallersArgument(t *testing.T) {
	const call = "module \"sg\" {\n  source  = \"./sg\"\n  allowed = [\"0.0.0.0/0\"]\n}\n"
	tests := []struct {
		name, child, pos string
	}{
		{"nested block attribute", "variable \"allowed\" {}\nresource \"aws_security_group\" \"g\" {\n  name = \"g\"\n  ingress {\n    protocol    = \"tcp\"\n    from_port   = 22\n    to_port     = 22\n    cidr_blocks = var.allowed\n  }\n}\n", "main.tf:3"},
		{"list naming the variable", "variable \"allowed\" {}\nresource \"aws_security_group_rule\" \"r\" {\n  type              = \"ingress\"\n  security_group_id = \"sg-1\"\n  protocol          = \"tcp\"\n  from_port         = 22\n  to_port           = 22\n  cidr_blocks       = [var.allowed[0]]\n}\n", "main.tf:3"},
		{"the module's own value stays in the module", "variable \"allowed\" {}\nresource \"aws_security_group_rule\" \"r\" {\n  type              = \"ingress\"\n  security_group_id = \"sg-1\"\n  protocol          = \"tcp\"\n  from_port         = 22\n  to_port           = 22\n  cidr_blocks       = [\"0.0.0.0/0\"]\n}\n", "sg/main.tf:8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"main.tf": call, "sg/main.tf": tt.child})
			rep, err := CheckDir(dir, Options{Now: testNow, Rules: []string{"SG002"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Findings) != 1 {
				t.Fatalf("want one SG002:%s", dump(rep.Findings))
			}
			f := rep.Findings[0]
			rel, _ := filepath.Rel(dir, f.File)
			if at := filepath.ToSlash(rel) + ":" + strconv.Itoa(f.Line); at != tt.pos {
				t.Errorf("SG002 at %s; want %s:%s", at, tt.pos, dump(rep.Findings))
			}
		})
	}
}
