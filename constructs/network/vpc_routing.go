package network

import (
	"fmt"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/eip"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/internetgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/internetgatewayattachment"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/natgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetable"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetableassociation"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

const anyIPv4 = "0.0.0.0/0"

// addInternetGateway creates the IGW without a vpc_id and attaches it with a
// separate aws_internet_gateway_attachment, which everything that needs the
// internet path depends on. It returns the IGW's id (a token).
func (v *VPC) addInternetGateway() string {
	igw := internetgateway.NewInternetGateway(v.node, str("igw"), &internetgateway.InternetGatewayConfig{
		Tags: tags(v.fullName),
	})
	igwID := *igw.Id()
	v.igwAttachment = internetgatewayattachment.NewInternetGatewayAttachment(v.node, str("igw-attachment"),
		&internetgatewayattachment.InternetGatewayAttachmentConfig{
			InternetGatewayId: str(igwID),
			VpcId:             str(v.id),
		})
	return igwID
}

// addPublicRouting routes the public subnets' 0.0.0.0/0 to the IGW, once the
// IGW is attached.
func (v *VPC) addPublicRouting(igwID string) {
	rt := v.routeTable("public", v.fullName+"-public")
	v.publicRT = rt
	route.NewRoute(v.node, str("public-default-route"), &route.RouteConfig{
		RouteTableId:         str(rt),
		DestinationCidrBlock: str(anyIPv4),
		GatewayId:            str(igwID),
		DependsOn:            &[]cdktf.ITerraformDependable{v.igwAttachment},
	})
	v.associate("public", rt, v.public)
}

// addPrivateRouting creates the private route tables and, when asked for,
// the NAT gateway(s) in the public subnets with 0.0.0.0/0 through them: one
// route table per AZ with NATPerAZ, else one table "private-0" shared by
// every private subnet (with NoNAT it has no route out of the VPC; the
// gateway endpoints add their prefix-list routes).
func (v *VPC) addPrivateRouting(mode NATGateways) {
	tables := 1
	if mode == NATPerAZ {
		tables = len(v.private)
	}
	rts := make([]string, tables) // route table ids (tokens)
	for i := range rts {
		rts[i] = v.routeTable(fmt.Sprintf("private-%d", i), fmt.Sprintf("%s-private-%d", v.fullName, i))
		v.privateRTs = append(v.privateRTs, rts[i])
		if mode == NoNAT {
			continue
		}
		name := fmt.Sprintf("%s-nat-%d", v.fullName, i)
		ip := eip.NewEip(v.node, str(fmt.Sprintf("nat-eip-%d", i)), &eip.EipConfig{
			Domain:    str("vpc"),
			Tags:      tags(name),
			DependsOn: &[]cdktf.ITerraformDependable{v.igwAttachment},
		})
		nat := natgateway.NewNatGateway(v.node, str(fmt.Sprintf("nat-%d", i)), &natgateway.NatGatewayConfig{
			AllocationId: ip.Id(),
			SubnetId:     str(v.public[i]),
			Tags:         tags(name),
			DependsOn:    &[]cdktf.ITerraformDependable{v.igwAttachment},
		})
		route.NewRoute(v.node, str(fmt.Sprintf("private-%d-default-route", i)), &route.RouteConfig{
			RouteTableId:         str(rts[i]),
			DestinationCidrBlock: str(anyIPv4),
			NatGatewayId:         nat.Id(),
		})
	}
	for i, s := range v.private {
		rt := rts[0]
		if mode == NATPerAZ {
			rt = rts[i]
		}
		routetableassociation.NewRouteTableAssociation(v.node, str(fmt.Sprintf("private-%d-rta", i)),
			&routetableassociation.RouteTableAssociationConfig{RouteTableId: str(rt), SubnetId: str(s)})
	}
}

// addDatabaseRouting gives the database subnets a route table with only the
// implicit local route: no path to the internet or a NAT gateway.
func (v *VPC) addDatabaseRouting() {
	rt := v.routeTable("database", v.fullName+"-database")
	v.databaseRT = rt
	v.associate("database", rt, v.database)
}

// routeTable creates a route table in the VPC and returns its id (a token).
func (v *VPC) routeTable(id, name string) string {
	return *routetable.NewRouteTable(v.node, str(id+"-rt"), &routetable.RouteTableConfig{
		VpcId: str(v.id),
		Tags:  tags(name),
	}).Id()
}

// associate links every subnet of a tier to the route table rtID, with ids
// "{tier}-{i}-rta".
func (v *VPC) associate(tier, rtID string, subnets []string) {
	for i, s := range subnets {
		routetableassociation.NewRouteTableAssociation(v.node, str(fmt.Sprintf("%s-%d-rta", tier, i)),
			&routetableassociation.RouteTableAssociationConfig{RouteTableId: str(rtID), SubnetId: str(s)})
	}
}
