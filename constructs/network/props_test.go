package network

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// fakeKey satisfies logging.Key without jsii.
type fakeKey struct{}

func (fakeKey) Arn() string                { return "arn:aws:kms:us-east-1:123456789012:key/x" }
func (fakeKey) AllowCloudWatchLogs() error { return nil }

func TestVPCPropsValidate(t *testing.T) {
	k := fakeKey{}
	cases := []struct {
		name  string
		props VPCProps
		want  []string // substrings; none means valid
	}{
		{"defaults", VPCProps{FlowLogKey: k}, nil},
		{"everything set", VPCProps{Name: "core", CIDR: "172.16.0.0/20", AZCount: 2, AZs: []string{"eu-west-1a", "eu-west-1b"},
			NATGateways: SingleNAT, InterfaceEndpoints: []string{"sqs", "ecr.api"}, FlowLogKey: k, FlowLogRetentionDays: 90, FlowLogTrafficType: "REJECT"}, nil},
		{"azs set the count", VPCProps{AZs: []string{"us-gov-west-1a"}, FlowLogKey: k}, nil},
		{"no flow-log key", VPCProps{}, []string{"flowLogKey: required"}},
		{"malformed cidr", VPCProps{CIDR: "10.0.0/16", FlowLogKey: k}, []string{`cidr: "10.0.0/16" is not a CIDR block`}},
		{"host bits", VPCProps{CIDR: "10.0.5.0/16", FlowLogKey: k}, []string{`cidr: "10.0.5.0/16" has host bits set; use the network address "10.0.0.0/16"`}},
		{"too large", VPCProps{CIDR: "10.0.0.0/8", FlowLogKey: k}, []string{"cidr: \"10.0.0.0/8\" has prefix /8"}},
		{"too small for tiers", VPCProps{CIDR: "10.0.0.0/24", AZCount: 6, FlowLogKey: k}, []string{"cidr: /24 is too small for 3 tiers x 6 AZs", "use /23 or larger"}},
		{"too small via azs", VPCProps{CIDR: "10.0.0.0/24", AZs: []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e"}, FlowLogKey: k},
			[]string{"cidr: /24 is too small for 3 tiers x 5 AZs"}},
		{"ipv6", VPCProps{CIDR: "2001:db8::/56", FlowLogKey: k}, []string{"is not IPv4"}},
		{"az count low", VPCProps{AZCount: -1, FlowLogKey: k}, []string{"azCount: -1 is out of range; use 1 to 6"}},
		{"az count high", VPCProps{AZCount: 7, FlowLogKey: k}, []string{"azCount: 7 is out of range"}},
		{"duplicate az", VPCProps{AZs: []string{"us-east-1a", "us-east-1a"}, FlowLogKey: k}, []string{`azs[1]: "us-east-1a" is listed twice`}},
		{"bad az", VPCProps{AZs: []string{"us-east-1"}, FlowLogKey: k}, []string{`azs[0]: "us-east-1" is not an availability zone name`}},
		{"az count mismatch", VPCProps{AZCount: 3, AZs: []string{"us-east-1a", "us-east-1b"}, FlowLogKey: k}, []string{"azs: 2 zones given but azCount is 3"}},
		{"too many azs", VPCProps{AZs: []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f", "us-east-1g"}, FlowLogKey: k},
			[]string{"azs: 7 zones given; use at most 6"}},
		{"bad nat", VPCProps{FlowLogKey: k, NATGateways: 3}, []string{"natGateways: 3 is not a NAT setting; use network.NoNAT"}},
		{"gateway as interface", VPCProps{FlowLogKey: k, InterfaceEndpoints: []string{"s3"}}, []string{`interfaceEndpoints[0]: "s3" is served by the VPC's gateway endpoint`}},
		{"bad endpoint", VPCProps{FlowLogKey: k, InterfaceEndpoints: []string{"logs", "Logs!", "logs"}},
			[]string{`interfaceEndpoints[1]: "Logs!" is not an endpoint service name`, `interfaceEndpoints[2]: "logs" is listed twice`}},
		{"bad retention", VPCProps{FlowLogKey: k, FlowLogRetentionDays: 10}, []string{"flowLogRetentionDays: 10 is not a CloudWatch retention value"}},
		{"bad traffic type", VPCProps{FlowLogKey: k, FlowLogTrafficType: "all"}, []string{`flowLogTrafficType: "all" is not allowed`}},
		{"bad name", VPCProps{Name: "my vpc", FlowLogKey: k}, []string{`name: "my vpc" is not allowed`}},
		{"double hyphen", VPCProps{Name: "a--b", FlowLogKey: k}, []string{`name: "a--b" is not allowed`}},
		{"several at once", VPCProps{CIDR: "x", AZCount: 9, FlowLogTrafficType: "NONE"},
			[]string{"cidr:", "azCount:", "flowLogKey:", "flowLogTrafficType:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := strings.Join(c.props.AZs, ",")
			err := c.props.Validate()
			if strings.Join(c.props.AZs, ",") != before {
				t.Errorf("Validate modified the caller's AZs")
			}
			errtest.Contains(t, "Validate()", err, c.want...)
		})
	}
}

func TestVPCPropsResolvedDefaults(t *testing.T) {
	p := VPCProps{FlowLogKey: fakeKey{}}
	r := p.resolved("main")
	if r.Name != "main" || r.CIDR != DefaultCIDR || r.AZCount != 3 || r.FlowLogRetentionDays != 365 || r.FlowLogTrafficType != "ALL" {
		t.Errorf("resolved = %+v; want name main, 10.0.0.0/16, 3 AZs, 365 days, ALL", r)
	}
	if p.Name != "" || p.CIDR != "" || p.AZCount != 0 {
		t.Errorf("resolved modified the caller's props: %+v", p)
	}
	if r := (VPCProps{AZs: []string{"us-east-1a", "us-east-1b"}}).resolved("x"); r.AZCount != 2 {
		t.Errorf("AZCount with two AZs = %d; want 2", r.AZCount)
	}
}

func TestSecurityGroupPropsValidate(t *testing.T) {
	v := &VPC{id: "${TfToken[TOKEN.1]}"}
	cases := []struct {
		name  string
		props SecurityGroupProps
		want  []string
	}{
		{"vpc", SecurityGroupProps{VPC: v}, nil},
		{"vpc id", SecurityGroupProps{VpcID: "vpc-0123456789abcdef0", Name: "app", Description: "App servers (tcp/8080)"}, nil},
		{"short vpc id", SecurityGroupProps{VpcID: "vpc-01234567"}, nil},
		{"vpc id token", SecurityGroupProps{VpcID: "${data.aws_vpc.main.id}"}, nil},
		{"no vpc", SecurityGroupProps{}, []string{"vpc: required"}},
		{"both", SecurityGroupProps{VPC: v, VpcID: "vpc-01234567"}, []string{"vpc: set either VPC or VpcID, not both"}},
		{"bad vpc id", SecurityGroupProps{VpcID: "vpc-xyz"}, []string{`vpcID: "vpc-xyz" is not a VPC ID`}},
		{"bad name", SecurityGroupProps{VPC: v, Name: "-app"}, []string{`name: "-app" is not allowed`}},
		{"bad description", SecurityGroupProps{VPC: v, Description: "café"}, []string{"description: \"café\" has characters AWS refuses"}},
		{"long description", SecurityGroupProps{VPC: v, Description: strings.Repeat("a", 256)}, []string{"description: 256 characters; AWS allows at most 255"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.props.Validate()
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v; want nil", err)
				}
				return
			}
			for _, w := range c.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %v; want it to contain %q", err, w)
				}
			}
		})
	}
}

