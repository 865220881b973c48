package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "MOD002",
		Title:    "module call not followed",
		Severity: engine.Info,
		Doc: "The guard follows module calls whose source is a local folder, and registry or remote modules that " +
			"terraform init has fetched into .terraform/modules (its modules.json). Any other call is said once here: " +
			"the module's resources are not checked. Run terraform init (-backend=false is enough) before the guard to " +
			"have them checked.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, name := range engine.SortedKeys(engine.AnyMap(s.Unfollowed)) {
				p.ReportAt("module."+name, "", "module call not followed: "+s.Unfollowed[name],
					"run terraform init (-backend=false) so .terraform/modules holds it, or check the module's own folder")
			}
		},
	})
}
