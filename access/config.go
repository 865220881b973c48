package access

import (
	"os"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// LoadConfig reads any Terraform configuration for the access tier: a
// synthesized cdk.tf.json or another Terraform JSON file (as LoadStack), a
// native-syntax .tf file, or a module folder (its *.tf and *.tf.json files,
// override files merged the way Terraform merges them, read with package
// guard/engine). Dynamic blocks appear as the blocks they produce; input
// variables resolve to their literal defaults and locals to their literal
// values (see Stack.Resolve); module calls are not followed.
func LoadConfig(path string, bind Binding) (*Stack, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() && strings.HasSuffix(path, ".json") {
		return LoadStack(path, bind)
	}
	es, err := engine.LoadStack(path)
	if err != nil {
		return nil, err
	}
	doc := map[string]any{}
	res, data := map[string]any{}, map[string]any{}
	for _, r := range es.Resources {
		top := res
		if r.Data {
			top = data
		}
		byName, _ := top[r.Type].(map[string]any)
		if byName == nil {
			byName = map[string]any{}
			top[r.Type] = byName
		}
		byName[r.Name] = r.Body
	}
	doc["resource"], doc["data"] = res, data
	if len(es.Locals) > 0 {
		doc["locals"] = es.Locals
	}
	if len(es.Variables) > 0 {
		vars := map[string]any{}
		for n, v := range es.Variables {
			vars[n] = v
		}
		doc["variable"] = vars
	}
	for _, k := range []string{"provider", "//"} {
		if v, ok := es.Raw[k]; ok {
			doc[k] = v
		}
	}
	return NewStack(path, doc, bind)
}

// variableOrLocal resolves var.NAME to the variable's literal default
// and local.NAME to the local's literal value (each resolved in turn);
// ok is false for anything else (no default, a list or an object).
func (s *Stack) variableOrLocal(expr string, depth int) (string, bool) {
	switch {
	case strings.HasPrefix(expr, "var."):
		vars, _ := s.doc["variable"].(map[string]any)
		v, _ := vars[strings.TrimPrefix(expr, "var.")].(map[string]any)
		def, ok := v["default"].(string)
		if !ok {
			return "", false
		}
		return s.resolve(def, depth+1), true
	case strings.HasPrefix(expr, "local."):
		locals := map[string]any{}
		switch l := s.doc["locals"].(type) {
		case map[string]any:
			locals = l
		case []any: // Terraform JSON allows a list of locals objects
			for _, x := range l {
				if m, ok := x.(map[string]any); ok {
					for k, v := range m {
						locals[k] = v
					}
				}
			}
		}
		v, ok := locals[strings.TrimPrefix(expr, "local.")].(string)
		if !ok {
			return "", false
		}
		return s.resolve(v, depth+1), true
	}
	return "", false
}
