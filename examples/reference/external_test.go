package reference_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// externalEdit is one edit of the synthesized reference stack's policies
// that the access tier must report, naming the statement: an external-access
// finding (finding: the statement's Sid) or an expectation that fails
// (fails: its kind, deciding: the Sid of the statement that decides).
type externalEdit struct {
	name, bullet string
	edit         func(t *testing.T, doc map[string]any)
	finding      string
	fails        string
	deciding     string
}

// resourceName returns the one resource of type typ whose name starts with prefix.
func resourceName(t *testing.T, doc map[string]any, typ, prefix string) string {
	t.Helper()
	var names []string
	for n := range doc["resource"].(map[string]any)[typ].(map[string]any) {
		if strings.HasPrefix(n, prefix) {
			names = append(names, n)
		}
	}
	if len(names) != 1 {
		t.Fatalf("%s.%s*: %d resources (%v); want 1 (has the stack changed?)", typ, prefix, len(names), names)
	}
	return names[0]
}

func body(t *testing.T, doc map[string]any, typ, prefix string) map[string]any {
	t.Helper()
	return doc["resource"].(map[string]any)[typ].(map[string]any)[resourceName(t, doc, typ, prefix)].(map[string]any)
}

// account is the interpolation of the stack's account id.
func account(doc map[string]any) string {
	for n := range doc["data"].(map[string]any)["aws_caller_identity"].(map[string]any) {
		return "${data.aws_caller_identity." + n + ".account_id}"
	}
	return ""
}

// editPolicy rewrites the policy JSON in attr of one resource.
func editPolicy(t *testing.T, doc map[string]any, typ, prefix, attr string, f func(stmts []any) []any) {
	t.Helper()
	b := body(t, doc, typ, prefix)
	var p map[string]any
	if err := json.Unmarshal([]byte(b[attr].(string)), &p); err != nil {
		t.Fatalf("%s.%s* %s: %v", typ, prefix, attr, err)
	}
	p["Statement"] = f(p["Statement"].([]any))
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	b[attr] = string(out)
}

// addStatement appends one statement (JSON, with {ACCOUNT} and {ARN} for
// the account interpolation and the resource's ARN) to a policy.
func addStatement(typ, prefix, attr, arnOf, stmt string) func(t *testing.T, doc map[string]any) {
	return func(t *testing.T, doc map[string]any) {
		t.Helper()
		text := strings.ReplaceAll(stmt, "{ACCOUNT}", account(doc))
		if arnOf != "" {
			typ2, pre2, _ := strings.Cut(arnOf, ".")
			text = strings.ReplaceAll(text, "{ARN}", "${"+typ2+"."+resourceName(t, doc, typ2, pre2)+".arn}")
		}
		var st any
		if err := json.Unmarshal([]byte(text), &st); err != nil {
			t.Fatalf("statement %s: %v", text, err)
		}
		editPolicy(t, doc, typ, prefix, attr, func(stmts []any) []any { return append(stmts, st) })
	}
}

// addResource adds a resource whose string attributes may use {ACCOUNT}
// and {REF:type.prefix.attr}.
func addResource(typ, name string, attrs map[string]any) func(t *testing.T, doc map[string]any) {
	return func(t *testing.T, doc map[string]any) {
		t.Helper()
		b := map[string]any{}
		for k, v := range attrs {
			if s, ok := v.(string); ok {
				s = strings.ReplaceAll(s, "{ACCOUNT}", account(doc))
				for strings.Contains(s, "{REF:") {
					i := strings.Index(s, "{REF:")
					j := strings.Index(s[i:], "}") + i
					parts := strings.SplitN(s[i+5:j], ".", 3)
					s = s[:i] + "${" + parts[0] + "." + resourceName(t, doc, parts[0], parts[1]) + "." + parts[2] + "}" + s[j+1:]
				}
				v = s
			}
			b[k] = v
		}
		res := doc["resource"].(map[string]any)
		if res[typ] == nil {
			res[typ] = map[string]any{}
		}
		res[typ].(map[string]any)[name] = b
	}
}

const (
	bucketPolicy = "aws_s3_bucket_policy"
	keyPolicy    = "aws_kms_key"
	topicPolicy  = "aws_sns_topic_policy"
	partnerRoot  = "arn:aws:iam::444455556666:root"
)