// group returns a SecurityGroup with no jsii node, for rule checks that
// fail before any resource is created.
func group(name string, v *VPC, allowWorld bool) *SecurityGroup {
	return &SecurityGroup{name: name, id: "${" + name + "}", vpc: v, vpcID: v.id, allowWorld: allowWorld, rules: map[string]string{}, egressCIDRs: map[int][]string{}}
}

func TestRuleMethodsRefuseBadInputBeforeCreatingAnything(t *testing.T) {
	v := &VPC{id: "${vpc}", nat: SingleNAT}
	other := &VPC{id: "${other}"}
	a, b := group("app", v, false), group("db", v, false)
	far := group("far", other, false)
	open := group("bastion", v, true)
	// Register existing rules as if created, to exercise duplicate checks.
	a.rules["egress-to-cidr-0.0.0.0_0-tcp-443"] = "0.0.0.0/0"
	b.rules["ingress-from-sg-app-tcp-5432"] = a.id
	cases := []struct {
		name string
		call func() error
		want []string
	}{
		{"port zero", func() error { return b.AllowFrom(a, 0, "") }, []string{"port: 0 is out of range; use 1-65535"}},
		{"port high", func() error { return a.AllowToCIDR("10.0.0.0/8", 65536, "") }, []string{"port: 65536 is out of range"}},
		{"nil peer", func() error { return a.AllowFrom(nil, 443, "") }, []string{"peer: required"}},
		{"nil peer to", func() error { return a.AllowTo(nil, 0, "") }, []string{"peer: required", "port: 0"}},
		{"other vpc", func() error { return a.AllowTo(far, 443, "") }, []string{"peer: group app is in another VPC than group far"}},
		{"malformed cidr", func() error { return a.AllowFromCIDR("10.0.0.0/40", 443, "") }, []string{`cidr: "10.0.0.0/40" is not a CIDR block`}},
		{"host bits", func() error { return a.AllowFromCIDR("10.1.2.3/16", 443, "") }, []string{`cidr: "10.1.2.3/16" has host bits set; use the network address "10.1.0.0/16"`}},
		{"mapped v4", func() error { return a.AllowFromCIDR("::ffff:10.0.0.0/104", 443, "") }, []string{"IPv4-mapped"}},
		{"bad description", func() error { return a.AllowToCIDR("10.0.0.0/8", 443, "tab\there") }, []string{"description:"}},
		{"world ssh", func() error { return a.AllowFromCIDR("0.0.0.0/0", 22, "") }, []string{"cidr: 0.0.0.0/0 would open SSH (tcp/22) on group app to the whole internet", "AllowWorldOnAdminPorts"}},
		{"world rdp v6", func() error { return a.AllowFromCIDR("::/0", 3389, "") }, []string{"cidr: ::/0 would open RDP (tcp/3389)"}},
		{"world mysql", func() error { return a.AllowFromCIDR("0.0.0.0/0", 3306, "") }, []string{"MySQL"}},
		{"world postgres", func() error { return a.AllowFromCIDR("0.0.0.0/0", 5432, "") }, []string{"PostgreSQL"}},
		{"world sql server", func() error { return a.AllowFromCIDR("0.0.0.0/0", 1433, "") }, []string{"SQL Server"}},
		{"world mongo", func() error { return a.AllowFromCIDR("0.0.0.0/0", 27017, "") }, []string{"MongoDB"}},
		{"world redis", func() error { return a.AllowFromCIDR("0.0.0.0/0", 6379, "") }, []string{"Redis"}},
		{"duplicate internet egress", func() error { return a.AllowInternetEgress(443, "again") }, []string{"rule: egress to 0.0.0.0/0 on tcp/443 (group app) already exists"}},
		{"internet egress without reason", func() error { return a.AllowInternetEgress(0, "") }, []string{"reason: required; say why group app needs the internet", "port: 0"}},
		{"world egress", func() error { return b.AllowToCIDR("0.0.0.0/0", 443, "") }, []string{"cidr: 0.0.0.0/0 would let group db reach the whole internet (0.0.0.0/0) on tcp/443", "AllowInternetEgress"}},
		{"world egress v6", func() error { return b.AllowToCIDR("::/0", 443, "") }, []string{"(::/0)"}},
		{"world egress in halves", func() error {
			b.egressCIDRs[8443] = []string{"0.0.0.0/1"}
			return b.AllowToCIDR("128.0.0.0/1", 8443, "")
		}, []string{"cidr: 128.0.0.0/1 would let group db reach the whole internet (0.0.0.0/0) on tcp/8443"}},
		{"no prefix list", func() error { return a.AllowToPrefixList("", "s3", 443, "") }, []string{"prefixListID: required"}},
		{"bad prefix list", func() error { return a.AllowToPrefixList("pl-xyz", "bad name", 443, "") }, []string{`prefixListID: "pl-xyz" is not a prefix list ID`, `name: "bad name" is not allowed`}},
		{"endpoint nil client", func() error { return v.AllowEndpoints(nil, "logs") }, []string{"client: required"}},
		{"endpoint other vpc", func() error { return v.AllowEndpoints(far, "logs") }, []string{"client: group far is not in VPC"}},
		{"endpoint bad service", func() error { return v.AllowEndpoints(a, "s3", "No Such") }, []string{`services[1]: "No Such" is not an endpoint service name`}},
		{"duplicate from", func() error { return b.AllowFrom(a, 5432, "") }, []string{"rule: ingress from group app on tcp/5432 (group db) already exists"}},
		{"duplicate via to", func() error { return a.AllowTo(b, 5432, "") }, []string{"rule: ingress from group app on tcp/5432 (group db) already exists"}},
		{"same name other group", func() error { twin := group("app", v, false); twin.id = "${twin}"; return b.AllowFrom(twin, 5432, "") }, []string{"collides with a rule for another group of the same name"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			for _, w := range c.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error = %v; want it to contain %q", err, w)
				}
			}
		})
	}
	// Nothing above created or recorded a rule.
	if len(a.rules) != 1 || len(b.rules) != 1 || len(open.rules) != 0 || len(far.rules) != 0 {
		t.Errorf("failed calls recorded rules: app %v, db %v", a.rules, b.rules)
	}
}

