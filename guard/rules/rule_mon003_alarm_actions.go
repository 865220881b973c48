package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "MON003",
		Title:    "alarm without actions",
		Severity: engine.Warning,
		Doc:      "An aws_cloudwatch_metric_alarm or aws_cloudwatch_composite_alarm without alarm_actions changes state silently; nobody is told.",
		Check: func(p *engine.Pass) {
			for _, typ := range []string{"aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"} {
				for _, a := range p.Stack.OfType(typ) {
					if len(engine.Strs(a.Body["alarm_actions"])) == 0 {
						p.Report(a, "alarm has no alarm_actions, so nobody is notified", "set alarm_actions (and ok_actions) to an SNS topic ARN")
					}
				}
			}
		},
	})
}
