package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network/ports"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "SG002",
		Title:    "sensitive port open to the whole internet",
		Severity: engine.Error,
		Doc: "Ingress from the whole internet to a port of the shared sensitive-port list (constructs/network/ports: " +
			"remote administration, databases, caches, search, container daemons, file sharing, messaging; the list the " +
			"network constructs refuse too), in aws_security_group (or aws_default_security_group) inline ingress, " +
			"aws_security_group_rule (type ingress) " +
			"or aws_vpc_security_group_ingress_rule. \"The whole internet\" is 0.0.0.0/0 or ::/0, or CIDR blocks that add " +
			"up to it (0.0.0.0/1 + 128.0.0.0/1), within one rule or across the rules of one security group for the same " +
			"port; a port range covering the port, or protocol -1/all, counts. Why: these services are scanned and " +
			"brute-forced within minutes of facing the internet. Fix: allow the port from a named security group or a " +
			"known CIDR, and reach hosts through SSM Session Manager instead of SSH/RDP.",
		Check: func(p *engine.Pass) {
			fix := "allow the port only from a named security group or a known CIDR (use SSM Session Manager instead of SSH/RDP)"
			for _, grp := range sgRulesByGroup(p.Stack, true) {
				reportInternetExposure(p, grp, sensitivePoints, "from", fix, func(e exposure) string {
					return describeSensitive(e.spans, e.allTraffic)
				})
			}
		},
	})
}

// sgRule is one ingress or egress rule of a security group, whichever form
// it is written in: an inline block, aws_security_group_rule or
// aws_vpc_security_group_{ingress,egress}_rule.
type sgRule struct {
	holder *engine.Resource // the resource the rule is written in
	where  string           // "inline ingress rule #1", "ingress rule", ...
	// attr4 and attr6 are the attribute paths of the IPv4 and IPv6 blocks in
	// holder ("cidr_ipv4", "ingress.0.cidr_blocks"); attr is the one of the
	// family being judged, where findings are positioned.
	attr4, attr6, attr string
	cidrs              []string // IPv4 and IPv6 blocks, as written
	proto              string   // "all", "tcp", "udp", or the protocol as written
	lo, hi             int      // port range, meaningful for tcp/udp
	known              bool     // the port range is literal
}

// sgGroup is the rules of one direction that apply to one security group.
type sgGroup struct {
	key   string           // the group's address, or its id expression when not declared
	group *engine.Resource // the declared aws_security_group, or nil
	rules []sgRule
}

// sgRulesByGroup collects every ingress (or egress) rule and groups them by
// the security group they apply to, in one pass over the rule resources:
// a rule's security_group_id reference designates its group; a value that
// is not a reference to a declared group is its own group key.
func sgRulesByGroup(s *engine.Stack, ingress bool) []*sgGroup {
	dir, vpcType := "egress", "aws_vpc_security_group_egress_rule"
	if ingress {
		dir, vpcType = "ingress", "aws_vpc_security_group_ingress_rule"
	}
	byKey := map[string]*sgGroup{}
	var order []string
	add := func(key string, group *engine.Resource, r sgRule) {
		g := byKey[key]
		if g == nil {
			g = &sgGroup{key: key, group: group}
			byKey[key] = g
			order = append(order, key)
		}
		g.rules = append(g.rules, r)
	}
	groupOf := func(v any) (string, *engine.Resource) {
		if r, _ := s.Target(v); r != nil && r.Type == "aws_security_group" && !r.Data {
			return r.Address, r
		}
		return "id " + engine.Str(v), nil
	}
	inline := append(append([]*engine.Resource(nil), s.OfType("aws_security_group")...), s.OfType("aws_default_security_group")...)
	for _, sg := range inline {
		for i, b := range engine.Blocks(sg.Body[dir]) {
			r := newSGRule(sg, fmt.Sprintf("inline %s rule #%d", dir, i+1),
				append(engine.Strs(b["cidr_blocks"]), engine.Strs(b["ipv6_cidr_blocks"])...), b["protocol"], b["from_port"], b["to_port"])
			r.attr4, r.attr6 = fmt.Sprintf("%s.%d.cidr_blocks", dir, i), fmt.Sprintf("%s.%d.ipv6_cidr_blocks", dir, i)
			add(sg.Address, sg, r)
		}
	}
	for _, r := range s.OfType("aws_security_group_rule") {
		if engine.Str(r.Body["type"]) != dir {
			continue
		}
		k, g := groupOf(r.Body["security_group_id"])
		rule := newSGRule(r, dir+" rule", append(engine.Strs(r.Body["cidr_blocks"]), engine.Strs(r.Body["ipv6_cidr_blocks"])...),
			r.Body["protocol"], r.Body["from_port"], r.Body["to_port"])
		rule.attr4, rule.attr6 = "cidr_blocks", "ipv6_cidr_blocks"
		add(k, g, rule)
	}
	for _, r := range s.OfType(vpcType) {
		k, g := groupOf(r.Body["security_group_id"])
		rule := newSGRule(r, dir+" rule", append(engine.Strs(r.Body["cidr_ipv4"]), engine.Strs(r.Body["cidr_ipv6"])...),
			r.Body["ip_protocol"], r.Body["from_port"], r.Body["to_port"])
		rule.attr4, rule.attr6 = "cidr_ipv4", "cidr_ipv6"
		add(k, g, rule)
	}
	out := make([]*sgGroup, 0, len(order))
	for _, k := range order {
		out = append(out, byKey[k])
	}
	return out
}

