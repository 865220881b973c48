package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "TF002",
		Title:    "reference to an undeclared object",
		Severity: engine.Error,
		Doc: "A ${...} reference or depends_on entry names a resource, data source, local, variable or module " +
			"that the configuration does not declare; terraform validate fails with \"Reference to undeclared resource\".",
		Check: func(p *engine.Pass) {
			g := p.Stack.Graph()
			for _, addr := range g.Order() {
				n := g.Node(addr)
				for _, d := range n.Deps {
					if g.Node(d) != nil {
						continue
					}
					what := "resource"
					switch {
					case strings.HasPrefix(d, "data."):
						what = "data source"
					case strings.HasPrefix(d, "local."):
						what = "local value"
					case strings.HasPrefix(d, "var."):
						what = "variable"
					case strings.HasPrefix(d, "module."):
						what = "module"
					}
					p.ReportAt(addr, n.Path, "refers to "+what+" "+d+", which is not declared in this stack",
						"declare "+d+" in this stack, or refer to an object that exists (check for a typo or a resource defined only in another stack)")
				}
			}
		},
	})
}
