package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "LMB003",
		Title:    "Lambda function outside a VPC",
		Severity: engine.Info,
		Doc: "A function without vpc_config (subnet_ids and security_group_ids) runs outside your network " +
			"controls: no security groups, no flow logs, no private access to databases.",
		Check: func(p *engine.Pass) {
			for _, fn := range p.Stack.OfType("aws_lambda_function") {
				if vc := engine.FirstObject(fn.Body["vpc_config"]); vc != nil && vc["subnet_ids"] != nil {
					continue
				}
				p.Report(fn, "function has no vpc_config", "set vpc_config with private subnet_ids and a security group with explicit egress")
			}
		},
	})
}