func newSGRule(holder *engine.Resource, where string, cidrs []string, proto, from, to any) sgRule {
	r := sgRule{holder: holder, where: where, cidrs: cidrs}
	switch pr := strings.ToLower(strings.TrimSpace(engine.Str(proto))); pr {
	case "-1", "all":
		r.proto, r.lo, r.hi, r.known = "all", 0, 65535, true
		return r
	case "tcp", "6":
		r.proto = "tcp"
	case "udp", "17":
		r.proto = "udp"
	default:
		r.proto = pr
	}
	lo, okLo := engine.Int(from)
	hi, okHi := engine.Int(to)
	r.lo, r.hi, r.known = lo, hi, okLo && okHi
	return r
}

// covers reports whether the rule applies to port n of protocol proto (tcp or udp).
func (r sgRule) covers(proto string, n int) bool {
	if r.proto == "all" {
		return true
	}
	return r.known && r.proto == proto && n >= r.lo && n <= r.hi
}

// exposure is a set of ports that a set of rules together opens to the whole internet.
type exposure struct {
	family     string     // "0.0.0.0/0" or "::/0"
	rules      []sgRule   // the rules whose CIDRs add up to it
	spans      []portSpan // the port spans opened, in order
	protos     []string   // "tcp", "udp" in the order found
	allTraffic bool       // one of the rules is protocol -1/all
}

// portSpan is a range of ports tested as one: every port in it is covered
// by the same rules.
type portSpan struct{ lo, hi int }

// pointsFunc returns the port spans to test for a group's rules.
type pointsFunc func(rules []sgRule) []portSpan

// sensitivePoints tests the ports of the shared sensitive list, one by one.
func sensitivePoints([]sgRule) []portSpan {
	out := make([]portSpan, len(ports.Sensitive))
	for i, p := range ports.Sensitive {
		out[i] = portSpan{p.Number, p.Number}
	}
	return out
}

// internetExposures finds, for each tested port of tcp and udp, the rules
// covering it whose CIDRs add up to the whole internet, and merges ports
// opened by the same set of rules into one exposure.
func internetExposures(g *sgGroup, points pointsFunc) []exposure {
	var out []exposure
	index := map[string]int{}
	spans := points(g.rules)
	for _, v6 := range []bool{false, true} {
		rules := familyRules(g.rules, v6)
		for _, proto := range []string{"tcp", "udp"} {
			for _, sp := range spans {
				var rs []sgRule
				for _, r := range rules {
					if r.covers(proto, sp.lo) {
						rs = append(rs, r)
					}
				}
				fam := ports.CoverInternet(cidrsOf(rs))
				if fam == "" {
					continue
				}
				rs = minimalCover(rs)
				var key strings.Builder
				key.WriteString(fam)
				all := false
				for _, r := range rs {
					key.WriteString("|" + r.holder.Address + "/" + r.where)
					all = all || r.proto == "all"
				}
				i, ok := index[key.String()]
				if !ok {
					i = len(out)
					index[key.String()] = i
					out = append(out, exposure{family: fam, rules: rs, allTraffic: all})
				}
				e := &out[i]
				if !containsSpan(e.spans, sp) {
					e.spans = append(e.spans, sp)
				}
				if !containsString(e.protos, proto) {
					e.protos = append(e.protos, proto)
				}
			}
		}
	}
	for i := range out {
		sort.Slice(out[i].spans, func(a, b int) bool { return out[i].spans[a].lo < out[i].spans[b].lo })
	}
	return mergeFamilies(out)
}

