package policy

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// TestPolicyHoles is issue 16's class "policies": principals open to every
// account, unconditioned KMS service grants, unknown condition operators and
// resources that are no ARN are refused, naming the statement and field.
func TestPolicyHoles(t *testing.T) {
	get := Statement{Sid: "Read", Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::b/*"}}
	with := func(f func(s *Statement)) Document {
		s := get
		f(&s)
		return Document{Statements: []Statement{s}}
	}
	tests := []struct {
		name string
		doc  Document
		want []string // nil: valid
	}{
		{"AWS(*) in an Allow", with(func(s *Statement) { s.Principals = []Principal{AWS("*")} }),
			[]string{`statement "Read": principals[0].identifiers: AWS "*" is every caller`, "as policy.Anyone()"}},
		{"root of every account with s3:*", with(func(s *Statement) {
			s.Principals = []Principal{AWS("arn:aws:iam::*:root")}
			s.Actions = []string{"s3:*"}
		}),
			[]string{`"arn:aws:iam::*:root" names every AWS account`}},
		{"role in any account", with(func(s *Statement) { s.Principals = []Principal{AWS("arn:aws:iam::*:role/x")} }), []string{"wildcard account"}},
		{"account 12345678901?", with(func(s *Statement) { s.Principals = []Principal{AWS("arn:aws:iam::12345678901?:root")} }), []string{"wildcard account"}},
		{"bare wildcard account id", with(func(s *Statement) { s.Principals = []Principal{AWS("12*")} }), []string{"wildcard account"}},
		{"KMS service kms:* without condition", with(func(s *Statement) {
			s.Principals = []Principal{Service("logs.amazonaws.com")}
			s.Actions = []string{"kms:*"}
			s.Resources = []string{"*"}
		}), []string{"conditions: a service principal (logs.amazonaws.com) is granted every KMS action with no condition"}},
		{"service * without condition", with(func(s *Statement) {
			s.Principals = []Principal{Service("cloudtrail.amazonaws.com")}
			s.Actions = []string{"*"}
		}), []string{"every KMS action"}},
		{"operator typo StringEqual", with(func(s *Statement) {
			s.Conditions = []Condition{{Operator: "StringEqual", Key: "aws:SourceAccount", Values: []string{"1"}}}
		}), []string{`conditions[0].operator: "StringEqual" is not an IAM condition operator; did you mean "StringEquals"?`}},
		{"operator ArnLikes", with(func(s *Statement) {
			s.Conditions = []Condition{{Operator: "ArnLikes", Key: "aws:SourceArn", Values: []string{"x"}}}
		}),
			[]string{`did you mean "ArnLike"?`}},
		{"operator NullIfExists", with(func(s *Statement) {
			s.Conditions = []Condition{{Operator: "NullIfExists", Key: "aws:TokenIssueTime", Values: []string{"true"}}}
		}),
			[]string{`"NullIfExists" is not an IAM condition operator`}},
		{"operator ForAnyValues:StringLike", with(func(s *Statement) {
			s.Conditions = []Condition{{Operator: "ForAnyValues:StringLike", Key: "aws:TagKeys", Values: []string{"x"}}}
		}), []string{"is not an IAM condition operator"}},
		{"resource bucket name", with(func(s *Statement) { s.Resources = []string{"my-bucket"} }),
			[]string{`resources[0]: "my-bucket" is not an ARN, a Terraform reference or "*"`}},
		{"resource s3://", with(func(s *Statement) { s.Resources = []string{"arn:aws:s3:::b", "s3://b/*"} }), []string{`resources[1]: "s3://b/*" is not an ARN`}},
		{"resource broken reference", with(func(s *Statement) { s.Resources = []string{"${aws_s3_bucket.b.arn"} }), []string{"resources[0]:", "unclosed"}},
		{"notResource no ARN", with(func(s *Statement) { s.Resources = nil; s.NotResources = []string{"bucket"} }), []string{`notResources[0]: "bucket" is not an ARN`}},
		// Accepted forms.
		{"operators with set and IfExists", with(func(s *Statement) {
			s.Conditions = []Condition{
				{Operator: "ForAllValues:StringEqualsIgnoreCase", Key: "aws:TagKeys", Values: []string{"a"}},
				{Operator: "ArnLikeIfExists", Key: "aws:SourceArn", Values: []string{"arn:aws:logs:*"}},
				{Operator: "Null", Key: "aws:TokenIssueTime", Values: []string{"true"}},
				{Operator: "IpAddress", Key: "aws:SourceIp", Values: []string{"10.0.0.0/8"}},
			}
		}), nil},
		{"resource reference and partition token", with(func(s *Statement) {
			s.Resources = []string{"${aws_s3_bucket.b.arn}/*", "arn:${data.aws_partition.p.partition}:s3:::b", "*"}
		}), nil},
		{"AWS(*) in a Deny", with(func(s *Statement) { s.Effect = Deny; s.Principals = []Principal{AWS("*")} }), nil},
		{"KMS service kms:* with a condition", with(func(s *Statement) {
			s.Principals = []Principal{Service("logs.amazonaws.com")}
			s.Actions = []string{"kms:*"}
			s.Conditions = []Condition{{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{"1"}}}
		}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errtest.Contains(t, "Validate()", tt.doc.Validate(), tt.want...)
		})
	}
}

func TestAdminEquivalent(t *testing.T) {
	tests := []struct {
		s    Statement
		want string
	}{
		{Statement{Actions: []string{"*"}, Resources: []string{"*"}}, `"*" on "*"`},
		{Statement{Actions: []string{"iam:*"}, Resources: []string{"*"}}, `"iam:*" on "*"`},
		{Statement{Actions: []string{"s3:GetObject", "IAM:*"}, Resources: []string{"arn:aws:s3:::b", "*"}}, `"iam:*" on "*"`},
		{Statement{NotActions: []string{"iam:*"}, Resources: []string{"*"}}, `NotAction on "*"`},
		{Statement{Actions: []string{"*"}, Resources: []string{"arn:aws:s3:::b"}}, ""},
		{Statement{Effect: Deny, Actions: []string{"*"}, Resources: []string{"*"}}, ""},
		{Statement{Actions: []string{"logs:*"}, Resources: []string{"*"}}, ""},
	}
	for _, tt := range tests {
		got, _ := tt.s.AdminEquivalent()
		if got != tt.want {
			t.Errorf("AdminEquivalent(%+v) = %q; want %q", tt.s, got, tt.want)
		}
	}
}
