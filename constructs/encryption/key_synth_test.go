package encryption

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

const (
	trailA = "arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-dev-trail"
	trailB = "arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-dev-other"
	roleA  = "arn:aws:iam::123456789012:role/acme-dev-fn"
)

// Errors and values recorded while building, checked by the tests.
var built struct {
	badName, badAllowSNS, reservedSid, wildcardGrant, badTrail error
	kmsStarService, operatorTypo                               error
	logs, trail                                                *Key
	callErrs                                                   []error
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	if _, err := NewKey(st, "plain", KeyProps{}); err != nil {
		return err
	}
	if _, err := NewKey(st, "custom", KeyProps{Name: "data", Description: "custom description", DeletionWindowDays: 7}); err != nil {
		return err
	}
	_, built.badName = NewKey(st, "bad", KeyProps{Name: "not valid!"})

	logs, err := NewKey(st, "logs", KeyProps{})
	if err != nil {
		return err
	}
	built.logs = logs
	built.callErrs = append(built.callErrs, logs.AllowCloudWatchLogs(), logs.AllowCloudWatchLogs())

	trail, err := NewKey(st, "trail", KeyProps{})
	if err != nil {
		return err
	}
	built.trail = trail
	sns := []string{"kms:GenerateDataKey*", "kms:Decrypt"}
	cond := policy.Condition{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{"123456789012"}}
	built.callErrs = append(built.callErrs,
		trail.AllowCloudTrail(trailA), trail.AllowCloudTrail(trailA), trail.AllowCloudTrail(trailB),
		trail.GrantEncryptDecrypt(roleA), trail.GrantEncryptDecrypt(roleA), trail.GrantDecrypt(roleA),
		trail.AllowService("AllowSNS", "sns.amazonaws.com", sns, cond),
		trail.AllowService("AllowSNS", "sns.amazonaws.com", sns, cond),
	)
	built.badAllowSNS = trail.AllowService("AllowSNS", "sns.amazonaws.com", []string{"kms:Decrypt"})
	built.reservedSid = trail.AllowService(SidCloudWatchLogs, "logs.amazonaws.com", []string{"kms:Decrypt"})
	built.kmsStarService = trail.AllowService("AllowSQS", "sqs.amazonaws.com", []string{"kms:*"})
	built.operatorTypo = trail.AllowService("AllowSQS", "sqs.amazonaws.com", []string{"kms:Decrypt"},
		policy.Condition{Operator: "StringEqual", Key: "aws:SourceAccount", Values: []string{"123456789012"}})
	built.wildcardGrant = trail.GrantDecrypt("arn:aws:iam::*:root")
	built.badTrail = trail.AllowCloudTrail("not-an-arn")
	return nil
})

// keyPolicy returns the named key's address, body and parsed policy statements.
func keyPolicy(t *testing.T, id string) (string, map[string]any, map[string]map[string]any) {
	t.Helper()
	doc := synth.Get(t).Stack(t, "acme-dev")
	name, body := doc.ByPath(t, "aws_kms_key", id+"/key")
	addr := "aws_kms_key." + name
	p := testkit.PolicyDoc(t, addr, body, "policy")
	return addr, body, testkit.Statements(t, addr, p)
}

func TestKeyDefaults(t *testing.T) {
	addr, body, _ := keyPolicy(t, "plain")
	testkit.Equal(t, addr, body, "enable_key_rotation", true)
	testkit.Equal(t, addr, body, "deletion_window_in_days", 30)
	testkit.Equal(t, addr, body, "description", "acme-dev plain key, managed by cdktf-secure-go")
	if _, ok := testkit.Attr(body, "bypass_policy_lockout_safety_check"); ok {
		t.Errorf("%s: bypass_policy_lockout_safety_check is set; want it unset", addr)
	}

	addr, body, _ = keyPolicy(t, "custom")
	testkit.Equal(t, addr, body, "deletion_window_in_days", 7)
	testkit.Equal(t, addr, body, "description", "custom description")
}

func TestKeyAlias(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	keyName, _ := doc.ByPath(t, "aws_kms_key", "plain/key")
	name, body := doc.ByPath(t, "aws_kms_alias", "plain/alias")
	addr := "aws_kms_alias." + name
	testkit.Equal(t, addr, body, "name", "alias/acme-dev-plain")
	testkit.Equal(t, addr, body, "target_key_id", testkit.Ref("aws_kms_key", keyName, "key_id"))
	_, body = doc.ByPath(t, "aws_kms_alias", "custom/alias")
	testkit.Equal(t, "aws_kms_alias (custom)", body, "name", "alias/acme-dev-data")
}

