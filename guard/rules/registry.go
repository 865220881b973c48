package rules

import (
	"sort"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// registry holds the rules by ID; register adds one (from an init function).
var registry = map[string]*engine.Rule{}

func register(r engine.Rule) {
	if _, dup := registry[r.ID]; dup {
		panic("guard: duplicate rule " + r.ID)
	}
	if r.Severity < engine.Info || r.Severity > engine.Error || r.Check == nil || r.Title == "" || r.Doc == "" {
		panic("guard: incomplete rule " + r.ID)
	}
	registry[r.ID] = &r
}

// All returns every rule of the pack, sorted by ID. Each rule is declared
// in its own file (rule_<id>_<topic>.go) and registered by its init.
func All() []engine.Rule {
	out := make([]engine.Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (engine.Rule, bool) {
	r, ok := registry[id]
	if !ok {
		return engine.Rule{}, false
	}
	return *r, true
}
