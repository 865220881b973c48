package controls

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// Status is a control's verdict.
type Status string

// The statuses, in the order reports count them.
const (
	// Pass: every decider holds on every resource in scope.
	Pass Status = "pass"
	// Fail: a decider fails and no suppression with a reason covers it.
	Fail Status = "fail"
	// Excepted: every failure is covered by a suppression with a recorded reason.
	Excepted Status = "excepted"
	// Manual: the control cannot be decided from the configuration (or a
	// decider is not available: a rule not in this build, a value known
	// only after apply, an access tier that could not read the stack).
	Manual Status = "manual"
	// NotApplicable: nothing in the configuration is in the control's scope.
	NotApplicable Status = "not-applicable"
)

// Statuses lists every status in report order.
var Statuses = []Status{Pass, Fail, Excepted, Manual, NotApplicable}

// Evidence is one piece of what decided a control.
type Evidence struct {
	// Kind is rule, expectation, fact, scope or note.
	Kind string `json:"kind"`
	// ID is the rule id, expectation kind or fact id.
	ID string `json:"id,omitempty"`
	// Outcome is pass, fail, excepted or unknown (empty for notes).
	Outcome string `json:"outcome,omitempty"`
	// Address is the Terraform address the evidence is about.
	Address string `json:"address,omitempty"`
	// Location is file:line of the resource or attribute.
	Location string `json:"location,omitempty"`
	// Message says what was found.
	Message string `json:"message"`
	// Reason is the recorded reason of the suppression that excepts it.
	Reason string `json:"reason,omitempty"`
}

// Result is a control's status and evidence.
type Result struct {
	Framework string     `json:"framework"`
	Control   string     `json:"control"`
	Title     string     `json:"title"`
	Severity  string     `json:"severity,omitempty"`
	Scope     string     `json:"scope"`
	Status    Status     `json:"status"`
	Evidence  []Evidence `json:"evidence"`
}

// Input is what a compliance report is computed from: the stacks of one
// account, the guard's report over them, the access tier's results.
type Input struct {
	// Stacks are the configurations, judged together as one account.
	Stacks []*guard.Stack
	// Guard is the guard report over Stacks (all rules).
	Guard guard.Report
	// Access are the access tier's results per stack file; a stack whose
	// file is missing from the map was not evaluated (AccessErrors says why).
	Access map[string][]access.Result
	// AccessErrors says, per stack file, why the access tier did not run.
	AccessErrors map[string]string
	// RuleExists reports whether a guard rule id is in this build
	// (default guard.Lookup). A control naming a missing rule is manual.
	RuleExists func(id string) bool
	// BaselinedElsewhere says the account's baseline (password policy,
	// GuardDuty, Security Hub, ...) lives in another configuration:
	// account-scope controls are manual, with that note.
	BaselinedElsewhere bool
}

// Report is a framework's controls judged over one account.
type Report struct {
	Framework string   `json:"framework"`
	Name      string   `json:"name"`
	Version   string   `json:"version"`
	Source    string   `json:"source"`
	Stacks    []string `json:"stacks"`
	Controls  []Result `json:"controls"`
	// Summary counts the controls per status.
	Summary map[Status]int `json:"summary"`
}

// Count returns how many controls have status st.
func (r *Report) Count(st Status) int { return r.Summary[st] }

// Failing returns the failed controls whose severity is at least min
// ("" or "low": every failed control; CIS recommendations, which have no
// severity, always count).
func (r *Report) Failing(min string) []Result {
	var out []Result
	for _, c := range r.Controls {
		if c.Status != Fail {
			continue
		}
		if c.Severity == "" || SeverityRank(c.Severity) >= SeverityRank(min) {
			out = append(out, c)
		}
	}
	return out
}

// CountsLine is "N controls: a pass, b fail, c excepted, d manual, e not-applicable".
func (r *Report) CountsLine() string {
	parts := make([]string, len(Statuses))
	for i, st := range Statuses {
		parts[i] = fmt.Sprintf("%d %s", r.Summary[st], st)
	}
	return fmt.Sprintf("%d controls: %s", len(r.Controls), strings.Join(parts, ", "))
}

