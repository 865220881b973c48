package rules

import "testing"

func TestTF007Cases(t *testing.T) {
	const providers = `"provider": {"aws": [{"region": "us-east-1"}, {"alias": "west", "region": "us-west-2"}]}`
	doc := func(res string) string { return `{` + providers + `, "resource": {` + res + `}}` }
	runRuleCases(t, "TF007", []ruleCase{
		{"role names are account-wide", doc(`"aws_iam_role": {"a": {"name": "acme-dev-app"}, "b": {"provider": "aws.west", "name": "acme-dev-app"}}`),
			[]string{"aws_iam_role.b: name \"acme-dev-app\" is also the name of aws_iam_role.a"}},
		{"a local resolving to the same bucket", `{"locals": {"n": "acme-logs"}, "resource": {"aws_s3_bucket": {"a": {"bucket": "acme-logs"}, "b": {"bucket": "${local.n}"}}}}`,
			[]string{"aws_s3_bucket.b: also the bucket of aws_s3_bucket.a"}},
		{"same alias in one region", doc(`"aws_kms_alias": {"a": {"name": "alias/acme-dev"}, "b": {"name": "alias/acme-dev"}}`), []string{"aws_kms_alias.b: alias/acme-dev"}},
		{"two delivery channels", doc(`"aws_config_delivery_channel": {"a": {"s3_bucket_name": "x"}, "b": {"s3_bucket_name": "y"}}`), []string{"aws_config_delivery_channel.b: second aws_config_delivery_channel"}},
		{"security groups in one VPC", doc(`"aws_security_group": {"a": {"name": "web", "vpc_id": "vpc-1"}, "b": {"name": "web", "vpc_id": "vpc-1"}}`), []string{"aws_security_group.b: name \"web\""}},
		{"same function name in two regions", doc(`"aws_lambda_function": {"a": {"function_name": "f"}, "b": {"provider": "aws.west", "function_name": "f"}}`), nil},
		{"different types", doc(`"aws_iam_role": {"a": {"name": "x"}}, "aws_iam_policy": {"b": {"name": "x"}}`), nil},
		{"unknown names", doc(`"aws_s3_bucket": {"a": {"bucket": "${var.n}"}, "b": {"bucket": "${var.n}"}}`), nil},
		{"for_each", doc(`"aws_s3_bucket": {"a": {"for_each": "${var.s}", "bucket": "x"}, "b": {"bucket": "x"}}`), nil},
	})
}
