package network

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network/ports"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// TestWorldOpenPorts is issue 16's class "world-open ports": every port of
// the shared list, IPv6 too, and the internet in halves across two rules.
func TestWorldOpenPorts(t *testing.T) {
	v := &VPC{id: "${vpc}"}
	tests := []struct {
		name string
		// prior are CIDRs the group already admits on port (as created rules).
		prior []string
		cidr  string
		port  int
		want  []string
	}{
		{"second half after the first", []string{"128.0.0.0/1"}, "0.0.0.0/1", 22,
			[]string{"cidr: 0.0.0.0/1 with the rules already on group app (ingress from 128.0.0.0/1 on tcp/22) would open SSH (tcp/22) to the whole internet (0.0.0.0/0)"}},
		{"first half after the second", []string{"0.0.0.0/1"}, "128.0.0.0/1", 3389, []string{"ingress from 0.0.0.0/1 on tcp/3389", "RDP"}},
		{"quarters", []string{"0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2"}, "192.0.0.0/2", 5432, []string{"0.0.0.0/2, 128.0.0.0/2, 64.0.0.0/2", "PostgreSQL"}},
		{"IPv6 halves", []string{"::/1"}, "8000::/1", 6379, []string{"(::/0)", "Redis"}},
		{"IPv6 ::/0", nil, "::/0", 22, []string{"cidr: ::/0 would open SSH (tcp/22) on group app to the whole internet (::/0)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := group("app", v, false)
			for _, c := range tt.prior {
				g.rules[rule{owner: g, ingress: true, cidr: mustPrefix(t, c), port: tt.port}.constructID()] = c
			}
			errtest.Contains(t, "AllowFromCIDR", g.AllowFromCIDR(tt.cidr, tt.port, ""), tt.want...)
		})
	}
	// Every port the issue found accepted, and every port of the list, from
	// either family's whole internet.
	for _, p := range ports.Sensitive {
		for _, world := range []string{"0.0.0.0/0", "::/0"} {
			g := group("app", v, false)
			errtest.Contains(t, fmt.Sprintf("AllowFromCIDR(%s, %d)", world, p.Number), g.AllowFromCIDR(world, p.Number, ""),
				fmt.Sprintf("cidr: %s would open %s (tcp/%d) on group app to the whole internet", world, p.Service, p.Number))
		}
	}
	for _, n := range []int{21, 23, 135, 445, 1521, 2375, 5900, 5985, 9200, 11211} {
		if _, ok := ports.Lookup(n); !ok {
			t.Errorf("port %d is missing from ports.Sensitive", n)
		}
	}
}

// TestWorldOpenPortsAllowed: halves that leave a gap, other ports, and the
// reviewed exception pass the check.
func TestWorldOpenPortsAllowed(t *testing.T) {
	v := &VPC{id: "${vpc}"}
	g := group("app", v, false)
	g.rules[rule{owner: g, ingress: true, cidr: mustPrefix(t, "128.0.0.0/2"), port: 22}.constructID()] = "128.0.0.0/2"
	for _, tt := range []struct {
		g    *SecurityGroup
		cidr string
		port int
	}{
		{g, "0.0.0.0/1", 22},                       // 192.0.0.0/2 stays closed
		{g, "128.0.0.0/1", 443},                    // not a sensitive port
		{group("web", v, false), "0.0.0.0/0", 443}, // HTTPS may face the internet
		{group("bastion", v, true), "0.0.0.0/0", 22},
	} {
		if err := tt.g.checkWorld(mustPrefix(t, tt.cidr), tt.port); err != nil {
			t.Errorf("checkWorld(%s, %d) on %s = %v; want nil", tt.cidr, tt.port, tt.g.name, err)
		}
	}
}

func mustPrefix(t *testing.T, s string) netip.Prefix {
	t.Helper()
	p, err := parseRuleCIDR(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
