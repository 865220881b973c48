package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// sgDoc wraps resources (a JSON object body without braces) into a stack
// that declares security groups g and h, unless resources declares its own.
func sgDoc(resources string) string {
	if strings.Contains(resources, `"aws_security_group":`) {
		return `{"resource": {` + resources + `}}`
	}
	return `{"resource": {"aws_security_group": {"g": {"name": "g"}, "h": {"name": "h"}}, ` + resources + `}}`
}

func TestSG002Cases(t *testing.T) {
	runRuleCases(t, "SG002", []ruleCase{
		{"ssh from everyone", sgDoc(`"aws_vpc_security_group_ingress_rule": {"r": {"cidr_ipv4": "0.0.0.0/0", "from_port": 22, "to_port": 22, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_vpc_security_group_ingress_rule.r: 22 (SSH) from 0.0.0.0/0"}},
		{"telnet, rpc, oracle, vnc, winrm in one range", sgDoc(`"aws_security_group_rule": {"r": {"type": "ingress", "cidr_blocks": ["0.0.0.0/0"], "from_port": 23, "to_port": 135, "protocol": "6", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_security_group_rule.r: 23 (Telnet), 25 (SMTP), 110 (POP3), 135 (MS RPC)"}},
		{"halves in one inline block", sgDoc(`"aws_security_group": {"g": {"ingress": [{"cidr_blocks": ["128.0.0.0/1", "0.0.0.0/1"], "from_port": 5985, "to_port": 5985, "protocol": "tcp"}]}}`),
			[]string{"aws_security_group.g: 5985 (WinRM) from 0.0.0.0/0"}},
		{"ipv6 halves across forms", sgDoc(`"aws_security_group_rule": {"a": {"type": "ingress", "ipv6_cidr_blocks": ["::/1"], "from_port": 1521, "to_port": 1521, "protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}},
			"aws_vpc_security_group_ingress_rule": {"b": {"cidr_ipv6": "8000::/1", "from_port": 1500, "to_port": 1600, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_security_group.g: together allow port(s) 1521 (Oracle) from the whole internet (::/0): aws_security_group_rule.a (::/1) + aws_vpc_security_group_ingress_rule.b (8000::/1)"}},
		{"halves on undeclared group", `{"resource": {"aws_vpc_security_group_ingress_rule": {"a": {"cidr_ipv4": "0.0.0.0/1", "from_port": 5900, "to_port": 5900, "ip_protocol": "tcp", "security_group_id": "sg-1"}, "b": {"cidr_ipv4": "128.0.0.0/1", "from_port": 5900, "to_port": 5900, "ip_protocol": "tcp", "security_group_id": "sg-1"}}}}`,
			[]string{"aws_vpc_security_group_ingress_rule.a: the rules of security group sg-1 together allow port(s) 5900 (VNC)"}},
		{"private range beside the halves is not named", sgDoc(`"aws_vpc_security_group_ingress_rule": {"a": {"cidr_ipv4": "0.0.0.0/1", "from_port": 22, "to_port": 22, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}, "b": {"cidr_ipv4": "128.0.0.0/1", "from_port": 22, "to_port": 22, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}, "c": {"cidr_ipv4": "10.0.0.0/8", "from_port": 22, "to_port": 22, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_security_group.g: aws_vpc_security_group_ingress_rule.a (0.0.0.0/1) + aws_vpc_security_group_ingress_rule.b (128.0.0.0/1)"}},
		{"halves on two groups", sgDoc(`"aws_vpc_security_group_ingress_rule": {"a": {"cidr_ipv4": "0.0.0.0/1", "from_port": 22, "to_port": 22, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}, "b": {"cidr_ipv4": "128.0.0.0/1", "from_port": 22, "to_port": 22, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.h.id}"}}`), nil},
		{"halves on two ports", sgDoc(`"aws_vpc_security_group_ingress_rule": {"a": {"cidr_ipv4": "0.0.0.0/1", "from_port": 22, "to_port": 22, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}, "b": {"cidr_ipv4": "128.0.0.0/1", "from_port": 3389, "to_port": 3389, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
		{"443 from everyone", sgDoc(`"aws_vpc_security_group_ingress_rule": {"a": {"cidr_ipv6": "::/0", "from_port": 443, "to_port": 443, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
		{"icmp from everyone", sgDoc(`"aws_vpc_security_group_ingress_rule": {"a": {"cidr_ipv4": "0.0.0.0/0", "from_port": -1, "to_port": -1, "ip_protocol": "icmp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
		{"port from a variable", sgDoc(`"aws_vpc_security_group_ingress_rule": {"a": {"cidr_ipv4": "0.0.0.0/0", "from_port": "${var.p}", "to_port": "${var.p}", "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
		{"egress is not SG002", sgDoc(`"aws_security_group_rule": {"a": {"type": "egress", "cidr_blocks": ["0.0.0.0/0"], "from_port": 22, "to_port": 22, "protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
	})
}

func TestSG004Cases(t *testing.T) {
	runRuleCases(t, "SG004", []ruleCase{
		{"https anywhere", sgDoc(`"aws_vpc_security_group_egress_rule": {"r": {"cidr_ipv4": "0.0.0.0/0", "from_port": 443, "to_port": 443, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_vpc_security_group_egress_rule.r: egress rule allows tcp port 443 to 0.0.0.0/0"}},
		{"inline all to ipv6", sgDoc(`"aws_security_group": {"g": {"egress": [{"ipv6_cidr_blocks": ["::/0"], "from_port": 0, "to_port": 0, "protocol": "-1"}]}}`),
			[]string{"aws_security_group.g: inline egress rule #1 allows all traffic to ::/0"}},
		{"udp range in halves", sgDoc(`"aws_security_group_rule": {"a": {"type": "egress", "cidr_blocks": ["0.0.0.0/1", "128.0.0.0/1"], "from_port": 1000, "to_port": 2000, "protocol": "udp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_security_group_rule.a: egress rule allows udp ports 1000-2000 to 0.0.0.0/0"}},
		{"halves overlap on part of the range", sgDoc(`"aws_vpc_security_group_egress_rule": {"a": {"cidr_ipv4": "0.0.0.0/1", "from_port": 0, "to_port": 65535, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}, "b": {"cidr_ipv4": "128.0.0.0/1", "from_port": 8000, "to_port": 8080, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_security_group.g: together allow tcp ports 8000-8080 to the whole internet (0.0.0.0/0)"}},
		{"icmp anywhere", sgDoc(`"aws_vpc_security_group_egress_rule": {"r": {"cidr_ipv4": "0.0.0.0/0", "from_port": -1, "to_port": -1, "ip_protocol": "icmp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_vpc_security_group_egress_rule.r: allows protocol icmp to 0.0.0.0/0"}},
		{"ports from an expression", sgDoc(`"aws_security_group_rule": {"a": {"type": "egress", "cidr_blocks": ["0.0.0.0/0"], "from_port": "${var.port}", "to_port": "${var.port}", "protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_security_group_rule.a: egress rule allows protocol tcp (ports set by an expression) to 0.0.0.0/0"}},
		{"default security group", `{"resource": {"aws_default_security_group": {"d": {"vpc_id": "v", "egress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "to_port": 0, "protocol": "-1"}]}}}}`,
			[]string{"aws_default_security_group.d: inline egress rule #1 allows all traffic to 0.0.0.0/0"}},
		{"default security group emptied", `{"resource": {"aws_default_security_group": {"d": {"vpc_id": "v", "egress": [], "ingress": []}}}}`, nil},
		{"to a peer group", sgDoc(`"aws_vpc_security_group_egress_rule": {"r": {"referenced_security_group_id": "${aws_security_group.h.id}", "from_port": 443, "to_port": 443, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
		{"to a prefix list", sgDoc(`"aws_security_group_rule": {"r": {"type": "egress", "prefix_list_ids": ["pl-63a5400a"], "from_port": 443, "to_port": 443, "protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
		{"to the vpc", sgDoc(`"aws_security_group": {"g": {"egress": [{"cidr_blocks": ["10.0.0.0/8"], "from_port": 0, "to_port": 0, "protocol": "-1"}]}}`), nil},
		{"ingress is not SG004", sgDoc(`"aws_vpc_security_group_ingress_rule": {"r": {"cidr_ipv4": "0.0.0.0/0", "from_port": 443, "to_port": 443, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
	})
}

// TestSGFindingPositions: a finding on one rule is positioned at the CIDR
// attribute that opens it (inline block element or rule resource).
func TestSGFindingPositions(t *testing.T) {
	s, err := engine.LoadStack("testdata/SG002/fail/cdk.tf.json")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := CheckStack(s, Options{Now: testNow, Rules: []string{"SG002"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"aws_security_group.files\x00inline ingress rule #1": "ingress.0.cidr_blocks",
		"aws_security_group.files\x00inline ingress rule #2": "ingress.1.ipv6_cidr_blocks",
		"aws_vpc_security_group_ingress_rule.search\x00":     "cidr_ipv6",
		"aws_security_group_rule.memcached\x00":              "cidr_blocks",
	}
	for key, attr := range want {
		addr, prefix, _ := strings.Cut(key, "\x00")
		rg, ok := s.Lookup(addr).AttrRange(attr)
		if !ok {
			t.Fatalf("%s: no range for %s", addr, attr)
		}
		found := false
		for _, f := range rep.Findings {
			if f.Address == addr && strings.HasPrefix(f.Message, prefix) {
				found = true
				if f.Line != rg.Start.Line || f.Column != rg.Start.Column {
					t.Errorf("%s: finding at %d:%d; want %s at %d:%d", addr, f.Line, f.Column, attr, rg.Start.Line, rg.Start.Column)
				}
			}
		}
		if !found {
			t.Errorf("%s: no SG002 finding starting %q", addr, prefix)
		}
	}
}

// TestSGDynamicBlocks: dynamic ingress/egress blocks written in native
// syntax are judged like the blocks they produce.
func TestSGDynamicBlocks(t *testing.T) {
	dir := t.TempDir()
	src := `resource "aws_security_group" "g" {
  name = "g"
  dynamic "ingress" {
    for_each = [22, 443]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
  dynamic "egress" {
    for_each = var.rules
    content {
      from_port   = egress.value.port
      to_port     = egress.value.port
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1"]
    }
  }
}
variable "rules" {}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := engine.LoadStack(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := CheckStack(s, Options{Now: testNow, Rules: []string{"SG002", "SG004"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"SG002 aws_security_group.g: inline ingress rule #1 allows port(s) 22 (SSH) from 0.0.0.0/0",
		"SG004 aws_security_group.g: inline egress rule #1 allows protocol tcp (ports set by an expression) to 0.0.0.0/0",
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.RuleID+" "+f.Address+": "+f.Message)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSG005Cases(t *testing.T) {
	runRuleCases(t, "SG005", []ruleCase{
		{"https from everyone", sgDoc(`"aws_vpc_security_group_ingress_rule": {"r": {"cidr_ipv4": "0.0.0.0/0", "from_port": 443, "to_port": 443, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_vpc_security_group_ingress_rule.r: ingress rule allows tcp port 443 from 0.0.0.0/0"}},
		{"http from ipv6 halves", sgDoc(`"aws_vpc_security_group_ingress_rule": {"a": {"cidr_ipv6": "::/1", "from_port": 80, "to_port": 80, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}, "b": {"cidr_ipv6": "8000::/1", "from_port": 80, "to_port": 80, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`),
			[]string{"aws_security_group.g: together allow tcp port 80 from the whole internet (::/0)"}},
		{"inline all traffic", sgDoc(`"aws_security_group": {"g": {"ingress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "to_port": 0, "protocol": "-1"}]}}`),
			[]string{"aws_security_group.g: inline ingress rule #1 allows all traffic from 0.0.0.0/0"}},
		{"from a peer group", sgDoc(`"aws_vpc_security_group_ingress_rule": {"r": {"referenced_security_group_id": "${aws_security_group.h.id}", "from_port": 443, "to_port": 443, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
		{"from a known block", sgDoc(`"aws_vpc_security_group_ingress_rule": {"r": {"cidr_ipv4": "203.0.113.0/24", "from_port": 443, "to_port": 443, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
		{"egress is not SG005", sgDoc(`"aws_vpc_security_group_egress_rule": {"r": {"cidr_ipv4": "0.0.0.0/0", "from_port": 443, "to_port": 443, "ip_protocol": "tcp", "security_group_id": "${aws_security_group.g.id}"}}`), nil},
	})
}
