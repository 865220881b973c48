package network

import (
	"encoding/json"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

func doc(t *testing.T) *testkit.Doc {
	t.Helper()
	d := synth.Get(t).Stack(t, "acme-dev")
	if len(built.callErrs) > 0 {
		t.Fatalf("calls that must succeed failed: %v", built.callErrs)
	}
	return d
}

// ref is "${type.name.attr}".
func ref(typ, name, attr string) string { return testkit.Ref(typ, name, attr) }

// under returns the resources of typ whose construct path starts with "acme-dev/{vpc}/".
func under(d *testkit.Doc, typ, vpc string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for n, r := range d.Resources(typ) {
		if strings.HasPrefix(testkit.ConstructPath(r), "acme-dev/"+vpc+"/") {
			out[n] = r
		}
	}
	return out
}

var vpcs = []string{"main", "edge", "core"}

func TestTerraformValidate(t *testing.T) {
	tfrun.Validate(t, doc(t).Dir())
}

func TestVPCHasDNSAndPlannedCIDR(t *testing.T) {
	d := doc(t)
	for vpc, cidr := range map[string]string{"main": "10.0.0.0/16", "edge": "10.1.0.0/22"} {
		name, r := d.ByPath(t, "aws_vpc", vpc+"/vpc")
		addr := "aws_vpc." + name
		testkit.Equal(t, addr, r, "cidr_block", cidr)
		testkit.Equal(t, addr, r, "enable_dns_support", true)
		testkit.Equal(t, addr, r, "enable_dns_hostnames", true)
	}
	if got := built.main.CIDR(); got != "10.0.0.0/16" {
		t.Errorf("main.CIDR() = %q; want 10.0.0.0/16", got)
	}
}

func TestInternetGatewayAttachedSeparately(t *testing.T) {
	d := doc(t)
	for _, vpc := range vpcs {
		vpcName, _ := d.ByPath(t, "aws_vpc", vpc+"/vpc")
		igwName, igw := d.ByPath(t, "aws_internet_gateway", vpc+"/igw")
		if _, ok := igw["vpc_id"]; ok {
			t.Errorf("aws_internet_gateway.%s: vpc_id is set; the attachment resource must attach it", igwName)
		}
		attName, att := d.ByPath(t, "aws_internet_gateway_attachment", vpc+"/igw-attachment")
		addr := "aws_internet_gateway_attachment." + attName
		testkit.Equal(t, addr, att, "internet_gateway_id", ref("aws_internet_gateway", igwName, "id"))
		testkit.Equal(t, addr, att, "vpc_id", ref("aws_vpc", vpcName, "id"))
	}
}

func TestPublicDefaultRouteViaIGWDependsOnAttachment(t *testing.T) {
	d := doc(t)
	for _, vpc := range vpcs {
		igwName, _ := d.ByPath(t, "aws_internet_gateway", vpc+"/igw")
		attName, _ := d.ByPath(t, "aws_internet_gateway_attachment", vpc+"/igw-attachment")
		rtName, _ := d.ByPath(t, "aws_route_table", vpc+"/public-rt")
		name, r := d.ByPath(t, "aws_route", vpc+"/public-default-route")
		addr := "aws_route." + name
		testkit.Equal(t, addr, r, "destination_cidr_block", "0.0.0.0/0")
		testkit.Equal(t, addr, r, "gateway_id", ref("aws_internet_gateway", igwName, "id"))
		testkit.Equal(t, addr, r, "route_table_id", ref("aws_route_table", rtName, "id"))
		if want := "aws_internet_gateway_attachment." + attName; !slices.Contains(testkit.DependsOn(r), want) {
			t.Errorf("%s: depends_on = %v; want it to contain %s", addr, testkit.DependsOn(r), want)
		}
	}
}

func TestNATGatewaysDependOnAttachment(t *testing.T) {
	d := doc(t)
	for vpc, want := range map[string]int{"main": 3, "edge": 1, "core": 0} {
		attName, _ := d.ByPath(t, "aws_internet_gateway_attachment", vpc+"/igw-attachment")
		dep := "aws_internet_gateway_attachment." + attName
		for _, typ := range []string{"aws_nat_gateway", "aws_eip"} {
			rs := under(d, typ, vpc)
			if len(rs) != want {
				t.Errorf("%s in VPC %s: %d; want %d", typ, vpc, len(rs), want)
			}
			for name, r := range rs {
				if !slices.Contains(testkit.DependsOn(r), dep) {
					t.Errorf("%s.%s: depends_on = %v; want it to contain %s", typ, name, testkit.DependsOn(r), dep)
				}
				if typ == "aws_eip" {
					testkit.Equal(t, typ+"."+name, r, "domain", "vpc")
				}
			}
		}
		// Each NAT gateway sits in a public subnet.
		public := subnetRefs(d, vpc, tierPublic)
		for name, r := range under(d, "aws_nat_gateway", vpc) {
			if s, _ := r["subnet_id"].(string); !public[s] {
				t.Errorf("aws_nat_gateway.%s: subnet_id = %q is not a public subnet of %s", name, s, vpc)
			}
		}
	}
}

// subnetRefs returns "${aws_subnet.X.id}" for every subnet of a tier in a VPC.
func subnetRefs(d *testkit.Doc, vpc, tier string) map[string]bool {
	out := map[string]bool{}
	for name, r := range under(d, "aws_subnet", vpc) {
		if v, _ := testkit.Attr(r, "tags.Tier"); v == tier {
			out[ref("aws_subnet", name, "id")] = true
		}
	}
	return out
}

// routesOf walks subnet -> route table association -> route table -> routes
// and returns, for every subnet of the tier, the routes of its route table.
func routesOf(t *testing.T, d *testkit.Doc, vpc, tier string) map[string][]map[string]any {
	t.Helper()
	subnets := subnetRefs(d, vpc, tier)
	out := map[string][]map[string]any{}
	for name, a := range d.Resources("aws_route_table_association") {
		s, _ := a["subnet_id"].(string)
		if !subnets[s] {
			continue
		}
		rt, _ := a["route_table_id"].(string)
		rtName := strings.TrimSuffix(strings.TrimPrefix(rt, "${aws_route_table."), ".id}")
		body, ok := d.Resources("aws_route_table")[rtName]
		if !ok {
			t.Fatalf("aws_route_table_association.%s: route_table_id %q is not a route table of this stack", name, rt)
		}
		if inline, ok := body["route"]; ok {
			t.Errorf("aws_route_table.%s: has inline routes %v; routes must be aws_route resources", rtName, inline)
		}
		out[s] = []map[string]any{}
		for _, r := range d.Resources("aws_route") {
			if r["route_table_id"] == rt {
				out[s] = append(out[s], r)
			}
		}
		delete(subnets, s)
	}
	for s := range subnets {
		t.Errorf("%s subnet %s of %s has no route table association", tier, s, vpc)
	}
	return out
}

func TestDatabaseSubnetsHaveNoRouteOut(t *testing.T) {
	d := doc(t)
	for _, vpc := range vpcs {
		routes := routesOf(t, d, vpc, tierDatabase)
		if len(routes) != vpcByName(vpc).AZCount() {
			t.Errorf("%s: %d database subnets associated; want %d", vpc, len(routes), vpcByName(vpc).AZCount())
		}
		for s, rs := range routes {
			for _, r := range rs {
				t.Errorf("database subnet %s of %s: route table has route %v; database subnets must have only the local route", s, vpc, r)
			}
		}
	}
}

func TestPrivateSubnetsRouteThroughNATOnlyWhenAsked(t *testing.T) {
	d := doc(t)
	for s, rs := range routesOf(t, d, "core", tierPrivate) {
		for _, r := range rs {
			t.Errorf("private subnet %s of core (NoNAT): route table has route %v; want no route out of the VPC", s, r)
		}
	}
	for _, vpc := range []string{"main", "edge"} {
		for s, rs := range routesOf(t, d, vpc, tierPrivate) {
			if len(rs) != 1 || rs[0]["destination_cidr_block"] != "0.0.0.0/0" ||
				!strings.HasPrefix(rs[0]["nat_gateway_id"].(string), "${aws_nat_gateway.") || rs[0]["gateway_id"] != nil {
				t.Errorf("private subnet %s of %s: routes %v; want only 0.0.0.0/0 through a NAT gateway", s, vpc, rs)
			}
		}
		for s, rs := range routesOf(t, d, vpc, tierPublic) {
			if len(rs) != 1 || !strings.HasPrefix(rs[0]["gateway_id"].(string), "${aws_internet_gateway.") {
				t.Errorf("public subnet %s of %s: routes %v; want only 0.0.0.0/0 through the internet gateway", s, vpc, rs)
			}
		}
	}
	// One NAT per AZ in main: every private subnet has its own route table.
	tables := map[any]bool{}
	for _, a := range d.Resources("aws_route_table_association") {
		if subnetRefs(d, "main", tierPrivate)[a["subnet_id"].(string)] {
			tables[a["route_table_id"]] = true
		}
	}
	if len(tables) != 3 {
		t.Errorf("main: private subnets use %d route tables; want 3 (one per AZ and NAT gateway)", len(tables))
	}
}

// vpcByName returns the VPC built under the construct id.
func vpcByName(vpc string) *VPC {
	switch vpc {
	case "main":
		return built.main
	case "core":
		return built.core
	}
	return built.edge
}

func TestSubnetsFollowPlanAndNeverMapPublicIPsUnlessAsked(t *testing.T) {
	d := doc(t)
	for _, vpc := range vpcs {
		v := vpcByName(vpc)
		plan, err := PlanSubnets(v.CIDR(), v.AZCount())
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{tierPublic: {}, tierPrivate: {}, tierDatabase: {}}
		for tier, ps := range map[string][]string{tierPublic: prefixes(plan.Public), tierPrivate: prefixes(plan.Private), tierDatabase: prefixes(plan.Database)} {
			want[tier] = ps
		}
		for tier, cidrs := range want {
			for i, cidr := range cidrs {
				name, r := d.ByPath(t, "aws_subnet", vpc+"/"+tier+"-"+itoa(i))
				addr := "aws_subnet." + name
				testkit.Equal(t, addr, r, "cidr_block", cidr)
				// Only the edge VPC asks for public IPs, and only on public subnets.
				testkit.Equal(t, addr, r, "map_public_ip_on_launch", vpc == "edge" && tier == tierPublic)
			}
		}
	}
	// The data source's zones are used by index: subnet i of every tier in zone i.
	_, r := d.ByPath(t, "aws_subnet", "main/database-2")
	if az, _ := r["availability_zone"].(string); !strings.HasPrefix(az, "${data.aws_availability_zones.") || !strings.HasSuffix(az, ".names.2}") {
		t.Errorf("main/database-2: availability_zone = %q; want the data source's names[2]", az)
	}
	_, r = d.ByPath(t, "aws_subnet", "edge/private-1")
	testkit.Equal(t, "edge/private-1", r, "availability_zone", "us-east-1b")
	if n := len(d.DataSources("aws_availability_zones")); n != 2 {
		t.Errorf("aws_availability_zones data sources: %d; want 2 (main and core; edge lists its zones)", n)
	}
}

func TestDatabaseSubnetGroup(t *testing.T) {
	d := doc(t)
	for _, vpc := range vpcs {
		name, r := d.ByPath(t, "aws_db_subnet_group", vpc+"/database-subnet-group")
		addr := "aws_db_subnet_group." + name
		testkit.Equal(t, addr, r, "name", "acme-dev-"+vpc+"-db")
		if got := vpcByName(vpc).DatabaseSubnetGroupName(); got != "acme-dev-"+vpc+"-db" {
			t.Errorf("%s.DatabaseSubnetGroupName() = %q", vpc, got)
		}
		var ids []string
		for s := range subnetRefs(d, vpc, tierDatabase) {
			ids = append(ids, s)
		}
		got, _ := r["subnet_ids"].([]any)
		if len(got) != len(ids) {
			t.Errorf("%s: subnet_ids = %v; want the %d database subnets %v", addr, got, len(ids), ids)
		}
		for _, g := range got {
			if !slices.Contains(ids, g.(string)) {
				t.Errorf("%s: subnet %v is not a database subnet", addr, g)
			}
		}
	}
}

func TestFlowLogToEncryptedLogGroup(t *testing.T) {
	d := doc(t)
	keyName, _ := d.Only(t, "aws_kms_key")
	for vpc, want := range map[string][2]any{"main": {"ALL", 365}, "edge": {"REJECT", 30}} {
		vpcName, _ := d.ByPath(t, "aws_vpc", vpc+"/vpc")
		lgName, lg := d.ByPath(t, "aws_cloudwatch_log_group", vpc+"/flow-logs/group")
		lgAddr := "aws_cloudwatch_log_group." + lgName
		testkit.Equal(t, lgAddr, lg, "name", "/aws/vpc/flow-logs/acme-dev-"+vpc)
		testkit.Equal(t, lgAddr, lg, "kms_key_id", ref("aws_kms_key", keyName, "arn"))
		testkit.Equal(t, lgAddr, lg, "retention_in_days", want[1])
		if got := vpcByName(vpc).FlowLogGroupName(); got != "/aws/vpc/flow-logs/acme-dev-"+vpc {
			t.Errorf("%s.FlowLogGroupName() = %q", vpc, got)
		}

		name, fl := d.ByPath(t, "aws_flow_log", vpc+"/flow-log")
		addr := "aws_flow_log." + name
		testkit.Equal(t, addr, fl, "vpc_id", ref("aws_vpc", vpcName, "id"))
		testkit.Equal(t, addr, fl, "traffic_type", want[0])
		testkit.Equal(t, addr, fl, "log_destination_type", "cloud-watch-logs")
		testkit.Equal(t, addr, fl, "log_destination", ref("aws_cloudwatch_log_group", lgName, "arn"))
		testkit.Equal(t, addr, fl, "max_aggregation_interval", 60)
		roleArn, _ := fl["iam_role_arn"].(string)
		roleName := strings.TrimSuffix(strings.TrimPrefix(roleArn, "${aws_iam_role."), ".arn}")
		role := d.Resource(t, "aws_iam_role", roleName)
		trust := testkit.PolicyDoc(t, "aws_iam_role."+roleName, role, "assume_role_policy")
		if !strings.Contains(mustJSON(trust), `"vpc-flow-logs.amazonaws.com"`) {
			t.Errorf("aws_iam_role.%s: trust policy %s does not name vpc-flow-logs.amazonaws.com", roleName, mustJSON(trust))
		}
		checkFlowLogPermissions(t, d, roleName, ref("aws_cloudwatch_log_group", lgName, "arn"))
	}
	// The key lets CloudWatch Logs use it (added by logging.NewLogGroup).
	_, key := d.Only(t, "aws_kms_key")
	stmts := testkit.Statements(t, "aws_kms_key."+keyName, testkit.PolicyDoc(t, "aws_kms_key."+keyName, key, "policy"))
	if _, ok := stmts["AllowCloudWatchLogs"]; !ok {
		t.Errorf("aws_kms_key.%s: no AllowCloudWatchLogs statement; have %v", keyName, stmts)
	}
}

func TestDefaultSecurityGroupHasNoRules(t *testing.T) {
	d := doc(t)
	for _, vpc := range vpcs {
		vpcName, _ := d.ByPath(t, "aws_vpc", vpc+"/vpc")
		name, r := d.ByPath(t, "aws_default_security_group", vpc+"/default-sg")
		addr := "aws_default_security_group." + name
		testkit.Equal(t, addr, r, "vpc_id", ref("aws_vpc", vpcName, "id"))
		// Explicit empty lists: "no rules" is the managed state, so rules
		// added outside Terraform show as drift.
		testkit.Equal(t, addr, r, "ingress", []any{})
		testkit.Equal(t, addr, r, "egress", []any{})
	}
}

func prefixes(ps []netip.Prefix) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// checkFlowLogPermissions finds the role's policies and checks the flow-log
// service may write to the log group (and its streams) and nothing else.
func checkFlowLogPermissions(t *testing.T, d *testkit.Doc, roleName, groupArn string) {
	t.Helper()
	var docs []map[string]any
	for name, p := range d.Resources("aws_iam_role_policy") {
		if p["role"] == ref("aws_iam_role", roleName, "id") || p["role"] == ref("aws_iam_role", roleName, "name") {
			docs = append(docs, testkit.PolicyDoc(t, "aws_iam_role_policy."+name, p, "policy"))
		}
	}
	if len(docs) == 0 {
		t.Fatalf("aws_iam_role.%s: no policy found", roleName)
	}
	want := []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"}
	found := map[string]bool{}
	for _, doc := range docs {
		for sid, st := range testkit.Statements(t, "aws_iam_role."+roleName, doc) {
			res := mustJSON(st["Resource"])
			if !strings.Contains(res, groupArn) || strings.Contains(res, `"*"`) {
				t.Errorf("aws_iam_role.%s: statement %s has resources %s; want only the log group %s and its streams", roleName, sid, res, groupArn)
			}
			acts, _ := st["Action"].([]any)
			if a, ok := st["Action"].(string); ok {
				acts = []any{a}
			}
			for _, a := range acts {
				found[a.(string)] = true
			}
		}
	}
	for _, a := range want {
		if !found[a] {
			t.Errorf("aws_iam_role.%s: action %s is not allowed; have %v", roleName, a, found)
		}
	}
}

func TestRouteTableOutputs(t *testing.T) {
	doc(t)
	// Outputs are unresolved tokens in Go: check each is set and distinct.
	ids := append([]string{built.main.PublicRouteTableID(), built.main.DatabaseRouteTableID()}, built.main.PrivateRouteTableIDs()...)
	seen := map[string]bool{}
	for _, id := range ids {
		if id == "" || seen[id] {
			t.Errorf("main route table outputs %v: want 5 distinct, non-empty IDs", ids)
			break
		}
		seen[id] = true
	}
	if len(ids) != 5 {
		t.Errorf("main route table outputs: %d; want public + database + 3 private", len(ids))
	}
	if n := len(built.edge.PrivateRouteTableIDs()); n != 1 {
		t.Errorf("edge.PrivateRouteTableIDs(): %d; want 1 (single NAT gateway)", n)
	}
	if got := built.edge.AvailabilityZones(); strings.Join(got, ",") != "us-east-1a,us-east-1b" {
		t.Errorf("edge.AvailabilityZones() = %v", got)
	}
	if n := len(built.main.AvailabilityZones()); n != 3 {
		t.Errorf("main.AvailabilityZones(): %d; want 3", n)
	}
}
