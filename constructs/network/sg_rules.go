package network

import (
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strings"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupegressrule"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupingressrule"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network/ports"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/suppress"
)

var prefixListPattern = regexp.MustCompile(`^pl-([0-9a-f]{8}|[0-9a-f]{17})$`)

// rule is one TCP rule on one group, before it is created.
type rule struct {
	owner   *SecurityGroup
	ingress bool
	peer    *SecurityGroup // set for group peers
	cidr    netip.Prefix   // set for CIDR peers
	// prefixList (a reference) and prefixName are set for managed prefix
	// list peers; prefixName ("s3") names it in construct ids.
	prefixList, prefixName string
	port                   int
	desc                   string
}

// peerKey names the peer in construct ids: "sg-{name}" or "cidr-{cidr}"
// with "/" as "_" and ":" as "-" (both absent from CIDRs, so ids stay unique).
func (r rule) peerKey() string {
	if r.peer != nil {
		return "sg-" + r.peer.name
	}
	if r.prefixList != "" {
		return "pl-" + r.prefixName
	}
	return "cidr-" + strings.NewReplacer("/", "_", ":", "-").Replace(r.cidr.String())
}

// constructID is stable: derived from direction, peer and port only, e.g.
// "ingress-from-sg-app-tcp-5432" or "egress-to-cidr-0.0.0.0_0-tcp-443".
func (r rule) constructID() string {
	dir := "egress-to-"
	if r.ingress {
		dir = "ingress-from-"
	}
	return fmt.Sprintf("%s%s-tcp-%d", dir, r.peerKey(), r.port)
}

func (r rule) String() string {
	dir := "egress to"
	if r.ingress {
		dir = "ingress from"
	}
	peer := r.cidr.String()
	switch {
	case r.peer != nil:
		peer = "group " + r.peer.name
	case r.prefixList != "":
		peer = "prefix list " + r.prefixName
	}
	return fmt.Sprintf("%s %s on tcp/%d (group %s)", dir, peer, r.port, r.owner.name)
}

// peerIdentity tells two peers apart when their construct ids collide.
func (r rule) peerIdentity() string {
	if r.peer != nil {
		return r.peer.id
	}
	if r.prefixList != "" {
		return r.prefixList
	}
	return r.cidr.String()
}

// AllowFrom lets peer reach this group on a TCP port: ingress on this group
// from peer AND egress on peer to this group, in one call. description
// defaults to "from {peer name} on tcp/{port}".
func (g *SecurityGroup) AllowFrom(peer *SecurityGroup, port int, description string) error {
	if err := g.checkPeer(peer, port, description); err != nil {
		return err
	}
	return g.add(
		rule{owner: g, ingress: true, peer: peer, port: port, desc: orDefault(description, "from %s on tcp/%d", peer.name, port)},
		rule{owner: peer, ingress: false, peer: g, port: port, desc: orDefault(description, "to %s on tcp/%d", g.name, port)},
	)
}

// AllowTo lets this group reach peer on a TCP port: egress on this group to
// peer AND ingress on peer from this group, in one call (the same rules as
// peer.AllowFrom(g, ...)). description defaults to "to {peer name} on
// tcp/{port}" on the egress side and "from {name} on tcp/{port}" on the other.
func (g *SecurityGroup) AllowTo(peer *SecurityGroup, port int, description string) error {
	if peer == nil {
		return errors.Join(errors.New("peer: required; pass the *network.SecurityGroup to allow traffic to"),
			checkPort(port), checkDescription("description", description))
	}
	return peer.AllowFrom(g, port, description)
}

// AllowFromCIDR lets an IPv4 or IPv6 block reach this group on a TCP port.
// On a port of the shared list ports.Sensitive, a block that opens the port
// to the whole internet is refused unless the group was created with
// AllowWorldOnAdminPorts: 0.0.0.0/0, ::/0, and also a block that completes
// the internet with the group's earlier rules on that port (0.0.0.0/1 after
// 128.0.0.0/1).
func (g *SecurityGroup) AllowFromCIDR(cidr string, port int, description string) error {
	p, err := g.checkCIDR(cidr, port, description)
	if err != nil {
		return err
	}
	if err := g.checkWorld(p, port); err != nil {
		return err
	}
	return g.add(rule{owner: g, ingress: true, cidr: p, port: port, desc: orDefault(description, "from %s on tcp/%d", p, port)})
}

