package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "MON002",
		Title:    "SNS topic not encrypted",
		Severity: engine.Warning,
		Doc:      "aws_sns_topic without kms_master_key_id stores messages unencrypted at rest.",
		Check: func(p *engine.Pass) {
			for _, t := range p.Stack.OfType("aws_sns_topic") {
				if engine.Str(t.Body["kms_master_key_id"]) == "" {
					p.Report(t, "topic has no kms_master_key_id", "set kms_master_key_id to a customer managed key that allows cloudwatch.amazonaws.com (for alarms) to GenerateDataKey*/Decrypt")
				}
			}
		},
	})
}
