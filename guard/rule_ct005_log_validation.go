package guard

func init() {
	register(Rule{
		ID:       "CT005",
		Title:    "trail without log file validation",
		Severity: Warning,
		Doc:      "enable_log_file_validation = true makes CloudTrail write signed digest files, so tampering with log files is detectable (CIS AWS 3.2).",
		Check: func(p *Pass) {
			for _, t := range p.Stack.OfType("aws_cloudtrail") {
				if b := Bool(t.Body["enable_log_file_validation"]); b == Unset || b == False {
					p.Report(t, "log file validation is off, so modified or deleted log files go unnoticed", "set enable_log_file_validation = true")
				}
			}
		},
	})
}
