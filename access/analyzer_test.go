package access

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// The IAM Access Analyzer documentation the cases below are taken from.
const (
	docAAFindings   = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html"
	docAAResources  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html"
	docAAFilterKeys = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html"
	docEvalLogic    = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"
)

// aaCase is one case of the IAM Access Analyzer documentation: a resource
// with its policy or grant, whether Access Analyzer reports it (says), and
// whether this package does (want). differs explains, with its source, the
// cases where this package deliberately reports what Access Analyzer does
// not (or the reverse).
type aaCase struct {
	name, url, says string
	// resources: type -> name -> body (literal ARNs, account 123456789012).
	resources map[string]map[string]any
	org       string
	want      bool
	// who is a substring of the finding's Who; public its Public flag.
	who     string
	public  bool
	differs string
}

const (
	aaOther   = "arn:aws:iam::444455556666:root"
	aaBucket  = "arn:aws:s3:::acme-data"
	aaKey     = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	aaTopic   = "arn:aws:sns:us-east-1:123456789012:alerts"
	aaQueue   = "arn:aws:sqs:us-east-1:123456789012:jobs"
	aaSecret  = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"
	aaOwnRole = "arn:aws:iam::123456789012:role/app"
)

func pol(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

func bucketWith(policy string) map[string]map[string]any {
	return map[string]map[string]any{
		"aws_s3_bucket":        {"data": map[string]any{"bucket": "acme-data"}},
		"aws_s3_bucket_policy": {"data": map[string]any{"bucket": "acme-data", "policy": policy}},
	}
}

var analyzerCases = []aaCase{
	{name: "S3: a bucket policy granting another account", url: docAAResources,
		says:      "if a bucket policy grants access to another account or allows public access, IAM Access Analyzer generates a finding",
		resources: bucketWith(pol(`{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"` + aaOther + `"},"Action":"s3:GetObject","Resource":"` + aaBucket + `/*"}`)),
		want:      true, who: "account 444455556666"},
	{name: "S3: a bucket policy allowing public access", url: docAAResources,
		says:      "if a bucket policy ... allows public access, IAM Access Analyzer generates a finding",
		resources: bucketWith(pol(`{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"` + aaBucket + `/*"}`)),
		want:      true, who: "anyone", public: true},
	{name: "S3: an ACL granting everyone read (public-read)", url: docAAResources,
		says: "it generates a finding when an Amazon S3 bucket policy, ACL, or access point ... grants access to an external entity",
		resources: map[string]map[string]any{
			"aws_s3_bucket":     {"data": map[string]any{"bucket": "acme-data"}},
			"aws_s3_bucket_acl": {"data": map[string]any{"bucket": "acme-data", "acl": "public-read"}},
		},
		want: true, who: "anyone", public: true},
	{name: "S3: Block Public Access on the bucket and a public bucket policy", url: docAAResources,
		says: "Amazon S3 Block Public Access settings override the bucket policies applied to the bucket: no public finding",
		resources: func() map[string]map[string]any {
			r := bucketWith(pol(`{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"` + aaBucket + `/*"}`))
			r["aws_s3_bucket_public_access_block"] = map[string]any{"data": map[string]any{"bucket": "acme-data", "block_public_acls": true,
				"block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}}
			return r
		}(),
		want: true, who: "anyone", public: true,
		differs: "reported anyway: with block_public_policy S3 refuses the public policy at apply, and turning the block off later opens it; the statement is wrong either way (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)"},
	{name: "zone of trust: a role of this account", url: docAAFindings,
		says:      "any sharing that is within the zone of trust is considered safe, so IAM Access Analyzer does not generate a finding",
		resources: bucketWith(pol(`{"Sid":"App","Effect":"Allow","Principal":{"AWS":"` + aaOwnRole + `"},"Action":"s3:GetObject","Resource":"` + aaBucket + `/*"}`))},
	{name: "zone of trust: the organization (aws:PrincipalOrgID, -org given)", url: docAAFindings,
		says:      "if you select an organization as the zone of trust ... granting a principal in another member account generates no finding",
		resources: bucketWith(pol(`{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"` + aaBucket + `/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`)),
		org:       "o-a1b2c3d4e5"},
	{name: "zone of trust: the account (the organization's other accounts are outside)", url: docAAFindings,
		says:      "with an account as the zone of trust, a principal of another account (even of the same organization) is external: a finding",
		resources: bucketWith(pol(`{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"` + aaBucket + `/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`)),
		want:      true, who: "anyone"},
	{name: "zone of trust: the organization, another account named by ARN", url: docAAFindings,
		says:      "if you grant permission to a principal in an account that is not a member of the organization, IAM Access Analyzer generates a finding",
		resources: bucketWith(pol(`{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"` + aaOther + `"},"Action":"s3:GetObject","Resource":"` + aaBucket + `/*"}`)),
		org:       "o-a1b2c3d4e5", want: true, who: "account 444455556666",
		differs: "offline the members of the organization are unknown: an account named by ARN is reported even if it is a member (Access Analyzer knows the members)"},
	{name: "IAM role: a trust policy trusting another account", url: docAAResources,
		says: "for IAM roles, IAM Access Analyzer analyzes trust policies ... a finding when the trust policy grants access to an external entity",
		resources: map[string]map[string]any{"aws_iam_role": {"app": map[string]any{"name": "app",
			"assume_role_policy": pol(`{"Sid":"Other","Effect":"Allow","Principal":{"AWS":"` + aaOther + `"},"Action":"sts:AssumeRole"}`)}}},
		want: true, who: "account 444455556666"},
	{name: "IAM role: a trust policy trusting GitHub's OIDC provider without a sub condition", url: docAAFilterKeys,
		says: "principal.Federated: the federated identity that has access to the resource in the finding",
		resources: map[string]map[string]any{"aws_iam_role": {"deploy": map[string]any{"name": "deploy",
			"assume_role_policy": pol(`{"Sid":"GitHub","Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}`)}}},
		want: true, who: "GitHub Actions"},
	{name: "IAM role: a trust policy trusting a service (lambda.amazonaws.com)", url: DocPassRole,
		says: "a service assumes the role only when a principal of this account passes it (iam:PassRole): not external",
		resources: map[string]map[string]any{"aws_iam_role": {"fn": map[string]any{"name": "fn",
			"assume_role_policy": pol(`{"Sid":"Lambda","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`)}}}},
	{name: "KMS: a key policy granting another account", url: docAAResources,
		says: "for AWS KMS keys, IAM Access Analyzer analyzes the key policies and grants applied to a key",
		resources: map[string]map[string]any{"aws_kms_key": {"main": map[string]any{"policy": pol(
			`{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}`,
			`{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"`+aaOther+`"},"Action":"kms:Decrypt","Resource":"*"}`)}}},
		want: true, who: "account 444455556666"},
	{name: "KMS: a grant to another account's role", url: docAAResources,
		says: "IAM Access Analyzer analyzes the key policies and grants applied to a key",
		resources: map[string]map[string]any{
			"aws_kms_key":   {"main": map[string]any{"policy": pol(`{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}`)}},
			"aws_kms_grant": {"partner": map[string]any{"name": "partner", "key_id": "${aws_kms_key.main.key_id}", "grantee_principal": "arn:aws:iam::444455556666:role/reader", "operations": []any{"Decrypt"}}},
		},
		want: true, who: "444455556666"},
	{name: "KMS: Principal * limited to this account by kms:CallerAccount", url: docKMSKeys + "#conditions-kms-caller-account",
		says: "kms:CallerAccount is the account of the caller: pinned to this account, only this account's principals are admitted (zone of trust)",
		resources: map[string]map[string]any{"aws_kms_key": {"main": map[string]any{"policy": pol(
			`{"Sid":"ViaS3","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"123456789012","kms:ViaService":"s3.us-east-1.amazonaws.com"}}}`)}}}},
	{name: "Lambda: a permission for everyone", url: docAAResources,
		says: "for Lambda functions, IAM Access Analyzer analyzes the function's policies ... that grant access to an external entity",
		resources: map[string]map[string]any{
			"aws_lambda_function":   {"fn": map[string]any{"function_name": "fn"}},
			"aws_lambda_permission": {"any": map[string]any{"statement_id": "Anyone", "action": "lambda:InvokeFunction", "function_name": "${aws_lambda_function.fn.function_name}", "principal": "*"}},
		},
		want: true, who: "anyone", public: true},
	{name: "Lambda: a permission for S3 tied to this account (source_account)", url: docAAResources,
		says: "a service principal acting for this account's bucket is inside the zone of trust",
		resources: map[string]map[string]any{
			"aws_lambda_function":   {"fn": map[string]any{"function_name": "fn"}},
			"aws_lambda_permission": {"s3": map[string]any{"statement_id": "FromS3", "action": "lambda:InvokeFunction", "function_name": "${aws_lambda_function.fn.function_name}", "principal": "s3.amazonaws.com", "source_account": "123456789012", "source_arn": aaBucket}},
		}},
	{name: "SQS: a queue policy granting another account", url: docAAResources,
		says: "for Amazon SQS queues, IAM Access Analyzer analyzes policies ... that grant access to an external entity",
		resources: map[string]map[string]any{"aws_sqs_queue": {"jobs": map[string]any{"name": "jobs", "policy": pol(
			`{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"` + aaOther + `"},"Action":"sqs:SendMessage","Resource":"` + aaQueue + `"}`)}}},
		want: true, who: "account 444455556666"},
	{name: "Secrets Manager: a secret policy granting another account", url: docAAResources,
		says: "for AWS Secrets Manager secrets, IAM Access Analyzer analyzes resource-based policies ... that grant access to an external entity",
		resources: map[string]map[string]any{
			"aws_secretsmanager_secret":        {"db": map[string]any{"name": "db"}},
			"aws_secretsmanager_secret_policy": {"db": map[string]any{"secret_arn": "${aws_secretsmanager_secret.db.arn}", "policy": pol(`{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"` + aaOther + `"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}`)}},
		},
		want: true, who: "account 444455556666"},
	{name: "SNS: Principal * narrowed by aws:SourceIp", url: docAAFilterKeys,
		says: "condition.aws:SourceIp is a condition of a finding: a source address range does not keep other accounts out",
		resources: map[string]map[string]any{"aws_sns_topic": {"alerts": map[string]any{"name": "alerts", "policy": pol(
			`{"Sid":"FromOffice","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"` + aaTopic + `","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`)}}},
		want: true, who: "anyone", public: true},
	{name: "SNS: Principal * narrowed by aws:SourceVpce", url: docAAFilterKeys,
		says: "condition.aws:SourceVpce is a condition of a finding: a VPC endpoint id does not keep other accounts out",
		resources: map[string]map[string]any{"aws_sns_topic": {"alerts": map[string]any{"name": "alerts", "policy": pol(
			`{"Sid":"FromVpce","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"` + aaTopic + `","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`)}}},
		want: true, who: "anyone", public: true},
	{name: "S3: Principal * narrowed to a role of this account by aws:PrincipalArn", url: docAAFilterKeys,
		says:      "condition.aws:PrincipalArn: the principal indicated as the condition for access; a principal of this account is in the zone of trust",
		resources: bucketWith(pol(`{"Sid":"AppOnly","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"` + aaBucket + `/*","Condition":{"ArnEquals":{"aws:PrincipalArn":"` + aaOwnRole + `"}}}`))},
	{name: "S3: an Allow for another account cancelled by a Deny outside this account", url: docEvalLogic,
		says: "an explicit deny in any policy overrides any allow: no request from outside is allowed",
		resources: bucketWith(pol(
			`{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"`+aaOther+`"},"Action":"s3:GetObject","Resource":"`+aaBucket+`/*"}`,
			`{"Sid":"Perimeter","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["`+aaBucket+`","`+aaBucket+`/*"],"Condition":{"StringNotEquals":{"aws:PrincipalAccount":"123456789012"}}}`))},
	{name: "S3: only Deny statements", url: docEvalLogic,
		says:      "a Deny grants nothing: no finding",
		resources: bucketWith(pol(`{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"` + aaBucket + `/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`))},
}

// caseStack builds the Terraform JSON of a case: its resources, the
// caller-identity data source and a provider in us-east-1.
func caseStack(t *testing.T, c aaCase) *Stack {
	t.Helper()
	res := map[string]any{}
	for typ, byName := range c.resources {
		res[typ] = map[string]any(byName)
	}
	raw, err := json.Marshal(map[string]any{
		"provider": map[string]any{"aws": []any{map[string]any{"region": "us-east-1"}}},
		"data":     map[string]any{"aws_caller_identity": map[string]any{"me": map[string]any{}}},
		"resource": res,
	})
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	s, err := NewStack(c.name, doc, Binding{Org: c.org})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAccessAnalyzerCases: the external-access analysis decides each case
// of the IAM Access Analyzer documentation as Access Analyzer does, except
// the listed differences. The log is the README's table.
func TestAccessAnalyzerCases(t *testing.T) {
	var rows []string
	for _, c := range analyzerCases {
		t.Run(c.name, func(t *testing.T) {
			a, err := caseStack(t, c).Analyze()
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range a.Notes {
				t.Errorf("note: %s", n)
			}
			got := len(a.Findings) > 0
			if got != c.want {
				t.Fatalf("finding = %v (%v); want %v (%s)", got, a.Findings, c.want, c.url)
			}
			var who []string
			for _, f := range a.Findings {
				who = append(who, fmt.Sprintf("%s (%s)", f.Statement, f.Who))
			}
			if c.want {
				f := a.Findings[0]
				if !strings.Contains(f.Who, c.who) || f.Public != c.public {
					t.Errorf("finding %s: who %q public %v; want who containing %q, public %v", f.Statement, f.Who, f.Public, c.who, c.public)
				}
				t.Logf("%s", f)
			}
			says := "no finding"
			if c.want != (c.differs != "") {
				says = "finding"
			}
			ours := "no finding"
			if got {
				ours = "finding: " + strings.Join(who, "; ")
			}
			note := ""
			if c.differs != "" {
				note = " Differs: " + c.differs
			}
			rows = append(rows, fmt.Sprintf("| %s | %s (%s) | %s |%s |", c.name, says, c.url, ours, note))
		})
	}
	t.Logf("\n| case | IAM Access Analyzer | access | |\n|---|---|---|---|\n%s", strings.Join(rows, "\n"))
}
