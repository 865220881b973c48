package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "ACC002",
		Title:    "account S3 Block Public Access with a setting off",
		Severity: engine.Warning,
		Doc: "An aws_s3_account_public_access_block must set block_public_acls, block_public_policy, ignore_public_acls and " +
			"restrict_public_buckets to true (CIS AWS Foundations v5.0.0 2.1.4, FSBP S3.1: " +
			"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1). Each unset one is false, so one " +
			"call can still make a bucket of the account public. Values set by an expression are not judged.",
		Check: func(p *engine.Pass) {
			for _, r := range p.Stack.OfType("aws_s3_account_public_access_block") {
				var off []string
				for _, f := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
					if b := engine.Bool(r.Body[f]); b == engine.Unset || b == engine.False {
						off = append(off, f)
					}
				}
				if len(off) == 0 {
					continue
				}
				p.Report(r, "account-level Block Public Access leaves "+strings.Join(off, ", ")+" off (FSBP S3.1, CIS 2.1.4)",
					"set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets = true")
			}
		},
	})
}
