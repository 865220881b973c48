package network

import (
	"errors"
	"fmt"
	"math/bits"
	"net/netip"
)

// VPC CIDR limits: the largest and smallest VPC this package lays out.
const (
	MinVPCPrefix = 16
	MaxVPCPrefix = 24
	// MaxSubnetPrefix is the smallest subnet AWS allows (/28, 16 addresses).
	MaxSubnetPrefix = 28
	// tierBits splits the VPC into 4 equal blocks: public, private, database, reserved.
	tierBits = 2
	// tierCount is the number of tiers that receive subnets.
	tierCount = 3
)

// SubnetPlan is the address layout of a VPC: one subnet per tier and AZ.
//
// Scheme: the VPC CIDR is split into 4 equal blocks (prefix + 2). Block 0 is
// the public tier, block 1 the private tier, block 2 the database tier and
// block 3 is left free for later growth (another tier, endpoints, ...). Each
// tier block is split into the next power of two >= the AZ count, and subnet
// i of a tier goes to AZ i. For 10.0.0.0/16 and 3 AZs: public 10.0.0.0/20,
// 10.0.16.0/20, 10.0.32.0/20; private 10.0.64.0/20, ...; database
// 10.0.128.0/20, ...; 10.0.192.0/18 is free. Changing AZCount between 3 and
// 4 (or 5 and 6) keeps every existing subnet's CIDR.
type SubnetPlan struct {
	// VPC is the VPC CIDR.
	VPC netip.Prefix
	// Public, Private and Database hold one CIDR per AZ, in AZ order.
	Public, Private, Database []netip.Prefix
	// Reserved is the free fourth block.
	Reserved netip.Prefix
}

// All returns every subnet CIDR: public, then private, then database.
func (p SubnetPlan) All() []netip.Prefix {
	out := append([]netip.Prefix(nil), p.Public...)
	out = append(out, p.Private...)
	return append(out, p.Database...)
}

// ParseVPCCIDR parses an IPv4 VPC CIDR with a prefix of /16 to /24 and no
// host bits set. Errors start with field.
func ParseVPCCIDR(field, s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%s: %q is not a CIDR block; use the form %q", field, s, "10.0.0.0/16")
	}
	if !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("%s: %q is not IPv4; a VPC's primary CIDR must be an IPv4 block such as %q", field, s, "10.0.0.0/16")
	}
	if p.Bits() < MinVPCPrefix || p.Bits() > MaxVPCPrefix {
		return netip.Prefix{}, fmt.Errorf("%s: %q has prefix /%d; use a prefix from /%d (largest) to /%d (smallest)", field, s, p.Bits(), MinVPCPrefix, MaxVPCPrefix)
	}
	if m := p.Masked(); m != p {
		return netip.Prefix{}, fmt.Errorf("%s: %q has host bits set; use the network address %q", field, s, m.String())
	}
	return p, nil
}

// azBits is the number of bits that split a tier block into azCount subnets.
func azBits(azCount int) int {
	if azCount <= 1 {
		return 0
	}
	return bits.Len(uint(azCount - 1))
}

// PlanSubnets lays out the subnets of a VPC with the given CIDR across
// azCount AZs (see SubnetPlan for the scheme). It fails when the CIDR is
// malformed, or too small to give every subnet at least a /28.
func PlanSubnets(cidr string, azCount int) (SubnetPlan, error) {
	vpc, err := ParseVPCCIDR("cidr", cidr)
	if err != nil {
		return SubnetPlan{}, err
	}
	if azCount < MinAZCount || azCount > MaxAZCount {
		return SubnetPlan{}, fmt.Errorf("azCount: %d is out of range; use %d to %d", azCount, MinAZCount, MaxAZCount)
	}
	tierPrefix := vpc.Bits() + tierBits
	subnetPrefix := tierPrefix + azBits(azCount)
	if subnetPrefix > MaxSubnetPrefix {
		need := MaxSubnetPrefix - tierBits - azBits(azCount)
		return SubnetPlan{}, fmt.Errorf("cidr: /%d is too small for %d tiers x %d AZs (subnets would be /%d; the smallest AWS subnet is /%d); use /%d or larger",
			vpc.Bits(), tierCount, azCount, subnetPrefix, MaxSubnetPrefix, need)
	}
	base := addrToUint(vpc.Addr())
	tierSize := uint32(1) << (32 - tierPrefix)
	subnetSize := uint32(1) << (32 - subnetPrefix)
	tier := func(k int) []netip.Prefix {
		out := make([]netip.Prefix, azCount)
		for i := range out {
			out[i] = netip.PrefixFrom(uintToAddr(base+uint32(k)*tierSize+uint32(i)*subnetSize), subnetPrefix)
		}
		return out
	}
	plan := SubnetPlan{
		VPC:      vpc,
		Public:   tier(0),
		Private:  tier(1),
		Database: tier(2),
		Reserved: netip.PrefixFrom(uintToAddr(base+3*tierSize), tierPrefix),
	}
	if err := CheckDisjoint("subnets", vpc, plan.All()); err != nil {
		return SubnetPlan{}, err
	}
	return plan, nil
}

// CheckDisjoint verifies that every prefix lies inside parent and that no
// two prefixes overlap. Errors start with field.
func CheckDisjoint(field string, parent netip.Prefix, prefixes []netip.Prefix) error {
	var errs []error
	for i, p := range prefixes {
		if !parent.Contains(p.Addr()) || p.Bits() < parent.Bits() {
			errs = append(errs, fmt.Errorf("%s: %s is not inside %s", field, p, parent))
		}
		for _, q := range prefixes[:i] {
			if p.Overlaps(q) {
				errs = append(errs, fmt.Errorf("%s: %s overlaps %s; give each subnet its own block", field, p, q))
			}
		}
	}
	return errors.Join(errs...)
}

func addrToUint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func uintToAddr(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}
