package identity

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

func TestServiceRolePropsValidate(t *testing.T) {
	lambda := []string{"lambda.amazonaws.com"}
	okStmt := policy.Statement{Actions: []string{"logs:PutLogEvents"}, Resources: []string{"*"}}
	tests := []struct {
		name  string
		props ServiceRoleProps
		want  []string // nil = valid
	}{
		{"services only", ServiceRoleProps{Services: lambda}, nil},
		{"everything set", ServiceRoleProps{
			Services: []string{"lambda.amazonaws.com", "edgelambda.amazonaws.com"}, Description: "Function role",
			Statements: []policy.Statement{okStmt}, SourceAccount: true,
			ManagedPolicyArns: []string{ManagedPolicyARN("aws", "service-role/AWSLambdaBasicExecutionRole"), "${aws_iam_policy.p.arn}"},
		}, nil},
		{"token service", ServiceRoleProps{Services: []string{"logs.${data.aws_region.r.name}.amazonaws.com"}}, nil},
		{"missing services", ServiceRoleProps{}, []string{"services: required"}},
		{"invalid service", ServiceRoleProps{Services: []string{"lambda"}}, []string{`services[0]: "lambda" is not a service principal`}},
		{"empty service", ServiceRoleProps{Services: []string{"lambda.amazonaws.com", ""}}, []string{`services[1]: "" is not a service principal`}},
		{"long description", ServiceRoleProps{Services: lambda, Description: strings.Repeat("d", 1001)}, []string{"description: 1001 characters"}},
		{"description control chars", ServiceRoleProps{Services: lambda, Description: "a\x00b"}, []string{"description: contains characters"}},
		{"statement with principal", ServiceRoleProps{Services: lambda, Statements: []policy.Statement{{
			Principals: []policy.Principal{policy.AWS("arn:aws:iam::1:root")}, Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}}},
			[]string{"statements: statement 0: principals: not allowed"}},
		{"invalid statement", ServiceRoleProps{Services: lambda, Statements: []policy.Statement{{Actions: []string{"GetObject"}}}},
			[]string{`statements: statement 0: actions: "GetObject" is invalid`, "statement 0: resources: must not be empty"}},
		{"empty managed policy", ServiceRoleProps{Services: lambda, ManagedPolicyArns: []string{""}}, []string{"managedPolicyArns[0]: must not be empty"}},
		{"managed policy name only", ServiceRoleProps{Services: lambda, ManagedPolicyArns: []string{"AWSLambdaBasicExecutionRole"}},
			[]string{`managedPolicyArns[0]: "AWSLambdaBasicExecutionRole" is not an IAM policy ARN`}},
		{"all errors joined", ServiceRoleProps{Description: "\x01", ManagedPolicyArns: []string{"x"}}, []string{"services: required", "description:", "managedPolicyArns[0]:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errtest.Contains(t, "Validate()", tc.props.Validate(), tc.want...)
		})
	}
}

