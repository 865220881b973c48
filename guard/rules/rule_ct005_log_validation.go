package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "CT005",
		Title:    "trail without log file validation",
		Severity: engine.Warning,
		Doc:      "enable_log_file_validation = true makes CloudTrail write signed digest files, so tampering with log files is detectable (CIS AWS 3.2).",
		Check: func(p *engine.Pass) {
			for _, t := range p.Stack.OfType("aws_cloudtrail") {
				if b := engine.Bool(t.Body["enable_log_file_validation"]); b == engine.Unset || b == engine.False {
					p.Report(t, "log file validation is off, so modified or deleted log files go unnoticed", "set enable_log_file_validation = true")
				}
			}
		},
	})
}