func TestRuleConstructIDs(t *testing.T) {
	app, db := &SecurityGroup{name: "app"}, &SecurityGroup{name: "database"}
	cases := []struct {
		r    rule
		want string
	}{
		{rule{owner: db, ingress: true, peer: app, port: 5432}, "ingress-from-sg-app-tcp-5432"},
		{rule{owner: app, peer: db, port: 5432}, "egress-to-sg-database-tcp-5432"},
		{rule{owner: app, cidr: netip.MustParsePrefix("0.0.0.0/0"), port: 443}, "egress-to-cidr-0.0.0.0_0-tcp-443"},
		{rule{owner: app, ingress: true, cidr: netip.MustParsePrefix("2001:db8::/32"), port: 443}, "ingress-from-cidr-2001-db8--_32-tcp-443"},
		{rule{owner: app, prefixList: "${aws_vpc_endpoint.s3.prefix_list_id}", prefixName: "s3", port: 443}, "egress-to-pl-s3-tcp-443"},
	}
	for _, c := range cases {
		if got := c.r.constructID(); got != c.want {
			t.Errorf("constructID(%v) = %q; want %q", c.r, got, c.want)
		}
	}
}

func TestAdminPortsCoverTheRequiredList(t *testing.T) {
	for _, p := range []int{22, 3389, 3306, 5432, 1433, 27017, 6379} {
		if _, ok := AdminPorts[p]; !ok {
			t.Errorf("AdminPorts lacks %d", p)
		}
	}
}
