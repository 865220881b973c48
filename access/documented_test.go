package access

import (
	"testing"
)

// Documentation pages the examples come from.
const (
	docOperators  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html"
	docMulti      = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html"
	docMultiLogic = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html"
	docVariables  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"
	docLogic      = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"
	docCross      = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html"
	docNotAction  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html"
	docNotRes     = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html"
	docNotPrinc   = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html"
	docAction     = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html"
	docResource   = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html"
	docPrincipal  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"
	docKMSDefault = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html"
	docKMSAuth    = "https://docs.aws.amazon.com/kms/latest/developerguide/control-access.html"
	docCTBucket   = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html"
	docCTKey      = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html"
	docLogsKey    = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"
	docDeputy     = "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"
	docS3TLS      = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"
	docRoleTrust  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_compare-resource-policies.html"
	docConfig     = "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html"
	docS3Public   = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html"
)

const (
	acct  = "123456789012"
	other = "111122223333"
	bob   = "arn:aws:iam::123456789012:user/Bob"
)

func mustPolicy(t *testing.T, id, doc string) *Policy {
	t.Helper()
	p, err := ParsePolicy(id, []byte(doc))
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return p
}

// docCase is one documented example: the policies, the request and the
// outcome the page states or implies.
type docCase struct {
	name, url string
	identity  []string
	resource  string
	kind      ResourceKind
	principal Principal
	action    string
	arn       string
	resAcct   string
	ctx       map[string][]string
	allow     bool
}

func user(arn string) Principal { return Principal{Kind: IAMPrincipal, ARN: arn} }
func svc(name string) Principal { return Principal{Kind: ServicePrincipal, Service: name} }

var anonymous = Principal{Kind: Anonymous}

func c(kv ...string) map[string][]string {
	m := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = append(m[kv[i]], kv[i+1])
	}
	return m
}

func stmt(s string) string { return `{"Version":"2012-10-17","Statement":[` + s + `]}` }

