package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "NET001",
		Title:    "internet gateway not attached to a VPC",
		Severity: engine.Error,
		Doc: "An aws_internet_gateway without vpc_id and without an aws_internet_gateway_attachment that refers " +
			"to it is detached: routes to it fail and nothing in the VPC reaches the internet.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, igw := range s.OfType("aws_internet_gateway") {
				if engine.Str(igw.Body["vpc_id"]) != "" {
					continue
				}
				if len(s.Linked("aws_internet_gateway_attachment", "internet_gateway_id", igw, "")) > 0 {
					continue
				}
				p.Report(igw, "internet gateway has no vpc_id and no aws_internet_gateway_attachment, so it is not attached to any VPC",
					"add aws_internet_gateway_attachment { internet_gateway_id = this gateway's id, vpc_id = the VPC } and make public routes and NAT gateways depend on it")
			}
		},
	})
}
