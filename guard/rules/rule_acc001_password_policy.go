package rules

import (
	"fmt"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// accPasswordMin are the CIS AWS Foundations Benchmark v5.0.0 minimums:
// 1.7 length 14 or more (Security Hub IAM.15), 1.8 reuse prevention 24
// (IAM.16): https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html
// FSBP IAM.7 wants every character class:
// https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-7
const (
	accPasswordLength = 14
	accPasswordReuse  = 24
)

func init() {
	register(engine.Rule{
		ID:       "ACC001",
		Title:    "IAM account password policy weaker than CIS v5.0.0 / FSBP IAM.7",
		Severity: engine.Warning,
		Doc: "An aws_iam_account_password_policy must set minimum_password_length >= 14 (CIS AWS Foundations v5.0.0 1.7, " +
			"Security Hub IAM.15), password_reuse_prevention = 24 (CIS 1.8, IAM.16) and require_lowercase_characters, " +
			"require_uppercase_characters, require_numbers and require_symbols = true (FSBP IAM.7). An unset length is IAM's " +
			"default of 6 and an unset reuse prevention remembers no password " +
			"(https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html). Values set by an " +
			"expression are not judged. A stack without a password policy is not reported here: the compliance report judges " +
			"the account (constructs/baseline creates the policy).",
		Check: func(p *engine.Pass) {
			for _, r := range p.Stack.OfType("aws_iam_account_password_policy") {
				var weak []string
				if v := r.Body["minimum_password_length"]; v == nil {
					weak = append(weak, "minimum_password_length is not set (IAM's default is 6; CIS 1.7 wants 14 or more)")
				} else if n, ok := engine.Int(v); ok && n < accPasswordLength {
					weak = append(weak, fmt.Sprintf("minimum_password_length = %d (CIS 1.7 wants 14 or more)", n))
				}
				if v := r.Body["password_reuse_prevention"]; v == nil {
					weak = append(weak, "password_reuse_prevention is not set (any old password may be reused; CIS 1.8 wants 24)")
				} else if n, ok := engine.Int(v); ok && n < accPasswordReuse {
					weak = append(weak, fmt.Sprintf("password_reuse_prevention = %d (CIS 1.8 wants 24)", n))
				}
				var classes []string
				for _, f := range []string{"require_lowercase_characters", "require_uppercase_characters", "require_numbers", "require_symbols"} {
					if b := engine.Bool(r.Body[f]); b == engine.Unset || b == engine.False {
						classes = append(classes, f)
					}
				}
				if len(classes) > 0 {
					weak = append(weak, strings.Join(classes, ", ")+" not true (FSBP IAM.7 wants every character class)")
				}
				if len(weak) == 0 {
					continue
				}
				p.Report(r, "password policy weaker than CIS v5.0.0 / FSBP IAM.7: "+strings.Join(weak, "; "),
					"set minimum_password_length = 14 (or more), password_reuse_prevention = 24 and require_lowercase_characters, "+
						"require_uppercase_characters, require_numbers, require_symbols = true (constructs/baseline does)")
			}
		},
	})
}
