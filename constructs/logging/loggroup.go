package logging

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchloggroup"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"
)

// LogGroup is a KMS-encrypted CloudWatch Logs log group with retention.
type LogGroup struct {
	node  constructs.Construct
	group cloudwatchloggroup.CloudwatchLogGroup
	name  string
	arn   string // read from the kernel once, on first use
}

// NewLogGroup validates props, grants CloudWatch Logs use of the key, and
// creates the log group under scope.
func NewLogGroup(scope constructs.Construct, id string, props LogGroupProps) (*LogGroup, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, err := stack.Start(scope, id)
	if err != nil {
		return nil, err
	}
	name := props.Name
	if name == "" {
		name = "/" + st.Naming.Company + "/" + st.Naming.Environment + "/" + id
		if err := checkName(name); err != nil {
			return nil, fmt.Errorf("%w (derived from the construct id; set Name)", err)
		}
	}
	if err := encryption.CheckRegion("key", props.Key, st.RegionName, "a log group"); err != nil {
		return nil, err
	}
	if err := st.Claim(naming.LogGroup, name, scope, id); err != nil {
		return nil, err
	}
	if err := props.Key.AllowCloudWatchLogs(); err != nil {
		return nil, fmt.Errorf("key: cannot allow CloudWatch Logs to use the key: %w", err)
	}
	l := &LogGroup{name: name}
	err = stack.Catch(func() {
		l.node = st.NewNode(scope, id)
		l.group = cloudwatchloggroup.NewCloudwatchLogGroup(l.node, str("group"), &cloudwatchloggroup.CloudwatchLogGroupConfig{
			Name:            str(name),
			KmsKeyId:        str(props.Key.Arn()),
			RetentionInDays: f64(props.retention()),
			SkipDestroy:     false,
		})
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Arn is the log group's ARN (a Terraform reference, without the ":*" suffix).
func (l *LogGroup) Arn() string { return jsiival.Once(&l.arn, l.group.Arn) }

// Name is the log group's name (plain text).
func (l *LogGroup) Name() string { return l.name }

// Construct is the log group's construct node.
func (l *LogGroup) Construct() constructs.Construct { return l.node }

// DependsOnTarget is the log group resource, for other resources' depends_on
// (e.g. a Lambda function whose log group must exist before it runs).
func (l *LogGroup) DependsOnTarget() cdktf.ITerraformDependable { return l.group }

func str(s string) *string { return &s }
func f64(i int) *float64   { f := float64(i); return &f }

// checkKeyRegion refuses a literal KMS key ARN of another region:
// CloudWatch Logs can only use a key in the log group's own region.
// References are resolved by Terraform and pass.
func checkKeyRegion(arn, region string) error {
	return encryption.CheckRegion("key", arnOnly(arn), region, "a log group")
}

// arnOnly is a key known only by its ARN.
type arnOnly string

func (a arnOnly) Arn() string { return string(a) }
