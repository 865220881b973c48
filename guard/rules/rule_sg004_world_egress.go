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
		ID:       "SG004",
		Title:    "security-group egress to the whole internet without a recorded reason",
		Severity: engine.Warning,
		Doc: "Egress to 0.0.0.0/0 or ::/0, or to CIDR blocks that add up to it (0.0.0.0/1 + 128.0.0.0/1), on any port " +
			"or protocol, in aws_security_group (or aws_default_security_group) inline egress, aws_security_group_rule " +
			"(type egress) or " +
			"aws_vpc_security_group_egress_rule; separate rules of one group are added up per port. Why: a workload " +
			"that can reach any address can exfiltrate data and fetch tooling; most only need AWS APIs (VPC endpoints, " +
			"the S3/DynamoDB prefix lists) and named peers. Fix: scope egress to the endpoint security group, prefix " +
			"lists or peers; where the internet is truly needed, record why with " +
			"suppress.Rule(scope, \"SG004\", reason) (package constructs/suppress), which is the opt-in.",
		Check: func(p *engine.Pass) {
			fix := "allow egress only to VPC endpoints (their security group), the S3/DynamoDB managed prefix lists and named peers; " +
				"if the workload needs the internet, record why with suppress.Rule(scope, \"SG004\", reason)"
			for _, grp := range sgRulesByGroup(p.Stack, false) {
				reportInternetExposure(p, grp, egressSpans, "to", fix, func(e exposure) string {
					return describeSpans(e)
				})
				reportOtherProtocols(p, grp, fix)
			}
		},
	})
}

// egressSpans cuts the port space at every rule's range ends, so each span
// is covered by the same rules throughout.
func egressSpans(rules []sgRule) []portSpan {
	cuts := map[int]bool{0: true, 65536: true}
	for _, r := range rules {
		if r.known && (r.proto == "tcp" || r.proto == "udp") && r.lo >= 0 && r.hi >= r.lo && r.hi <= 65535 {
			cuts[r.lo], cuts[r.hi+1] = true, true
		}
	}
	var bs []int
	for b := range cuts {
		bs = append(bs, b)
	}
	sort.Ints(bs)
	out := make([]portSpan, 0, len(bs)-1)
	for i := 0; i+1 < len(bs); i++ {
		out = append(out, portSpan{bs[i], bs[i+1] - 1})
	}
	return out
}

// describeSpans renders "all traffic", "tcp port 443" or "tcp/udp ports 0-1023, 8080".
func describeSpans(e exposure) string {
	if e.allTraffic {
		return "all traffic"
	}
	// merge adjacent spans
	var merged []portSpan
	for _, s := range e.spans {
		if n := len(merged); n > 0 && merged[n-1].hi+1 == s.lo {
			merged[n-1].hi = s.hi
			continue
		}
		merged = append(merged, s)
	}
	var parts []string
	for _, s := range merged {
		if s.lo == s.hi {
			parts = append(parts, fmt.Sprint(s.lo))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", s.lo, s.hi))
		}
	}
	noun := "port"
	if len(parts) > 1 || merged[0].lo != merged[0].hi {
		noun = "ports"
	}
	return strings.Join(e.protos, "/") + " " + noun + " " + strings.Join(parts, ", ")
}

// reportOtherProtocols reports rules of protocols other than tcp, udp and
// all (icmp, icmpv6, numbered protocols), and tcp/udp rules whose ports are
// expressions, whose CIDRs add up to the whole internet.
func reportOtherProtocols(p *engine.Pass, g *sgGroup, fix string) {
	byProto := map[string][]sgRule{}
	var protos []string
	for _, r := range g.rules {
		key := r.proto
		switch {
		case len(r.cidrs) == 0 || r.proto == "all":
			continue
		case r.proto == "tcp" || r.proto == "udp":
			if r.known {
				continue // judged port by port
			}
			key += " (ports set by an expression)"
		}
		if _, ok := byProto[key]; !ok {
			protos = append(protos, key)
		}
		byProto[key] = append(byProto[key], r)
	}
	for _, key := range protos {
		for _, v6 := range []bool{false, true} {
			reportProtocol(p, g, key, familyRules(byProto[key], v6), fix)
		}
	}
}

// reportProtocol reports rules of one other protocol and one address family
// whose CIDRs add up to the whole internet.
func reportProtocol(p *engine.Pass, g *sgGroup, proto string, rs []sgRule, fix string) {
	fam := ports.CoverInternet(cidrsOf(rs))
	if fam == "" {
		return
	}
	rs = minimalCover(rs)
	if len(rs) == 1 {
		reportSGRule(p, rs[0], fix, fmt.Sprintf("%s allows protocol %s to %s", rs[0].where, proto, fam))
		return
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s (%s)", sgRuleName(r), strings.Join(r.cidrs, ", ")))
	}
	at := g.group
	if at == nil {
		at = rs[0].holder
	}
	p.Reportf(at, fix, "%s together allow protocol %s to the whole internet (%s): %s", sgRulesNoun(g), proto, fam, strings.Join(parts, " + "))
}
