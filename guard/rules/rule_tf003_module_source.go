package rules

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "TF003",
		Title:    "local module source does not exist",
		Severity: engine.Error,
		Doc: "A module block whose source is a local path (./ or ../) that does not exist next to the stack " +
			"makes terraform init fail (\"Unreadable module directory\").",
		Check: func(p *engine.Pass) {
			for _, name := range engine.SortedKeys(engine.AnyMap(p.Stack.Modules)) {
				src := engine.Str(p.Stack.Modules[name]["source"])
				if !strings.HasPrefix(src, "./") && !strings.HasPrefix(src, "../") {
					continue
				}
				dir := filepath.Join(p.Stack.Dir, filepath.FromSlash(src))
				if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
					continue
				}
				p.ReportAt("module."+name, "", "module source "+engine.Quote(src)+" does not exist (looked for "+dir+")",
					"create the module folder, fix the path (relative to the stack folder), or declare the resources directly in the stack")
			}
		},
	})
}