// AllowToCIDR lets this group reach an IPv4 or IPv6 block on a TCP port.
// A block that is, or with the group's other egress blocks on that port
// covers, the whole internet (0.0.0.0/0, ::/0, 0.0.0.0/1 + 128.0.0.0/1, ...)
// is refused: use AllowInternetEgress with the reason instead.
func (g *SecurityGroup) AllowToCIDR(cidr string, port int, description string) error {
	p, err := g.checkCIDR(cidr, port, description)
	if err != nil {
		return err
	}
	blocks := append(append([]string(nil), g.egressCIDRs[port]...), p.String())
	if world := ports.CoverInternet(blocks); world != "" {
		return fmt.Errorf("cidr: %s would let group %s reach the whole internet (%s) on tcp/%d; reach AWS through VPC.AllowEndpoints, allow a narrower block or a group, or call AllowInternetEgress with the reason", p, g.name, world, port)
	}
	if err := g.add(rule{owner: g, ingress: false, cidr: p, port: port, desc: orDefault(description, "to %s on tcp/%d", p, port)}); err != nil {
		return err
	}
	g.egressCIDRs[port] = blocks
	return nil
}

// AllowToPrefixList lets this group reach a managed prefix list (e.g. the
// S3 gateway endpoint's, VPC.PrefixListID) on a TCP port. name ("s3")
// names the list in the rule's construct id and description.
func (g *SecurityGroup) AllowToPrefixList(prefixListID, name string, port int, description string) error {
	var errs []error
	if prefixListID == "" {
		errs = append(errs, errors.New("prefixListID: required; pass e.g. vpc.PrefixListID(network.S3)"))
	} else if !isToken(prefixListID) && !prefixListPattern.MatchString(prefixListID) {
		errs = append(errs, fmt.Errorf("prefixListID: %q is not a prefix list ID; use the form %q or a Terraform reference", prefixListID, "pl-63a5400a"))
	}
	if err := checkNameSuffix("name", name); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, checkPort(port), checkDescription("description", description))
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return g.add(rule{owner: g, prefixList: prefixListID, prefixName: name, port: port,
		desc: orDefault(description, "to prefix list %s on tcp/%d", name, port)})
}

// AllowInternetEgress lets this group reach any IPv4 address (0.0.0.0/0) on
// a TCP port: the explicit opt-in for a workload that needs the internet,
// not AWS APIs (those go through VPC.AllowEndpoints). reason is required;
// it is recorded as a guard suppression of SG004 on the group, where
// reviewers see it. The private subnets also need a route out
// (VPCProps.NATGateways).
func (g *SecurityGroup) AllowInternetEgress(port int, reason string) error {
	var errs []error
	if strings.TrimSpace(reason) == "" {
		errs = append(errs, fmt.Errorf("reason: required; say why group %s needs the internet on tcp/%d (it is recorded for review)", g.name, port))
	}
	errs = append(errs, checkPort(port))
	if g.vpc != nil && g.vpc.nat == NoNAT {
		// Without a NAT gateway the private subnets have no route out: the
		// rule would be accepted and the workload would time out at run time.
		errs = append(errs, fmt.Errorf("vpc: %s has no NAT gateway (NATGateways: NoNAT), so group %s cannot reach the internet from its private subnets; create the VPC with NATGateways: network.SingleNAT (or NATPerAZ), or reach AWS services through VPC.AllowEndpoints instead", g.vpc.fullName, g.name))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	world := netip.MustParsePrefix(anyIPv4)
	if err := g.add(rule{owner: g, cidr: world, port: port, desc: fmt.Sprintf("internet on tcp/%d", port)}); err != nil {
		return err
	}
	g.egressCIDRs[port] = append(g.egressCIDRs[port], anyIPv4)
	g.internetReasons = append(g.internetReasons, fmt.Sprintf("tcp/%d: %s", port, reason))
	return suppress.Rule(g.node, "SG004", strings.Join(g.internetReasons, "; "))
}

// checkWorld refuses ingress from p on a sensitive port when p alone, or p
// with the CIDRs the group already admits on that port, covers the internet.
func (g *SecurityGroup) checkWorld(p netip.Prefix, port int) error {
	svc, sensitive := ports.Lookup(port)
	if !sensitive || g.allowWorld {
		return nil
	}
	if world := ports.CoverInternet([]string{p.String()}); world != "" {
		return fmt.Errorf("cidr: %s would open %s (tcp/%d) on group %s to the whole internet (%s); allow a narrower CIDR or a security group, or set AllowWorldOnAdminPorts for a reviewed exception", p, svc.Service, port, g.name, world)
	}
	prev := g.ingressCIDRs(port)
	if world := ports.CoverInternet(append(prev, p.String())); world != "" {
		return fmt.Errorf("cidr: %s with the rules already on group %s (ingress from %s on tcp/%d) would open %s (tcp/%d) to the whole internet (%s); allow narrower CIDRs or a security group, or set AllowWorldOnAdminPorts for a reviewed exception", p, g.name, strings.Join(prev, ", "), port, svc.Service, port, world)
	}
	return nil
}

// ingressCIDRs lists, sorted, the CIDR blocks the group admits on port.
func (g *SecurityGroup) ingressCIDRs(port int) []string {
	var out []string
	suffix := fmt.Sprintf("-tcp-%d", port)
	for id, peer := range g.rules {
		if strings.HasPrefix(id, "ingress-from-cidr-") && strings.HasSuffix(id, suffix) {
			out = append(out, peer)
		}
	}
	sort.Strings(out)
	return out
}

func (g *SecurityGroup) checkPeer(peer *SecurityGroup, port int, description string) error {
	var errs []error
	if peer == nil {
		errs = append(errs, errors.New("peer: required; pass the *network.SecurityGroup to allow traffic from"))
	} else if !sameVPC(g, peer) {
		errs = append(errs, fmt.Errorf("peer: group %s is in another VPC than group %s; security groups can reference each other only within one VPC", peer.name, g.name))
	}
	errs = append(errs, checkPort(port), checkDescription("description", description))
	return errors.Join(errs...)
}

func (g *SecurityGroup) checkCIDR(cidr string, port int, description string) (netip.Prefix, error) {
	p, err := parseRuleCIDR(cidr)
	return p, errors.Join(err, checkPort(port), checkDescription("description", description))
}

// parseRuleCIDR accepts an IPv4 or IPv6 CIDR with no host bits set.
func parseRuleCIDR(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("cidr: %q is not a CIDR block; use the form %q or %q", s, "10.0.0.0/16", "2001:db8::/32")
	}
	if p.Addr().Is4In6() {
		return netip.Prefix{}, fmt.Errorf("cidr: %q is an IPv4-mapped IPv6 block; write it as IPv4", s)
	}
	if m := p.Masked(); m != p {
		return netip.Prefix{}, fmt.Errorf("cidr: %q has host bits set; use the network address %q", s, m.String())
	}
	return p, nil
}

