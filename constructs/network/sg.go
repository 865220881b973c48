package network

import (
	"fmt"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/securitygroup"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// SecurityGroup is a security group with no inline rules and no default
// egress: every rule is added through the Allow* methods (or
// VPC.AllowEndpoints) as a separate resource. The group itself references
// only its VPC. It satisfies Group, so a workload can be given it.
type SecurityGroup struct {
	node       constructs.Construct
	id         string
	name       string
	fullName   string
	vpc        *VPC
	vpcID      string
	allowWorld bool
	// rules maps each rule's construct id to its peer, to refuse duplicates.
	rules map[string]string
	// egressCIDRs are the CIDR egress blocks per port, to refuse a set that
	// covers the internet; internetReasons the AllowInternetEgress reasons.
	egressCIDRs     map[int][]string
	internetReasons []string
}

// NewSecurityGroup validates props and creates the group under a new
// construct node named id.
func NewSecurityGroup(scope constructs.Construct, id string, props SecurityGroupProps) (*SecurityGroup, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	name := props.Name
	if name == "" {
		name = id
		if err := checkNameSuffix("name", name); err != nil {
			return nil, fmt.Errorf("%w (the name defaults to the construct id; set Name)", err)
		}
	}
	desc := props.Description
	if desc == "" {
		desc = DefaultSecurityGroupDescription
	}
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	fullName, err := st.Name(naming.SecurityGrp, name)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(fullName, "sg-") {
		return nil, fmt.Errorf("name: security group name %q starts with \"sg-\", which AWS refuses; use another company name", fullName)
	}
	g := &SecurityGroup{name: name, fullName: fullName, vpc: props.VPC, vpcID: props.VpcID,
		allowWorld: props.AllowWorldOnAdminPorts, rules: map[string]string{}, egressCIDRs: map[int][]string{}}
	if g.vpc != nil {
		g.vpcID = g.vpc.ID()
	}
	err = stack.Catch(func() {
		g.node = st.NewNode(scope, id)
		sg := securitygroup.NewSecurityGroup(g.node, str("group"), &securitygroup.SecurityGroupConfig{
			Name:        str(fullName),
			Description: str(desc),
			VpcId:       str(g.vpcID),
			// Rules from other groups' resources are revoked before the group
			// is deleted, so destroying two groups that reference each other works.
			RevokeRulesOnDelete: true,
			Tags:                tags(fullName),
		})
		g.id = *sg.Id()
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// ID is the security group ID (a Terraform reference).
func (g *SecurityGroup) ID() string { return g.id }

// Name is the group's full name, "{company}-{environment}-{name}" (plain text).
func (g *SecurityGroup) Name() string { return g.fullName }

// Construct is the construct node holding the group and its rules.
func (g *SecurityGroup) Construct() constructs.Construct { return g.node }
