package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "KMS004",
		Title:    "key used by CloudTrail lacks the cloudtrail service statement",
		Severity: engine.Error,
		Doc: "A trail with kms_key_id fails to create (InsufficientEncryptionPolicyException) unless the key " +
			"policy allows cloudtrail.amazonaws.com kms:GenerateDataKey* (and kms:DescribeKey).",
		Check: func(p *engine.Pass) {
			reportKeysMissingStatement(p, "aws_cloudtrail",
				func(st engine.Statement) bool {
					return st.HasService(cloudTrailService(p.Stack)) && st.AllowsAction("kms:GenerateDataKey")
				},
				"add a key policy statement: Principal Service cloudtrail.amazonaws.com, Action kms:GenerateDataKey*, Condition StringLike kms:EncryptionContext:aws:cloudtrail:arn = the trail ARN and aws:SourceArn = the trail ARN; plus kms:DescribeKey",
				"key encrypts trail(s) %s but its policy does not allow cloudtrail.amazonaws.com kms:GenerateDataKey*; the trail fails with InsufficientEncryptionPolicyException")
		},
	})
}