// mergeFamilies joins the IPv4 and IPv6 exposures of the same rules on the
// same ports into one ("0.0.0.0/0 and ::/0"), so a rule opening both is one finding.
func mergeFamilies(es []exposure) []exposure {
	ident := func(e exposure) string {
		var b strings.Builder
		for _, r := range e.rules {
			b.WriteString(r.holder.Address + "/" + r.where + "|")
		}
		fmt.Fprint(&b, e.spans, e.protos, e.allTraffic)
		return b.String()
	}
	var out []exposure
	at := map[string]int{}
	for _, e := range es {
		k := ident(e)
		if i, ok := at[k]; ok && out[i].family != e.family {
			out[i].family += " and " + e.family
			rules := make([]sgRule, len(out[i].rules))
			for j, r := range out[i].rules {
				r.cidrs = append(append([]string(nil), r.cidrs...), e.rules[j].cidrs...) // a copy: rules share their blocks across exposures
				rules[j] = r
			}
			out[i].rules = rules
			continue
		}
		at[k] = len(out)
		out = append(out, e)
	}
	return out
}

// familyRules returns the rules with their IPv4 (or IPv6) blocks only,
// dropping rules left without any: each family is added up on its own.
func familyRules(rules []sgRule, v6 bool) []sgRule {
	var out []sgRule
	for _, r := range rules {
		var cs []string
		for _, c := range r.cidrs {
			if strings.Contains(c, ":") == v6 {
				cs = append(cs, c)
			}
		}
		if len(cs) > 0 {
			r.cidrs = cs
			r.attr = r.attr4
			if v6 {
				r.attr = r.attr6
			}
			out = append(out, r)
		}
	}
	return out
}

// minimalCover keeps a single rule when one alone covers the whole internet,
// so a world-open rule is reported on its own and not with its neighbours.
func minimalCover(rs []sgRule) []sgRule {
	for _, r := range rs {
		if ports.CoverInternet(r.cidrs) != "" {
			return []sgRule{r}
		}
	}
	var out []sgRule
	for _, r := range rs { // drop rules that add nothing (private ranges beside the halves)
		var rest []string
		for _, o := range rs {
			if o.holder != r.holder || o.where != r.where {
				rest = append(rest, o.cidrs...)
			}
		}
		if ports.CoverInternet(rest) == "" {
			out = append(out, r)
		}
	}
	if len(out) == 0 || ports.CoverInternet(cidrsOf(out)) == "" {
		return rs
	}
	return out
}

func cidrsOf(rs []sgRule) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.cidrs...)
	}
	return out
}

// reportInternetExposure reports each exposure of a group: on the rule when
// one rule opens it, else on the group (or the first rule when the group is
// not declared) naming the rules that add up to the whole internet.
// prep is "from" for ingress, "to" for egress.
func reportInternetExposure(p *engine.Pass, g *sgGroup, points pointsFunc, prep, fix string, what func(exposure) string) {
	for _, e := range internetExposures(g, points) {
		if len(e.rules) == 1 {
			r := e.rules[0]
			reportSGRule(p, r, fix, fmt.Sprintf("%s allows %s %s %s", r.where, what(e), prep, e.family))
			continue
		}
		var parts []string
		for _, r := range e.rules {
			parts = append(parts, fmt.Sprintf("%s (%s)", sgRuleName(r), strings.Join(r.cidrs, ", ")))
		}
		at := g.group
		if at == nil {
			at = e.rules[0].holder
		}
		p.Reportf(at, fix, "%s together allow %s %s the whole internet (%s): %s", sgRulesNoun(g), what(e), prep, e.family, strings.Join(parts, " + "))
	}
}

// reportSGRule reports on the rule's resource, positioned at its CIDR attribute.
func reportSGRule(p *engine.Pass, r sgRule, fix, message string) {
	if r.attr != "" {
		p.ReportAttr(r.holder, r.attr, message, fix)
		return
	}
	p.Report(r.holder, message, fix)
}

func sgRulesNoun(g *sgGroup) string {
	if g.group != nil {
		return "the rules of this security group"
	}
	return "the rules of security group " + strings.TrimPrefix(g.key, "id ")
}

// sgRuleName names a rule for a message: the resource, or the group's inline block.
func sgRuleName(r sgRule) string {
	if strings.HasPrefix(r.where, "inline") {
		return r.where
	}
	return r.holder.Address
}

// describeSensitive renders the sensitive ports opened: all of them are
// summarized for protocol -1 rules.
func describeSensitive(spans []portSpan, allTraffic bool) string {
	var ps []ports.Port
	for _, s := range spans {
		if sp, ok := ports.Lookup(s.lo); ok {
			ps = append(ps, sp)
		}
	}
	if len(ps) == len(ports.Sensitive) && len(ps) > 3 {
		every := fmt.Sprintf("every sensitive port (%s and %d more)", ports.Describe(ps[:3]), len(ps)-3)
		if allTraffic {
			return "all traffic, including " + every
		}
		return every
	}
	return "port(s) " + ports.Describe(ps)
}

func containsSpan(xs []portSpan, x portSpan) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func containsString(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
