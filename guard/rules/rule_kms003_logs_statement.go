package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "KMS003",
		Title:    "key used by CloudWatch Logs lacks the logs service statement",
		Severity: engine.Error,
		Doc: "A log group encrypted with a key (aws_cloudwatch_log_group.kms_key_id) fails to create " +
			"(AccessDeniedException) unless the key policy allows the regional principal " +
			"logs.<region>.amazonaws.com kms:Encrypt*/GenerateDataKey*. A key without a policy gets the default " +
			"policy, which only trusts the account, so it fails too.",
		Check: func(p *engine.Pass) {
			reportKeysMissingStatement(p, "aws_cloudwatch_log_group",
				func(st engine.Statement) bool {
					return st.HasService(logsService(p.Stack)) && (st.AllowsAction("kms:GenerateDataKey") || st.AllowsAction("kms:Encrypt"))
				},
				"add a key policy statement: Principal Service logs.${data.aws_region.X.name}.amazonaws.com, Action kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*, Condition ArnLike kms:EncryptionContext:aws:logs:arn = arn:<partition>:logs:<region>:<account>:log-group:*",
				"key encrypts log group(s) %s but its policy does not allow logs.<region>.amazonaws.com to use it; creating the log group fails with AccessDeniedException")
		},
	})
}
