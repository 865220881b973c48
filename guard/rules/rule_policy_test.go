package rules

import (
	"encoding/json"
	"testing"
)

// policyJSON renders a policy document as the JSON string a resource holds.
func policyJSON(t *testing.T, statements ...map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := json.Marshal(string(b))
	return string(q)
}

func TestIAM001Cases(t *testing.T) {
	allow := func(action, resource any) map[string]any {
		return map[string]any{"Effect": "Allow", "Action": action, "Resource": resource}
	}
	rp := func(pol string) string {
		return `{"resource": {"aws_iam_role_policy": {"p": {"role": "r", "policy": ` + pol + `}}}}`
	}
	runRuleCases(t, "IAM001", []ruleCase{
		{"star on star", rp(policyJSON(t, allow("*", "*"))), []string{"aws_iam_role_policy.p: allows Action \"*\" on Resource \"*\""}},
		{"star colon star in a list", rp(policyJSON(t, allow([]string{"s3:GetObject", "*:*"}, []string{"*"}))), []string{"aws_iam_role_policy.p: \"*:*\""}},
		{"iam star upper case", rp(policyJSON(t, allow("IAM:*", "*"))), []string{"aws_iam_role_policy.p: \"iam:*\" on every IAM resource"}},
		{"iam star on every iam arn", rp(policyJSON(t, allow("iam:*", "arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.c.account_id}:*"))), []string{"aws_iam_role_policy.p: \"iam:*\""}},
		{"not action on star", rp(policyJSON(t, map[string]any{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})), []string{"aws_iam_role_policy.p: every action except \"iam:*\""}},
		{"jsonencode", `{"resource": {"aws_iam_policy": {"p": {"name": "p", "policy": "${jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Action = \"*\", Resource = \"*\"}]})}"}}}}`,
			[]string{"aws_iam_policy.p: full administrator access"}},
		{"policy document used by a role policy is reported once, on the document",
			`{"data": {"aws_iam_policy_document": {"d": {"statement": [{"actions": ["*"], "resources": ["*"]}]}}}, "resource": {"aws_iam_role_policy": {"p": {"role": "r", "policy": "${data.aws_iam_policy_document.d.json}"}}}}`,
			[]string{"data.aws_iam_policy_document.d: full administrator access"}},
		{"a document including an admin document is not reported again",
			`{"data": {"aws_iam_policy_document": {"admin": {"statement": [{"actions": ["*"], "resources": ["*"]}]}, "merged": {"source_policy_documents": ["${data.aws_iam_policy_document.admin.json}"], "statement": [{"actions": ["s3:GetObject"], "resources": ["*"]}]}}}}`,
			[]string{"data.aws_iam_policy_document.admin: full administrator access"}},
		{"admin attachment through a data source", `{"data": {"aws_iam_policy": {"admin": {"name": "AdministratorAccess"}}}, "resource": {"aws_iam_group_policy_attachment": {"a": {"group": "ops", "policy_arn": "${data.aws_iam_policy.admin.arn}"}}}}`,
			[]string{"aws_iam_group_policy_attachment.a: AdministratorAccess to group ops"}},
		{"exclusive attachments", `{"resource": {"aws_iam_role_policy_attachments_exclusive": {"a": {"role_name": "r", "policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/IAMFullAccess"]}}}}`,
			[]string{"aws_iam_role_policy_attachments_exclusive.a: IAMFullAccess"}},
		{"admin ARN from a local", `{"locals": {"admin": "arn:aws:iam::aws:policy/AdministratorAccess"}, "resource": {"aws_iam_role_policy_attachment": {"a": {"role": "r", "policy_arn": "${local.admin}"}}}}`,
			[]string{"aws_iam_role_policy_attachment.a: AdministratorAccess"}},
		{"scoped actions on star", rp(policyJSON(t, allow("ec2:Describe*", "*"))), nil},
		{"star on one bucket", rp(policyJSON(t, allow("s3:*", "arn:aws:s3:::b/*"))), nil},
		{"deny star on star", rp(policyJSON(t, map[string]any{"Effect": "Deny", "Action": "*", "Resource": "*"})), nil},
		{"resource policy with a principal is not an identity grant",
			`{"data": {"aws_iam_policy_document": {"d": {"statement": [{"actions": ["*"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::111122223333:root"]}]}]}}}}`, nil},
		{"read-only attachment", `{"resource": {"aws_iam_role_policy_attachment": {"a": {"role": "r", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}}}`, nil},
		{"customer policy named like AWS's", `{"resource": {"aws_iam_role_policy_attachment": {"a": {"role": "r", "policy_arn": "arn:aws:iam::111122223333:policy/AdministratorAccess"}}}}`, nil},
	})
}