func TestManagedPolicyARN(t *testing.T) {
	tests := []struct{ partition, name, want string }{
		{"aws", "ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"},
		{"aws-us-gov", "service-role/AWSLambdaBasicExecutionRole", "arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
		{"${data.aws_partition.p.partition}", "AmazonSSMManagedInstanceCore", "arn:${data.aws_partition.p.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"},
	}
	for _, tc := range tests {
		if got := ManagedPolicyARN(tc.partition, tc.name); got != tc.want {
			t.Errorf("ManagedPolicyARN(%q, %q) = %q; want %q", tc.partition, tc.name, got, tc.want)
		}
	}
}

func TestAttachmentID(t *testing.T) {
	r := &Role{attachIDs: map[string]bool{}}
	tests := []struct{ arn, want string }{
		{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "attachment-AWSLambdaBasicExecutionRole"},
		{"arn:${TfToken[TOKEN.3]}:iam::aws:policy/ReadOnlyAccess", "attachment-ReadOnlyAccess"},
		{"arn:aws:iam::aws:policy/job-function/ReadOnlyAccess", "attachment-ReadOnlyAccess-2"},
	}
	for _, tc := range tests {
		got := r.attachmentID(tc.arn)
		if got != tc.want {
			t.Errorf("attachmentID(%q) = %q; want %q", tc.arn, got, tc.want)
		}
		r.attachIDs[got] = true
	}
	tok := "${aws_iam_policy.p.arn}"
	a, b := r.attachmentID(tok), r.attachmentID(tok)
	if a != b || !strings.HasPrefix(a, "attachment-") || strings.ContainsAny(a, "${}.") {
		t.Errorf("attachmentID(%q) = %q then %q; want a stable id without token characters", tok, a, b)
	}
}

// TestAdminGrantsNeedAReason is issue 16's admin-equivalent part of the
// class "policies": "*" or "iam:*" on "*" and the admin managed policies
// need AllowAdmin with a reason.
func TestAdminGrantsNeedAReason(t *testing.T) {
	lambda := []string{"lambda.amazonaws.com"}
	all := policy.Statement{Actions: []string{"*"}, Resources: []string{"*"}}
	iamAll := policy.Statement{Actions: []string{"iam:*"}, Resources: []string{"*"}}
	notAction := policy.Statement{NotActions: []string{"s3:DeleteBucket"}, Resources: []string{"*"}}
	tests := []struct {
		name  string
		props ServiceRoleProps
		want  []string // nil: valid
	}{
		{"* on *", ServiceRoleProps{Services: lambda, Statements: []policy.Statement{all}}, []string{`statements[0]: allows "*" on "*", which is admin-equivalent`, "AllowAdmin with an AdminReason"}},
		{"iam:* on *", ServiceRoleProps{Services: lambda, Statements: []policy.Statement{iamAll}}, []string{`allows "iam:*" on "*"`}},
		{"NotAction on *", ServiceRoleProps{Services: lambda, Statements: []policy.Statement{notAction}}, []string{`allows NotAction on "*"`}},
		{"AdministratorAccess", ServiceRoleProps{Services: lambda, ManagedPolicyArns: []string{ManagedPolicyARN("aws", "AdministratorAccess")}},
			[]string{"managedPolicyArns[0]: AdministratorAccess is admin-equivalent on a service role"}},
		{"IAMFullAccess in GovCloud", ServiceRoleProps{Services: lambda, ManagedPolicyArns: []string{"arn:aws-us-gov:iam::aws:policy/IAMFullAccess"}},
			[]string{"managedPolicyArns[0]: IAMFullAccess"}},
		{"PowerUserAccess second", ServiceRoleProps{Services: lambda, ManagedPolicyArns: []string{ManagedPolicyARN("aws", "ReadOnlyAccess"), ManagedPolicyARN("aws", "PowerUserAccess")}},
			[]string{"managedPolicyArns[1]: PowerUserAccess"}},
		{"AllowAdmin without a reason", ServiceRoleProps{Services: lambda, Statements: []policy.Statement{all}, AllowAdmin: true}, []string{"adminReason: required with AllowAdmin"}},
		{"AllowAdmin with blank reason", ServiceRoleProps{Services: lambda, AllowAdmin: true, AdminReason: "  "}, []string{"adminReason: required"}},
		{"reason without AllowAdmin", ServiceRoleProps{Services: lambda, AdminReason: "x"}, []string{"adminReason: set without AllowAdmin"}},
		{"broken policy reference", ServiceRoleProps{Services: lambda, ManagedPolicyArns: []string{"${aws_iam_policy.p.arn"}}, []string{"managedPolicyArns[0]:", "unclosed"}},
		{"AllowAdmin with a reason", ServiceRoleProps{Services: lambda, Statements: []policy.Statement{all, iamAll}, ManagedPolicyArns: []string{ManagedPolicyARN("aws", "AdministratorAccess")},
			AllowAdmin: true, AdminReason: "break-glass automation, reviewed in SEC-42"}, nil},
		{"customer policy named AdministratorAccess", ServiceRoleProps{Services: lambda, ManagedPolicyArns: []string{"arn:aws:iam::123456789012:policy/AdministratorAccess"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errtest.Contains(t, "Validate()", tt.props.Validate(), tt.want...)
		})
	}
}

func TestAddedStatementsCountedFromTheCaller(t *testing.T) {
	have := []policy.Statement{
		{Sid: "WriteOwnLogGroup", Actions: []string{"logs:PutLogEvents"}, Resources: []string{"*"}},
		{Sid: "DecryptEnvironment", Actions: []string{"kms:Decrypt"}, Resources: []string{"*"}},
	}
	err := validateAdded(have, []policy.Statement{{Actions: []string{"s3:GetObject"}}, {Sid: "WriteOwnLogGroup", Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"statements[0]: ", `statements[1] (Sid "WriteOwnLogGroup"): sid`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "statement 2") {
		t.Errorf("error %q counts the role's own statements", err)
	}
}