func TestKeyPolicyOnlyRootUntilUsed(t *testing.T) {
	addr, _, stmts := keyPolicy(t, "plain")
	if len(stmts) != 1 {
		t.Fatalf("%s: policy has %d statements %v; want only %s", addr, len(stmts), sids(stmts), SidRootAdministration)
	}
	root, ok := stmts[SidRootAdministration]
	if !ok {
		t.Fatalf("%s: policy has no %s statement; have %v", addr, SidRootAdministration, sids(stmts))
	}
	testkit.Equal(t, addr, root, "Effect", "Allow")
	testkit.Equal(t, addr, root, "Action", []string{"kms:*"})
	testkit.Equal(t, addr, root, "Resource", []string{"*"})
	principals, _ := testkit.Attr(root, "Principal.AWS")
	list, _ := principals.([]any)
	if len(list) != 1 {
		t.Fatalf("%s: policy %s Principal.AWS = %v; want exactly this account's root", addr, SidRootAdministration, principals)
	}
	p, _ := list[0].(string)
	if !strings.Contains(p, "${data.aws_caller_identity.") || !strings.HasSuffix(p, ":root") || !strings.HasPrefix(p, "arn:${data.aws_partition.") {
		t.Errorf("%s: policy %s principal = %q; want arn:<partition>:iam::<data.aws_caller_identity account_id>:root", addr, SidRootAdministration, p)
	}
}

func TestKeyPolicyNeverWildcardAccount(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	for name, body := range doc.Resources("aws_kms_key") {
		s, _ := body["policy"].(string)
		for _, bad := range []string{"::*:", `"AWS":"*"`, `"AWS":["*"]`, `"Principal":"*"`} {
			if strings.Contains(s, bad) {
				t.Errorf("aws_kms_key.%s: policy contains %s; every principal must be this account or a named service/role", name, bad)
			}
		}
	}
}

