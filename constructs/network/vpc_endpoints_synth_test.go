package network

import (
	"slices"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// endpointsOf returns the aws_vpc_endpoint resources of a VPC by service suffix.
func endpointsOf(d *testkit.Doc, vpc string) map[string]struct {
	name string
	body map[string]any
} {
	out := map[string]struct {
		name string
		body map[string]any
	}{}
	for name, r := range under(d, "aws_vpc_endpoint", vpc) {
		svc := strings.TrimPrefix(r["service_name"].(string), "com.amazonaws.us-east-1.")
		out[svc] = struct {
			name string
			body map[string]any
		}{name, r}
	}
	return out
}

func TestEveryVPCHasExactlyTheEndpointsAskedFor(t *testing.T) {
	d := doc(t)
	want := map[string][]string{
		"main": {"dynamodb", "kms", "logs", "s3"}, // app asked for logs and kms
		"edge": {"dynamodb", "s3"},                // nobody asked
		"core": {"dynamodb", "s3", "sqs"},         // VPCProps.InterfaceEndpoints
	}
	for vpc, services := range want {
		var got []string
		for svc := range endpointsOf(d, vpc) {
			got = append(got, svc)
		}
		slices.Sort(got)
		if !slices.Equal(got, services) {
			t.Errorf("%s: endpoints %v; want %v", vpc, got, services)
		}
	}
	if got := built.main.InterfaceEndpoints(); !slices.Equal(got, []string{"kms", "logs"}) {
		t.Errorf("main.InterfaceEndpoints() = %v; want [kms logs]", got)
	}
	if built.edge.EndpointSecurityGroup() != nil {
		t.Error("edge.EndpointSecurityGroup(): want nil without interface endpoints")
	}
}

func TestGatewayEndpointsOnPrivateAndDatabaseRouteTablesOnly(t *testing.T) {
	d := doc(t)
	for _, vpc := range vpcs {
		var wantTables []string
		public := ""
		for name, rt := range under(d, "aws_route_table", vpc) {
			p := testkit.ConstructPath(rt)
			switch {
			case strings.Contains(p, "/private-") || strings.HasSuffix(p, "/database-rt"):
				wantTables = append(wantTables, ref("aws_route_table", name, "id"))
			case strings.HasSuffix(p, "/public-rt"):
				public = ref("aws_route_table", name, "id")
			}
		}
		slices.Sort(wantTables)
		for _, svc := range []string{S3, DynamoDB} {
			ep, ok := endpointsOf(d, vpc)[svc]
			if !ok {
				t.Errorf("%s: no %s gateway endpoint", vpc, svc)
				continue
			}
			addr := "aws_vpc_endpoint." + ep.name
			testkit.Equal(t, addr, ep.body, "vpc_endpoint_type", "Gateway")
			var tables []string
			for _, rt := range ep.body["route_table_ids"].([]any) {
				tables = append(tables, rt.(string))
			}
			slices.Sort(tables)
			if !slices.Equal(tables, wantTables) {
				t.Errorf("%s: route_table_ids = %v; want the private and database tables %v", addr, tables, wantTables)
			}
			if public == "" || slices.Contains(tables, public) {
				t.Errorf("%s: on the public route table", addr)
			}
			stmts := testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, ep.body, "policy"))
			own := stmts["OwnAccountOnly"]
			if own == nil || !strings.Contains(mustJSON(own["Condition"]), `"aws:PrincipalAccount"`) ||
				!strings.Contains(mustJSON(own["Condition"]), `"aws:ResourceAccount"`) {
				t.Errorf("%s: OwnAccountOnly = %v; want aws:PrincipalAccount and aws:ResourceAccount conditions", addr, own)
			}
			aws, hasAWS := stmts["AWSOwnedBucketsReadOnly"]
			if hasAWS != (svc == S3) {
				t.Errorf("%s: AWSOwnedBucketsReadOnly present = %v; want it on S3 only", addr, hasAWS)
			}
			if svc == S3 {
				res := mustJSON(aws["Resource"])
				for _, b := range []string{"al2023-repos-us-east-1-de612dc2/*", "aws-ssm-us-east-1/*", "patch-baseline-snapshot-us-east-1/*"} {
					if !strings.Contains(res, b) {
						t.Errorf("%s: AWS-owned buckets %s lack %s", addr, res, b)
					}
				}
				if mustJSON(aws["Action"]) != `["s3:GetObject"]` || !strings.Contains(mustJSON(aws["Condition"]), `"aws:PrincipalAccount"`) {
					t.Errorf("%s: AWSOwnedBucketsReadOnly = %v; want s3:GetObject for this account's principals only", addr, aws)
				}
			}
		}
	}
}

