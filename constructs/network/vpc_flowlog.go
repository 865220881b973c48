package network

import (
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/flowlog"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// FlowLogServicePrincipal is the service that delivers VPC flow logs.
var FlowLogServicePrincipal = awscontext.ServicePrincipal("vpc-flow-logs")

// addFlowLog sends the VPC's flow logs to a KMS-encrypted log group through
// a role that may only write to that group.
func (v *VPC) addFlowLog(r VPCProps) error {
	group, err := logging.NewLogGroup(v.node, "flow-logs", logging.LogGroupProps{
		Name:          v.flowLogGroupName,
		Key:           r.FlowLogKey,
		RetentionDays: r.FlowLogRetentionDays,
	})
	if err != nil {
		return err
	}
	role, err := identity.NewServiceRole(v.node, "flow-logs-role", identity.ServiceRoleProps{
		Name:        v.name + "-flow-logs",
		Services:    []string{FlowLogServicePrincipal},
		Description: "Delivers VPC flow logs of " + v.fullName + " to " + v.flowLogGroupName,
		Statements:  flowLogStatements(group.Arn()),
		// Only this account's flow logs may use the role.
		SourceAccount: true,
	})
	if err != nil {
		return err
	}
	return stack.Catch(func() {
		flowlog.NewFlowLog(v.node, str("flow-log"), &flowlog.FlowLogConfig{
			VpcId:                  str(v.id),
			TrafficType:            str(r.FlowLogTrafficType),
			LogDestinationType:     str("cloud-watch-logs"),
			LogDestination:         str(group.Arn()),
			IamRoleArn:             str(role.Arn()),
			MaxAggregationInterval: num(60),
			Tags:                   tags(v.fullName),
			// The role's permissions must exist before delivery starts.
			DependsOn: deps(role.DependsOnTargets()),
		})
	})
}

// flowLogStatements lets the flow-log service write to one log group only.
func flowLogStatements(groupArn string) []policy.Statement {
	return []policy.Statement{{
		Sid:       "WriteFlowLogs",
		Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"},
		Resources: []string{groupArn, groupArn + ":*"},
	}}
}

func deps(d []cdktf.ITerraformDependable) *[]cdktf.ITerraformDependable { return &d }
