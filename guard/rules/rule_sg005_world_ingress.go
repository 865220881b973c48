package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "SG005",
		Title:    "ingress from the whole internet without a recorded reason",
		Severity: engine.Warning,
		Doc: "Ingress from 0.0.0.0/0 or ::/0, or from CIDR blocks that add up to it (0.0.0.0/1 + 128.0.0.0/1), on any TCP or UDP port " +
			"or all traffic (protocol -1), in aws_security_group (or aws_default_security_group) inline ingress, aws_security_group_rule " +
			"(type ingress) or aws_vpc_security_group_ingress_rule; separate rules of one group are added up per port " +
			"(SG002 reports the sensitive ports as errors besides). Why: whatever listens behind the group is reachable " +
			"from every address; only a public entry such as an internet-facing load balancer should be. Fix: admit " +
			"named groups or known blocks; for the front door itself, record why with suppress.Rule(scope, \"SG005\", " +
			"reason) (loadbalancer.New does, on its group, for 443 and 80 only).",
		Check: func(p *engine.Pass) {
			fix := "admit a named security group or a known CIDR; if this group is a public entry (an internet-facing load balancer), " +
				"record why with suppress.Rule(scope, \"SG005\", reason)"
			for _, grp := range sgRulesByGroup(p.Stack, true) {
				reportInternetExposure(p, grp, egressSpans, "from", fix, describeSpans)
			}
		},
	})
}
