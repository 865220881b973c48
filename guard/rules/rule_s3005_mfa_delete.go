package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "S3005",
		Title:    "MFA delete managed through Terraform",
		Severity: engine.Error,
		Doc: "MFA delete can only be enabled by the root user with its MFA device in the same request " +
			"(the mfa argument); Terraform applies with other credentials fail, and the serial+code cannot be " +
			"kept in configuration. Enable it out of band with the root account, not in the stack.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			fix := "remove mfa_delete from the configuration; enable MFA delete once with the root user (aws s3api put-bucket-versioning --mfa ...) if required"
			for _, v := range s.OfType("aws_s3_bucket_versioning") {
				if engine.Str(engine.Attr(v.Body, "versioning_configuration.mfa_delete")) == "Enabled" {
					p.Report(v, "versioning_configuration.mfa_delete = \"Enabled\" cannot be applied by Terraform (it needs the root user's MFA code on each apply)", fix)
				}
			}
			for _, b := range s.OfType("aws_s3_bucket") {
				if engine.Bool(engine.Attr(b.Body, "versioning.mfa_delete")) == engine.True {
					p.Report(b, "versioning.mfa_delete = true cannot be applied by Terraform (it needs the root user's MFA code)", fix)
				}
			}
		},
	})
}
