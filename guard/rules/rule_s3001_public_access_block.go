package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "S3001",
		Title:    "bucket without a full public access block",
		Severity: engine.Warning,
		Doc: "Every bucket needs an aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, " +
			"ignore_public_acls and restrict_public_buckets all true (or an aws_s3_account_public_access_block " +
			"with all four in the stack).",
		Check: func(p *engine.Pass) {
			s := p.Stack
			allFour := func(r *engine.Resource) bool {
				for _, f := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
					if b := engine.Bool(r.Body[f]); b == engine.Unset || b == engine.False {
						return false
					}
				}
				return true
			}
			for _, a := range s.OfType("aws_s3_account_public_access_block") {
				if allFour(a) {
					return
				}
			}
			for _, b := range s.OfType("aws_s3_bucket") {
				pabs := s.Linked("aws_s3_bucket_public_access_block", "bucket", b, "bucket")
				ok := false
				for _, pab := range pabs {
					ok = ok || allFour(pab)
				}
				if ok {
					continue
				}
				msg := "bucket has no public access block"
				if len(pabs) > 0 {
					msg = "public access block " + names(pabs) + " does not set all four flags to true"
				}
				p.Report(b, msg, "add aws_s3_bucket_public_access_block with bucket = this bucket and block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets = true")
			}
		},
	})
}
