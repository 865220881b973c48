package rules

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEvaluatesAsPlanWould: the guard reads variables (defaults, -var,
// -var-file, terraform.tfvars), locals, count/for_each instances, dynamic
// blocks, conditionals and built-in functions the way `terraform plan`
// would, and what stays unknown is never guessed (issue 28).
func TestEvaluatesAsPlanWould(t *testing.T) {
	db := func(public string) string {
		return "resource \"aws_db_instance\" \"db\" {\n  engine = \"postgres\"\n  instance_class = \"db.t3.micro\"\n  storage_encrypted = true\n  publicly_accessible = " + public + "\n}\n"
	}
	sgRule := func(fromPort, cidrs string) string {
		return "resource \"aws_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  security_group_id = \"sg-1\"\n  protocol = \"tcp\"\n  from_port = " + fromPort + "\n  to_port = " + fromPort + "\n  cidr_blocks = " + cidrs + "\n}\n"
	}
	const bucket = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"acme-dev-data\"\n}\n"
	const pab = "resource \"aws_s3_bucket_public_access_block\" \"b\" {\n  %s\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n"
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		rules []string
		want  []string
	}{
		{"local set from a variable's default", map[string]string{"main.tf": "variable \"public\" {\n  type = bool\n  default = true\n}\nlocals {\n  public = var.public\n}\n" + db("local.public")},
			Options{}, []string{"RDS001"}, []string{"RDS001 aws_db_instance.db"}},
		{"-var overrides the default", map[string]string{"main.tf": "variable \"public\" {\n  type = bool\n  default = true\n}\n" + db("var.public")},
			Options{Vars: []string{"public=false"}}, []string{"RDS001"}, nil},
		{"terraform.tfvars is read", map[string]string{"main.tf": "variable \"public\" {\n  type = bool\n}\n" + db("var.public"), "terraform.tfvars": "public = true\n"},
			Options{}, []string{"RDS001"}, []string{"RDS001 aws_db_instance.db"}},
		{"-var-file is read", map[string]string{"main.tf": "variable \"public\" {\n  type = bool\n  default = false\n}\n" + db("var.public"), "prod.tfvars.json": `{"public": true}`},
			Options{VarFiles: []string{"prod.tfvars.json"}}, []string{"RDS001"}, []string{"RDS001 aws_db_instance.db"}},
		{"a variable without default stays unknown", map[string]string{"main.tf": "variable \"public\" {\n  type = bool\n}\n" + db("var.public")},
			Options{}, []string{"RDS001"}, nil},
		{"conditional and functions", map[string]string{"main.tf": "variable \"env\" {\n  default = \"DEV\"\n}\n" + db("lower(var.env) == \"dev\" ? true : false")},
			Options{}, []string{"RDS001"}, []string{"RDS001 aws_db_instance.db"}},
		{"conditional on something unknown stays silent", map[string]string{"main.tf": db("aws_s3_bucket.x.id == \"a\" ? true : false")},
			Options{}, []string{"RDS001"}, nil},
		{"cidr_blocks from a local", map[string]string{"main.tf": "locals {\n  world = [\"0.0.0.0/0\"]\n}\n" + sgRule("22", "local.world")},
			Options{}, []string{"SG002"}, []string{"SG002 aws_security_group_rule.r"}},
		{"for_each expands into instances", map[string]string{"main.tf": strings.Replace(sgRule("each.value", "[\"0.0.0.0/0\"]"), "{\n", "{\n  for_each = { ssh = 22, rdp = 3389, web = 443 }\n", 1)},
			Options{}, []string{"SG002"}, []string{`SG002 aws_security_group_rule.r["rdp"]`, `SG002 aws_security_group_rule.r["ssh"]`}},
		{"count.index", map[string]string{"main.tf": strings.Replace(sgRule("element([443, 22], count.index)", "[\"0.0.0.0/0\"]"), "{\n", "{\n  count = 2\n", 1)},
			Options{}, []string{"SG002"}, []string{"SG002 aws_security_group_rule.r[1]"}},
		{"null default is unset", map[string]string{"main.tf": "variable \"key\" {\n  type = string\n  default = null\n}\nresource \"aws_cloudwatch_log_group\" \"g\" {\n  name = \"g\"\n  kms_key_id = var.key\n}\n"},
			Options{}, []string{"MON001"}, []string{"MON001 aws_cloudwatch_log_group.g"}},
		{"count = 0 is absent", map[string]string{"main.tf": bucket + strings.Replace(pab, "%s", "count = var.block ? 1 : 0", 1) + "variable \"block\" {\n  default = false\n}\n"},
			Options{}, []string{"S3001"}, []string{"S3001 aws_s3_bucket.b"}},
		{"count = 1 is present", map[string]string{"main.tf": bucket + strings.Replace(pab, "%s", "count = var.block ? 1 : 0", 1) + "variable \"block\" {\n  default = true\n}\n"},
			Options{}, []string{"S3001"}, nil},
		{"for_each = {} is absent", map[string]string{"main.tf": bucket + strings.Replace(pab, "%s", "for_each = {}", 1)},
			Options{}, []string{"S3001"}, []string{"S3001 aws_s3_bucket.b"}},
		{"unknown count stays present", map[string]string{"main.tf": bucket + strings.Replace(pab, "%s", "count = length(data.aws_s3_buckets.x.ids)", 1)},
			Options{}, []string{"S3001"}, nil},
		{"dynamic block over a variable", map[string]string{"main.tf": "variable \"ports\" {\n  default = [443, 3389]\n}\nresource \"aws_security_group\" \"g\" {\n  name = \"g\"\n  dynamic \"ingress\" {\n    for_each = var.ports\n    content {\n      protocol = \"tcp\"\n      from_port = ingress.value\n      to_port = ingress.value\n      cidr_blocks = [\"0.0.0.0/0\"]\n    }\n  }\n}\n"},
			Options{}, []string{"SG002"}, []string{"SG002 aws_security_group.g"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			opts := tt.opts
			opts.Now, opts.Rules = testNow, tt.rules
			for i, f := range opts.VarFiles {
				opts.VarFiles[i] = filepath.Join(dir, f)
			}
			requireHits(t, dir, opts, tt.want)
		})
	}
}

