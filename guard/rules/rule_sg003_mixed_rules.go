package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "SG003",
		Title:    "inline rules mixed with separate rule resources",
		Severity: engine.Warning,
		Doc: "An aws_security_group that sets ingress or egress (even to an empty list) manages all its rules " +
			"inline; separate aws_vpc_security_group_ingress_rule/egress_rule or aws_security_group_rule resources " +
			"on the same group are then removed on every apply and re-added on the next (perpetual diff).",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, sg := range s.OfType("aws_security_group") {
				for _, dir := range []string{"ingress", "egress"} {
					if _, inline := sg.Body[dir]; !inline {
						continue
					}
					var sep []*engine.Resource
					sep = append(sep, s.Linked("aws_vpc_security_group_"+dir+"_rule", "security_group_id", sg, "")...)
					for _, r := range s.Linked("aws_security_group_rule", "security_group_id", sg, "") {
						if engine.Str(r.Body["type"]) == dir {
							sep = append(sep, r)
						}
					}
					if len(sep) > 0 {
						p.Reportf(sg, "remove the inline "+dir+" argument and keep only the separate rule resources",
							"group manages %s rules inline and also has separate rule resources (%s): each apply removes the ones the other declares", dir, names(sep))
					}
				}
			}
		},
	})
}
