package network

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

func TestSecurityGroupsHaveNoInlineRulesAndReferenceOnlyTheVPC(t *testing.T) {
	d := doc(t)
	groups := d.Resources("aws_security_group")
	// Seven made here (core-app only for the refused calls), plus the
	// endpoint groups of main (asked for by app) and core (its sqs
	// endpoint); edge has no interface endpoint and no group.
	if len(groups) != 9 {
		t.Errorf("aws_security_group: %d; want 9", len(groups))
	}
	for name, g := range groups {
		addr := "aws_security_group." + name
		for _, attr := range []string{"ingress", "egress"} {
			if v, ok := g[attr]; ok {
				t.Errorf("%s: has inline %s %v; rules must be separate resources", addr, attr, v)
			}
		}
		testkit.Equal(t, addr, g, "revoke_rules_on_delete", true)
		for _, r := range refsIn(g) {
			if !strings.HasPrefix(r, "aws_vpc.") {
				t.Errorf("%s: references %s; a group may reference only its VPC", addr, r)
			}
		}
	}
	_, legacy := d.ByPath(t, "aws_security_group", "legacy/group")
	testkit.Equal(t, "legacy/group", legacy, "vpc_id", "vpc-0123456789abcdef0")
	_, db := d.ByPath(t, "aws_security_group", "db/group")
	testkit.Equal(t, "db/group", db, "name", "acme-dev-database")
	testkit.Equal(t, "db/group", db, "description", "PostgreSQL")
	_, app := d.ByPath(t, "aws_security_group", "app/group")
	testkit.Equal(t, "app/group", app, "description", DefaultSecurityGroupDescription)
}

// groupRef is "${aws_security_group.X.id}" for the group under construct id.
func groupRef(t *testing.T, d *testkit.Doc, id string) string {
	name, _ := d.ByPath(t, "aws_security_group", id+"/group")
	return ref("aws_security_group", name, "id")
}

func TestMutualReferencesWireBothSides(t *testing.T) {
	d := doc(t)
	app, db, lb := groupRef(t, d, "app"), groupRef(t, d, "db"), groupRef(t, d, "lb")
	cases := []struct {
		typ, path, owner, peer string
		port                   int
		desc                   string
	}{
		{"aws_vpc_security_group_ingress_rule", "db/ingress-from-sg-app-tcp-5432", db, app, 5432, "app to PostgreSQL"},
		{"aws_vpc_security_group_egress_rule", "app/egress-to-sg-database-tcp-5432", app, db, 5432, "app to PostgreSQL"},
		{"aws_vpc_security_group_egress_rule", "db/egress-to-sg-app-tcp-8443", db, app, 8443, "to app on tcp/8443"},
		{"aws_vpc_security_group_ingress_rule", "app/ingress-from-sg-database-tcp-8443", app, db, 8443, "from database on tcp/8443"},
		{"aws_vpc_security_group_egress_rule", "lb/egress-to-sg-app-tcp-8080", lb, app, 8080, "to app on tcp/8080"},
		{"aws_vpc_security_group_ingress_rule", "app/ingress-from-sg-lb-tcp-8080", app, lb, 8080, "from lb on tcp/8080"},
		{"aws_vpc_security_group_ingress_rule", "app/ingress-from-sg-app-tcp-7946", app, app, 7946, "cluster gossip"},
		{"aws_vpc_security_group_egress_rule", "app/egress-to-sg-app-tcp-7946", app, app, 7946, "cluster gossip"},
	}
	for _, c := range cases {
		name, r := d.ByPath(t, c.typ, c.path)
		addr := c.typ + "." + name
		// The Terraform name comes from the construct path alone, so it does
		// not move when other rules are added or removed.
		if want := strings.ReplaceAll(c.path, "/", "_") + "_"; !strings.HasPrefix(name, want) {
			t.Errorf("%s: name does not derive from the construct path %s", addr, c.path)
		}
		testkit.Equal(t, addr, r, "security_group_id", c.owner)
		testkit.Equal(t, addr, r, "referenced_security_group_id", c.peer)
		testkit.Equal(t, addr, r, "ip_protocol", "tcp")
		testkit.Equal(t, addr, r, "from_port", c.port)
		testkit.Equal(t, addr, r, "to_port", c.port)
		testkit.Equal(t, addr, r, "description", c.desc)
	}
}

