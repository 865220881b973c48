package audit

import (
	"errors"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudtrail"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Trail is a multi-region CloudTrail trail with log file validation, KMS
// encryption, CloudWatch Logs delivery and management plus data events.
type Trail struct {
	node     constructs.Construct
	identity TrailIdentity
	trail    cloudtrail.Cloudtrail
	logGroup *logging.LogGroup
	role     *identity.Role
}

// NewTrail creates the trail named "{company}-{environment}-{props.Name}":
// it allows the trail on the bucket and the key (with the ARN of its
// TrailIdentity), then creates the KMS-encrypted log group
// "/aws/cloudtrail/{trail name}", the delivery role and the aws_cloudtrail,
// which depends on the bucket policy and the role's policy.
func NewTrail(scope constructs.Construct, id string, props TrailProps) (*Trail, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	if id == "" {
		return nil, errors.New("id: must not be empty; name the trail construct, e.g. \"trail\"")
	}
	suffix := props.Name
	if suffix == "" {
		suffix = DefaultTrailName
	}
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	if err := encryption.CheckRegion("key", props.Key, st.RegionName, "a trail"); err != nil {
		return nil, err
	}
	ident, err := NewTrailIdentity(scope, suffix)
	if err != nil {
		return nil, err
	}
	if err := st.Claim(naming.CloudTrail, ident.Name(), scope, id); err != nil {
		return nil, err
	}
	// Check the derived names before anything changes.
	roleSuffix := suffix + "-cloudwatch"
	if _, err := st.Name(naming.IAMRole, roleSuffix); err != nil {
		return nil, fmt.Errorf("name: the delivery role name is too long or invalid: %w", err)
	}
	groupName := "/aws/cloudtrail/" + ident.Name()
	if err := naming.LogGroup.Check(groupName); err != nil {
		return nil, fmt.Errorf("name: %w", err)
	}

	// One identity feeds both policies and the resource: they cannot disagree.
	if err := props.Bucket.AllowCloudTrail(ident.Arn(), ident.Name()); err != nil {
		return nil, fmt.Errorf("bucket: %w", err)
	}
	if err := props.Key.AllowCloudTrail(ident.Arn()); err != nil {
		return nil, fmt.Errorf("key: %w", err)
	}

	t := &Trail{identity: ident}
	if err := stack.Catch(func() { t.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	t.logGroup, err = logging.NewLogGroup(t.node, "logs", logging.LogGroupProps{
		Name:          groupName,
		Key:           props.Key,
		RetentionDays: props.retention(),
	})
	if err != nil {
		return nil, fmt.Errorf("log group: %w", err)
	}
	t.role, err = identity.NewServiceRole(t.node, "cloudwatch-role", identity.ServiceRoleProps{
		Name:        roleSuffix,
		Services:    []string{awscontext.ServicePrincipal("cloudtrail")},
		Description: "Lets CloudTrail trail " + ident.Name() + " deliver events to CloudWatch Logs",
		Statements: []policy.Statement{{
			Sid:       "AWSCloudTrailDeliverToLogGroup",
			Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resources: []string{t.logGroup.Arn() + ":*"},
		}},
	})
	if err != nil {
		return nil, fmt.Errorf("delivery role: %w", err)
	}

	deps := append(props.Bucket.DependsOnTargets(), t.role.DependsOnTargets()...)
	err = stack.Catch(func() {
		t.trail = cloudtrail.NewCloudtrail(t.node, str("trail"), &cloudtrail.CloudtrailConfig{
			Name:                       str(ident.Name()),
			S3BucketName:               str(props.Bucket.Name()),
			KmsKeyId:                   str(props.Key.Arn()),
			IsMultiRegionTrail:         true,
			IncludeGlobalServiceEvents: true,
			EnableLogFileValidation:    true,
			EnableLogging:              !props.DisableLogging,
			CloudWatchLogsGroupArn:     str(t.logGroup.Arn() + ":*"),
			CloudWatchLogsRoleArn:      str(t.role.Arn()),
			EventSelector:              eventSelectors(st.AWS.Partition(), props),
			DependsOn:                  &deps,
		})
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

func (p TrailProps) retention() int {
	if p.LogRetentionDays == 0 {
		return logging.DefaultRetentionDays
	}
	return p.LogRetentionDays
}

// eventSelectors builds the single event selector: all read and write
// events, management events unless excluded, and the data resources.
func eventSelectors(partition string, p TrailProps) *[]*cloudtrail.CloudtrailEventSelector {
	events := p.DataEvents
	if len(events) == 0 && !p.DisableDataEvents {
		events = DefaultDataEvents()
	}
	var resources []*cloudtrail.CloudtrailEventSelectorDataResource
	for _, e := range events {
		values := e.Values
		if len(values) == 0 {
			values = []string{"arn:" + partition + ":" + dataEventServices[e.Type]}
		}
		vs := make([]*string, len(values))
		for i, v := range values {
			vs[i] = str(v)
		}
		resources = append(resources, &cloudtrail.CloudtrailEventSelectorDataResource{Type: str(e.Type), Values: &vs})
	}
	sel := &cloudtrail.CloudtrailEventSelector{
		ReadWriteType:           str("All"),
		IncludeManagementEvents: !p.ExcludeManagementEvents,
	}
	if len(resources) > 0 {
		sel.DataResource = &resources
	}
	return &[]*cloudtrail.CloudtrailEventSelector{sel}
}

// Arn is the trail's ARN from its TrailIdentity — the same string the bucket
// and key policies use in aws:SourceArn (partition, region and account are
// Terraform references).
func (t *Trail) Arn() string { return t.identity.Arn() }

// Name is the trail's full name (plain text).
func (t *Trail) Name() string { return t.identity.Name() }

// Identity is the trail's name and ARN.
func (t *Trail) Identity() TrailIdentity { return t.identity }

// LogGroupName is the CloudWatch Logs group the trail delivers to (plain text).
func (t *Trail) LogGroupName() string { return t.logGroup.Name() }

// LogGroupArn is the log group's ARN (a reference, without ":*").
func (t *Trail) LogGroupArn() string { return t.logGroup.Arn() }

// RoleArn is the ARN of the role CloudTrail uses to write to the log group
// (a Terraform reference).
func (t *Trail) RoleArn() string { return t.role.Arn() }

// Construct is the trail's construct node.
func (t *Trail) Construct() constructs.Construct { return t.node }

// DependsOnTarget is the aws_cloudtrail resource, for resources that must
// wait for the trail (e.g. metric filters on its log group).
func (t *Trail) DependsOnTarget() cdktf.ITerraformDependable { return t.trail }

func str(s string) *string { return &s }
