package audit

import (
	"errors"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/configconfigrule"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/configconfigurationrecorder"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/configconfigurationrecorderstatus"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/configdeliverychannel"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// ConfigRolePolicy is the AWS managed policy attached to the recorder's role.
const ConfigRolePolicy = "service-role/AWS_ConfigRole"

// SidConfigKey is the Sid of the key policy statement that lets AWS Config
// use a key to deliver to the logs bucket.
const SidConfigKey = "AllowConfigDelivery"

// Config is AWS Config for one account and region: recorder, delivery
// channel, recorder status and managed rules.
type Config struct {
	node      constructs.Construct
	name      string
	role      *identity.Role
	recorder  configconfigurationrecorder.ConfigConfigurationRecorder
	channel   configdeliverychannel.ConfigDeliveryChannel
	status    configconfigurationrecorderstatus.ConfigConfigurationRecorderStatus
	ruleNames []string
}

// NewConfig creates, in order, the IAM role (config.amazonaws.com,
// AWS_ConfigRole plus delivery permissions), the configuration recorder (all
// supported resources), the delivery channel to the logs bucket (after the
// recorder and the bucket policy), the recorder status (enabled, after the
// channel) and the managed rules (after the status). It calls
// Bucket.AllowConfig so the bucket lets AWS Config deliver.
func NewConfig(scope constructs.Construct, id string, props ConfigProps) (*Config, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	if id == "" {
		return nil, errors.New("id: must not be empty; name the Config construct, e.g. \"config\"")
	}
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	if err := encryption.CheckRegion("key", props.Key, st.RegionName, "AWS Config delivery"); err != nil {
		return nil, err
	}
	suffix := props.Name
	if suffix == "" {
		suffix = DefaultConfigName
	}
	full, err := st.Name(naming.ConfigName, suffix)
	if err != nil {
		return nil, err
	}
	if _, err := st.Name(naming.IAMRole, suffix); err != nil {
		return nil, err
	}
	rules := props.rules()
	ruleNames := make([]string, len(rules))
	for i, r := range rules {
		if ruleNames[i], err = st.Name(naming.ConfigName, ruleSuffix(r)); err != nil {
			return nil, fmt.Errorf("rules[%d]: %w", i, err)
		}
	}

	if err := st.ClaimRecorder(scope, id); err != nil {
		return nil, err
	}
	ruleKind := naming.ConfigName
	ruleKind.Label = "AWS Config rule"
	for i, n := range ruleNames {
		if err := st.Claim(ruleKind, n, scope, id); err != nil {
			return nil, fmt.Errorf("rules[%d]: %w", i, err)
		}
	}
	if err := props.Bucket.AllowConfig(); err != nil {
		return nil, fmt.Errorf("bucket: %w", err)
	}
	keys := []*encryption.Key{props.Bucket.Key()}
	if props.Key != nil && props.Key != props.Bucket.Key() {
		keys = append(keys, props.Key)
	}
	account := st.AWS.AccountID()
	keyArns := make([]string, len(keys))
	for i, k := range keys {
		keyArns[i] = k.Arn()
		if err := k.AllowService(SidConfigKey, awscontext.ServicePrincipal("config"), []string{"kms:Decrypt", "kms:GenerateDataKey"},
			policy.Condition{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{account}}); err != nil {
			return nil, fmt.Errorf("key: %w", err)
		}
	}

	c := &Config{name: full, ruleNames: ruleNames}
	if err := stack.Catch(func() { c.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	c.role, err = identity.NewServiceRole(c.node, "role", identity.ServiceRoleProps{
		Name:              suffix,
		Services:          []string{awscontext.ServicePrincipal("config")},
		Description:       "Lets AWS Config record resources and deliver to " + props.Bucket.FullName(),
		Statements:        deliveryStatements(props, account, keyArns),
		ManagedPolicyArns: []string{identity.ManagedPolicyARN(st.AWS.Partition(), ConfigRolePolicy)},
		SourceAccount:     true,
	})
	if err != nil {
		return nil, fmt.Errorf("role: %w", err)
	}

	err = stack.Catch(func() {
		roleDeps := c.role.DependsOnTargets()
		c.recorder = configconfigurationrecorder.NewConfigConfigurationRecorder(c.node, str("recorder"), &configconfigurationrecorder.ConfigConfigurationRecorderConfig{
			Name:    str(full),
			RoleArn: str(c.role.Arn()),
			RecordingGroup: &configconfigurationrecorder.ConfigConfigurationRecorderRecordingGroup{
				AllSupported:               true,
				IncludeGlobalResourceTypes: !props.SkipGlobalResources,
			},
			DependsOn: &roleDeps,
		})
		channelDeps := append([]cdktf.ITerraformDependable{c.recorder}, props.Bucket.DependsOnTargets()...)
		channelDeps = append(channelDeps, roleDeps...)
		channel := &configdeliverychannel.ConfigDeliveryChannelConfig{
			Name:         str(full),
			S3BucketName: str(props.Bucket.Name()),
			DependsOn:    &channelDeps,
		}
		if props.Key != nil {
			channel.S3KmsKeyArn = str(props.Key.Arn())
		}
		if props.SNSTopicArn != "" {
			channel.SnsTopicArn = str(props.SNSTopicArn)
		}
		c.channel = configdeliverychannel.NewConfigDeliveryChannel(c.node, str("delivery-channel"), channel)
		c.status = configconfigurationrecorderstatus.NewConfigConfigurationRecorderStatus(c.node, str("recorder-status"), &configconfigurationrecorderstatus.ConfigConfigurationRecorderStatusConfig{
			Name:      c.recorder.Name(),
			IsEnabled: true,
			DependsOn: &[]cdktf.ITerraformDependable{c.channel},
		})
		for i, r := range rules {
			configconfigrule.NewConfigConfigRule(c.node, str("rule-"+ruleSuffix(r)), &configconfigrule.ConfigConfigRuleConfig{
				Name:        str(ruleNames[i]),
				Description: str(managedRules[r]),
				Source: &configconfigrule.ConfigConfigRuleSource{
					Owner:            str("AWS"),
					SourceIdentifier: str(r),
				},
				DependsOn: &[]cdktf.ITerraformDependable{c.status},
			})
		}
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// deliveryStatements let the recorder's role write to the bucket's Config
// prefix, encrypt with the keys and publish to the topic.
func deliveryStatements(p ConfigProps, account string, keyArns []string) []policy.Statement {
	arn := p.Bucket.Arn()
	out := []policy.Statement{
		{
			Sid:        "AWSConfigBucketDelivery",
			Actions:    []string{"s3:PutObject", "s3:PutObjectAcl"},
			Resources:  []string{arn + "/AWSLogs/" + account + "/Config/*"},
			Conditions: []policy.Condition{{Operator: "StringLike", Key: "s3:x-amz-acl", Values: []string{"bucket-owner-full-control"}}},
		},
		{
			Sid:       "AWSConfigBucketPermissionsCheck",
			Actions:   []string{"s3:GetBucketAcl", "s3:ListBucket"},
			Resources: []string{arn},
		},
		{
			Sid:       "AWSConfigKeyUse",
			Actions:   []string{"kms:Decrypt", "kms:GenerateDataKey"},
			Resources: keyArns,
		},
	}
	if p.SNSTopicArn != "" {
		out = append(out, policy.Statement{Sid: "AWSConfigNotify", Actions: []string{"sns:Publish"}, Resources: []string{p.SNSTopicArn}})
	}
	return out
}

// Name is the recorder's and delivery channel's name (plain text).
func (c *Config) Name() string { return c.name }

// RoleArn is the ARN of the recorder's IAM role (a Terraform reference).
func (c *Config) RoleArn() string { return c.role.Arn() }

// RuleNames are the names of the managed rules created, in order (plain text).
func (c *Config) RuleNames() []string { return append([]string(nil), c.ruleNames...) }

// Construct is the Config construct node.
func (c *Config) Construct() constructs.Construct { return c.node }

// DependsOnTarget is the recorder status: resources that need recording
// switched on (e.g. custom rules) depend on it.
func (c *Config) DependsOnTarget() cdktf.ITerraformDependable { return c.status }
