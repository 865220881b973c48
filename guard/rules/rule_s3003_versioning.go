package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "S3003",
		Title:    "bucket without versioning",
		Severity: engine.Warning,
		Doc:      "Versioning (aws_s3_bucket_versioning with status Enabled) keeps overwritten and deleted objects recoverable.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, b := range s.OfType("aws_s3_bucket") {
				if v := engine.Bool(engine.Attr(b.Body, "versioning.enabled")); v == engine.True || v == engine.Unknown {
					continue
				}
				ok := false
				for _, v := range s.Linked("aws_s3_bucket_versioning", "bucket", b, "bucket") {
					st := engine.Str(engine.Attr(v.Body, "versioning_configuration.status"))
					ok = ok || st == "Enabled" || engine.HasInterp(st)
				}
				if !ok {
					p.Report(b, "bucket versioning is not enabled",
						"add aws_s3_bucket_versioning with bucket = this bucket and versioning_configuration { status = \"Enabled\" }")
				}
			}
		},
	})
}