// externalEdits are the policy mistakes of issue 27, one statement each.
var externalEdits = []externalEdit{
	// The request context AWS always sends, both ways.
	{name: "bucket readable by anyone when aws:ResourceAccount is this account (always)", bullet: "context keys",
		edit: addStatement(bucketPolicy, "logs_policy", "policy", "aws_s3_bucket.logs_bucket",
			`{"Sid":"ReadIfResourceAccount","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"{ARN}/*","Condition":{"StringEquals":{"aws:ResourceAccount":"{ACCOUNT}"}}}`),
		finding: "ReadIfResourceAccount"},
	{name: "bucket readable by anyone when s3:ResourceAccount is this account (always)", bullet: "context keys",
		edit: addStatement(bucketPolicy, "artifacts_policy", "policy", "aws_s3_bucket.artifacts_bucket",
			`{"Sid":"ReadIfS3ResourceAccount","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"{ARN}/*","Condition":{"StringEquals":{"s3:ResourceAccount":"{ACCOUNT}"}}}`),
		finding: "ReadIfS3ResourceAccount"},
	{name: "another account publishes until 2099 (aws:CurrentTime)", bullet: "context keys",
		edit: addStatement(topicPolicy, "alarms_policy", "policy", "aws_sns_topic.alarms_topic",
			`{"Sid":"PartnerUntil2099","Effect":"Allow","Principal":{"AWS":"`+partnerRoot+`"},"Action":"sns:Publish","Resource":"{ARN}","Condition":{"DateLessThan":{"aws:CurrentTime":"2099-01-01T00:00:00Z"}}}`),
		finding: "PartnerUntil2099"},
	{name: "access-logs bucket readable by anyone from aws:SourceIp 0.0.0.0/0", bullet: "context keys",
		edit: addStatement(bucketPolicy, "access-logs_policy", "policy", "aws_s3_bucket.access-logs_bucket",
			`{"Sid":"ReadFromAnywhere","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"{ARN}/*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}`),
		finding: "ReadFromAnywhere"},
	{name: "key usable when kms:CallerAccount names another account", bullet: "context keys",
		edit: addStatement(keyPolicy, "main_key", "policy", "",
			`{"Sid":"DecryptForCallerAccount","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"444455556666"}}}`),
		finding: "DecryptForCallerAccount"},
	{name: "a Deny on aws:CurrentTime after 2024 closes the alarm publications", bullet: "context keys (Deny)",
		edit: addStatement(topicPolicy, "alarms_policy", "policy", "aws_sns_topic.alarms_topic",
			`{"Sid":"FreezeAfter2024","Effect":"Deny","Principal":"*","Action":"sns:Publish","Resource":"{ARN}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2024-01-01T00:00:00Z"}}}`),
		fails: "alarm.sns-publish", deciding: "FreezeAfter2024"},
	// Other prefixes, actions, accounts and principals than the one sampled.
	{name: "another account reads the uploads/ prefix", bullet: "prefixes and actions",
		edit: addStatement(bucketPolicy, "artifacts_policy", "policy", "aws_s3_bucket.artifacts_bucket",
			`{"Sid":"PartnerUploads","Effect":"Allow","Principal":{"AWS":"`+partnerRoot+`"},"Action":"s3:GetObject","Resource":"{ARN}/uploads/*"}`),
		finding: "PartnerUploads"},
	{name: "anyone reads the public/ prefix", bullet: "prefixes and actions",
		edit: addStatement(bucketPolicy, "logs_policy", "policy", "aws_s3_bucket.logs_bucket",
			`{"Sid":"PublicPrefix","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"{ARN}/public/*"}`),
		finding: "PublicPrefix"},
	{name: "any AWS principal subscribes to the alarm topic (sns:Subscribe)", bullet: "prefixes and actions",
		edit: addStatement(topicPolicy, "alarms_policy", "policy", "aws_sns_topic.alarms_topic",
			`{"Sid":"SubscribeAnyone","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sns:Subscribe","Resource":"{ARN}"}`),
		finding: "SubscribeAnyone"},
	{name: "any account creates grants on the key for AWS resources (kms:CreateGrant)", bullet: "prefixes and actions",
		edit: addStatement(keyPolicy, "main_key", "policy", "",
			`{"Sid":"GrantsForAWSResources","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}}`),
		finding: "GrantsForAWSResources"},
	{name: "another account rewrites object ACLs (s3:PutObjectAcl)", bullet: "prefixes and actions",
		edit: addStatement(bucketPolicy, "artifacts_policy", "policy", "aws_s3_bucket.artifacts_bucket",
			`{"Sid":"PartnerObjectAcl","Effect":"Allow","Principal":{"AWS":"`+partnerRoot+`"},"Action":"s3:PutObjectAcl","Resource":"{ARN}/*"}`),
		finding: "PartnerObjectAcl"},
	{name: "any account's role named deployer writes (ArnLike aws:PrincipalArn arn:aws:iam::*:role/deployer)", bullet: "prefixes and actions",
		edit: addStatement(bucketPolicy, "artifacts_policy", "policy", "aws_s3_bucket.artifacts_bucket",
			`{"Sid":"DeployerRoles","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"{ARN}/*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/deployer"}}}`),
		finding: "DeployerRoles"},
	{name: "an organization's principals read the logs (aws:PrincipalOrgID, no organization bound)", bullet: "prefixes and actions",
		edit: addStatement(bucketPolicy, "logs_policy", "policy", "aws_s3_bucket.logs_bucket",
			`{"Sid":"OrgRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"{ARN}/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`),
		finding: "OrgRead"},
	{name: "anyone decrypts through S3 (kms:ViaService without kms:CallerAccount)", bullet: "prefixes and actions",
		edit: addStatement(keyPolicy, "main_key", "policy", "",
			`{"Sid":"DecryptViaS3","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}`),
		finding: "DecryptViaS3"},
	{name: "EventBridge publishes to the alarm topic with no source condition", bullet: "prefixes and actions",
		edit: addStatement(topicPolicy, "alarms_policy", "policy", "aws_sns_topic.alarms_topic",
			`{"Sid":"EventsPublish","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish","Resource":"{ARN}"}`),
		finding: "EventsPublish"},
	{name: "a GitHub OIDC trust without a sub condition", bullet: "prefixes and actions",
		edit: addStatement("aws_iam_role", "processor_role", "assume_role_policy", "",
			`{"Sid":"GitHubDeploy","Effect":"Allow","Principal":{"Federated":"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}`),
		finding: "GitHubDeploy"},
	{name: "the TLS-only Deny narrowed to s3:GetObject", bullet: "prefixes and actions",
		edit: func(t *testing.T, doc map[string]any) {
			editPolicy(t, doc, bucketPolicy, "artifacts_policy", "policy", func(stmts []any) []any {
				for _, s := range stmts {
					if m := s.(map[string]any); m["Sid"] == "DenyInsecureTransport" {
						m["Action"] = "s3:GetObject"
					}
				}
				return stmts
			})
		},
		fails: "s3.insecure-transport"},
	// Wildcards as AWS reads them.
	{name: "a Deny on arn:aws:kms:us-east-1:* (trailing wildcard past colons) stops CloudWatch Logs", bullet: "wildcards",
		edit: addStatement(keyPolicy, "main_key", "policy", "",
			`{"Sid":"DenyRegionKeys","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"{ACCOUNT}"}}}`),
		fails: "logs.kms-decrypt", deciding: "DenyRegionKeys"},
	{name: "any AWS principal publishes to arn:aws:sns:* (trailing wildcard)", bullet: "wildcards",
		edit: addStatement(topicPolicy, "alarms_policy", "policy", "",
			`{"Sid":"AnyTopic","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sns:Publish","Resource":"arn:aws:sns:*"}`),
		finding: "AnyTopic"},
	// Resource types the tier did not read.
	{name: "aws_kms_key_policy replaces the key policy with one anyone may decrypt with", bullet: "unread resource types",
		edit: func(t *testing.T, doc map[string]any) {
			text := body(t, doc, keyPolicy, "main_key")["policy"].(string)
			var p map[string]any
			if err := json.Unmarshal([]byte(text), &p); err != nil {
				t.Fatal(err)
			}
			p["Statement"] = append(p["Statement"].([]any), map[string]any{"Sid": "OpenDecrypt", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"})
			out, _ := json.Marshal(p)
			addResource("aws_kms_key_policy", "main_key_policy", map[string]any{"key_id": "{REF:aws_kms_key.main_key.key_id}", "policy": string(out)})(t, doc)
		},
		finding: "OpenDecrypt"},
	{name: "aws_kms_grant lets another account's role decrypt", bullet: "unread resource types",
		edit: addResource("aws_kms_grant", "partner_grant", map[string]any{"name": "partner", "key_id": "{REF:aws_kms_key.main_key.key_id}",
			"grantee_principal": "arn:aws:iam::444455556666:role/partner", "operations": []any{"Decrypt"}}),
		finding: "grant partner_grant"},
	{name: "aws_s3_bucket_acl public-read on the artifacts bucket", bullet: "unread resource types",
		edit:    addResource("aws_s3_bucket_acl", "artifacts_acl", map[string]any{"bucket": "{REF:aws_s3_bucket.artifacts_bucket.id}", "acl": "public-read"}),
		finding: "ACL grant to http://acs.amazonaws.com/groups/global/AllUsers"},
	{name: "aws_lambda_permission with principal *", bullet: "unread resource types",
		edit: addResource("aws_lambda_permission", "invoke_anyone", map[string]any{"statement_id": "AnyoneInvokes", "action": "lambda:InvokeFunction",
			"function_name": "{REF:aws_lambda_function.processor_function.function_name}", "principal": "*"}),
		finding: "AnyoneInvokes"},
	{name: "aws_secretsmanager_secret_policy shares the database secret with anyone", bullet: "unread resource types",
		edit: addResource("aws_secretsmanager_secret_policy", "db_secret_policy", map[string]any{"secret_arn": "{REF:aws_db_instance.db_instance.master_user_secret[0].secret_arn}",
			"policy": `{"Version":"2012-10-17","Statement":[{"Sid":"ShareSecret","Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`}),
		finding: "ShareSecret"},
}

// dataPerimeter is the data-perimeter Deny of issue 27 on the topic, the
// key and the logs bucket: the access tier must leave every integration
// allowed (service principals send aws:PrincipalIsAWSService = true).
var dataPerimeter = []func(t *testing.T, doc map[string]any){
	addStatement(topicPolicy, "alarms_policy", "policy", "aws_sns_topic.alarms_topic",
		`{"Sid":"DataPerimeter","Effect":"Deny","Principal":"*","Action":"*","Resource":"{ARN}","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"{ACCOUNT}"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}`),
	addStatement(keyPolicy, "main_key", "policy", "",
		`{"Sid":"DataPerimeter","Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"{ACCOUNT}"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}`),
	addStatement(bucketPolicy, "logs_policy", "policy", "aws_s3_bucket.logs_bucket",
		`{"Sid":"DataPerimeter","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["{ARN}","{ARN}/*"],"Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"{ACCOUNT}"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}`),
}

func checkEdited(t *testing.T, orig []byte, edits ...func(t *testing.T, doc map[string]any)) *access.Report {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(orig, &doc); err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		e(t, doc)
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "cdk.tf.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := access.CheckFile(file, access.Binding{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestExternalAccessEdits applies each edit to the synthesized dev stack
// and requires the access tier to report it, naming the statement; the
// data-perimeter Deny must leave the stack passing.
func TestExternalAccessEdits(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	orig, err := os.ReadFile(doc.Path)
	if err != nil {
		t.Fatal(err)
	}
	bullets := map[string]int{}
	for _, e := range externalEdits {
		bullets[e.bullet]++
		t.Run(e.name, func(t *testing.T) {
			rep := checkEdited(t, orig, e.edit)
			if rep.OK() {
				t.Fatalf("the access tier passes the edit (exit 0); want it reported")
			}
			if e.finding != "" {
				var got []string
				for _, f := range rep.Findings {
					got = append(got, f.Statement)
					if strings.HasSuffix(f.Statement, "#"+e.finding) {
						t.Logf("finding: %s", f)
						t.Logf("  e.g. %s %s %s %v", f.Witness.Principal, f.Witness.Action, f.Witness.Resource, f.Witness.Context)
						return
					}
				}
				t.Errorf("no external-access finding names statement %s; findings: %v", e.finding, got)
				return
			}
			for _, r := range rep.Failed() {
				if r.Kind != e.fails {
					continue
				}
				by := strings.Join(r.Decision.Deciding, " + ")
				if e.deciding != "" && !strings.Contains(by, "#"+e.deciding) {
					t.Errorf("%s fails, decided by %q; want statement %s named", r.ID(), by, e.deciding)
				}
				t.Logf("fails: %s: %s %s %s: %s (%s)", r.ID(), r.Request.Principal, r.Request.Action, r.Request.Resource, r.Decision.Reason, by)
				return
			}
			t.Errorf("no %s expectation fails", e.fails)
		})
	}
	var names []string
	for b, n := range bullets {
		names = append(names, b)
		t.Logf("%s: %d edits", b, n)
	}
	sort.Strings(names)
	if len(externalEdits) < 15 || len(bullets) < 5 {
		t.Errorf("%d edits over %v; issue 27 wants fifteen covering every bullet", len(externalEdits), names)
	}
	t.Run("data-perimeter deny passes", func(t *testing.T) {
		rep := checkEdited(t, orig, dataPerimeter...)
		for _, r := range rep.Failed() {
			t.Errorf("%s fails: %s %s: %s %v", r.ID(), r.Request.Principal, r.Request.Action, r.Decision.Reason, r.Decision.Deciding)
		}
		for _, f := range rep.Findings {
			t.Errorf("finding: %s", f)
		}
		t.Logf("%d expectations hold with the data-perimeter Deny on the topic, the key and the logs bucket", len(rep.Results))
	})
}

// TestNoExternalAccess: both environments have no external-access finding
// and no suppression.
func TestNoExternalAccess(t *testing.T) {
	eachEnv(t, func(t *testing.T, d *testkit.Doc) {
		rep, err := access.CheckFile(d.Path, access.Binding{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range append(rep.Findings, rep.Suppressed...) {
			t.Errorf("external access: %s", f)
		}
	})
}
