package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "ECS001",
		Title:    "ECS container runs privileged",
		Severity: engine.Error,
		Doc: "A container of an aws_ecs_task_definition (container_definitions, JSON or jsonencode) with " +
			"\"privileged\": true. Why: the container gets root on the host, every device and every capability; an " +
			"escape from the application is an escape from the container " +
			"(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security; " +
			"Fargate refuses it outright). Fix: remove privileged, drop capabilities (linuxParameters.capabilities.drop = " +
			"[\"ALL\"]) and add back only what the process needs. Skipped: definitions that are not literal JSON.",
		Check: func(p *engine.Pass) {
			for _, td := range p.Stack.OfType("aws_ecs_task_definition") {
				cs, ok := containerDefinitions(td)
				if !ok {
					continue
				}
				for i, c := range cs {
					if engine.Bool(c["privileged"]) == engine.True {
						p.ReportAttrf(td, "container_definitions", "remove \"privileged\": true; drop all capabilities and add back only what is needed",
							"%s is privileged (root on the host, every device)", containerName(c, i))
					}
				}
			}
		},
	})
}