// Evaluate judges every control of framework fw over the input.
func (c *Catalogue) Evaluate(fw string, in Input) (*Report, error) {
	f, ok := c.Framework(fw)
	if !ok {
		return nil, fmt.Errorf("controls: unknown framework %q; want one of %s", fw, strings.Join(c.FrameworkIDs(), ", "))
	}
	if in.RuleExists == nil {
		in.RuleExists = func(id string) bool { _, ok := guard.Lookup(id); return ok }
	}
	e := &evaluator{cat: c, in: in, acct: account{stacks: in.Stacks}, facts: map[string][]factResult{}}
	rep := &Report{Framework: f.ID, Name: f.Name, Version: f.Version, Source: f.Source, Summary: map[Status]int{}}
	for _, s := range in.Stacks {
		rep.Stacks = append(rep.Stacks, s.File)
	}
	for _, st := range Statuses {
		rep.Summary[st] = 0
	}
	for i := range f.Controls {
		res := e.control(f, &f.Controls[i])
		rep.Summary[res.Status]++
		rep.Controls = append(rep.Controls, res)
	}
	return rep, nil
}

type evaluator struct {
	cat   *Catalogue
	in    Input
	acct  account
	facts map[string][]factResult
}

func (e *evaluator) inScope(types []string) []*guard.Resource {
	var out []*guard.Resource
	e.acct.each(types, func(_ *guard.Stack, r *guard.Resource) { out = append(out, r) })
	return out
}

func location(file string, line int) string {
	if line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}

func resLocation(r *guard.Resource, attr string) string {
	if r == nil {
		return ""
	}
	if attr != "" {
		if rg, ok := r.AttrRange(attr); ok {
			return location(rg.Filename, rg.Start.Line)
		}
	}
	return location(r.Range.Filename, r.Range.Start.Line)
}

// addressType is the resource type of an address ("data.x" kept whole).
func addressType(addr string) string {
	parts := strings.Split(addr, ".")
	if parts[0] == "data" && len(parts) > 1 {
		return "data." + parts[1]
	}
	return parts[0]
}

func (e *evaluator) control(f *Framework, ct *Control) Result {
	res := Result{Framework: f.ID, Control: ct.ID, Title: ct.Title, Severity: ct.Severity, Scope: ct.Scope}
	note := func(msg string) { res.Evidence = append(res.Evidence, Evidence{Kind: "note", Message: msg}) }
	if ct.NotApplicable != "" {
		res.Status = NotApplicable
		note(ct.NotApplicable)
		return res
	}
	scope := e.inScope(ct.ResourceTypes)
	if ct.Scope == "resource" && len(ct.ResourceTypes) > 0 && len(scope) == 0 {
		res.Status = NotApplicable
		note(fmt.Sprintf("no %s in the configuration", strings.Join(ct.ResourceTypes, ", ")))
		return res
	}
	if ct.Manual != "" {
		res.Status = Manual
		note(ct.Manual)
		return res
	}
	if ct.Scope == "account" && e.in.BaselinedElsewhere {
		res.Status = Manual
		note("account-level control: the account is baselined in another configuration (-baselined-elsewhere); judge it there, or pass that configuration too")
		return res
	}
	var missing []string
	for _, id := range ct.Rules {
		if !e.in.RuleExists(id) {
			missing = append(missing, "rule "+id)
		}
	}
	for _, k := range ct.Expectations {
		if !access.KnownKind(k) {
			missing = append(missing, "access expectation "+k)
		}
	}
	if len(missing) > 0 {
		res.Status = Manual
		note("undecided: " + strings.Join(missing, ", ") + " not in this build (the control is not judged on the remaining deciders alone)")
		return res
	}
	fail, unk, exc := false, false, false
	add := func(ev Evidence) {
		switch ev.Outcome {
		case "fail":
			fail = true
		case "unknown":
			unk = true
		case "excepted":
			exc = true
		}
		res.Evidence = append(res.Evidence, ev)
	}
	e.rules(ct, scope, add)
	e.expectations(ct, add)
	for _, id := range ct.Facts {
		e.fact(id, add)
	}
	switch {
	case fail:
		res.Status = Fail
	case unk:
		res.Status = Manual
	case exc:
		res.Status = Excepted
	default:
		res.Status = Pass
	}
	if ct.Note != "" {
		note(ct.Note)
	}
	return res
}