func TestCIDRRules(t *testing.T) {
	d := doc(t)
	cases := []struct {
		typ, path, attr, cidr string
		port                  int
	}{
		{"aws_vpc_security_group_ingress_rule", "lb/ingress-from-cidr-0.0.0.0_0-tcp-443", "cidr_ipv4", "0.0.0.0/0", 443},
		{"aws_vpc_security_group_ingress_rule", "lb/ingress-from-cidr---_0-tcp-443", "cidr_ipv6", "::/0", 443},
		{"aws_vpc_security_group_egress_rule", "app/egress-to-cidr-0.0.0.0_0-tcp-443", "cidr_ipv4", "0.0.0.0/0", 443},
		{"aws_vpc_security_group_ingress_rule", "bastion/ingress-from-cidr-0.0.0.0_0-tcp-22", "cidr_ipv4", "0.0.0.0/0", 22},
		{"aws_vpc_security_group_ingress_rule", "legacy/ingress-from-cidr-10.20.0.0_16-tcp-5432", "cidr_ipv4", "10.20.0.0/16", 5432},
	}
	for _, c := range cases {
		name, r := d.ByPath(t, c.typ, c.path)
		addr := c.typ + "." + name
		testkit.Equal(t, addr, r, c.attr, c.cidr)
		testkit.Equal(t, addr, r, "from_port", c.port)
		testkit.Equal(t, addr, r, "to_port", c.port)
		if _, ok := r["referenced_security_group_id"]; ok {
			t.Errorf("%s: has referenced_security_group_id beside a CIDR", addr)
		}
	}
}

func TestNoAllowAllRulesAndOnlyExplicitEgress(t *testing.T) {
	d := doc(t)
	for _, typ := range []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"} {
		for name, r := range d.Resources(typ) {
			addr := typ + "." + name
			testkit.Equal(t, addr, r, "ip_protocol", "tcp")
			if r["from_port"] != r["to_port"] {
				t.Errorf("%s: port range %v-%v; want a single port", addr, r["from_port"], r["to_port"])
			}
		}
	}
	// Egress exists only where a call asked for it: none on bastion, legacy
	// or the endpoint groups.
	var egress []string
	for _, r := range d.Resources("aws_vpc_security_group_egress_rule") {
		egress = append(egress, testkit.ConstructPath(r))
	}
	sort.Strings(egress)
	want := []string{
		"acme-dev/app/egress-to-cidr-0.0.0.0_0-tcp-443",
		"acme-dev/app/egress-to-pl-s3-tcp-443",
		"acme-dev/app/egress-to-sg-app-tcp-7946",
		"acme-dev/app/egress-to-sg-database-tcp-5432",
		"acme-dev/app/egress-to-sg-main-endpoints-tcp-443",
		"acme-dev/db/egress-to-pl-dynamodb-tcp-443",
		"acme-dev/db/egress-to-sg-app-tcp-8443",
		"acme-dev/lb/egress-to-cidr-0.0.0.0_1-tcp-443",
		"acme-dev/lb/egress-to-sg-app-tcp-8080",
	}
	if strings.Join(egress, ",") != strings.Join(want, ",") {
		t.Errorf("egress rules: %v; want exactly %v", egress, want)
	}
}

var refPattern = regexp.MustCompile(`\$\{(?:data\.)?([a-z0-9_]+\.[A-Za-z0-9_-]+)`)

// refsIn lists the "type.name" addresses a resource body references.
func refsIn(body map[string]any) []string {
	b := map[string]any{}
	for k, v := range body {
		if k != "//" && k != "depends_on" {
			b[k] = v
		}
	}
	var out []string
	for _, m := range refPattern.FindAllStringSubmatch(mustJSON(b), -1) {
		out = append(out, m[1])
	}
	for _, dep := range testkit.DependsOn(body) {
		out = append(out, dep)
	}
	return out
}

// findCycle returns one cycle of the graph (its nodes, first repeated
// last), or nil when there is none. Nodes are visited in sorted order.
func findCycle(edges map[string][]string) []string {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var path, cycle []string
	var visit func(n string) bool
	visit = func(n string) bool {
		switch color[n] {
		case grey:
			for i, p := range path {
				if p == n {
					cycle = append(append([]string(nil), path[i:]...), n)
				}
			}
			return false
		case black:
			return true
		}
		color[n] = grey
		path = append(path, n)
		for _, m := range edges[n] {
			if !visit(m) {
				return false
			}
		}
		path = path[:len(path)-1]
		color[n] = black
		return true
	}
	nodes := make([]string, 0, len(edges))
	for n := range edges {
		nodes = append(nodes, n)
	}
	sort.Strings(nodes)
	for _, n := range nodes {
		if !visit(n) {
			return cycle
		}
	}
	return nil
}

