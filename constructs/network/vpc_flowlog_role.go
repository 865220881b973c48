package network

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicy"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// flowLogRole is the role flow logs are delivered with.
type flowLogRole struct {
	arn   string
	ready cdktf.ITerraformDependable
}

// newFlowLogRole creates the delivery role. TEMPORARY: replaced by
// identity.NewServiceRole once the identity package lands.
func newFlowLogRole(scope constructs.Construct, id, suffix string, stmts []policy.Statement) (*flowLogRole, error) {
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	name, err := st.Name(naming.IAMRole, suffix)
	if err != nil {
		return nil, err
	}
	trust, err := policy.Document{Statements: []policy.Statement{{
		Sid:        "FlowLogsAssume",
		Principals: []policy.Principal{policy.Service(FlowLogServicePrincipal)},
		Actions:    []string{"sts:AssumeRole"},
		Conditions: []policy.Condition{{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{st.AWS.AccountID()}}},
	}}}.JSON()
	if err != nil {
		return nil, err
	}
	perms, err := policy.Document{Statements: stmts}.JSON()
	if err != nil {
		return nil, err
	}
	out := &flowLogRole{}
	err = stack.Catch(func() {
		node := constructs.NewConstruct(scope, &id)
		role := iamrole.NewIamRole(node, str("role"), &iamrole.IamRoleConfig{Name: str(name), AssumeRolePolicy: str(trust)})
		out.ready = iamrolepolicy.NewIamRolePolicy(node, str("policy"), &iamrolepolicy.IamRolePolicyConfig{
			Name: str("write"), Role: role.Id(), Policy: str(perms),
		})
		out.arn = *role.Arn()
	})
	return out, err
}
