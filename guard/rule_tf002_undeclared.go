package guard

import "strings"

func init() {
	register(Rule{
		ID:       "TF002",
		Title:    "reference to an undeclared object",
		Severity: Error,
		Doc: "A ${...} reference or depends_on entry names a resource, data source, local, variable or module " +
			"that the configuration does not declare; terraform validate fails with \"Reference to undeclared resource\".",
		Check: func(p *Pass) {
			g := p.Stack.Graph()
			for _, addr := range g.order {
				n := g.nodes[addr]
				for _, d := range n.deps {
					if _, ok := g.nodes[d]; ok {
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
					p.ReportAt(addr, n.path, "refers to "+what+" "+d+", which is not declared in this stack",
						"declare "+d+" in this stack, or refer to an object that exists (check for a typo or a resource defined only in another stack)")
				}
			}
		},
	})
}
