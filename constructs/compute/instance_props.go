package compute

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/isnil"
)

// Defaults and limits of InstanceProps.
const (
	DefaultInstanceType = "t3.micro"
	// MaxUserDataBytes is EC2's limit on user data before base64 encoding.
	MaxUserDataBytes = 16 * 1024
)

// InstanceProps configures an EC2 instance. The zero value of every
// optional field is the secure choice.
type InstanceProps struct {
	// Name is the name suffix: the Name tag is "{company}-{environment}-{name}",
	// the role and instance profile "{company}-{environment}-{name}-ec2".
	// Default: the construct id.
	Name string
	// InstanceType is e.g. "t3.micro", "m7g.large". Default: "t3.micro".
	InstanceType string
	// AMI is an explicit image ID ("ami-..."). Default: "" = the latest
	// Amazon Linux 2023 image for the type's architecture (x86_64, or arm64
	// for Graviton types) from an aws_ami data source; the instance then
	// ignores later AMI releases (lifecycle ignore_changes = [ami]) instead of
	// being replaced by every apply; patch it through SSM.
	AMI string
	// VPC holds the instance's security group. Required.
	VPC *network.VPC
	// SubnetID is the subnet to launch in. Default: the VPC's first private subnet.
	SubnetID string
	// Key encrypts the root volume. Required.
	Key Key
	// RootVolumeSizeGB is the gp3 root volume size, 1-16384. Default: 0 =
	// the image's size (8 GB for Amazon Linux 2023). With the default AMI
	// values below 8 are refused (EC2 refuses a volume smaller than the
	// image's snapshot); with your own AMI the size is not checked here.
	RootVolumeSizeGB int
	// UserData is the plain-text startup script (at most 16 KB); it is
	// base64-encoded at synth into user_data_base64 and a change replaces
	// the instance. Default: none.
	UserData string
	// AssociatePublicIPAddress gives the instance a public IP. Default: false.
	AssociatePublicIPAddress bool
	// DisableDetailedMonitoring turns off 1-minute CloudWatch metrics.
	// Default: false (detailed monitoring on).
	DisableDetailedMonitoring bool
	// SecurityGroups are groups the instance joins besides its own (or
	// instead, with NoOwnSecurityGroup): a *network.SecurityGroup, whose
	// endpoint access the instance wires like its own, or
	// network.ExistingGroup("sg-..."), whose rules are its owner's. Default: none.
	SecurityGroups []network.Group
	// NoOwnSecurityGroup leaves out the instance's own group; SecurityGroups
	// must then name at least one. Default: false (the instance has its own,
	// with no ingress and egress only to the VPC's endpoints).
	NoOwnSecurityGroup bool
	// Endpoints are AWS services the instance's software calls besides
	// InstanceEndpoints, e.g. "logs" and "monitoring" for the CloudWatch
	// agent. Default: none. The instance has no internet egress; for that
	// call SecurityGroup().AllowInternetEgress with the reason (and give the
	// VPC NAT gateways).
	Endpoints []string
	// ManagedPolicyArns are extra managed policies for the instance role,
	// besides AmazonSSMManagedInstanceCore. Default: none.
	ManagedPolicyArns []string
}

// AL2023RootVolumeGB is the root snapshot size of the Amazon Linux 2023
// AMIs (al2023-ami-*: 8 GiB; the minimal AMIs are 2 GiB and the ECS ones
// 30): the smallest root volume the default image accepts.
const AL2023RootVolumeGB = 8

var (
	instanceTypePattern = regexp.MustCompile(`^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.([0-9]*xlarge|nano|micro|small|medium|large|metal(-[0-9]+xl)?)$`)
	amiPattern          = regexp.MustCompile(`^ami-([0-9a-f]{8}|[0-9a-f]{17})$`)
	subnetPattern       = regexp.MustCompile(`^subnet-([0-9a-f]{8}|[0-9a-f]{17})$`)
)