func TestPOL001Cases(t *testing.T) {
	pol := func(v string) string {
		q, _ := json.Marshal(v)
		return `{"locals": {"stmt": "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"}, "resource": {"aws_s3_bucket_policy": {"p": {"bucket": "b", "policy": ` + string(q) + `}}}}`
	}
	runRuleCases(t, "POL001", []ruleCase{
		{"trailing comma", pol(`{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]}`), []string{"aws_s3_bucket_policy.p: policy is not valid JSON"}},
		{"unquoted key", pol(`{Statement: []}`), []string{"aws_s3_bucket_policy.p: is not valid JSON"}},
		{"truncated", pol(`{"Statement": [{"Effect": "Allow"`), []string{"aws_s3_bucket_policy.p: is not valid JSON"}},
		{"a list, not an object", pol(`[{"Effect": "Allow"}]`), []string{"aws_s3_bucket_policy.p: is not an object"}},
		{"no statement", pol(`{"Version": "2012-10-17"}`), []string{"aws_s3_bucket_policy.p: has no Statement"}},
		{"statement is a string", pol(`{"Statement": ["Allow"]}`), []string{"aws_s3_bucket_policy.p: statement #1 that is not an object"}},
		{"effect typo", pol(`{"Statement": {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}}`), []string{"aws_s3_bucket_policy.p: Effect \"allow\""}},
		{"no effect", pol(`{"Statement": {"Action": "s3:GetObject", "Resource": "*"}}`), []string{"aws_s3_bucket_policy.p: without Effect"}},
		{"a reference inside a string", pol(`{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${aws_s3_bucket.b.arn}/*", "Condition": {"StringEquals": {"aws:SourceAccount": "${data.aws_caller_identity.c.account_id}"}}}]}`), nil},
		{"an interpolation standing for a statement", pol(`{"Statement": [${local.stmt}]}`), nil},
		{"an interpolation with quotes and braces", pol(`{"Statement": ${jsonencode([{"Effect" = "Allow", "Action" = "s3:*", "Resource" = "*"}])}}`), nil},
		{"effect from a variable", pol(`{"Statement": {"Effect": "${var.effect}", "Action": "s3:GetObject", "Resource": "*"}}`), nil},
		{"a reference to a document", pol(`${data.aws_iam_policy_document.d.json}`), nil},
		{"a template directive", pol(`{"Statement": [%{ for s in var.s }${s},%{ endfor }]}`), nil},
		{"condition operator typo", pol(`{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqual": {"aws:SourceAccount": "1"}}}}`), []string{"aws_s3_bucket_policy.p: condition operator \"StringEqual\", which IAM does not know"}},
		{"condition operator case", pol(`{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"stringequals": {"aws:SourceAccount": "1"}}}}`), []string{"aws_s3_bucket_policy.p: IAM's is \"StringEquals\""}},
		{"known operators with prefixes and IfExists", pol(`{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAnyValue:StringLikeIfExists": {"a": "b"}, "Null": {"c": "true"}, "ArnNotEquals": {"d": "e"}}}}`), nil},
		{"NullIfExists is not an operator", pol(`{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NullIfExists": {"c": "true"}}}}`), []string{"aws_s3_bucket_policy.p: \"NullIfExists\""}},
		{"resource not an ARN", pol(`{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["${aws_s3_bucket.b.arn}/*", "my-bucket/*"]}}`), []string{"aws_s3_bucket_policy.p: Resource \"my-bucket/*\", which is neither"}},
		{"api gateway method resource", `{"resource": {"aws_api_gateway_rest_api_policy": {"p": {"rest_api_id": "x", "policy": "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\"}}"}}}}`, nil},
		{"not resource not an ARN", pol(`{"Statement": {"Effect": "Deny", "Action": "s3:*", "NotResource": "bucket"}}`), []string{"aws_s3_bucket_policy.p: NotResource \"bucket\""}},
		{"jsonencode resource not an ARN", pol(`${jsonencode({Statement = [{Effect = "Allow", Action = "s3:*", Resource = "b"}]})}`), []string{"aws_s3_bucket_policy.p: Resource \"b\""}},
		{"policy document condition test", `{"data": {"aws_iam_policy_document": {"d": {"statement": [{"actions": ["s3:GetObject"], "resources": ["*"], "condition": [{"test": "StringEqual", "variable": "aws:SourceAccount", "values": ["1"]}]}]}}}}`,
			[]string{"data.aws_iam_policy_document.d: statement #1 has condition operator \"StringEqual\""}},
		{"policy document resources", `{"data": {"aws_iam_policy_document": {"d": {"statement": [{"actions": ["s3:GetObject"], "resources": ["${aws_s3_bucket.b.arn}", "bucket-name"]}]}}}}`,
			[]string{"data.aws_iam_policy_document.d: has resources entry \"bucket-name\""}},
		{"jsonencode without Statement", pol(`${jsonencode({Version = "2012-10-17", Statements = []})}`), []string{"aws_s3_bucket_policy.p: has no Statement"}},
		{"jsonencode with an Effect typo", pol(`${jsonencode({Statement = [{Effect = "Alow", Action = "s3:*", Resource = "*"}]})}`), []string{"aws_s3_bucket_policy.p: Effect \"Alow\""}},
		{"jsonencode of a local", pol(`${jsonencode(local.policy)}`), nil},
		{"jsonencode with unknown statements", pol(`${jsonencode({Statement = local.statements})}`), nil},
		{"jsonencode with an unknown Effect", pol(`${jsonencode({Statement = [{Effect = var.effect, Action = "s3:*", Resource = "*"}]})}`), nil},
	})
}

