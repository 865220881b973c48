package baseline

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/accountalternatecontact"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ebsdefaultkmskey"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ebsencryptionbydefault"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ebssnapshotblockpublicaccess"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2imageblockpublicaccess"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2instancemetadatadefaults"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2serialconsoleaccess"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamaccountpasswordpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamservicelinkedrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3accountpublicaccessblock"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// AutoScalingRoleName is the Auto Scaling service-linked role's path and name:
// https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html
const AutoScalingRoleName = "aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"

// Baseline is the account baseline of one account and region: the IAM
// password policy, account-level S3 Block Public Access, EBS encryption by
// default with the stack's key, EC2 account defaults, GuardDuty with findings
// export, Security Hub with the FSBP and CIS v5.0.0 standards, IAM Access
// Analyzer, and EventBridge rules sending high and critical findings to the
// alarm topic. Parts listed in Props.Managed are left out.
type Baseline struct {
	node       constructs.Construct
	st         *stack.Stack
	props      Props
	detectorID string
	detector   string // detector ARN token
	rules      []string
	ruleArns   []string
	hub        bool
	analyzers  []string
}

// New validates props and creates the baseline under scope. One baseline per
// account and region: a second one for the same company, environment and
// region is refused naming both construct paths.
func New(scope constructs.Construct, id string, props Props) (*Baseline, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, err := stack.Start(scope, id)
	if err != nil {
		return nil, err
	}
	if !isNil(props.Key) {
		if err := encryption.CheckRegion("key", props.Key, st.RegionName, "the account baseline (EBS default key, GuardDuty export)"); err != nil {
			return nil, err
		}
	}
	if !isNil(props.LogsBucket) {
		if err := encryption.CheckRegion("logsBucket", props.LogsBucket.Key(), st.RegionName, "GuardDuty's findings export"); err != nil {
			return nil, fmt.Errorf("%w (the bucket's key)", err)
		}
	}
	names, err := ruleNames(st, props)
	if err != nil {
		return nil, err
	}
	analyzers, err := analyzerNames(st, props)
	if err != nil {
		return nil, err
	}
	if err := st.ClaimBaseline(scope, id); err != nil {
		return nil, err
	}
	b := &Baseline{st: st, props: props}
	if err := stack.Catch(func() { b.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	steps := []func() error{
		b.account,
		b.ebs,
		b.ec2Defaults,
		b.guardDuty,
		b.securityHub,
		func() error { return b.accessAnalyzer(analyzers) },
		func() error { return b.findings(names) },
		b.contact,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// account is the IAM password policy and S3 account Block Public Access.
func (b *Baseline) account() error {
	m, pp := b.props.Managed, b.props.PasswordPolicy
	return stack.Catch(func() {
		if !m.PasswordPolicy {
			// CIS v5.0.0 1.7/1.8, FSBP IAM.7: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-7
			iamaccountpasswordpolicy.NewIamAccountPasswordPolicy(b.node, str("password-policy"), &iamaccountpasswordpolicy.IamAccountPasswordPolicyConfig{
				MinimumPasswordLength:      num(pp.length()),
				PasswordReusePrevention:    num(PasswordReusePrevented),
				RequireLowercaseCharacters: true,
				RequireUppercaseCharacters: true,
				RequireNumbers:             true,
				RequireSymbols:             true,
				AllowUsersToChangePassword: true,
				MaxPasswordAge:             num(pp.maxAge()),
				HardExpiry:                 pp.HardExpiry,
			})
		}
		if !m.S3BlockPublicAccess {
			// CIS v5.0.0 2.1.4, FSBP S3.1: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1
			s3accountpublicaccessblock.NewS3AccountPublicAccessBlock(b.node, str("s3-public-access-block"), &s3accountpublicaccessblock.S3AccountPublicAccessBlockConfig{
				BlockPublicAcls:       true,
				BlockPublicPolicy:     true,
				IgnorePublicAcls:      true,
				RestrictPublicBuckets: true,
			})
		}
	})
}

// ebs turns on EBS encryption by default with the stack's key, whose policy
// lets this account's principals and the Auto Scaling service-linked role use
// it through EC2 only. CIS v5.0.0 5.1.1, FSBP EC2.7:
// https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7
func (b *Baseline) ebs() error {
	if b.props.Managed.EBSEncryption {
		return nil
	}
	roleArn := b.st.AWS.ARN("iam", "-", "", "role/"+AutoScalingRoleName)
	if !b.props.AutoScalingRoleExists {
		// KMS refuses a key policy naming a principal that does not exist:
		// the policy references the role's ARN, so the role comes first.
		if err := stack.Catch(func() {
			r := iamservicelinkedrole.NewIamServiceLinkedRole(b.node, str("autoscaling-role"), &iamservicelinkedrole.IamServiceLinkedRoleConfig{
				AwsServiceName: str("autoscaling.amazonaws.com"),
				Description:    str("Default Auto Scaling service-linked role, created by the account baseline so the EBS default key can name it"),
			})
			roleArn = *r.Arn()
		}); err != nil {
			return err
		}
	}
	if err := b.props.Key.AllowEBSDefault(roleArn); err != nil {
		return fmt.Errorf("key: cannot make it the EBS default key: %w", err)
	}
	return stack.Catch(func() {
		enc := ebsencryptionbydefault.NewEbsEncryptionByDefault(b.node, str("ebs-encryption"), &ebsencryptionbydefault.EbsEncryptionByDefaultConfig{
			Enabled: true,
		})
		ebsdefaultkmskey.NewEbsDefaultKmsKey(b.node, str("ebs-default-key"), &ebsdefaultkmskey.EbsDefaultKmsKeyConfig{
			KeyArn:    str(b.props.Key.Arn()),
			DependsOn: deps(enc),
		})
	})
}

// ec2Defaults: IMDSv2 with hop limit 1 for new instances (CIS v5.0.0 5.7,
// FSBP EC2.8 for the instances), snapshot block public access (block all
// sharing), AMI block public access and EC2 serial console access off.
func (b *Baseline) ec2Defaults() error {
	if b.props.Managed.EC2Defaults {
		return nil
	}
	return stack.Catch(func() {
		// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html#set-imdsv2-account-defaults
		ec2instancemetadatadefaults.NewEc2InstanceMetadataDefaults(b.node, str("instance-metadata-defaults"), &ec2instancemetadatadefaults.Ec2InstanceMetadataDefaultsConfig{
			HttpTokens:              str("required"),
			HttpPutResponseHopLimit: num(1),
			HttpEndpoint:            str("enabled"),
		})
		// https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html
		ebssnapshotblockpublicaccess.NewEbsSnapshotBlockPublicAccess(b.node, str("snapshot-block-public-access"), &ebssnapshotblockpublicaccess.EbsSnapshotBlockPublicAccessConfig{
			State: str("block-all-sharing"),
		})
		// "block-new-sharing" is the only state the API enables:
		// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableImageBlockPublicAccess.html
		ec2imageblockpublicaccess.NewEc2ImageBlockPublicAccess(b.node, str("ami-block-public-access"), &ec2imageblockpublicaccess.Ec2ImageBlockPublicAccessConfig{
			State: str("block-new-sharing"),
		})
		// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configure-access-to-serial-console.html
		ec2serialconsoleaccess.NewEc2SerialConsoleAccess(b.node, str("serial-console-access"), &ec2serialconsoleaccess.Ec2SerialConsoleAccessConfig{
			Enabled: false,
		})
	})
}

// contact registers the optional security alternate contact (CIS v5.0.0
// 1.2, FSBP Account.1): https://docs.aws.amazon.com/securityhub/latest/userguide/account-controls.html#account-1
func (b *Baseline) contact() error {
	c := b.props.SecurityContact
	if c == nil || b.props.Managed.SecurityContact {
		return nil
	}
	return stack.Catch(func() {
		accountalternatecontact.NewAccountAlternateContact(b.node, str("security-contact"), &accountalternatecontact.AccountAlternateContactConfig{
			AlternateContactType: str("SECURITY"),
			Name:                 str(c.Name),
			Title:                str(c.Title),
			EmailAddress:         str(c.Email),
			PhoneNumber:          str(c.Phone),
		})
	})
}

// Construct is the baseline's construct node.
func (b *Baseline) Construct() constructs.Construct { return b.node }

// DetectorID is the GuardDuty detector's id (a Terraform reference); empty
// when GuardDuty is managed by the organization.
func (b *Baseline) DetectorID() string { return b.detectorID }

// DetectorArn is the GuardDuty detector's ARN (a Terraform reference); empty
// when GuardDuty is managed by the organization.
func (b *Baseline) DetectorArn() string { return b.detector }

// RuleNames are the EventBridge rules that send findings to the topic (plain
// text known at synth).
func (b *Baseline) RuleNames() []string { return append([]string(nil), b.rules...) }

// RuleArns are those rules' ARNs (built from their fixed names; partition,
// region and account are Terraform references).
func (b *Baseline) RuleArns() []string { return append([]string(nil), b.ruleArns...) }

// AnalyzerNames are the IAM Access Analyzer analyzers the baseline creates
// (plain text known at synth).
func (b *Baseline) AnalyzerNames() []string { return append([]string(nil), b.analyzers...) }
