package reference_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network/ports"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// TestNoSecurityGroupEgressToTheInternet: no egress rule (separate or
// inline) of any group goes to 0.0.0.0/0 or ::/0, alone or added up per
// group and port (ports.CoverInternet), and no suppression of SG004 exists.
func TestNoSecurityGroupEgressToTheInternet(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) {
		perGroupPort := map[string][]string{}
		for name, r := range doc.Resources("aws_vpc_security_group_egress_rule") {
			for _, attr := range []string{"cidr_ipv4", "cidr_ipv6"} {
				if c, ok := r[attr].(string); ok {
					key := fmt.Sprintf("%v tcp/%v", r["security_group_id"], r["from_port"])
					perGroupPort[key] = append(perGroupPort[key], c)
					if world := ports.CoverInternet([]string{c}); world != "" {
						t.Errorf("aws_vpc_security_group_egress_rule.%s: %s = %s; no workload may reach the internet", name, attr, c)
					}
				}
			}
		}
		for key, cidrs := range perGroupPort {
			if world := ports.CoverInternet(cidrs); world != "" {
				t.Errorf("%s: egress blocks %v add up to %s", key, cidrs, world)
			}
		}
		for name, g := range doc.Resources("aws_security_group") {
			if e, ok := g["egress"]; ok {
				t.Errorf("aws_security_group.%s: inline egress %v", name, e)
			}
		}
		if strings.Contains(fmt.Sprint(doc.Raw["//"]), "SG004") {
			t.Errorf("a suppression of SG004: nothing in the reference stack may opt in to internet egress")
		}
		if n := len(doc.Resources("aws_nat_gateway")); n != 0 {
			t.Errorf("aws_nat_gateway: %d; the reference stack asks for none", n)
		}
	})
}

// TestEndpointsAreExactlyWhatTheWorkloadsUse lists every endpoint and every
// egress rule with its peer, and pins them.
func TestEndpointsAreExactlyWhatTheWorkloadsUse(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) {
		var endpoints []string
		for _, ep := range doc.Resources("aws_vpc_endpoint") {
			svc := strings.TrimPrefix(ep["service_name"].(string), "com.amazonaws.us-east-1.")
			endpoints = append(endpoints, fmt.Sprintf("%s(%v)", svc, ep["vpc_endpoint_type"]))
		}
		sort.Strings(endpoints)
		want := []string{"dynamodb(Gateway)", "ec2messages(Interface)", "s3(Gateway)", "secretsmanager(Interface)", "ssm(Interface)", "ssmmessages(Interface)"}
		if !slices.Equal(endpoints, want) {
			t.Errorf("endpoints = %v; want %v", endpoints, want)
		}
		got := egressRules(doc)
		wantEgress := []string{
			"acme-ENV-app-ec2 -> prefix list s3 tcp/443",
			"acme-ENV-app-ec2 -> acme-ENV-vpc-endpoints tcp/443",
			"acme-ENV-processor-lambda -> acme-ENV-db-db tcp/5432",
			"acme-ENV-processor-lambda -> acme-ENV-vpc-endpoints tcp/443",
		}
		sort.Strings(wantEgress)
		if !slices.Equal(got, wantEgress) {
			t.Errorf("egress rules:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(wantEgress, "\n  "))
		}
		t.Logf("endpoints: %v", endpoints)
		t.Logf("egress rules: %v", got)
	})
}

// egressRules renders every egress rule as "group -> peer tcp/port", with
// the environment's name as ENV.
func egressRules(doc *testkit.Doc) []string {
	names := map[string]string{}
	for n, g := range doc.Resources("aws_security_group") {
		names[testkit.Ref("aws_security_group", n, "id")], _ = g["name"].(string)
	}
	var out []string
	for _, r := range doc.Resources("aws_vpc_security_group_egress_rule") {
		peer := fmt.Sprint(r["cidr_ipv4"], r["cidr_ipv6"])
		switch {
		case r["referenced_security_group_id"] != nil:
			peer = names[r["referenced_security_group_id"].(string)]
		case r["prefix_list_id"] != nil:
			p := testkit.ConstructPath(r)
			peer = "prefix list " + strings.TrimSuffix(p[strings.Index(p, "egress-to-pl-")+len("egress-to-pl-"):], fmt.Sprintf("-tcp-%v", r["from_port"]))
		}
		line := fmt.Sprintf("%s -> %s tcp/%v", names[r["security_group_id"].(string)], peer, r["from_port"])
		for _, env := range []string{"dev", "prod"} {
			line = strings.ReplaceAll(line, "acme-"+env+"-", "acme-ENV-")
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}
