package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "SG001",
		Title:    "inline security group rule references another group",
		Severity: engine.Warning,
		Doc: "Inline ingress/egress blocks in aws_security_group that name other groups (security_groups) make " +
			"each group depend on the other; two groups that allow each other form a dependency cycle (TF001), and " +
			"inline rules fight with separate rule resources. Use one aws_vpc_security_group_ingress_rule/" +
			"egress_rule per rule, with referenced_security_group_id.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, sg := range s.OfType("aws_security_group") {
				for _, dir := range []string{"ingress", "egress"} {
					for i, rule := range engine.Blocks(sg.Body[dir]) {
						peers := engine.Strs(rule["security_groups"])
						if len(peers) == 0 {
							continue
						}
						p.Reportf(sg, "remove the inline rule and declare aws_vpc_security_group_"+dir+"_rule with security_group_id = this group and referenced_security_group_id = the peer",
							"inline %s rule #%d references security group(s) %s; groups that reference each other inline form a dependency cycle", dir, i+1, strings.Join(peers, ", "))
					}
				}
			}
		},
	})
}
