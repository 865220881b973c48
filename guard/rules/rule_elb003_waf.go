package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "ELB003",
		Title:    "internet-facing Application Load Balancer without a WAF web ACL",
		Severity: engine.Warning,
		Doc: "An aws_lb/aws_alb of type application that faces the internet (internal unset or false) and that no " +
			"aws_wafv2_web_acl_association (or the classic aws_wafregional_web_acl_association) names in resource_arn. " +
			"Why: the load balancer passes every request to the application, including the common exploits and " +
			"floods that AWS managed rule groups and a rate-based rule stop at the edge " +
			"(https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html). " +
			"Fix: associate a regional web ACL (package constructs/waf: waf.New(...).Associate(lb.Arn())). " +
			"Skipped: internal or type set by an expression.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, lb := range loadBalancers(s) {
				if lbType(lb) != "application" || internetFacing(lb) != engine.True {
					continue
				}
				if len(s.Referrers(lb.Address, "aws_wafv2_web_acl_association", "resource_arn")) > 0 ||
					len(s.Referrers(lb.Address, "aws_wafregional_web_acl_association", "resource_arn")) > 0 {
					continue
				}
				p.Report(lb, "internet-facing load balancer has no WAF web ACL association",
					"add an aws_wafv2_web_acl_association with resource_arn = this load balancer's arn and a REGIONAL web ACL")
			}
		},
	})
}
