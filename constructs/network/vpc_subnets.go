package network

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"

	"fmt"
	"net/netip"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbsubnetgroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/subnet"
)

// Subnet tiers.
const (
	tierPublic   = "public"
	tierPrivate  = "private"
	tierDatabase = "database"
)

// addSubnets creates one subnet per AZ of a tier, with construct ids
// "{tier}-{i}", and returns their IDs.
func (v *VPC) addSubnets(tier string, cidrs []netip.Prefix, azs []string, mapPublicIP bool) []string {
	ids := make([]string, len(cidrs))
	for i, cidr := range cidrs {
		name := fmt.Sprintf("%s-%s-%d", v.fullName, tier, i)
		s := subnet.NewSubnet(v.node, str(fmt.Sprintf("%s-%d", tier, i)), &subnet.SubnetConfig{
			VpcId:               str(v.id),
			CidrBlock:           str(cidr.String()),
			AvailabilityZone:    str(azs[i]),
			MapPublicIpOnLaunch: mapPublicIP,
			Tags:                &map[string]*string{"Name": str(name), "Tier": str(tier)},
		})
		ids[i] = *s.Id()
	}
	if tier == tierDatabase && v.dbSubnetGroupName != "" {
		v.dbSubnetGroup = dbsubnetgroup.NewDbSubnetGroup(v.node, str("database-subnet-group"), &dbsubnetgroup.DbSubnetGroupConfig{
			Name:        str(v.dbSubnetGroupName),
			Description: str("Isolated database subnets of " + v.fullName),
			SubnetIds:   jsiival.Strings(ids),
			Tags:        tags(v.dbSubnetGroupName),
		})
	}
	return ids
}
