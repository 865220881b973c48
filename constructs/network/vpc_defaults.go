package network

import "github.com/cdktf/cdktf-provider-aws-go/aws/v19/defaultsecuritygroup"

// lockDefaults adopts the VPC's default security group and strips every rule
// from it (CIS AWS 5.4), so nothing placed in it by mistake can talk.
//
// The provider revokes all rules when it first adopts the group; its
// ingress/egress arguments are "optional + computed" attributes, so leaving
// them out would stop Terraform from noticing rules added later. Explicit
// empty lists make "no rules" the managed state: any rule added outside
// Terraform shows as drift and is removed on the next apply. The default
// network ACL is left alone: all subnets here use it and it allows all
// traffic, which security groups then restrict.
func (v *VPC) lockDefaults() {
	sg := defaultsecuritygroup.NewDefaultSecurityGroup(v.node, str("default-sg"), &defaultsecuritygroup.DefaultSecurityGroupConfig{
		VpcId: str(v.id),
		Tags:  tags(v.fullName + "-default-deny-all"),
	})
	sg.AddOverride(str("ingress"), []any{})
	sg.AddOverride(str("egress"), []any{})
}
