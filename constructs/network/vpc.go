package network

import (
	"fmt"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsavailabilityzones"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpc"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// VPC is a VPC with public, private and database (isolated) subnets in
// every AZ, an attached internet gateway, S3 and DynamoDB gateway endpoints
// on the private and database route tables, interface endpoints for the
// services its workloads ask for (AllowEndpoints), NAT gateway(s) only when
// asked for, flow logs to a KMS-encrypted log group and a default security
// group stripped of every rule.
type VPC struct {
	node              constructs.Construct
	name              string
	fullName          string
	id                string
	cidr              string
	azCount           int
	public            []string
	private           []string
	database          []string
	dbSubnetGroupName string
	dbSubnetGroup     cdktf.ITerraformDependable
	flowLogGroupName  string
	igwAttachment     cdktf.ITerraformDependable
	azs               []string
	publicRT          string
	privateRTs        []string
	databaseRT        string
	// region is plain text; account and partition are references.
	region, account, partition string
	endpoints                  endpointState
	nat                        NATGateways
}

// NewVPC validates props and creates the VPC and everything in it under a new
// construct node named id.
func NewVPC(scope constructs.Construct, id string, props VPCProps) (*VPC, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	r := props.resolved(id)
	if props.Name == "" {
		if err := checkNameSuffix("name", r.Name); err != nil {
			return nil, fmt.Errorf("%w (the name defaults to the construct id; set Name)", err)
		}
	}
	plan, err := PlanSubnets(r.CIDR, r.AZCount)
	if err != nil {
		return nil, err
	}
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	// A flow-log key of another region (e.g. another stack's) is refused
	// before anything is created: CloudWatch Logs would refuse it at apply.
	if err := encryption.CheckRegion("flowLogKey", r.FlowLogKey, st.RegionName, "the flow-log group of a VPC"); err != nil {
		return nil, err
	}
	for i, az := range r.AZs {
		if err := catalog.CheckZone(fmt.Sprintf("azs[%d]", i), st.RegionName, az); err != nil {
			return nil, err
		}
	}
	fullName, err := st.Name(naming.Generic, r.Name)
	if err != nil {
		return nil, err
	}
	// Check the flow-log role's name now, before any resource exists.
	if _, err := st.Name(naming.IAMRole, r.Name+"-flow-logs"); err != nil {
		return nil, fmt.Errorf("%w (the flow-log role is named after the VPC)", err)
	}
	logGroupName := "/aws/vpc/flow-logs/" + fullName
	if err := naming.LogGroup.Check(logGroupName); err != nil {
		return nil, err
	}
	dbSubnetGroupName := ""
	if r.AZCount >= 2 {
		if dbSubnetGroupName, err = st.Name(naming.RDSSubnetGrp, strings.ToLower(r.Name)+"-db"); err != nil {
			return nil, err
		}
	}

	v := &VPC{name: r.Name, fullName: fullName, cidr: plan.VPC.String(), azCount: r.AZCount,
		dbSubnetGroupName: dbSubnetGroupName, flowLogGroupName: logGroupName,
		region: st.RegionName, account: st.AWS.AccountID(), partition: st.AWS.Partition()}
	err = stack.Catch(func() {
		v.node = st.NewNode(scope, id)
		vp := vpc.NewVpc(v.node, str("vpc"), &vpc.VpcConfig{
			CidrBlock:          str(v.cidr),
			EnableDnsSupport:   true,
			EnableDnsHostnames: true,
			Tags:               tags(fullName),
		})
		v.id = *vp.Id()
	})
	if err != nil {
		return nil, err
	}
	if err := v.build(r, plan); err != nil {
		return nil, err
	}
	if err := v.addFlowLog(r); err != nil {
		return nil, err
	}
	if err := v.AddInterfaceEndpoints(r.InterfaceEndpoints...); err != nil {
		return nil, err
	}
	return v, nil
}

// build creates the subnets, gateways, route tables and locked-down defaults.
func (v *VPC) build(r VPCProps, plan SubnetPlan) error {
	return stack.Catch(func() {
		azs := v.zones(r)
		v.azs = azs
		v.lockDefaults()
		igw := v.addInternetGateway()
		v.public = v.addSubnets(tierPublic, plan.Public, azs, r.MapPublicIPOnLaunch)
		v.private = v.addSubnets(tierPrivate, plan.Private, azs, false)
		v.database = v.addSubnets(tierDatabase, plan.Database, azs, false)
		v.addPublicRouting(igw)
		v.addPrivateRouting(r.NATGateways)
		v.nat = r.NATGateways
		v.addDatabaseRouting()
		v.addGatewayEndpoints()
	})
}

// zones returns one zone name (or Terraform reference) per AZ.
func (v *VPC) zones(r VPCProps) []string {
	if len(r.AZs) > 0 {
		return r.AZs
	}
	data := dataawsavailabilityzones.NewDataAwsAvailabilityZones(v.node, str("azs"), &dataawsavailabilityzones.DataAwsAvailabilityZonesConfig{
		State: str("available"),
		// Only real AZs: Local Zones and Wavelength Zones would sort first and
		// lack services (NAT gateways, RDS).
		Filter: &[]*dataawsavailabilityzones.DataAwsAvailabilityZonesFilter{{
			Name:   str("zone-type"),
			Values: &[]*string{str("availability-zone")},
		}},
	})
	names := data.Names() // one read: each is a jsii round trip
	out := make([]string, r.AZCount)
	for i := range out {
		// names[i] fails at plan when the region has fewer zones, instead
		// of wrapping around as element() would.
		out[i] = *cdktf.Token_AsString(cdktf.Fn_LookupNested(names, &[]interface{}{float64(i)}), nil)
	}
	return out
}

// ID is the VPC ID (a Terraform reference).
func (v *VPC) ID() string { return v.id }

// CIDR is the VPC's IPv4 block (plain text, e.g. "10.0.0.0/16").
func (v *VPC) CIDR() string { return v.cidr }

// Name is the VPC's full name, "{company}-{environment}-{name}" (plain text).
func (v *VPC) Name() string { return v.fullName }

// PublicSubnetIDs are the public subnet IDs, one per AZ (Terraform references).
func (v *VPC) PublicSubnetIDs() []string { return append([]string(nil), v.public...) }

// PrivateSubnetIDs are the private subnet IDs, one per AZ (Terraform
// references). They reach the
// internet only through NAT gateways the VPC was asked for (NATGateways).
func (v *VPC) PrivateSubnetIDs() []string { return append([]string(nil), v.private...) }

// DatabaseSubnetIDs are the isolated database subnet IDs, one per AZ
// (Terraform references).
func (v *VPC) DatabaseSubnetIDs() []string { return append([]string(nil), v.database...) }

// AvailabilityZones are the zones used, in subnet order: the names given in
// VPCProps.AZs, or references to the data source's names.
func (v *VPC) AvailabilityZones() []string { return append([]string(nil), v.azs...) }

// PublicRouteTableID is the public subnets' route table (default route to
// the IGW; a Terraform reference).
func (v *VPC) PublicRouteTableID() string { return v.publicRT }

// PrivateRouteTableIDs are the private route tables: one per AZ with
// NATPerAZ, else one shared table (Terraform references).
func (v *VPC) PrivateRouteTableIDs() []string { return append([]string(nil), v.privateRTs...) }

// DatabaseRouteTableID is the database subnets' route table (local route
// only; a Terraform reference).
// The S3 and DynamoDB gateway endpoints add their routes to it.
func (v *VPC) DatabaseRouteTableID() string { return v.databaseRT }

// DatabaseSubnetGroupName is the DB subnet group over the database subnets,
// "{company}-{environment}-{name}-db" (plain text: a plain resource using it
// must depend on DatabaseSubnetGroup()); "" with a single AZ (RDS needs two).
func (v *VPC) DatabaseSubnetGroupName() string { return v.dbSubnetGroupName }

// DatabaseSubnetGroup is the aws_db_subnet_group resource, for depends_on:
// DatabaseSubnetGroupName is plain text, not a reference, so a database must
// depend on the group explicitly. nil with a single AZ.
func (v *VPC) DatabaseSubnetGroup() cdktf.ITerraformDependable { return v.dbSubnetGroup }

// AZCount is the number of availability zones used.
func (v *VPC) AZCount() int { return v.azCount }

// FlowLogGroupName is the flow-log group, "/aws/vpc/flow-logs/{company}-{environment}-{name}"
// (plain text).
func (v *VPC) FlowLogGroupName() string { return v.flowLogGroupName }

// InternetGatewayAttachment is the IGW attachment, for resources that need
// the VPC's internet path (public load balancers, EIPs) to depend on.
func (v *VPC) InternetGatewayAttachment() cdktf.ITerraformDependable { return v.igwAttachment }

// Construct is the construct node holding every resource of the VPC.
func (v *VPC) Construct() constructs.Construct { return v.node }

func str(s string) *string { return &s }

func num(n int) *float64 { f := float64(n); return &f }

func tags(name string) *map[string]*string { return &map[string]*string{"Name": str(name)} }

// NATGateways is how many NAT gateways the VPC has (VPCProps.NATGateways).
func (v *VPC) NATGateways() NATGateways { return v.nat }

// Region is the VPC's region (plain text), which its endpoints serve.
func (v *VPC) Region() string { return v.region }
