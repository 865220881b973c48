package rules

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
	"github.com/hashicorp/hcl/v2"
)

// fileStart is the position of a file's first character.
func fileStart(file string) hcl.Range {
	return hcl.Range{Filename: file, Start: hcl.InitialPos, End: hcl.InitialPos}
}

func init() {
	register(engine.Rule{
		ID:       "MOD001",
		Title:    "file checked alone looks like part of a module",
		Severity: engine.Info,
		Doc: "A single file (other than a cdktf cdk.tf.json) refers to variables, locals, data sources, modules or " +
			"resources it does not declare. Terraform reads all *.tf and *.tf.json files of a folder as one module, " +
			"so they are probably declared in sibling files: instead of one TF002 error per reference, this note " +
			"says so once. Check the module folder to have every reference resolved.",
		Check: func(p *engine.Pass) {
			if !p.Stack.Partial {
				return
			}
			g := p.Stack.Graph()
			kinds := map[string]bool{}
			var missing []string
			seen := map[string]bool{}
			for _, addr := range g.Order() {
				for _, d := range g.Node(addr).Deps {
					if g.Node(d) != nil || seen[d] {
						continue
					}
					seen[d] = true
					missing = append(missing, d)
					kind, _, _ := strings.Cut(d, ".")
					switch kind {
					case "var", "local", "data", "module":
					default:
						kind = "resource"
					}
					kinds[kind] = true
				}
			}
			if len(missing) == 0 {
				return
			}
			sort.Strings(missing)
			var ks []string
			for k := range kinds {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			example := missing
			if len(example) > 3 {
				example = example[:3]
			}
			p.ReportRange(filepath.Base(p.Stack.File), "", fileStart(p.Stack.File), fmt.Sprintf(
				"looks like part of a module: %d referenced object(s) (%s) are not declared in this file, e.g. %s; they are not reported one by one",
				len(missing), strings.Join(ks, ", "), strings.Join(example, ", ")),
				"check the module folder (all its *.tf and *.tf.json files together) so every reference can be resolved")
		},
	})
}
