package network

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// built records what the one synthesis produced, for the tests to check.
var built struct {
	main, edge, core                   *VPC
	app, db, lb, bastion, legacy       *SecurityGroup
	callErrs                           []error // errors of calls that must succeed
	otherRegionAZ, dupRule, dupReverse error
	worldSSH, worldSSHv6, badPort      error
	badCIDR, hostBits, nilPeer         error
	crossVPC, badDesc, sgPrefix        error
	worldEgress, halvesEgress          error
	noReason, endpointOtherVPC         error
	noNAT, endpointTypo                error
}

func must(err error) {
	if err != nil {
		built.callErrs = append(built.callErrs, err)
	}
}

// synth builds stack "acme-dev" with two VPCs and a set of security groups
// that reference each other, once for the whole package.
var synth = testkit.NewOnce(func(app *stack.App) error {
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(st, "flow-logs-key", encryption.KeyProps{})
	if err != nil {
		return err
	}
	// 10.0.0.0/16, three AZs from the data source, a NAT gateway per AZ.
	if built.main, err = NewVPC(st, "main", VPCProps{FlowLogKey: key, NATGateways: NATPerAZ}); err != nil {
		return err
	}
	// Explicit zones, one shared NAT gateway, public IPs on launch, a small VPC.
	if built.edge, err = NewVPC(st, "edge", VPCProps{
		CIDR: "10.1.0.0/22", AZs: []string{"us-east-1a", "us-east-1b"}, NATGateways: SingleNAT,
		MapPublicIPOnLaunch: true, FlowLogKey: key, FlowLogRetentionDays: 30, FlowLogTrafficType: "REJECT",
	}); err != nil {
		return err
	}
	// Defaults (no NAT gateway) and an interface endpoint no workload asked for.
	if built.core, err = NewVPC(st, "core", VPCProps{CIDR: "10.2.0.0/16", FlowLogKey: key, InterfaceEndpoints: []string{"sqs"}}); err != nil {
		return err
	}
	_, built.otherRegionAZ = NewVPC(st, "wrong", VPCProps{AZs: []string{"us-west-2a", "us-west-2b"}, FlowLogKey: key})

	sg := func(id string, p SecurityGroupProps) *SecurityGroup {
		g, err := NewSecurityGroup(st, id, p)
		must(err)
		return g
	}
	built.app = sg("app", SecurityGroupProps{VPC: built.main})
	built.db = sg("db", SecurityGroupProps{VPC: built.main, Name: "database", Description: "PostgreSQL"})
	built.lb = sg("lb", SecurityGroupProps{VPC: built.main})
	built.bastion = sg("bastion", SecurityGroupProps{VPC: built.main, AllowWorldOnAdminPorts: true})
	built.legacy = sg("legacy", SecurityGroupProps{VpcID: "vpc-0123456789abcdef0"})
	edgeSG := sg("edge-sg", SecurityGroupProps{VPC: built.edge})

	// Mutual references: app -> db on 5432 and db -> app on 8443.
	must(built.db.AllowFrom(built.app, 5432, "app to PostgreSQL"))
	must(built.db.AllowTo(built.app, 8443, ""))
	must(built.lb.AllowFromCIDR("0.0.0.0/0", 443, "public HTTPS"))
	must(built.lb.AllowFromCIDR("::/0", 443, ""))
	must(built.lb.AllowTo(built.app, 8080, ""))
	must(built.app.AllowInternetEgress(443, "calls a partner API on the internet"))
	// Endpoints: S3 by prefix list, logs and kms through one endpoint group
	// rule pair; asking again (and for a service already there) adds nothing.
	must(built.main.AllowEndpoints(built.app, S3, "logs", "kms"))
	must(built.main.AllowEndpoints(built.app, "logs", S3))
	must(built.main.AllowEndpoints(built.db, DynamoDB))
	built.endpointOtherVPC = built.main.AllowEndpoints(edgeSG, "logs")
	built.worldEgress = built.db.AllowToCIDR("0.0.0.0/0", 443, "")
	must(built.lb.AllowToCIDR("0.0.0.0/1", 443, ""))
	built.halvesEgress = built.lb.AllowToCIDR("128.0.0.0/1", 443, "")
	built.noReason = built.lb.AllowInternetEgress(443, " ")
	coreSG := sg("core-app", SecurityGroupProps{VPC: built.core})
	built.noNAT = coreSG.AllowInternetEgress(443, "calls a partner API")
	built.endpointTypo = built.core.AllowEndpoints(coreSG, "secretmanager")
	must(built.app.AllowFrom(built.app, 7946, "cluster gossip"))
	must(built.bastion.AllowFromCIDR("0.0.0.0/0", 22, "reviewed exception"))
	must(built.legacy.AllowFromCIDR("10.20.0.0/16", 5432, ""))

	built.dupRule = built.db.AllowFrom(built.app, 5432, "again")
	built.dupReverse = built.app.AllowTo(built.db, 5432, "")
	built.worldSSH = built.app.AllowFromCIDR("0.0.0.0/0", 22, "")
	built.worldSSHv6 = built.db.AllowFromCIDR("::/0", 5432, "")
	built.badPort = built.app.AllowFrom(built.lb, 70000, "")
	built.badCIDR = built.app.AllowToCIDR("10.0.0.0/33", 443, "")
	built.hostBits = built.app.AllowToCIDR("10.0.0.1/16", 443, "")
	built.nilPeer = built.app.AllowTo(nil, 443, "")
	built.crossVPC = built.app.AllowFrom(edgeSG, 443, "")
	built.badDesc = built.app.AllowToCIDR("10.0.0.0/8", 443, "naïve")

	// A company named "sg" would make group names start with "sg-".
	sgStack, err := stack.New(app, "sg-dev", stack.Props{Company: "sg", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	_, built.sgPrefix = NewSecurityGroup(sgStack, "app", SecurityGroupProps{VpcID: "vpc-0123456789abcdef0"})
	return nil
})