func TestKeyPolicyCloudWatchLogs(t *testing.T) {
	addr, _, stmts := keyPolicy(t, "logs")
	if len(stmts) != 2 {
		t.Errorf("%s: policy statements %v; want %s and %s once each (AllowCloudWatchLogs is idempotent)", addr, sids(stmts), SidRootAdministration, SidCloudWatchLogs)
	}
	s, ok := stmts[SidCloudWatchLogs]
	if !ok {
		t.Fatalf("%s: policy has no %s statement; have %v", addr, SidCloudWatchLogs, sids(stmts))
	}
	svc := firstString(t, addr, s, "Principal.Service")
	if !strings.HasPrefix(svc, "logs.${data.aws_region.") {
		t.Errorf("%s: %s Principal.Service = %q; want logs.<region>.<dns suffix>", addr, SidCloudWatchLogs, svc)
	}
	testkit.Equal(t, addr, s, "Action", []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"})
	arn := firstString(t, addr, s, "Condition.ArnLike.kms:EncryptionContext:aws:logs:arn")
	if !strings.Contains(arn, ":logs:${data.aws_region.") || !strings.Contains(arn, "${data.aws_caller_identity.") || !strings.HasSuffix(arn, ":log-group:*") {
		t.Errorf("%s: %s condition ArnLike kms:EncryptionContext:aws:logs:arn = %q; want arn:<partition>:logs:<region>:<account>:log-group:*", addr, SidCloudWatchLogs, arn)
	}
	if got := built.logs.Policy(); len(got.Statements) != 2 {
		t.Errorf("logs key Policy() has %d statements; want 2", len(got.Statements))
	}
}

func TestKeyPolicyCloudTrailAndGrants(t *testing.T) {
	addr, _, stmts := keyPolicy(t, "trail")
	want := []string{SidRootAdministration, SidCloudTrailEncrypt, SidCloudTrailDescribe, SidCloudTrailDecrypt, SidGrantEncryptDecrypt, SidGrantDecrypt, "AllowSNS"}
	if len(stmts) != len(want) {
		t.Errorf("%s: policy statements %v; want %v", addr, sids(stmts), want)
	}
	for _, sid := range want {
		if _, ok := stmts[sid]; !ok {
			t.Errorf("%s: policy has no %s statement; have %v", addr, sid, sids(stmts))
		}
	}
	if t.Failed() {
		return
	}
	enc := stmts[SidCloudTrailEncrypt]
	testkit.Equal(t, addr, enc, "Principal.Service", []string{"cloudtrail.amazonaws.com"})
	testkit.Equal(t, addr, enc, "Action", []string{"kms:GenerateDataKey*"})
	testkit.Equal(t, addr, enc, "Condition.StringEquals.aws:SourceArn", []string{trailA, trailB})
	ctx := firstString(t, addr, enc, "Condition.StringLike.kms:EncryptionContext:aws:cloudtrail:arn")
	if !strings.Contains(ctx, ":cloudtrail:*:${data.aws_caller_identity.") || !strings.HasSuffix(ctx, ":trail/*") {
		t.Errorf("%s: %s StringLike kms:EncryptionContext:aws:cloudtrail:arn = %q; want arn:<partition>:cloudtrail:*:<account>:trail/*", addr, SidCloudTrailEncrypt, ctx)
	}
	desc := stmts[SidCloudTrailDescribe]
	testkit.Equal(t, addr, desc, "Action", []string{"kms:DescribeKey"})
	testkit.Equal(t, addr, desc, "Condition.StringEquals.aws:SourceArn", []string{trailA, trailB})
	dec := stmts[SidCloudTrailDecrypt]
	testkit.Equal(t, addr, dec, "Action", []string{"kms:Decrypt", "kms:ReEncryptFrom"})
	if acct := firstString(t, addr, dec, "Condition.StringEquals.kms:CallerAccount"); !strings.HasPrefix(acct, "${data.aws_caller_identity.") {
		t.Errorf("%s: %s kms:CallerAccount = %q; want this account (data.aws_caller_identity)", addr, SidCloudTrailDecrypt, acct)
	}
	testkit.Equal(t, addr, stmts[SidGrantEncryptDecrypt], "Principal.AWS", []string{roleA})
	testkit.Equal(t, addr, stmts[SidGrantEncryptDecrypt], "Action", []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"})
	testkit.Equal(t, addr, stmts[SidGrantDecrypt], "Principal.AWS", []string{roleA})
	testkit.Equal(t, addr, stmts[SidGrantDecrypt], "Action", []string{"kms:Decrypt", "kms:DescribeKey"})
	sns := stmts["AllowSNS"]
	testkit.Equal(t, addr, sns, "Principal.Service", []string{"sns.amazonaws.com"})
	testkit.Equal(t, addr, sns, "Condition.StringEquals.aws:SourceAccount", []string{"123456789012"})
}

func TestKeyPolicyMatchesGoSide(t *testing.T) {
	addr, body, _ := keyPolicy(t, "trail")
	got, _ := body["policy"].(string)
	// The Go side holds unresolved tokens; compare the shape: same Sids in the same order.
	var want []string
	for _, s := range built.trail.Policy().Statements {
		want = append(want, fmt.Sprintf(`"Sid":%q`, s.Sid))
	}
	last := -1
	for _, w := range want {
		i := strings.Index(got, w)
		if i <= last {
			t.Fatalf("%s: policy statement order differs from Key.Policy(): %v not after previous in %s", addr, w, got)
		}
		last = i
	}
}

func TestKeyMethodErrors(t *testing.T) {
	synth.Get(t)
	for i, err := range built.callErrs {
		if err != nil {
			t.Errorf("call %d: unexpected error: %v", i, err)
		}
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"invalid alias name", built.badName, "name: KMS alias name \"acme-dev-not valid!\" is invalid"},
		{"same sid, different statement", built.badAllowSNS, `sid: "AllowSNS" was already added with different`},
		{"reserved sid", built.reservedSid, `sid: "AllowCloudWatchLogs" is managed by the key`},
		{"wildcard account grant", built.wildcardGrant, "principalArn: \"arn:aws:iam::*:root\" grants every account"},
		{"invalid trail ARN", built.badTrail, "trailArn: \"not-an-arn\" is not a CloudTrail trail ARN"},
		{"service kms:* without a condition", built.kmsStarService, `statement "AllowSQS": conditions: a service principal (sqs.amazonaws.com) is granted every KMS action with no condition`},
		{"condition operator typo", built.operatorTypo, `conditions[0].operator: "StringEqual" is not an IAM condition operator; did you mean "StringEquals"?`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Errorf("error = %v; want it to contain %q", tc.err, tc.want)
			}
		})
	}
	doc := synth.Get(t).Stack(t, "acme-dev")
	for name, body := range doc.Resources("aws_kms_key") {
		if strings.Contains(testkit.ConstructPath(body), "/bad/") {
			t.Errorf("aws_kms_key.%s: created although NewKey failed validation", name)
		}
	}
}

func TestKeyStackValidates(t *testing.T) {
	tfrun.Validate(t, synth.Get(t).Stack(t, "acme-dev").Dir())
}

func firstString(t *testing.T, addr string, body map[string]any, path string) string {
	t.Helper()
	v := testkit.MustAttr(t, addr, body, path)
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		t.Fatalf("%s: %s = %v; want a non-empty list", addr, path, v)
	}
	s, _ := list[0].(string)
	return s
}

func sids(m map[string]map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
