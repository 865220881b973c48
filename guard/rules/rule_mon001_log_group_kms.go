package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "MON001",
		Title:    "log group not encrypted with KMS",
		Severity: engine.Warning,
		Doc:      "aws_cloudwatch_log_group without kms_key_id is encrypted only with a service key; logs often hold secrets. The key then needs the logs statement (KMS003).",
		Check: func(p *engine.Pass) {
			for _, lg := range p.Stack.OfType("aws_cloudwatch_log_group") {
				if engine.Str(lg.Body["kms_key_id"]) == "" {
					p.Report(lg, "log group has no kms_key_id", "set kms_key_id to a customer managed key whose policy allows logs.<region>.amazonaws.com")
				}
			}
		},
	})
}