func TestFindCycleSeesInlineRuleCycle(t *testing.T) {
	// Two groups with inline rules that name each other: the seed failure.
	edges := map[string][]string{
		"aws_security_group.app": {"aws_vpc.main", "aws_security_group.db"},
		"aws_security_group.db":  {"aws_vpc.main", "aws_security_group.app"},
	}
	if c := findCycle(edges); len(c) != 3 {
		t.Errorf("findCycle = %v; want the app <-> db cycle", c)
	}
	delete(edges, "aws_security_group.db")
	if c := findCycle(edges); c != nil {
		t.Errorf("findCycle = %v on an acyclic graph", c)
	}
}

// TestNoReferenceCycle builds the graph of references and depends_on edges
// between every resource of the stack and fails on any cycle.
func TestNoReferenceCycle(t *testing.T) {
	d := doc(t)
	edges := map[string][]string{}
	for _, typ := range d.ResourceTypes() {
		for name, body := range d.Resources(typ) {
			edges[typ+"."+name] = refsIn(body)
		}
	}
	if len(edges) < 50 {
		t.Fatalf("graph has %d resources; the walk did not see the stack", len(edges))
	}
	if c := findCycle(edges); c != nil {
		t.Errorf("reference cycle: %s", strings.Join(c, " -> "))
	}
}

func TestRefusedCallsReturnErrorsAndCreateNothing(t *testing.T) {
	d := doc(t)
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"zone in another region", built.otherRegionAZ, `azs[0]: "us-west-2a" is not in the stack's region us-east-1`},
		{"duplicate rule", built.dupRule, "rule: ingress from group app on tcp/5432 (group database) already exists"},
		{"duplicate from the other side", built.dupReverse, "rule: egress to group database on tcp/5432 (group app) already exists"},
		{"world SSH", built.worldSSH, "cidr: 0.0.0.0/0 would open SSH (tcp/22) on group app"},
		{"world PostgreSQL IPv6", built.worldSSHv6, "cidr: ::/0 would open PostgreSQL (tcp/5432) on group database"},
		{"port out of range", built.badPort, "port: 70000 is out of range; use 1-65535"},
		{"malformed CIDR", built.badCIDR, `cidr: "10.0.0.0/33" is not a CIDR block`},
		{"host bits", built.hostBits, `cidr: "10.0.0.1/16" has host bits set`},
		{"nil peer", built.nilPeer, "peer: required"},
		{"peer in another VPC", built.crossVPC, "peer: group edge-sg is in another VPC than group app"},
		{"bad description", built.badDesc, "description:"},
		{"sg- prefix", built.sgPrefix, `name: security group name "sg-dev-app" starts with "sg-"`},
		{"world egress", built.worldEgress, "cidr: 0.0.0.0/0 would let group database reach the whole internet"},
		{"world egress in halves", built.halvesEgress, "cidr: 128.0.0.0/1 would let group lb reach the whole internet (0.0.0.0/0) on tcp/443"},
		{"internet egress without a reason", built.noReason, "reason: required"},
		{"internet egress without a NAT gateway", built.noNAT, "has no NAT gateway (NATGateways: NoNAT), so group core-app cannot reach the internet"},
		{"endpoint typo", built.endpointTypo, `services[0]: "secretmanager" is not an interface endpoint service in us-east-1`},
		{"endpoints of another VPC", built.endpointOtherVPC, "client: group edge-sg is not in VPC acme-dev-main"},
	}
	for _, c := range cases {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error = %v; want it to contain %q", c.name, c.err, c.want)
		}
	}
	for _, typ := range d.ResourceTypes() {
		for name, r := range d.Resources(typ) {
			p := testkit.ConstructPath(r)
			if strings.HasPrefix(p, "acme-dev/wrong/") || strings.Contains(p, "tcp-70000") ||
				strings.HasSuffix(p, "app/ingress-from-cidr-0.0.0.0_0-tcp-22") || strings.HasSuffix(p, "db/egress-to-cidr-0.0.0.0_0-tcp-443") ||
				strings.HasSuffix(p, "lb/egress-to-cidr-128.0.0.0_1-tcp-443") || strings.HasSuffix(p, "lb/egress-to-cidr-0.0.0.0_0-tcp-443") || strings.HasSuffix(p, "db/ingress-from-cidr---_0-tcp-5432") {
				t.Errorf("%s.%s (%s): created by a refused call", typ, name, p)
			}
		}
	}
	// The refused duplicate did not change the first rule's description.
	_, r := d.ByPath(t, "aws_vpc_security_group_ingress_rule", "db/ingress-from-sg-app-tcp-5432")
	testkit.Equal(t, "db/ingress-from-sg-app-tcp-5432", r, "description", "app to PostgreSQL")
}
