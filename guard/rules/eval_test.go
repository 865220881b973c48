package rules

import (
	"path/filepath"
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
			rep, err := CheckDir(dir, opts)
			if err != nil {
				t.Fatal(err)
			}
			got := ruleHits(rep)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("findings %q; want %q:%s", got, tt.want, dump(rep.Findings))
			}
		})
	}
}
