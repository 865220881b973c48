package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "SEC001",
		Title:    "Secrets Manager secret without a customer managed key",
		Severity: engine.Warning,
		Doc: "Without kms_key_id a secret is encrypted with the AWS managed key aws/secretsmanager, whose policy " +
			"lets every principal of the account that may call Secrets Manager use it: the secret cannot be " +
			"shared with another account, and reading it cannot be narrowed through the key " +
			"(https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).",
		Check: func(p *engine.Pass) {
			for _, sec := range p.Stack.OfType("aws_secretsmanager_secret") {
				if engine.Str(sec.Body["kms_key_id"]) == "" {
					p.Report(sec, "secret has no kms_key_id: it is encrypted with the AWS managed key aws/secretsmanager",
						"set kms_key_id to a customer managed key whose policy admits only the secret's readers")
				}
			}
		},
	})
}
