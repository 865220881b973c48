package identity

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

var (
	logsStmt = policy.Statement{Sid: "WriteLogs", Actions: []string{"logs:CreateLogStream", "logs:PutLogEvents"}, Resources: []string{"arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/acme-dev-fn:*"}}
	kmsStmt  policy.Statement // built with a token ARN in synth
)

var built struct {
	fn, bare, ec2             *Role
	addErrs                   []error
	badAdd, badAttach, badNew error
	longName                  error
	admin                     *Role
	adminAdd, adminAttach     error
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	if built.admin, err = NewServiceRole(st, "breakglass", ServiceRoleProps{
		Services: []string{"lambda.amazonaws.com"}, Statements: []policy.Statement{{Actions: []string{"*"}, Resources: []string{"*"}}},
		AllowAdmin: true, AdminReason: "break-glass automation, reviewed in SEC-42",
	}); err != nil {
		return err
	}
	kmsStmt = policy.Statement{Sid: "UseKey", Actions: []string{"kms:Decrypt"}, Resources: []string{st.AWS.ARN("kms", "", "", "key/*")}}
	basic := ManagedPolicyARN(st.AWS.Partition(), "service-role/AWSLambdaBasicExecutionRole")
	if built.fn, err = NewServiceRole(st, "fn", ServiceRoleProps{
		Services: []string{"lambda.amazonaws.com"}, Statements: []policy.Statement{logsStmt},
		ManagedPolicyArns: []string{basic}, SourceAccount: true,
	}); err != nil {
		return err
	}
	built.addErrs = append(built.addErrs,
		built.fn.AddStatements(kmsStmt), built.fn.AddStatements(kmsStmt, logsStmt),
		built.fn.AddStatements(policy.Statement{Sid: "WriteLogs", Effect: policy.Allow, Actions: logsStmt.Actions, Resources: logsStmt.Resources, Conditions: []policy.Condition{}}),
		built.fn.AttachManagedPolicy(basic))
	built.badAdd = built.fn.AddStatements(policy.Statement{Sid: "WriteLogs", Actions: []string{"s3:GetObject"}, Resources: []string{"*"}})
	built.badAttach = built.fn.AttachManagedPolicy("ReadOnlyAccess")
	built.adminAdd = built.fn.AddStatements(policy.Statement{Actions: []string{"iam:*"}, Resources: []string{"*"}})
	built.adminAttach = built.fn.AttachManagedPolicy(ManagedPolicyARN("aws", "AdministratorAccess"))

	if built.bare, err = NewServiceRole(st, "bare", ServiceRoleProps{Name: "worker", Services: []string{"ec2.amazonaws.com", "ssm.amazonaws.com"}, Description: "EC2 worker"}); err != nil {
		return err
	}
	if built.ec2, err = NewServiceRole(st, "later", ServiceRoleProps{Services: []string{"ec2.amazonaws.com"}}); err != nil {
		return err
	}
	built.addErrs = append(built.addErrs, built.ec2.AddStatements(logsStmt))
	_, built.badNew = NewServiceRole(st, "nosvc", ServiceRoleProps{})
	_, built.longName = NewServiceRole(st, "long", ServiceRoleProps{Name: strings.Repeat("x", 60), Services: []string{"lambda.amazonaws.com"}})
	return nil
})

func TestServiceRoleTrustPolicy(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	name, body := doc.ByPath(t, "aws_iam_role", "fn/role")
	addr := "aws_iam_role." + name
	testkit.Equal(t, addr, body, "name", "acme-dev-fn")
	testkit.Equal(t, addr, body, "description", DefaultDescription)
	for _, attr := range []string{"inline_policy", "managed_policy_arns"} {
		if _, ok := body[attr]; ok {
			t.Errorf("%s: %s is set; policies must be separate resources", addr, attr)
		}
	}
	stmts := testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, body, "assume_role_policy"))
	trust, ok := stmts[TrustSid]
	if !ok || len(stmts) != 1 {
		t.Fatalf("%s: assume_role_policy statements %v; want only %s", addr, stmts, TrustSid)
	}
	testkit.Equal(t, addr, trust, "Effect", "Allow")
	testkit.Equal(t, addr, trust, "Principal", map[string]any{"Service": []string{"lambda.amazonaws.com"}})
	testkit.Equal(t, addr, trust, "Action", []string{"sts:AssumeRole"})
	acct, _ := testkit.Attr(trust, "Condition.StringEquals.aws:SourceAccount.0")
	if s, _ := acct.(string); !strings.HasPrefix(s, "${data.aws_caller_identity.") {
		t.Errorf("%s: assume_role_policy Condition.StringEquals.aws:SourceAccount = %v; want this account (data.aws_caller_identity)", addr, acct)
	}

	name, body = doc.ByPath(t, "aws_iam_role", "bare/role")
	addr = "aws_iam_role." + name
	testkit.Equal(t, addr, body, "name", "acme-dev-worker")
	testkit.Equal(t, addr, body, "description", "EC2 worker")
	stmts = testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, body, "assume_role_policy"))
	testkit.Equal(t, addr, stmts[TrustSid], "Principal.Service", []string{"ec2.amazonaws.com", "ssm.amazonaws.com"})
	if _, ok := stmts[TrustSid]["Condition"]; ok {
		t.Errorf("%s: assume_role_policy has a Condition although SourceAccount is false", addr)
	}
}

