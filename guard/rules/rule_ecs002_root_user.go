package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "ECS002",
		Title:    "ECS container runs as root",
		Severity: engine.Warning,
		Doc: "A container of an aws_ecs_task_definition whose \"user\" is unset (it runs as the image's user, root " +
			"unless the image says otherwise), \"root\", \"0\" or \"0:<gid>\" / \"root:<group>\". Why: root in the " +
			"container owns every file of the image and is one kernel bug away from the host " +
			"(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security, " +
			"user). Fix: \"user\": \"1000:1000\" (a uid the image's files allow); container.NewService sets it. " +
			"Skipped: Windows task definitions (runtime_platform.operating_system_family WINDOWS_*), definitions that " +
			"are not literal JSON, users set by expressions.",
		Check: func(p *engine.Pass) {
			for _, td := range p.Stack.OfType("aws_ecs_task_definition") {
				if rp := engine.FirstObject(td.Body["runtime_platform"]); rp != nil && strings.HasPrefix(engine.Str(rp["operating_system_family"]), "WINDOWS") {
					continue
				}
				cs, ok := containerDefinitions(td)
				if !ok {
					continue
				}
				fix := "set \"user\": \"1000:1000\" (an unprivileged uid:gid) in the container definition"
				for i, c := range cs {
					u, set := c["user"].(string)
					if _, present := c["user"]; present && !set {
						continue
					}
					if engine.HasInterp(u) {
						continue
					}
					uid, _, _ := strings.Cut(u, ":")
					switch {
					case !set || u == "":
						p.ReportAttrf(td, "container_definitions", fix, "%s sets no user: it runs as the image's user, root unless the image says otherwise", containerName(c, i))
					case uid == "0" || uid == "root":
						p.ReportAttrf(td, "container_definitions", fix, "%s runs as root (user %s)", containerName(c, i), engine.Quote(u))
					}
				}
			}
		},
	})
}
