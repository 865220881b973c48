package compute

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"

	"encoding/base64"
	"errors"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsami"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iaminstanceprofile"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/instance"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Instance is an EC2 instance in a private subnet: IMDSv2 only, encrypted
// gp3 root volume, its own security group, no SSH key (Session Manager
// through an instance profile with AmazonSSMManagedInstanceCore).
type Instance struct {
	node constructs.Construct
	inst instance.Instance
	name string
	role *identity.Role
	sg   *network.SecurityGroup
	vpc  *network.VPC
	// clients are the groups whose endpoint access the instance wires.
	clients []*network.SecurityGroup
}

// InstanceEndpoints are the services every instance reaches through the
// VPC's endpoints, because Session Manager is its only way in and its image
// updates itself: "ssm", "ssmmessages" and "ec2messages" (SSM Agent:
// https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html)
// and "s3" (the gateway endpoint: the Amazon Linux 2023 dnf repositories and
// the AWS-owned buckets SSM Agent reads, see network.AWSOwnedS3Buckets).
var InstanceEndpoints = []string{"ssm", "ssmmessages", "ec2messages", "s3"}

// NewInstance validates props and creates the role, instance profile,
// security group, its endpoint access (InstanceEndpoints plus
// Props.Endpoints) (and AMI lookup) and instance.
func NewInstance(scope constructs.Construct, id string, props InstanceProps) (*Instance, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.defaults(id)
	if pre, err := stack.Of(scope); err == nil {
		if err := encryption.CheckRegion("key", p.Key, pre.RegionName, "an EC2 instance"); err != nil {
			return nil, err
		}
	}
	st, fullName, err := stack.Named(scope, id, naming.Generic, p.Name)
	if err != nil {
		return nil, err
	}
	// Check the derived role name before creating anything.
	if _, err := st.Name(naming.IAMRole, p.Name+"-ec2"); err != nil {
		return nil, fmt.Errorf("%w (the role is named after the instance; shorten Name)", err)
	}
	subnet := p.SubnetID
	if subnet == "" {
		private := p.VPC.PrivateSubnetIDs()
		if len(private) == 0 {
			return nil, errors.New("subnetID: the VPC has no private subnets; set SubnetID")
		}
		subnet = private[0]
	}
	in := &Instance{name: fullName, vpc: p.VPC}
	if err := stack.Catch(func() { in.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	managed := []string{identity.ManagedPolicyARN(st.AWS.Partition(), "AmazonSSMManagedInstanceCore")}
	in.role, err = identity.NewServiceRole(in.node, "role", identity.ServiceRoleProps{
		Name:              p.Name + "-ec2",
		Description:       "Instance role of " + fullName + " (Session Manager access)",
		Services:          []string{"ec2.amazonaws.com"},
		ManagedPolicyArns: append(managed, p.ManagedPolicyArns...),
	})
	if err != nil {
		return nil, fmt.Errorf("role: %w", err)
	}
	var clients []*network.SecurityGroup
	if !p.NoOwnSecurityGroup {
		in.sg, err = network.NewSecurityGroup(in.node, "security-group", network.SecurityGroupProps{
			VPC: p.VPC, Name: p.Name + "-ec2", Description: "EC2 instance " + fullName,
		})
		if err != nil {
			return nil, fmt.Errorf("vpc: %w", err)
		}
		clients = append(clients, in.sg)
	}
	clients = append(clients, network.Ours(p.SecurityGroups)...)
	in.clients = clients
	services := append(append([]string(nil), InstanceEndpoints...), p.Endpoints...)
	for _, g := range clients {
		if err := p.VPC.AllowEndpoints(g, services...); err != nil {
			return nil, fmt.Errorf("endpoints: %w", err)
		}
	}
	var groupIDs []string
	if in.sg != nil {
		groupIDs = append(groupIDs, in.sg.ID())
	}
	groupIDs = append(groupIDs, network.IDs(p.SecurityGroups)...)
	err = stack.Catch(func() {
		// The role's name is plain text, so depend on the role explicitly.
		roleDeps := in.role.DependsOnTargets()
		profile := iaminstanceprofile.NewIamInstanceProfile(in.node, str("profile"), &iaminstanceprofile.IamInstanceProfileConfig{
			Name:      str(in.role.Name()),
			Role:      str(in.role.Name()),
			DependsOn: &roleDeps,
		})
		root := &instance.InstanceRootBlockDevice{
			VolumeType:          str("gp3"),
			Encrypted:           boolp(true),
			KmsKeyId:            str(p.Key.Arn()),
			DeleteOnTermination: boolp(true),
		}
		if p.RootVolumeSizeGB > 0 {
			root.VolumeSize = f64(p.RootVolumeSizeGB)
		}
		cfg := &instance.InstanceConfig{
			InstanceType:             str(p.InstanceType),
			SubnetId:                 str(subnet),
			VpcSecurityGroupIds:      jsiival.Strings(groupIDs),
			IamInstanceProfile:       profile.Name(),
			AssociatePublicIpAddress: boolp(p.AssociatePublicIPAddress),
			Monitoring:               boolp(!p.DisableDetailedMonitoring),
			MetadataOptions: &instance.InstanceMetadataOptions{
				HttpEndpoint:            str("enabled"),
				HttpTokens:              str("required"),
				HttpPutResponseHopLimit: f64(1),
			},
			RootBlockDevice: root,
			Tags:            &map[string]*string{"Name": str(fullName)},
		}
		if p.AMI != "" {
			cfg.Ami = str(p.AMI)
		} else {
			cfg.Ami = latestAL2023(in.node, Architecture(p.InstanceType)).Id()
			cfg.Lifecycle = &cdktf.TerraformResourceLifecycle{IgnoreChanges: &[]*string{str("ami")}}
		}
		if p.UserData != "" {
			cfg.UserDataBase64 = str(base64.StdEncoding.EncodeToString([]byte(p.UserData)))
			cfg.UserDataReplaceOnChange = boolp(true)
		}
		deps := in.role.DependsOnTargets()
		cfg.DependsOn = &deps
		in.inst = instance.NewInstance(in.node, str("instance"), cfg)
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// latestAL2023 looks up the newest Amazon Linux 2023 image (standard, not
// minimal) published by Amazon for arch.
func latestAL2023(scope constructs.Construct, arch string) dataawsami.DataAwsAmi {
	return dataawsami.NewDataAwsAmi(scope, str("ami"), &dataawsami.DataAwsAmiConfig{
		MostRecent: boolp(true),
		Owners:     jsiival.Strings([]string{"amazon"}),
		Filter: &[]*dataawsami.DataAwsAmiFilter{
			{Name: str("name"), Values: jsiival.Strings([]string{"al2023-ami-2023.*-" + arch})},
			{Name: str("architecture"), Values: jsiival.Strings([]string{arch})},
			{Name: str("virtualization-type"), Values: jsiival.Strings([]string{"hvm"})},
			{Name: str("root-device-type"), Values: jsiival.Strings([]string{"ebs"})},
		},
	})
}

// ID is the instance ID (a Terraform reference).
func (in *Instance) ID() string { return *in.inst.Id() }

// Arn is the instance ARN (a Terraform reference).
func (in *Instance) Arn() string { return *in.inst.Arn() }

// PrivateIP is the instance's private IPv4 address (a Terraform reference).
func (in *Instance) PrivateIP() string { return *in.inst.PrivateIp() }

// Name is the instance's Name tag, "{company}-{environment}-{name}"
// (plain text; ID() is the reference).
func (in *Instance) Name() string { return in.name }

// Role is the instance role; add permissions with its AddStatements.
func (in *Instance) Role() *identity.Role { return in.role }

// SecurityGroup is the instance's own security group, nil with
// InstanceProps.NoOwnSecurityGroup.
func (in *Instance) SecurityGroup() *network.SecurityGroup { return in.sg }

// Construct is the construct node holding the instance's resources.
func (in *Instance) Construct() constructs.Construct { return in.node }

// GranteeRole is the instance's role: an *Instance is an identity.Grantee.
func (in *Instance) GranteeRole() *identity.Role { return in.role }

// UseEndpoints lets the instance reach services through its VPC's
// endpoints (identity.EndpointUser).
func (in *Instance) UseEndpoints(services ...string) error {
	for _, g := range in.clients {
		if err := in.vpc.AllowEndpoints(g, services...); err != nil {
			return err
		}
	}
	return nil
}
