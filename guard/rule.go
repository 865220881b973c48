package guard

import (
	"fmt"
	"sort"
	"time"
)

// Rule is one check over a synthesized stack.
type Rule struct {
	// ID is stable and used in suppressions, e.g. "CT001".
	ID string
	// Title is a one-line summary.
	Title string
	// Severity applies to every finding of the rule.
	Severity Severity
	// Doc explains why the rule exists and what passes.
	Doc string
	// Check inspects pass.Stack and calls pass.Report for each problem.
	Check func(pass *Pass)
}

// Pass is one rule running over one stack.
type Pass struct {
	// Stack is the parsed cdk.tf.json.
	Stack *Stack
	// Rule is the running rule.
	Rule *Rule
	// Now is the date deprecations are judged against.
	Now      time.Time
	findings []Finding
}

// Report records a finding on resource r.
func (p *Pass) Report(r *Resource, message, fix string) {
	p.ReportAt(r.Address, r.Path, message, fix)
}

// Reportf is Report with a formatted message.
func (p *Pass) Reportf(r *Resource, fix, format string, args ...any) {
	p.Report(r, fmt.Sprintf(format, args...), fix)
}

// ReportAt records a finding at an address that may not be a resource (module.x, local.y).
func (p *Pass) ReportAt(address, path, message, fix string) {
	p.findings = append(p.findings, Finding{
		RuleID: p.Rule.ID, Severity: p.Rule.Severity, Address: address, Path: path,
		File: p.Stack.File, Message: message, Fix: fix,
	})
}

var registry = map[string]*Rule{}

func register(r Rule) {
	if _, dup := registry[r.ID]; dup {
		panic("guard: duplicate rule " + r.ID)
	}
	if r.Severity < Info || r.Severity > Error || r.Check == nil || r.Title == "" || r.Doc == "" {
		panic("guard: incomplete rule " + r.ID)
	}
	registry[r.ID] = &r
}

// Rules returns every rule, sorted by ID.
func Rules() []Rule {
	out := make([]Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	r, ok := registry[id]
	if !ok {
		return Rule{}, false
	}
	return *r, true
}
