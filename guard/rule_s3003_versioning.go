package guard

func init() {
	register(Rule{
		ID:       "S3003",
		Title:    "bucket without versioning",
		Severity: Warning,
		Doc:      "Versioning (aws_s3_bucket_versioning with status Enabled) keeps overwritten and deleted objects recoverable.",
		Check: func(p *Pass) {
			s := p.Stack
			for _, b := range s.OfType("aws_s3_bucket") {
				if v := Bool(Attr(b.Body, "versioning.enabled")); v == True || v == Unknown {
					continue
				}
				ok := false
				for _, v := range s.Linked("aws_s3_bucket_versioning", "bucket", b, "bucket") {
					st := Str(Attr(v.Body, "versioning_configuration.status"))
					ok = ok || st == "Enabled" || HasInterp(st)
				}
				if !ok {
					p.Report(b, "bucket versioning is not enabled",
						"add aws_s3_bucket_versioning with bucket = this bucket and versioning_configuration { status = \"Enabled\" }")
				}
			}
		},
	})
}