func TestInterfaceEndpointsPrivateDNSInPrivateSubnetsBehindTheirGroup(t *testing.T) {
	d := doc(t)
	for vpc, services := range map[string][]string{"main": {"logs", "kms"}, "core": {"sqs"}} {
		sgName, _ := d.ByPath(t, "aws_security_group", vpc+"/endpoint-security-group/group")
		for _, svc := range services {
			ep := endpointsOf(d, vpc)[svc]
			addr := "aws_vpc_endpoint." + ep.name
			testkit.Equal(t, addr, ep.body, "vpc_endpoint_type", "Interface")
			testkit.Equal(t, addr, ep.body, "private_dns_enabled", true)
			private := subnetRefs(d, vpc, tierPrivate)
			got, _ := ep.body["subnet_ids"].([]any)
			for _, s := range got {
				delete(private, s.(string))
			}
			if len(got) != vpcByName(vpc).AZCount() || len(private) != 0 {
				t.Errorf("%s: subnet_ids = %v; want every private subnet of %s (missing %v)", addr, got, vpc, private)
			}
			testkit.EqualJSON(t, addr, "security_group_ids", ep.body["security_group_ids"], []any{ref("aws_security_group", sgName, "id")})
			stmts := testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, ep.body, "policy"))
			if c := mustJSON(stmts["OwnAccountOnly"]["Condition"]); !strings.Contains(c, `"StringEquals":{"aws:PrincipalAccount"`) ||
				!strings.Contains(c, `"StringEqualsIfExists":{"aws:ResourceAccount"`) {
				t.Errorf("%s: OwnAccountOnly condition %s; want the principal's and (if any) the resource's account", addr, c)
			}
		}
	}
	// main's endpoint group accepts 443 from app only, and has no egress.
	mainSG := groupRef(t, d, "main/endpoint-security-group")
	var ingress []string
	for name, r := range d.Resources("aws_vpc_security_group_ingress_rule") {
		if r["security_group_id"] == mainSG {
			ingress = append(ingress, testkit.ConstructPath(r))
			testkit.Equal(t, name, r, "referenced_security_group_id", groupRef(t, d, "app"))
			testkit.Equal(t, name, r, "from_port", 443)
		}
	}
	if len(ingress) != 1 {
		t.Errorf("main endpoint group ingress: %v; want one rule from app on 443", ingress)
	}
	_, sg := d.ByPath(t, "aws_security_group", "main/endpoint-security-group/group")
	testkit.Equal(t, "main/endpoint-security-group", sg, "name", "acme-dev-main-endpoints")
}

func TestPrefixListEgressReferencesTheGatewayEndpoint(t *testing.T) {
	d := doc(t)
	for path, svc := range map[string]string{"app/egress-to-pl-s3-tcp-443": S3, "db/egress-to-pl-dynamodb-tcp-443": DynamoDB} {
		name, r := d.ByPath(t, "aws_vpc_security_group_egress_rule", path)
		ep := endpointsOf(d, "main")[svc]
		testkit.Equal(t, name, r, "prefix_list_id", ref("aws_vpc_endpoint", ep.name, "prefix_list_id"))
		testkit.Equal(t, name, r, "from_port", 443)
		if _, ok := r["cidr_ipv4"]; ok {
			t.Errorf("%s: cidr_ipv4 beside a prefix list", name)
		}
	}
}

func TestInternetEgressRecordsItsReason(t *testing.T) {
	d := doc(t)
	raw, ok := testkit.Attr(d.Raw, guard.SuppressionsKey)
	if !ok {
		t.Fatalf("no %s in the stack; AllowInternetEgress must record SG004", guard.SuppressionsKey)
	}
	found := false
	for _, s := range raw.([]any) {
		m := s.(map[string]any)
		if m["rule"] == "SG004" && m["path"] == "acme-dev/app" {
			found = true
			if r, _ := m["reason"].(string); !strings.Contains(r, "tcp/443: calls a partner API on the internet") {
				t.Errorf("SG004 suppression reason = %q; want the port and the reason given", r)
			}
		}
	}
	if !found {
		t.Errorf("%s = %v; want an SG004 entry for acme-dev/app", guard.SuppressionsKey, raw)
	}
	// The guard honours it: the app's 0.0.0.0/0 egress is suppressed, not reported.
	rep, err := guard.CheckFile(d.Path, guard.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.RuleID == "SG004" {
			t.Errorf("guard reports %s despite the recorded reason", f)
		}
	}
}