// TestFollowsModuleCalls: local module calls are instantiated with the
// call's arguments; findings name module.<call>.<address> and sit on the
// argument that set the value; registry calls not fetched are said once.
func TestFollowsModuleCalls(t *testing.T) {
	child := "variable \"public\" {\n  type = bool\n  default = false\n}\nresource \"aws_db_instance\" \"db\" {\n  engine = \"postgres\"\n  instance_class = \"db.t3.micro\"\n  storage_encrypted = true\n  publicly_accessible = var.public\n}\n"
	tests := []struct {
		name  string
		files map[string]string
		rules []string
		want  []string
		pos   string
	}{
		{"argument sets the value", map[string]string{"main.tf": "module \"db\" {\n  source = \"./db\"\n  public = true\n}\n", "db/main.tf": child},
			[]string{"RDS001"}, []string{"RDS001 module.db.aws_db_instance.db"}, "main.tf:3"},
		{"default of the module", map[string]string{"main.tf": "module \"db\" {\n  source = \"./db\"\n}\n", "db/main.tf": child},
			[]string{"RDS001"}, nil, ""},
		{"for_each instances", map[string]string{"main.tf": "module \"db\" {\n  source = \"./db\"\n  for_each = { a = true, b = false }\n  public = each.value\n}\n", "db/main.tf": child},
			[]string{"RDS001"}, []string{`RDS001 module.db["a"].aws_db_instance.db`}, ""},
		{"count = 0 module absent", map[string]string{"main.tf": "module \"db\" {\n  source = \"./db\"\n  count = 0\n  public = true\n}\n", "db/main.tf": child},
			[]string{"RDS001"}, nil, ""},
		{"nested local module from a parent folder", map[string]string{"examples/x/main.tf": "module \"app\" {\n  source = \"../../\"\n  public = true\n}\n",
			"main.tf": "variable \"public\" {\n  default = false\n}\nmodule \"db\" {\n  source = \"./db\"\n  public = var.public\n}\n", "db/main.tf": child},
			[]string{"RDS001"}, []string{"RDS001 module.app.module.db.aws_db_instance.db"}, ""},
		{"registry module not fetched", map[string]string{"main.tf": "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n"},
			[]string{"MOD002"}, []string{"MOD002 module.vpc"}, ""},
		{"fetched registry module", map[string]string{"main.tf": "module \"db\" {\n  source = \"acme/db/aws\"\n  public = true\n}\n",
			".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"db","Source":"registry.terraform.io/acme/db/aws","Dir":".terraform/modules/db"}]}`,
			".terraform/modules/db/main.tf":   child},
			[]string{"RDS001", "MOD002"}, []string{"RDS001 module.db.aws_db_instance.db"}, ""},
		{"the caller attaches the policy of the module's bucket", map[string]string{
			"main.tf":   "module \"b\" {\n  source = \"./b\"\n}\nresource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = module.b.id\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Sid = \"TLS\"\n      Effect = \"Deny\"\n      Principal = \"*\"\n      Action = \"s3:*\"\n      Resource = [module.b.arn, \"${module.b.arn}/*\"]\n      Condition = { Bool = { \"aws:SecureTransport\" = \"false\" } }\n    }]\n  })\n}\n",
			"b/main.tf": "resource \"aws_s3_bucket\" \"this\" {\n  bucket = \"acme-dev-b\"\n}\noutput \"id\" {\n  value = aws_s3_bucket.this.id\n}\noutput \"arn\" {\n  value = aws_s3_bucket.this.arn\n}\n"},
			[]string{"S3004", "POL001", "POL002"}, nil, ""},
		{"the module's bucket without a policy", map[string]string{"main.tf": "module \"b\" {\n  source = \"./b\"\n}\n",
			"b/main.tf": "resource \"aws_s3_bucket\" \"this\" {\n  bucket = \"acme-dev-b\"\n}\noutput \"id\" {\n  value = aws_s3_bucket.this.id\n}\n"},
			[]string{"S3004"}, []string{"S3004 module.b.aws_s3_bucket.this"}, ""},
		{"a document flowing into a module is judged there", map[string]string{"main.tf": "data \"aws_iam_policy_document\" \"p\" {\n  statement {\n    actions = [\"s3:GetObject\"]\n    resources = [\"_S3_BUCKET_ARN_\"]\n    principals {\n      type = \"AWS\"\n      identifiers = [\"arn:aws:iam::123456789012:root\"]\n    }\n  }\n}\nmodule \"b\" {\n  source = \"./b\"\n  policy = data.aws_iam_policy_document.p.json\n}\n",
			"b/main.tf": "variable \"policy\" {}\nresource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = \"acme-dev-b\"\n  policy = replace(var.policy, \"_S3_BUCKET_ARN_\", \"arn:aws:s3:::acme-dev-b\")\n}\n"},
			[]string{"POL001"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			root := dir
			if _, ok := tt.files["examples/x/main.tf"]; ok {
				root = filepath.Join(dir, "examples", "x")
			}
			rep := requireHits(t, root, Options{Now: testNow, Rules: tt.rules}, tt.want)
			if tt.pos != "" && len(rep.Findings) > 0 {
				f := rep.Findings[0]
				if at := filepath.Base(f.File) + ":" + strconv.Itoa(f.Line); at != tt.pos {
					t.Errorf("finding at %s; want %s (the call's argument)", at, tt.pos)
				}
			}
		})
	}
}
