package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "ELB005",
		Title:    "Application Load Balancer keeps invalid HTTP header fields",
		Severity: engine.Warning,
		Doc: "An aws_lb/aws_alb of type application without drop_invalid_header_fields = true (the default is false). " +
			"Why: header names that do not match [-A-Za-z0-9]+ are passed to the targets, a path for request " +
			"smuggling and header injection " +
			"(https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes, " +
			"routing.http.drop_invalid_header_fields.enabled). Fix: drop_invalid_header_fields = true. Skipped: a " +
			"value or type set by an expression.",
		Check: func(p *engine.Pass) {
			for _, lb := range loadBalancers(p.Stack) {
				if lbType(lb) != "application" {
					continue
				}
				switch engine.Bool(lb.Body["drop_invalid_header_fields"]) {
				case engine.Unset:
					p.Report(lb, "load balancer does not set drop_invalid_header_fields: invalid header fields reach the targets",
						"set drop_invalid_header_fields = true")
				case engine.False:
					p.ReportAttr(lb, "drop_invalid_header_fields", "drop_invalid_header_fields = false: invalid header fields reach the targets",
						"set drop_invalid_header_fields = true")
				}
			}
		},
	})
}
