package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "DDB001",
		Title:    "DynamoDB table without a customer managed key",
		Severity: engine.Warning,
		Doc: "Without server_side_encryption { enabled = true, kms_key_arn = <customer key> } a table is encrypted " +
			"with a key owned by DynamoDB (or, with enabled = true and no kms_key_arn, the AWS managed aws/dynamodb " +
			"key): its key policy cannot be read or narrowed, its use is not separated from the stack's, and " +
			"CloudTrail shows no decrypt of the data " +
			"(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html). " +
			"Values set by an expression are skipped.",
		Check: func(p *engine.Pass) {
			for _, t := range p.Stack.OfType("aws_dynamodb_table") {
				sse := engine.FirstObject(t.Body["server_side_encryption"])
				if sse == nil {
					p.Report(t, "table has no server_side_encryption: it is encrypted with a key owned by DynamoDB",
						"add server_side_encryption { enabled = true, kms_key_arn = <a customer managed key> }")
					continue
				}
				switch engine.Bool(sse["enabled"]) {
				case engine.Unknown:
					continue
				case engine.False, engine.Unset:
					p.ReportAttr(t, "server_side_encryption", "server_side_encryption is not enabled: the table is encrypted with a key owned by DynamoDB",
						"set server_side_encryption.enabled = true and kms_key_arn to a customer managed key")
					continue
				}
				if engine.Str(sse["kms_key_arn"]) == "" {
					p.ReportAttr(t, "server_side_encryption", "server_side_encryption has no kms_key_arn: the table uses the AWS managed key aws/dynamodb",
						"set server_side_encryption.kms_key_arn to a customer managed key")
				}
			}
		},
	})
}
