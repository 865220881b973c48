package rules

import (
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// accCISVersion finds the CIS AWS Foundations Benchmark version in a
// standards ARN (".../standards/cis-aws-foundations-benchmark/v/5.0.0", or
// "ruleset/..." for v1.2.0):
// https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-standards-cis.html
var accCISVersion = regexp.MustCompile(`cis-aws-foundations-benchmark/v/([0-9.]+)`)

func init() {
	register(engine.Rule{
		ID:       "ACC007",
		Title:    "Security Hub without the FSBP and CIS AWS Foundations v5.0.0 standards",
		Severity: engine.Warning,
		Doc: "An aws_securityhub_account checks nothing until standards are enabled. The stack must enable AWS Foundational " +
			"Security Best Practices (an aws_securityhub_standards_subscription of standards/aws-foundational-security-best-" +
			"practices, or enable_default_standards left true) and CIS AWS Foundations Benchmark v5.0.0 (a subscription of " +
			"standards/cis-aws-foundations-benchmark/v/5.0.0). enable_default_standards true enables FSBP and CIS v1.2.0 only " +
			"(https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_EnableSecurityHub.html), whose controls predate " +
			"v5.0.0. A standards_arn that is wholly an expression makes the rule silent.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			hubs := s.OfType("aws_securityhub_account")
			if len(hubs) == 0 {
				return
			}
			fsbp, cis5 := false, false
			var otherCIS []string
			for _, sub := range s.OfType("aws_securityhub_standards_subscription") {
				arn := s.Resolve(sub.Body["standards_arn"])
				switch {
				case strings.Contains(arn, "standards/aws-foundational-security-best-practices/"):
					fsbp = true
				case accCISVersion.MatchString(arn):
					if v := accCISVersion.FindStringSubmatch(arn)[1]; v == "5.0.0" {
						cis5 = true
					} else {
						otherCIS = append(otherCIS, "v"+v)
					}
				case !strings.Contains(withoutInterps(arn), "/"):
					return // the standard is not known: stay silent
				}
			}
			for _, h := range hubs {
				def := engine.Bool(h.Body["enable_default_standards"])
				if def == engine.Unknown {
					continue
				}
				var missing []string
				if !fsbp && def == engine.False {
					missing = append(missing, "AWS Foundational Security Best Practices")
				}
				if !cis5 {
					m := "CIS AWS Foundations Benchmark v5.0.0"
					other := append([]string(nil), otherCIS...)
					if def != engine.False {
						other = append(other, "v1.2.0 (enable_default_standards)")
					}
					if len(other) > 0 {
						m += " (only " + strings.Join(other, ", ") + ")"
					}
					missing = append(missing, m)
				}
				if len(missing) == 0 {
					continue
				}
				p.Report(h, "Security Hub without the standard(s) "+strings.Join(missing, "; "),
					"add aws_securityhub_standards_subscription for arn:<partition>:securityhub:<region>::standards/aws-foundational-security-best-practices/v/1.0.0 "+
						"and arn:<partition>:securityhub:<region>::standards/cis-aws-foundations-benchmark/v/5.0.0 (constructs/baseline does)")
			}
		},
	})
}
