package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "ECS004",
		Title:    "ECS service tasks get a public IP",
		Severity: engine.Warning,
		Doc: "An aws_ecs_service whose network_configuration sets assign_public_ip = true. Why: each task is then " +
			"addressable from the internet, guarded by its security group alone, and usually gets the address only " +
			"so it can pull its image; a private service pulls through VPC endpoints (ecr.api, ecr.dkr, logs and " +
			"the S3 gateway) and is reached through a load balancer " +
			"(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html; Security Hub " +
			"ECS.2). Fix: assign_public_ip = false in private subnets (container.NewService). Skipped: values set by " +
			"expressions.",
		Check: func(p *engine.Pass) {
			for _, svc := range p.Stack.OfType("aws_ecs_service") {
				for i, nc := range engine.Blocks(svc.Body["network_configuration"]) {
					if engine.Bool(nc["assign_public_ip"]) == engine.True {
						p.ReportAttr(svc, "network_configuration."+itoa(i)+".assign_public_ip", "service tasks get a public IP (assign_public_ip = true)",
							"set assign_public_ip = false, run the tasks in private subnets and pull through VPC endpoints")
					}
				}
			}
		},
	})
}