func checkPort(port int) error {
	if port < 1 || port > 65535 {
		return fmt.Errorf("port: %d is out of range; use 1-65535", port)
	}
	return nil
}

func sameVPC(a, b *SecurityGroup) bool {
	if a.vpc != nil || b.vpc != nil {
		return a.vpc == b.vpc || a.vpcID == b.vpcID
	}
	// Two existing VPC IDs: only plain IDs can be compared.
	return a.vpcID == b.vpcID || isToken(a.vpcID) || isToken(b.vpcID)
}

func orDefault(desc, format string, args ...any) string {
	if desc != "" {
		return desc
	}
	return fmt.Sprintf(format, args...)
}

// add refuses duplicates among rules (all checked before any is created) and
// then creates every rule.
func (g *SecurityGroup) add(rules ...rule) error {
	var errs []error
	for i, r := range rules {
		id := r.constructID()
		if prev, ok := r.owner.rules[id]; ok {
			if prev == r.peerIdentity() {
				errs = append(errs, fmt.Errorf("rule: %s already exists; each rule may be added once (AllowFrom and AllowTo each wire both groups)", r))
			} else {
				errs = append(errs, fmt.Errorf("rule: %s collides with a rule for another group of the same name; give the groups distinct names", r))
			}
		}
		for _, q := range rules[:i] {
			if q.owner == r.owner && q.constructID() == id {
				errs = append(errs, fmt.Errorf("rule: %s is given twice", r))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, r := range rules {
		if err := stack.Catch(r.create); err != nil {
			return err
		}
		r.owner.rules[r.constructID()] = r.peerIdentity()
	}
	return nil
}

// create declares the rule resource inside its owner's construct node.
func (r rule) create() {
	id := r.constructID()
	port := num(r.port)
	var peerSG, v4, v6, pl *string
	switch {
	case r.peer != nil:
		peerSG = str(r.peer.id)
	case r.prefixList != "":
		pl = str(r.prefixList)
	case r.cidr.Addr().Is4():
		v4 = str(r.cidr.String())
	default:
		v6 = str(r.cidr.String())
	}
	if r.ingress {
		vpcsecuritygroupingressrule.NewVpcSecurityGroupIngressRule(r.owner.node, &id, &vpcsecuritygroupingressrule.VpcSecurityGroupIngressRuleConfig{
			SecurityGroupId: str(r.owner.id), IpProtocol: str("tcp"), FromPort: port, ToPort: port,
			ReferencedSecurityGroupId: peerSG, CidrIpv4: v4, CidrIpv6: v6, Description: str(r.desc),
		})
		return
	}
	vpcsecuritygroupegressrule.NewVpcSecurityGroupEgressRule(r.owner.node, &id, &vpcsecuritygroupegressrule.VpcSecurityGroupEgressRuleConfig{
		SecurityGroupId: str(r.owner.id), IpProtocol: str("tcp"), FromPort: port, ToPort: port,
		ReferencedSecurityGroupId: peerSG, CidrIpv4: v4, CidrIpv6: v6, PrefixListId: pl, Description: str(r.desc),
	})
}