func (e *evaluator) rules(ct *Control, scope []*guard.Resource, add func(Evidence)) {
	if len(ct.Rules) == 0 {
		return
	}
	counts := ct.counts
	n := 0
	for _, f := range e.in.Guard.Findings {
		if counts(f) {
			n++
			add(Evidence{Kind: "rule", ID: f.RuleID, Outcome: "fail", Address: f.Address, Location: location(f.File, f.Line), Message: f.Message})
		}
	}
	for _, f := range e.in.Guard.Suppressed {
		if counts(f) {
			n++
			add(Evidence{Kind: "rule", ID: f.RuleID, Outcome: "excepted", Address: f.Address, Location: location(f.File, f.Line), Message: f.Message, Reason: f.Reason})
		}
	}
	if n == 0 {
		msg := fmt.Sprintf("no finding of %s", strings.Join(ct.Rules, ", "))
		if len(scope) > 0 {
			addrs := make([]string, 0, len(scope))
			for _, r := range scope {
				addrs = append(addrs, r.Address+" ("+resLocation(r, "")+")")
			}
			msg += " on " + strings.Join(addrs, ", ")
		}
		add(Evidence{Kind: "rule", ID: strings.Join(ct.Rules, ","), Outcome: "pass", Message: msg})
	}
}

func (e *evaluator) expectations(ct *Control, add func(Evidence)) {
	if len(ct.Expectations) == 0 {
		return
	}
	for _, s := range e.in.Stacks {
		results, ran := e.in.Access[s.File]
		if !ran {
			relevant := len(e.inScopeOf(s, ct.ResourceTypes)) > 0
			if relevant {
				why := e.in.AccessErrors[s.File]
				if why == "" {
					why = "the access tier did not run"
				}
				add(Evidence{Kind: "expectation", ID: strings.Join(ct.Expectations, ","), Outcome: "unknown", Location: s.File, Message: "access expectations not evaluated: " + why})
			}
			continue
		}
		for _, r := range results {
			if !slices.Contains(ct.Expectations, r.Kind) {
				continue
			}
			ev := Evidence{Kind: "expectation", ID: r.Kind, Address: r.Subject, Location: resLocation(s.Lookup(r.Subject), "")}
			verb := "allowed"
			if !r.Decision.Allowed {
				verb = "denied"
			}
			ev.Message = fmt.Sprintf("%s %s on %s: %s", r.Request.Principal, r.Request.Action, r.Request.Resource, verb)
			if r.Holds() {
				ev.Outcome = "pass"
			} else {
				ev.Outcome = "fail"
				ev.Message += " (" + r.Decision.Reason + ")"
			}
			add(ev)
		}
	}
}

func (e *evaluator) inScopeOf(s *guard.Stack, types []string) []*guard.Resource {
	var out []*guard.Resource
	for _, t := range types {
		out = append(out, s.OfType(t)...)
	}
	return out
}

func (e *evaluator) fact(id string, add func(Evidence)) {
	f, _ := e.cat.Fact(id)
	results, done := e.facts[id]
	if !done {
		results = evalFact(f, e.acct)
		e.facts[id] = results
	}
	if len(results) == 0 {
		add(Evidence{Kind: "fact", ID: id, Outcome: "pass", Message: fmt.Sprintf("no %s in the configuration: nothing to judge (want: %s)", strings.Join(f.Types, ", "), f.Title)})
	}
	for _, r := range results {
		ev := Evidence{Kind: "fact", ID: id, Message: r.Message, Location: resLocation(r.Resource, r.Attr)}
		if r.Resource != nil {
			ev.Address = r.Resource.Address
		}
		switch r.Outcome {
		case holds:
			ev.Outcome = "pass"
		case unknown:
			ev.Outcome = "unknown"
		default:
			ev.Outcome = "fail"
			if sp, ok := e.suppression(id, r); ok {
				ev.Outcome, ev.Reason = "excepted", sp.Reason
			}
		}
		add(ev)
	}
}

// suppression finds the suppression of fact id covering r: on a resource,
// one recorded at its construct path or an ancestor's; for the account
// (no resource), one recorded in any of the account's stacks.
func (e *evaluator) suppression(id string, r factResult) (guard.Suppression, bool) {
	if r.Resource == nil {
		for _, s := range e.in.Stacks {
			for _, sp := range s.Suppressions {
				if sp.Rule == id {
					return sp, true
				}
			}
		}
		return guard.Suppression{}, false
	}
	path := r.Resource.Path
	if path == "" || r.Stack == nil {
		return guard.Suppression{}, false
	}
	for _, sp := range r.Stack.Suppressions {
		if sp.Rule == id && (path == sp.Path || strings.HasPrefix(path, sp.Path+"/")) {
			return sp, true
		}
	}
	return guard.Suppression{}, false
}