func TestServiceRoleInlinePolicy(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	roleName, _ := doc.ByPath(t, "aws_iam_role", "fn/role")
	name, body := doc.ByPath(t, "aws_iam_role_policy", "fn/policy")
	addr := "aws_iam_role_policy." + name
	testkit.Equal(t, addr, body, "role", testkit.Ref("aws_iam_role", roleName, "name"))
	testkit.Equal(t, addr, body, "name", "acme-dev-fn")
	p := testkit.PolicyDoc(t, addr, body, "policy")
	list, _ := p["Statement"].([]any)
	if len(list) != 2 {
		t.Fatalf("%s: policy has %d statements; want 2 (WriteLogs, UseKey; duplicates skipped, invalid addition refused)", addr, len(list))
	}
	stmts := testkit.Statements(t, addr, p)
	testkit.Equal(t, addr, stmts["WriteLogs"], "Action", logsStmt.Actions)
	res, _ := testkit.Attr(stmts["UseKey"], "Resource.0")
	if r, _ := res.(string); !strings.HasPrefix(r, "arn:${data.aws_partition.") || !strings.HasSuffix(r, ":key/*") {
		t.Errorf("%s: UseKey Resource = %v; want the token ARN kept as a Terraform reference", addr, res)
	}
	if got := len(built.fn.Statements()); got != 2 {
		t.Errorf("Role.Statements() has %d statements; want 2", got)
	}

	// A role created without statements gets its inline policy on first AddStatements.
	name, body = doc.ByPath(t, "aws_iam_role_policy", "later/policy")
	stmts = testkit.Statements(t, "aws_iam_role_policy."+name, testkit.PolicyDoc(t, "aws_iam_role_policy."+name, body, "policy"))
	if _, ok := stmts["WriteLogs"]; !ok {
		t.Errorf("aws_iam_role_policy.%s: policy lacks WriteLogs added after creation", name)
	}
	// And a role that never gets statements has none.
	for n, b := range doc.Resources("aws_iam_role_policy") {
		if strings.HasSuffix(testkit.ConstructPath(b), "bare/policy") {
			t.Errorf("aws_iam_role_policy.%s: created for a role without statements", n)
		}
	}
}

func TestServiceRoleManagedPolicies(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	roleName, _ := doc.ByPath(t, "aws_iam_role", "fn/role")
	name, body := doc.ByPath(t, "aws_iam_role_policy_attachment", "fn/attachment-AWSLambdaBasicExecutionRole")
	addr := "aws_iam_role_policy_attachment." + name
	testkit.Equal(t, addr, body, "role", testkit.Ref("aws_iam_role", roleName, "name"))
	arn, _ := body["policy_arn"].(string)
	if !strings.HasPrefix(arn, "arn:${data.aws_partition.") || !strings.HasSuffix(arn, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole") {
		t.Errorf("%s: policy_arn = %q; want arn:<partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", addr, arn)
	}
	if n := len(doc.Resources("aws_iam_role_policy_attachment")); n != 1 {
		t.Errorf("aws_iam_role_policy_attachment: %d resources; want 1 (attaching twice is a no-op)", n)
	}
	if got := len(built.fn.DependsOnTargets()); got != 3 {
		t.Errorf("fn DependsOnTargets() has %d entries; want 3 (role, inline policy, attachment)", got)
	}
	if got := len(built.bare.DependsOnTargets()); got != 1 {
		t.Errorf("bare DependsOnTargets() has %d entries; want 1 (role only)", got)
	}
}

func TestServiceRoleErrors(t *testing.T) {
	synth.Get(t)
	for i, err := range built.addErrs {
		if err != nil {
			t.Errorf("call %d: unexpected error: %v", i, err)
		}
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"duplicate sid", built.badAdd, `statements[0] (Sid "WriteLogs"): sid: "WriteLogs" is already used by a statement of the role`},
		{"invalid managed policy", built.badAttach, `managedPolicyArn: "ReadOnlyAccess" is not an IAM policy ARN`},
		{"missing services", built.badNew, "services: required"},
		{"name too long", built.longName, "name: IAM role name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Errorf("error = %v; want it to contain %q", tc.err, tc.want)
			}
		})
	}
	if got := built.fn.Name(); got != "acme-dev-fn" {
		t.Errorf("Role.Name() = %q; want acme-dev-fn", got)
	}
	if got := built.fn.Arn(); !strings.Contains(got, "${") {
		t.Errorf("Role.Arn() = %q; want a Terraform token", got)
	}
}

func TestServiceRoleStackValidates(t *testing.T) {
	tfrun.Validate(t, synth.Get(t).Stack(t, "acme-dev").Dir())
}

// TestAdminOptIn: a role created with AllowAdmin carries its reason as a
// suppression of IAM001 in the synthesized JSON; a role without it refuses
// admin-equivalent statements and attachments added later.
func TestAdminOptIn(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	found := false
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if x["rule"] == "IAM001" && x["path"] == "acme-dev/breakglass" && x["reason"] == "break-glass automation, reviewed in SEC-42" {
				found = true
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(doc.Raw["//"])
	if !found {
		t.Errorf("no IAM001 suppression for acme-dev/breakglass with its reason under \"//\": %v", doc.Raw["//"])
	}
	if built.adminAdd == nil || !strings.Contains(built.adminAdd.Error(), `statements: allows "iam:*" on "*", which is admin-equivalent`) {
		t.Errorf("AddStatements(iam:* on *) = %v; want the admin-equivalent error", built.adminAdd)
	}
	if built.adminAttach == nil || !strings.Contains(built.adminAttach.Error(), "managedPolicyArn: AdministratorAccess is admin-equivalent") {
		t.Errorf("AttachManagedPolicy(AdministratorAccess) = %v; want the admin-equivalent error", built.adminAttach)
	}
}
