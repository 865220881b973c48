package guard

func init() {
	register(Rule{
		ID:       "MON003",
		Title:    "alarm without actions",
		Severity: Warning,
		Doc:      "An aws_cloudwatch_metric_alarm or aws_cloudwatch_composite_alarm without alarm_actions changes state silently; nobody is told.",
		Check: func(p *Pass) {
			for _, typ := range []string{"aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"} {
				for _, a := range p.Stack.OfType(typ) {
					if len(Strs(a.Body["alarm_actions"])) == 0 {
						p.Report(a, "alarm has no alarm_actions, so nobody is notified", "set alarm_actions (and ok_actions) to an SNS topic ARN")
					}
				}
			}
		},
	})
}
