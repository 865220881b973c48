package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "DDB002",
		Title:    "DynamoDB table without point-in-time recovery",
		Severity: engine.Warning,
		Doc: "point_in_time_recovery is off by default: a table written wrongly or emptied by a bug can then " +
			"only be restored from an on-demand backup, if one exists " +
			"(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html; " +
			"Security Hub control DynamoDB.2, " +
			"https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2). " +
			"Values set by an expression are skipped.",
		Check: func(p *engine.Pass) {
			for _, t := range p.Stack.OfType("aws_dynamodb_table") {
				pitr := engine.FirstObject(t.Body["point_in_time_recovery"])
				if pitr == nil {
					p.Report(t, "table has no point_in_time_recovery block: recovery is off",
						"add point_in_time_recovery { enabled = true }")
					continue
				}
				if b := engine.Bool(pitr["enabled"]); b == engine.False || b == engine.Unset {
					p.ReportAttr(t, "point_in_time_recovery", "point_in_time_recovery is not enabled",
						"set point_in_time_recovery.enabled = true")
				}
			}
		},
	})
}
