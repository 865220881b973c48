package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "S3002",
		Title:    "bucket without a server-side encryption configuration",
		Severity: engine.Warning,
		Doc: "Declare the bucket's default encryption (aws_s3_bucket_server_side_encryption_configuration, " +
			"preferably SSE-KMS with bucket_key_enabled) so the encryption is explicit and reviewable, instead of " +
			"relying on the SSE-S3 default.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, b := range s.OfType("aws_s3_bucket") {
				if b.Body["server_side_encryption_configuration"] != nil {
					continue
				}
				if len(s.Linked("aws_s3_bucket_server_side_encryption_configuration", "bucket", b, "bucket")) > 0 {
					continue
				}
				p.Report(b, "bucket has no server-side encryption configuration",
					"add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = \"aws:kms\", a kms_master_key_id and bucket_key_enabled = true")
			}
		},
	})
}
