package network

import (
	"net/netip"
	"strings"
	"testing"
)

func TestPlanSubnets(t *testing.T) {
	cases := []struct {
		cidr                      string
		azs                       int
		public, private, database []string
		reserved                  string
	}{
		{"10.0.0.0/16", 3,
			[]string{"10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"},
			[]string{"10.0.64.0/20", "10.0.80.0/20", "10.0.96.0/20"},
			[]string{"10.0.128.0/20", "10.0.144.0/20", "10.0.160.0/20"},
			"10.0.192.0/18"},
		{"10.0.0.0/16", 1, []string{"10.0.0.0/18"}, []string{"10.0.64.0/18"}, []string{"10.0.128.0/18"}, "10.0.192.0/18"},
		{"10.1.0.0/22", 2,
			[]string{"10.1.0.0/25", "10.1.0.128/25"},
			[]string{"10.1.1.0/25", "10.1.1.128/25"},
			[]string{"10.1.2.0/25", "10.1.2.128/25"},
			"10.1.3.0/24"},
		// /24 fits three AZs exactly: /28 subnets.
		{"192.168.5.0/24", 3,
			[]string{"192.168.5.0/28", "192.168.5.16/28", "192.168.5.32/28"},
			[]string{"192.168.5.64/28", "192.168.5.80/28", "192.168.5.96/28"},
			[]string{"192.168.5.128/28", "192.168.5.144/28", "192.168.5.160/28"},
			"192.168.5.192/26"},
		{"172.16.0.0/16", 6,
			[]string{"172.16.0.0/21", "172.16.8.0/21", "172.16.16.0/21", "172.16.24.0/21", "172.16.32.0/21", "172.16.40.0/21"},
			[]string{"172.16.64.0/21", "172.16.72.0/21", "172.16.80.0/21", "172.16.88.0/21", "172.16.96.0/21", "172.16.104.0/21"},
			[]string{"172.16.128.0/21", "172.16.136.0/21", "172.16.144.0/21", "172.16.152.0/21", "172.16.160.0/21", "172.16.168.0/21"},
			"172.16.192.0/18"},
	}
	for _, c := range cases {
		p, err := PlanSubnets(c.cidr, c.azs)
		if err != nil {
			t.Errorf("PlanSubnets(%q, %d): %v", c.cidr, c.azs, err)
			continue
		}
		check := func(tier string, got []netip.Prefix, want []string) {
			if strings.Join(prefixes(got), ",") != strings.Join(want, ",") {
				t.Errorf("PlanSubnets(%q, %d) %s = %v; want %v", c.cidr, c.azs, tier, got, want)
			}
		}
		check("public", p.Public, c.public)
		check("private", p.Private, c.private)
		check("database", p.Database, c.database)
		if p.Reserved.String() != c.reserved {
			t.Errorf("PlanSubnets(%q, %d) reserved = %v; want %s", c.cidr, c.azs, p.Reserved, c.reserved)
		}
		if err := CheckDisjoint("subnets", p.VPC, append(p.All(), p.Reserved)); err != nil {
			t.Errorf("PlanSubnets(%q, %d): %v", c.cidr, c.azs, err)
		}
	}
}

func TestPlanSubnetsKeepsCIDRsWhenGrowingWithinAPowerOfTwo(t *testing.T) {
	three, _ := PlanSubnets("10.0.0.0/16", 3)
	four, _ := PlanSubnets("10.0.0.0/16", 4)
	for i := range three.All() {
		if three.Public[i%3] != four.Public[i%3] || three.Database[i%3] != four.Database[i%3] {
			t.Fatalf("3 -> 4 AZs moved a subnet: %v vs %v", three.All(), four.All())
		}
	}
}

func TestPlanSubnetsErrors(t *testing.T) {
	cases := []struct {
		cidr string
		azs  int
		want string
	}{
		{"10.0.0.0/24", 5, "cidr: /24 is too small for 3 tiers x 5 AZs (subnets would be /29; the smallest AWS subnet is /28); use /23 or larger"},
		{"10.0.0.0/24", 6, "use /23 or larger"},
		{"10.0.0.0/15", 3, "cidr: \"10.0.0.0/15\" has prefix /15; use a prefix from /16"},
		{"10.0.0.0/25", 1, "cidr: \"10.0.0.0/25\" has prefix /25"},
		{"10.0.0.1/16", 3, "cidr: \"10.0.0.1/16\" has host bits set; use the network address \"10.0.0.0/16\""},
		{"10.0.0.0", 3, "cidr: \"10.0.0.0\" is not a CIDR block"},
		{"10.0.0.0/16/2", 3, "is not a CIDR block"},
		{"300.0.0.0/16", 3, "is not a CIDR block"},
		{"fd00::/56", 3, "cidr: \"fd00::/56\" is not IPv4"},
		{"10.0.0.0/16", 0, "azCount: 0 is out of range; use 1 to 6"},
		{"10.0.0.0/16", 7, "azCount: 7 is out of range"},
	}
	for _, c := range cases {
		_, err := PlanSubnets(c.cidr, c.azs)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("PlanSubnets(%q, %d) = %v; want an error containing %q", c.cidr, c.azs, err, c.want)
		}
	}
}

func TestCheckDisjoint(t *testing.T) {
	parent := netip.MustParsePrefix("10.0.0.0/16")
	cases := []struct {
		in   []string
		want string
	}{
		{[]string{"10.0.0.0/24", "10.0.1.0/24"}, ""},
		{[]string{"10.0.0.0/24", "10.0.0.128/25"}, "subnets: 10.0.0.128/25 overlaps 10.0.0.0/24"},
		{[]string{"10.0.0.0/24", "10.0.0.0/24"}, "overlaps"},
		{[]string{"10.1.0.0/24"}, "subnets: 10.1.0.0/24 is not inside 10.0.0.0/16"},
		{[]string{"10.0.0.0/15"}, "is not inside"},
	}
	for _, c := range cases {
		var ps []netip.Prefix
		for _, s := range c.in {
			ps = append(ps, netip.MustParsePrefix(s))
		}
		err := CheckDisjoint("subnets", parent, ps)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("CheckDisjoint(%v) = %v; want nil", c.in, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("CheckDisjoint(%v) = %v; want an error containing %q", c.in, err, c.want)
		}
	}
}