func TestPOL002Cases(t *testing.T) {
	bp := func(pol string) string {
		return `{"resource": {"aws_s3_bucket_policy": {"p": {"bucket": "b", "policy": ` + pol + `}}}}`
	}
	stmt := func(principal any, cond map[string]any) map[string]any {
		m := map[string]any{"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
		if cond != nil {
			m["Condition"] = cond
		}
		return m
	}
	org := map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": "o-1"}}
	runRuleCases(t, "POL002", []ruleCase{
		{"star", bp(policyJSON(t, stmt("*", nil))), []string{"aws_s3_bucket_policy.p: Principal \"*\" with no condition"}},
		{"aws star in a list", bp(policyJSON(t, stmt(map[string]any{"AWS": []string{"*"}}, nil))), []string{"aws_s3_bucket_policy.p: AWS principal \"*\""}},
		{"wildcard account root", bp(policyJSON(t, stmt(map[string]any{"AWS": "arn:aws:iam::*:root"}, org))), []string{"aws_s3_bucket_policy.p: a wildcard account"}},
		{"wildcard account with a partition token", bp(policyJSON(t, stmt(map[string]any{"AWS": "arn:${data.aws_partition.p.partition}:iam::*:role/x"}, nil))), []string{"aws_s3_bucket_policy.p: a wildcard account"}},
		{"queue policy", `{"resource": {"aws_sqs_queue": {"q": {"name": "q", "policy": ` + policyJSON(t, stmt("*", nil)) + `}}}}`, []string{"aws_sqs_queue.q: Principal \"*\""}},
		{"star with an org condition", bp(policyJSON(t, stmt("*", org))), nil},
		{"deny star", bp(policyJSON(t, map[string]any{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"})), nil},
		{"one account", bp(policyJSON(t, stmt(map[string]any{"AWS": "arn:aws:iam::111122223333:root"}, nil))), nil},
		{"a service", bp(policyJSON(t, stmt(map[string]any{"Service": "logging.s3.amazonaws.com"}, nil))), nil},
		{"key policies are KMS001", `{"resource": {"aws_kms_key": {"k": {"policy": ` + policyJSON(t, stmt("*", nil)) + `}}}}`, nil},
	})
}

func TestKMS005Cases(t *testing.T) {
	key := func(action any, cond map[string]any) string {
		st := map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"}, "Action": action, "Resource": "*"}
		if cond != nil {
			st["Condition"] = cond
		}
		return `{"resource": {"aws_kms_key_policy": {"p": {"key_id": "k", "policy": ` + policyJSON(t, st) + `}}}}`
	}
	runRuleCases(t, "KMS005", []ruleCase{
		{"kms star", key("kms:*", nil), []string{"aws_kms_key_policy.p: cloudtrail.amazonaws.com \"kms:*\" with no condition"}},
		{"star in a list", key([]string{"kms:Decrypt", "*"}, nil), []string{"aws_kms_key_policy.p: \"*\" with no condition"}},
		{"kms star with a condition", key("kms:*", map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": "111122223333"}}), nil},
		{"scoped actions without a condition", key([]string{"kms:GenerateDataKey*", "kms:DescribeKey"}, nil), nil},
	})
}
