package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "CT006",
		Title:    "trail not encrypted with KMS",
		Severity: engine.Warning,
		Doc:      "Without kms_key_id the logs are only SSE-S3 encrypted; a customer managed key adds an access control and audit layer (CIS AWS 3.5).",
		Check: func(p *engine.Pass) {
			for _, t := range p.Stack.OfType("aws_cloudtrail") {
				if engine.Str(t.Body["kms_key_id"]) == "" {
					p.Report(t, "trail logs are not encrypted with a customer managed KMS key",
						"set kms_key_id to a KMS key whose policy allows cloudtrail.amazonaws.com kms:GenerateDataKey* (see KMS004)")
				}
			}
		},
	})
}
