package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "ECS003",
		Title:    "ECS container with a writable root filesystem",
		Severity: engine.Warning,
		Doc: "A container of an aws_ecs_task_definition without \"readonlyRootFilesystem\": true (the default is " +
			"false). Why: an attacker who gets code execution can rewrite the application and drop tools into the " +
			"image's directories; a read-only root leaves only the volumes you mount writable " +
			"(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_storage; " +
			"Security Hub ECS.5). Fix: \"readonlyRootFilesystem\": true with a volume for /tmp (container.NewService " +
			"does both). Skipped: definitions that are not literal JSON, values set by expressions.",
		Check: func(p *engine.Pass) {
			for _, td := range p.Stack.OfType("aws_ecs_task_definition") {
				cs, ok := containerDefinitions(td)
				if !ok {
					continue
				}
				for i, c := range cs {
					switch engine.Bool(c["readonlyRootFilesystem"]) {
					case engine.Unset, engine.False:
						p.ReportAttrf(td, "container_definitions", "set \"readonlyRootFilesystem\": true and mount a volume where the process writes (/tmp)",
							"%s has a writable root filesystem (readonlyRootFilesystem not true)", containerName(c, i))
					}
				}
			}
		},
	})
}