var documented = []docCase{
	// Condition operators: strings.
	{name: "StringEquals principal tag matches", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/*","Condition":{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}}`)},
		principal: user(bob), action: "iam:CreateAccessKey", arn: "arn:aws:iam::123456789012:user/Alice", ctx: c("aws:PrincipalTag/job-category", "iamuser-admin"), allow: true},
	{name: "StringEquals is case-sensitive in the value", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/*","Condition":{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}}`)},
		principal: user(bob), action: "iam:CreateAccessKey", arn: "arn:aws:iam::123456789012:user/Alice", ctx: c("aws:PrincipalTag/job-category", "IAMUser-Admin"), allow: false},
	{name: "StringEquals with the key absent is false", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/*","Condition":{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}}`)},
		principal: user(bob), action: "iam:CreateAccessKey", arn: "arn:aws:iam::123456789012:user/Alice", allow: false},
	{name: "StringEqualsIgnoreCase ignores case", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"*","Condition":{"StringEqualsIgnoreCase":{"aws:PrincipalTag/job-category":"iamuser-admin"}}}`)},
		principal: user(bob), action: "iam:ListAccessKeys", arn: "arn:aws:iam::123456789012:user/Bob", ctx: c("aws:PrincipalTag/job-category", "IAMUser-Admin"), allow: true},
	{name: "condition key names are case-insensitive", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"*","Condition":{"StringEquals":{"AWS:PrincipalTag/JOB-category":"iamuser-admin"}}}`)},
		principal: user(bob), action: "iam:ListAccessKeys", arn: "arn:aws:iam::123456789012:user/Bob", ctx: c("aws:principaltag/job-category", "iamuser-admin"), allow: true},
	{name: "StringLike with a policy variable in s3:prefix", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket","Condition":{"StringLike":{"s3:prefix":["","home/","home/${aws:username}/"]}}}`)},
		principal: user(bob), action: "s3:ListBucket", arn: "arn:aws:s3:::amzn-s3-demo-bucket", ctx: c("s3:prefix", "home/Bob/"), allow: true},
	{name: "StringLike with a policy variable: another user's prefix", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket","Condition":{"StringLike":{"s3:prefix":["","home/","home/${aws:username}/"]}}}`)},
		principal: user(bob), action: "s3:ListBucket", arn: "arn:aws:s3:::amzn-s3-demo-bucket", ctx: c("s3:prefix", "home/Alice/"), allow: false},
	{name: "StringLike multi-character wildcard", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/*"}}}`)},
		principal: user(bob), action: "s3:ListBucket", arn: "arn:aws:s3:::b", ctx: c("s3:prefix", "home/a/b/c"), allow: true},
	{name: "StringLike single-character wildcard needs exactly one", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"log?"}}}`)},
		principal: user(bob), action: "s3:ListBucket", arn: "arn:aws:s3:::b", ctx: c("s3:prefix", "log12"), allow: false},
	{name: "StringNotEquals with the key absent is true", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), stmt(`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc"}}}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: false},
	{name: "StringNotEquals with several values is a NOR", url: docMultiLogic,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/department":["finance","hr"]}}}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", ctx: c("aws:PrincipalTag/department", "hr"), allow: false},
	{name: "StringNotLike value outside the pattern", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotLike":{"aws:PrincipalTag/department":"fin*"}}}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", ctx: c("aws:PrincipalTag/department", "engineering"), allow: true},
	// Numeric.
	{name: "NumericLessThanEquals s3:max-keys at the limit", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket","Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"}}}`)},
		principal: user(bob), action: "s3:ListBucket", arn: "arn:aws:s3:::amzn-s3-demo-bucket", ctx: c("s3:max-keys", "10"), allow: true},
	{name: "NumericLessThanEquals s3:max-keys above the limit", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket","Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"}}}`)},
		principal: user(bob), action: "s3:ListBucket", arn: "arn:aws:s3:::amzn-s3-demo-bucket", ctx: c("s3:max-keys", "11"), allow: false},
	{name: "NumericGreaterThan aws:MultiFactorAuthAge denies stale MFA", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"},{"Effect":"Deny","Action":"ec2:StopInstances","Resource":"*","Condition":{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}}`)},
		principal: user(bob), action: "ec2:StopInstances", arn: "arn:aws:ec2:us-east-1:123456789012:instance/i-1", ctx: c("aws:MultiFactorAuthAge", "7200"), allow: false},
	{name: "NumericNotEquals", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericNotEquals":{"s3:max-keys":"5"}}}`)},
		principal: user(bob), action: "s3:ListBucket", arn: "arn:aws:s3:::b", ctx: c("s3:max-keys", "6"), allow: true},
	{name: "NumericEquals with a non-numeric context value is false", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericEquals":{"s3:max-keys":"5"}}}`)},
		principal: user(bob), action: "s3:ListBucket", arn: "arn:aws:s3:::b", ctx: c("s3:max-keys", "five"), allow: false},
	// Dates.
	{name: "DateGreaterThan aws:TokenIssueTime after the date", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"*","Condition":{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}}`)},
		principal: user(bob), action: "iam:CreateAccessKey", arn: "arn:aws:iam::123456789012:user/Bob", ctx: c("aws:TokenIssueTime", "2020-03-04T10:00:00Z"), allow: true},
	{name: "DateGreaterThan aws:TokenIssueTime before the date", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"*","Condition":{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}}`)},
		principal: user(bob), action: "iam:CreateAccessKey", arn: "arn:aws:iam::123456789012:user/Bob", ctx: c("aws:TokenIssueTime", "2019-12-31T23:59:59Z"), allow: false},
	{name: "DateLessThan aws:CurrentTime in epoch seconds", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"1735689600"}}}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", ctx: c("aws:CurrentTime", "2024-06-30T12:00:00Z"), allow: true},
	// Bool.
	{name: "Bool aws:SecureTransport false denies a plain-HTTP request", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)},
		resource:  stmt(`{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`),
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", ctx: c("aws:SecureTransport", "false"), allow: false},
	{name: "Bool aws:SecureTransport false lets a TLS request through", url: docS3TLS,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)},
		resource:  stmt(`{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`),
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", ctx: c("aws:SecureTransport", "true"), allow: true},
	{name: "Bool aws:MultiFactorAuthPresent true (JSON boolean)", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}}`)},
		principal: user(bob), action: "iam:ListUsers", arn: "*", ctx: c("aws:MultiFactorAuthPresent", "true"), allow: true},
	{name: "Bool with the key absent is false (long-term keys have no MFA key)", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`)},
		principal: user(bob), action: "iam:ListUsers", arn: "*", allow: false},
	{name: "BoolIfExists false: absent key passes the Deny", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`)},
		principal: user(bob), action: "iam:ListUsers", arn: "*", allow: false},
	// Binary.
	{name: "BinaryEquals compares the decoded bytes", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"BinaryEquals":{"key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}}`)},
		principal: user(bob), action: "s3:PutObject", arn: "arn:aws:s3:::b/k", ctx: c("key", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="), allow: true},
	{name: "BinaryEquals different bytes", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"BinaryEquals":{"key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}}`)},
		principal: user(bob), action: "s3:PutObject", arn: "arn:aws:s3:::b/k", ctx: c("key", "b3RoZXI="), allow: false},
	// IP addresses.
	{name: "IpAddress inside the range", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`)},
		principal: user(bob), action: "iam:CreateAccessKey", arn: "arn:aws:iam::123456789012:user/Bob", ctx: c("aws:SourceIp", "203.0.113.77"), allow: true},
	{name: "IpAddress outside the range", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`)},
		principal: user(bob), action: "iam:CreateAccessKey", arn: "arn:aws:iam::123456789012:user/Bob", ctx: c("aws:SourceIp", "198.51.100.7"), allow: false},
	{name: "IpAddress IPv6 range", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}}`)},
		principal: user(bob), action: "iam:CreateAccessKey", arn: "arn:aws:iam::123456789012:user/Bob", ctx: c("aws:SourceIp", "2001:db8:1234:5678::1"), allow: true},
	{name: "NotIpAddress Deny outside the office range", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]}}}`)},
		principal: user(bob), action: "ec2:RunInstances", arn: "*", ctx: c("aws:SourceIp", "198.51.100.1"), allow: false},
	{name: "NotIpAddress Deny skips the office range", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]}}}`)},
		principal: user(bob), action: "ec2:RunInstances", arn: "*", ctx: c("aws:SourceIp", "192.0.2.10"), allow: true},
	// ARNs.
	{name: "ArnEquals aws:SourceArn of the topic (SQS queue policy)", url: docOperators,
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:queue","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:topic"}}}`),
		principal: svc("sns.amazonaws.com"), action: "sqs:SendMessage", arn: "arn:aws:sqs:us-east-1:123456789012:queue", ctx: c("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic"), allow: true},
	{name: "ArnEquals aws:SourceArn of another topic", url: docOperators,
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:queue","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:topic"}}}`),
		principal: svc("sns.amazonaws.com"), action: "sqs:SendMessage", arn: "arn:aws:sqs:us-east-1:123456789012:queue", ctx: c("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:other"), allow: false},
	{name: "ArnLike wildcard per segment", url: docOperators,
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:alerts-*"}}}`),
		principal: svc("sns.amazonaws.com"), action: "sqs:SendMessage", arn: "arn:aws:sqs:us-east-1:123456789012:queue", ctx: c("aws:SourceArn", "arn:aws:sns:eu-west-1:123456789012:alerts-db"), allow: true},
	{name: "ArnLike wildcard does not cross into the account segment", url: docOperators,
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-*:alerts"}}}`),
		principal: svc("sns.amazonaws.com"), action: "sqs:SendMessage", arn: "arn:aws:sqs:us-east-1:123456789012:queue", ctx: c("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:alerts"), allow: false},
	{name: "ArnNotEquals Deny for another source", url: docDeputy,
		identity:  nil,
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:topic"}}}`),
		principal: svc("sns.amazonaws.com"), action: "sqs:SendMessage", arn: "arn:aws:sqs:us-east-1:123456789012:queue", ctx: c("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic"), allow: false},
	// IfExists and Null.
	{name: "StringLikeIfExists instance type present and allowed", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}}`)},
		principal: user(bob), action: "ec2:RunInstances", arn: "arn:aws:ec2:us-east-1:123456789012:instance/*", ctx: c("ec2:InstanceType", "t2.micro"), allow: true},
	{name: "StringLikeIfExists instance type present and refused", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}}`)},
		principal: user(bob), action: "ec2:RunInstances", arn: "arn:aws:ec2:us-east-1:123456789012:instance/*", ctx: c("ec2:InstanceType", "m5.large"), allow: false},
	{name: "StringLikeIfExists with the key absent holds", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}}`)},
		principal: user(bob), action: "ec2:CreateVolume", arn: "arn:aws:ec2:us-east-1:123456789012:volume/*", allow: true},
	{name: "Null true: key absent (long-term credentials)", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"true"}}}`)},
		principal: user(bob), action: "ec2:DescribeInstances", arn: "*", allow: true},
	{name: "Null true: key present (temporary credentials)", url: docOperators,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"true"}}}`)},
		principal: user(bob), action: "ec2:DescribeInstances", arn: "*", ctx: c("aws:TokenIssueTime", "2024-01-01T00:00:00Z"), allow: false},
	{name: "Null false requires the tag key", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"Null":{"aws:TagKeys":"false"},"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", allow: false},
	// Multi-valued keys.
	{name: "ForAllValues: every requested tag key is in the list", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", ctx: c("aws:TagKeys", "environment", "aws:TagKeys", "cost-center"), allow: true},
	{name: "ForAllValues: one requested tag key outside the list", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", ctx: c("aws:TagKeys", "environment", "aws:TagKeys", "owner"), allow: false},
	{name: "ForAllValues: an absent key is vacuously true", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", allow: true},
	{name: "ForAnyValue: one requested tag key in the list", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", ctx: c("aws:TagKeys", "owner", "aws:TagKeys", "environment"), allow: true},
	{name: "ForAnyValue: no requested tag key in the list", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", ctx: c("aws:TagKeys", "owner"), allow: false},
	{name: "ForAnyValue: an absent key is false", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", allow: false},
	{name: "ForAllValues:StringLike with wildcards", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringLike":{"aws:TagKeys":["key1*","key2*"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", ctx: c("aws:TagKeys", "key1-a", "aws:TagKeys", "key2-b"), allow: true},
	{name: "ForAnyValue:StringNotEquals: one value outside the list", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*"},{"Effect":"Deny","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["environment","cost-center"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", ctx: c("aws:TagKeys", "environment", "aws:TagKeys", "owner"), allow: false},
	{name: "ForAllValues:StringNotEquals: no value in the list", url: docMulti,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret","owner"]}}}`)},
		principal: user(bob), action: "ec2:CreateTags", arn: "*", ctx: c("aws:TagKeys", "environment", "aws:TagKeys", "team"), allow: true},
	// Several keys and operators.
	{name: "Several operators and keys are ANDed", url: docMultiLogic,
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalTag/department":["finance","hr","legal"],"aws:PrincipalTag/role":["audit","security"]},"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::123456789012:user/Bob","arn:aws:iam::123456789012:user/Ana"]}}}`),
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", ctx: c("aws:PrincipalTag/department", "hr", "aws:PrincipalTag/role", "audit"), allow: true},
	{name: "Several keys ANDed: one key fails", url: docMultiLogic,
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalTag/department":["finance","hr","legal"],"aws:PrincipalTag/role":["audit","security"]}}}`),
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", ctx: c("aws:PrincipalTag/department", "hr", "aws:PrincipalTag/role", "dev"), allow: false},
	// Policy variables.
	{name: "${aws:username} in a resource ARN", url: docVariables,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}`)},
		principal: user(bob), action: "s3:PutObject", arn: "arn:aws:s3:::amzn-s3-demo-bucket/home/Bob/notes.txt", allow: true},
	{name: "${aws:username} does not reach another user's folder", url: docVariables,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}`)},
		principal: user(bob), action: "s3:PutObject", arn: "arn:aws:s3:::amzn-s3-demo-bucket/home/Alice/notes.txt", allow: false},
	{name: "a variable without a value makes the element not match (roles have no aws:username)", url: docVariables,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}`)},
		principal: user("arn:aws:iam::123456789012:role/app"), action: "s3:PutObject", arn: "arn:aws:s3:::amzn-s3-demo-bucket/home/app/notes.txt", allow: false},
	{name: "a variable's default value", url: docVariables,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team, 'company-wide'}/*"}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::amzn-s3-demo-bucket/company-wide/handbook.pdf", allow: true},
	{name: "${aws:PrincipalTag/...} in a condition value", url: docVariables,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/project":"${aws:PrincipalTag/project}"}}}`)},
		principal: user(bob), action: "ec2:StartInstances", arn: "arn:aws:ec2:us-east-1:123456789012:instance/i-1", ctx: c("aws:ResourceTag/project", "blue", "aws:PrincipalTag/project", "blue"), allow: true},
	{name: "${*} is a literal asterisk, not a wildcard", url: docVariables,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${*}"}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/anything", allow: false},
	{name: "${*} matches an object named *", url: docVariables,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${*}"}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/*", allow: true},
	{name: "${?} and ${$} are literal characters", url: docVariables,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/why${?}${$}"}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/why?$", allow: true},
	{name: "Version 2008-10-17 takes ${...} literally", url: docVariables,
		identity:  []string{`{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/home/${aws:username}/*"}]}`},
		principal: user(bob), action: "s3:PutObject", arn: "arn:aws:s3:::b/home/Bob/x", allow: false},
	// Actions and resources.
	{name: "action wildcard s3:Get*", url: docAction,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`)},
		principal: user(bob), action: "s3:GetObjectTagging", arn: "arn:aws:s3:::b/k", allow: true},
	{name: "actions are case-insensitive", url: docAction,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"S3:getobject","Resource":"*"}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: true},
	{name: "action wildcard in the middle iam:*AccessKey*", url: docAction,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"*"}`)},
		principal: user(bob), action: "iam:UpdateAccessKey", arn: "arn:aws:iam::123456789012:user/Bob", allow: true},
	{name: "action of another service does not match", url: docAction,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"sqs:*","Resource":"*"}`)},
		principal: user(bob), action: "sns:Publish", arn: "arn:aws:sns:us-east-1:123456789012:t", allow: false},
	{name: "resource ARNs are case-sensitive", url: docResource,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::Bucket/*"}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::bucket/k", allow: false},
	{name: "resource wildcard spans the path", url: docResource,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::123456789012:role/*"}`)},
		principal: user(bob), action: "iam:GetRole", arn: "arn:aws:iam::123456789012:role/division_abc/subdivision_xyz/product_1234", allow: true},
	{name: "resource wildcard in the account segment", url: docResource,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"arn:aws:logs:us-east-1:*:log-group:app:*"}`)},
		principal: user(bob), action: "logs:PutLogEvents", arn: "arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:s1", allow: true},
	{name: "log group ARN without :* does not cover its streams", url: docResource,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"arn:aws:logs:us-east-1:123456789012:log-group:app"}`)},
		principal: user(bob), action: "logs:PutLogEvents", arn: "arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:s1", allow: false},
	{name: "NotAction allows everything but IAM", url: docNotAction,
		identity:  []string{stmt(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`)},
		principal: user(bob), action: "s3:ListAllMyBuckets", arn: "*", allow: true},
	{name: "NotAction does not allow the excluded service", url: docNotAction,
		identity:  []string{stmt(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`)},
		principal: user(bob), action: "iam:CreateUser", arn: "arn:aws:iam::123456789012:user/x", allow: false},
	{name: "Deny with NotAction and MFA: everything but IAM needs MFA", url: docNotAction,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", ctx: c("aws:MultiFactorAuthPresent", "false"), allow: false},
	{name: "Deny with NotResource: a bucket outside the list", url: docNotRes,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::HRBucket/Payroll","arn:aws:s3:::HRBucket/Payroll/*"]}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::HRBucket/Other/x", allow: false},
	{name: "Deny with NotResource: the listed bucket path", url: docNotRes,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::HRBucket/Payroll","arn:aws:s3:::HRBucket/Payroll/*"]}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::HRBucket/Payroll/june.csv", allow: true},
	// NotPrincipal.
	{name: "NotPrincipal Deny spares the named user and account", url: docNotPrinc,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)},
		resource:  stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:user/Bob","arn:aws:iam::123456789012:root"]},"Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}`),
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: true},
	{name: "NotPrincipal Deny hits every other user", url: docNotPrinc,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)},
		resource:  stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:user/Bob","arn:aws:iam::123456789012:root"]},"Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}`),
		principal: user("arn:aws:iam::123456789012:user/Alice"), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: false},
	{name: "NotPrincipal without the account ARN denies the user too", url: docNotPrinc,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)},
		resource:  stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:user/Bob"]},"Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}`),
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: false},
	{name: "NotPrincipal names an assumed-role session through its role", url: docNotPrinc,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)},
		resource:  stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:role/admin","arn:aws:iam::123456789012:root"]},"Action":"s3:*","Resource":"*"}`),
		principal: user("arn:aws:sts::123456789012:assumed-role/admin/session"), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: true},
	// Evaluation logic.
	{name: "implicit deny without any statement", url: docLogic,
		identity: []string{stmt(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}`)}, principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: false},
	{name: "an identity-based Deny overrides a resource-based Allow", url: docLogic,
		identity:  []string{stmt(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`)},
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: false},
	{name: "a resource-based Deny overrides an identity-based Allow", url: docLogic,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)},
		resource:  stmt(`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:user/Bob"},"Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"}`),
		principal: user(bob), action: "s3:DeleteObject", arn: "arn:aws:s3:::b/k", allow: false},
	{name: "same account: a resource-based Allow naming the user suffices", url: docLogic,
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: true},
	{name: "same account: an identity-based Allow suffices", url: docLogic,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)},
		principal: user(bob), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: true},
	{name: "cross account: both sides allow", url: docCross,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)},
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
		principal: user("arn:aws:iam::111122223333:user/Carol"), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: true},
	{name: "cross account: the resource side alone is not enough", url: docCross,
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
		principal: user("arn:aws:iam::111122223333:user/Carol"), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: false},
	{name: "cross account: the identity side alone is not enough", url: docCross,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)},
		principal: user("arn:aws:iam::111122223333:user/Carol"), action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: false},
	{name: "bare account id as principal", url: docPrincipal,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}`)},
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:queue"}`),
		principal: user("arn:aws:iam::111122223333:role/sender"), action: "sqs:SendMessage", arn: "arn:aws:sqs:us-east-1:123456789012:queue", allow: true},
	{name: "public read: Principal * allows an anonymous caller", url: docS3Public,
		resource:  stmt(`{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}`),
		principal: anonymous, action: "s3:GetObject", arn: "arn:aws:s3:::amzn-s3-demo-bucket/index.html", allow: true},
	{name: "anonymous caller without a public statement", url: docLogic,
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
		principal: anonymous, action: "s3:GetObject", arn: "arn:aws:s3:::b/k", allow: false},
	// KMS key policies.
	{name: "key policy with the root statement delegates to IAM", url: docKMSDefault, kind: KeyPolicy,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}`)},
		resource:  stmt(`{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}`),
		principal: user("arn:aws:iam::123456789012:role/app"), action: "kms:Decrypt", arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", allow: true},
	{name: "key policy with the root statement but no IAM allow", url: docKMSDefault, kind: KeyPolicy,
		resource:  stmt(`{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}`),
		principal: user("arn:aws:iam::123456789012:role/app"), action: "kms:Decrypt", arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", allow: false},
	{name: "key policy without the root statement: IAM policies cannot allow", url: docKMSAuth, kind: KeyPolicy,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`)},
		resource:  stmt(`{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/KeyAdmin"},"Action":["kms:Describe*","kms:Put*"],"Resource":"*"}`),
		principal: user("arn:aws:iam::123456789012:role/app"), action: "kms:Decrypt", arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", allow: false},
	{name: "key policy naming the role allows without IAM policy", url: docKMSAuth, kind: KeyPolicy,
		resource:  stmt(`{"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":["kms:Encrypt","kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}`),
		principal: user("arn:aws:iam::123456789012:role/app"), action: "kms:GenerateDataKeyWithoutPlaintext", arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", allow: true},
	{name: "CloudTrail may encrypt with its encryption context", url: docCTKey, kind: KeyPolicy,
		resource:  stmt(`{"Sid":"Allow CloudTrail to encrypt logs","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/TrailName"},"StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}}`),
		principal: svc("cloudtrail.amazonaws.com"), action: "kms:GenerateDataKey", arn: "arn:aws:kms:us-east-1:123456789012:key/k", ctx: c("aws:SourceArn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/TrailName", "kms:EncryptionContext:aws:cloudtrail:arn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/TrailName"), allow: true},
	{name: "CloudTrail of another account may not encrypt", url: docCTKey, kind: KeyPolicy,
		resource:  stmt(`{"Sid":"Allow CloudTrail to encrypt logs","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/TrailName"},"StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}}`),
		principal: svc("cloudtrail.amazonaws.com"), action: "kms:GenerateDataKey", arn: "arn:aws:kms:us-east-1:123456789012:key/k", ctx: c("aws:SourceArn", "arn:aws:cloudtrail:us-east-1:111122223333:trail/TrailName", "kms:EncryptionContext:aws:cloudtrail:arn", "arn:aws:cloudtrail:us-east-1:111122223333:trail/TrailName"), allow: false},
	{name: "CloudWatch Logs may use the key for its log group", url: docLogsKey, kind: KeyPolicy,
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"logs.us-west-2.amazonaws.com"},"Action":["kms:Encrypt*","kms:Decrypt*","kms:ReEncrypt*","kms:GenerateDataKey*","kms:Describe*"],"Resource":"*","Condition":{"ArnEquals":{"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:us-west-2:123456789012:log-group:log-group-name"}}}`),
		principal: svc("logs.us-west-2.amazonaws.com"), action: "kms:GenerateDataKey", arn: "arn:aws:kms:us-west-2:123456789012:key/k", ctx: c("kms:EncryptionContext:aws:logs:arn", "arn:aws:logs:us-west-2:123456789012:log-group:log-group-name"), allow: true},
	{name: "CloudWatch Logs may not use the key for another log group", url: docLogsKey, kind: KeyPolicy,
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"logs.us-west-2.amazonaws.com"},"Action":["kms:Encrypt*","kms:Decrypt*","kms:ReEncrypt*","kms:GenerateDataKey*","kms:Describe*"],"Resource":"*","Condition":{"ArnEquals":{"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:us-west-2:123456789012:log-group:log-group-name"}}}`),
		principal: svc("logs.us-west-2.amazonaws.com"), action: "kms:Decrypt", arn: "arn:aws:kms:us-west-2:123456789012:key/k", ctx: c("kms:EncryptionContext:aws:logs:arn", "arn:aws:logs:us-west-2:123456789012:log-group:other"), allow: false},
	// Service principals on buckets and roles.
	{name: "CloudTrail writes its log files with the ACL and source ARN", url: docCTBucket,
		resource:  stmt(`{"Sid":"AWSCloudTrailWrite20150319","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/123456789012/*","Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control","aws:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/trailName"}}}`),
		principal: svc("cloudtrail.amazonaws.com"), action: "s3:PutObject", arn: "arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/f.json.gz", ctx: c("s3:x-amz-acl", "bucket-owner-full-control", "aws:SourceArn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/trailName"), allow: true},
	{name: "CloudTrail write without the bucket-owner-full-control ACL", url: docCTBucket,
		resource:  stmt(`{"Sid":"AWSCloudTrailWrite20150319","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/123456789012/*","Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control","aws:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/trailName"}}}`),
		principal: svc("cloudtrail.amazonaws.com"), action: "s3:PutObject", arn: "arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/f.json.gz", ctx: c("aws:SourceArn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/trailName"), allow: false},
	{name: "AWS Config bucket check limited to the source account", url: docConfig,
		resource:  stmt(`{"Sid":"AWSConfigBucketPermissionsCheck","Effect":"Allow","Principal":{"Service":"config.amazonaws.com"},"Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::amzn-s3-demo-bucket","Condition":{"StringEquals":{"AWS:SourceAccount":"123456789012"}}}`),
		principal: svc("config.amazonaws.com"), action: "s3:GetBucketAcl", arn: "arn:aws:s3:::amzn-s3-demo-bucket", ctx: c("aws:SourceAccount", "111122223333"), allow: false},
	{name: "a service principal the policy does not name", url: docPrincipal,
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"*"}`),
		principal: svc("config.amazonaws.com"), action: "s3:PutObject", arn: "arn:aws:s3:::b/k", allow: false},
	{name: "trust policy: service principal with aws:SourceAccount", url: docDeputy, kind: TrustPolicy,
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}`),
		principal: svc("vpc-flow-logs.amazonaws.com"), action: "sts:AssumeRole", arn: "arn:aws:iam::123456789012:role/flow", ctx: c("aws:SourceAccount", "123456789012"), allow: true},
	{name: "trust policy naming the account needs an identity allow", url: docRoleTrust, kind: TrustPolicy,
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}`),
		principal: user(bob), action: "sts:AssumeRole", arn: "arn:aws:iam::123456789012:role/ops", allow: false},
	{name: "trust policy naming the account plus an identity allow", url: docRoleTrust, kind: TrustPolicy,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::123456789012:role/ops"}`)},
		resource:  stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}`),
		principal: user(bob), action: "sts:AssumeRole", arn: "arn:aws:iam::123456789012:role/ops", allow: true},
	{name: "an identity allow cannot assume a role whose trust policy does not name the caller", url: docRoleTrust, kind: TrustPolicy,
		identity:  []string{stmt(`{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}`)},
		resource:  stmt(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`),
		principal: user(bob), action: "sts:AssumeRole", arn: "arn:aws:iam::123456789012:role/fn", allow: false},
}

func (dc docCase) evaluate(t *testing.T) Decision {
	t.Helper()
	pol := Policies{Kind: dc.kind}
	for i, d := range dc.identity {
		pol.Identity = append(pol.Identity, mustPolicy(t, "identity"+string(rune('0'+i)), d))
	}
	if dc.resource != "" {
		pol.Resource = mustPolicy(t, "resource", dc.resource)
	}
	ra := dc.resAcct
	if ra == "" {
		ra = acct
	}
	return Evaluate(Request{Principal: dc.principal, Action: dc.action, Resource: dc.arn, ResourceAccount: ra, Context: dc.ctx}, pol)
}

// TestDocumentedExamples checks the evaluator against examples from the
// AWS documentation (each case cites its page).
func TestDocumentedExamples(t *testing.T) {
	if len(documented) < 60 {
		t.Fatalf("%d documented examples; the tier promises at least 60", len(documented))
	}
	for _, dc := range documented {
		t.Run(dc.name, func(t *testing.T) {
			d := dc.evaluate(t)
			if d.Allowed != dc.allow {
				t.Errorf("%s (%s): allowed = %v (%s, %v), the documentation says %v", dc.name, dc.url, d.Allowed, d.Reason, d.Deciding, dc.allow)
			}
		})
	}
}