// Validate checks every field without calling jsii, returning all problems
// joined, each starting with the field name.
func (p InstanceProps) Validate() error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if t := p.InstanceType; t != "" {
		switch {
		case strings.HasPrefix(t, "db."):
			add("instanceType: %q is an RDS class; EC2 types have no \"db.\" prefix, e.g. %q", t, strings.TrimPrefix(t, "db."))
		case !instanceTypePattern.MatchString(t):
			add("instanceType: %q is not an EC2 instance type; use \"<family>.<size>\", e.g. %q", t, DefaultInstanceType)
		default:
			if err := catalog.CheckEC2InstanceType("instanceType", t); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if a := p.AMI; a != "" && !isToken(a) && !amiPattern.MatchString(a) {
		add("ami: %q is not an AMI ID; use \"ami-\" and 8 or 17 hex digits, or leave it empty for Amazon Linux 2023", a)
	}
	if p.VPC == nil {
		add("vpc: must not be nil; pass the VPC the instance's security group belongs to")
	}
	if s := p.SubnetID; s != "" && isToken(s) {
		if err := tfexpr.Check("subnetID", s); err != nil {
			errs = append(errs, err)
		}
	} else if s != "" && !subnetPattern.MatchString(s) {
		add("subnetID: %q is not a subnet ID; use \"subnet-\" and 8 or 17 hex digits, or a Terraform reference", s)
	}
	if a := p.AMI; isToken(a) {
		if err := tfexpr.Check("ami", a); err != nil {
			errs = append(errs, err)
		}
	}
	if isnil.Is(p.Key) {
		add("key: must not be nil; pass the KMS key that encrypts the root volume")
	}
	if v := p.RootVolumeSizeGB; v < 0 || v > 16384 {
		add("rootVolumeSizeGB: %d is out of range; gp3 volumes are 1-16384 GB (0 means the image's size)", v)
	} else if v > 0 && v < AL2023RootVolumeGB && p.AMI == "" {
		add("rootVolumeSizeGB: %d is smaller than the Amazon Linux 2023 image's %d GB snapshot, which EC2 refuses; use %d or more, or 0 for the image's size", v, AL2023RootVolumeGB, AL2023RootVolumeGB)
	}
	if n := len(p.UserData); n > MaxUserDataBytes {
		add("userData: %d bytes; EC2 allows at most %d before base64 encoding", n, MaxUserDataBytes)
	}
	if err := validateGroups("", p.VPC, p.SecurityGroups, p.NoOwnSecurityGroup, p.Endpoints); err != nil {
		errs = append(errs, err)
	}
	// Checked here, with the index of the caller's own list: the role also
	// gets AmazonSSMManagedInstanceCore, first.
	for i, arn := range p.ManagedPolicyArns {
		if err := identity.CheckManagedPolicyArn(arn); err != nil {
			add("managedPolicyArns[%d]: %v", i, err)
		} else if name, admin := identity.AdminPolicy(arn); admin {
			add("managedPolicyArns[%d]: %s is admin-equivalent; attach a policy scoped to what the instance needs", i, name)
		}
	}
	return errors.Join(errs...)
}

// defaults returns a copy of p with every default applied.
func (p InstanceProps) defaults(id string) InstanceProps {
	if p.Name == "" {
		p.Name = id
	}
	if p.InstanceType == "" {
		p.InstanceType = DefaultInstanceType
	}
	return p
}

// Architecture is the CPU architecture of an instance type: "arm64" for
// Graviton families (a "g" after the generation digit: t4g, m7g, c6gn,
// r8g, ...), else "x86_64".
func Architecture(instanceType string) string {
	family, _, _ := strings.Cut(instanceType, ".")
	i := strings.IndexAny(family, "0123456789")
	if i < 0 {
		return "x86_64"
	}
	rest := strings.TrimLeft(family[i:], "0123456789")
	rest, _, _ = strings.Cut(rest, "-")
	if strings.Contains(rest, "g") {
		return "arm64"
	}
	return "x86_64"
}
