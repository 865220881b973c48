package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "TF001",
		Title:    "dependency cycle",
		Severity: engine.Error,
		Doc: "Terraform refuses a configuration whose dependency graph has a cycle (\"Error: Cycle: ...\"). " +
			"The graph is built from every ${...} reference and every depends_on entry between resources, " +
			"data sources, locals, modules and outputs. Typical cause: two security groups whose inline rules " +
			"reference each other, or a bucket policy that names the trail's ARN through the trail resource " +
			"while the trail depends on the policy. Loops that pass through a module call are not reported " +
			"(which module outputs depend on which inputs is decided inside the module).",
		Check: func(p *engine.Pass) {
			g := p.Stack.Graph()
			for _, cyc := range g.Cycles() {
				path := ""
				if n := g.Node(cyc[0]); n != nil {
					path = n.Path
				}
				p.ReportAt(cyc[0], path, "dependency cycle: "+strings.Join(cyc, " -> "),
					"break one edge: build the value from a fixed name instead of the other resource's attribute "+
						"(e.g. the trail ARN from its name), or move inline security group rules into separate rule resources")
			}
		},
	})
}
