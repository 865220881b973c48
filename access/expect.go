package access

import (
	"fmt"
	"sort"
	"strings"
)

// Expectation is one request a stack must allow or must refuse.
type Expectation struct {
	// Kind is the stable name of the expectation, the same for every stack,
	// e.g. "cloudtrail.s3-put-object" (see Kinds).
	Kind string
	// Subject is the Terraform address of the resource that implies it,
	// e.g. "aws_cloudtrail.trail_3987B402".
	Subject string
	// Allow is true when the request must be allowed, false when it must
	// be denied.
	Allow bool
	// Doc is the AWS documentation page that gives the request and its
	// context.
	Doc     string
	Request Request
	// Outsider marks a principal of another account whose own account
	// allows it everything: only the stack's resource policies can stop it.
	Outsider bool
}

// ID is Kind and Subject: unique within a stack.
func (e Expectation) ID() string { return e.Kind + " " + e.Subject }

// Result is an expectation with the evaluator's decision.
type Result struct {
	Expectation
	Decision Decision
}

// Holds reports whether the decision is the expected one.
func (r Result) Holds() bool { return r.Decision.Allowed == r.Allow }

// Report is the outcome of checking one stack.
type Report struct {
	File    string
	Bind    Binding
	Results []Result
	// Unresolved lists references bound to nothing (see Stack.Resolve).
	Unresolved []string
	// Managed lists AWS managed policies attached to roles, which the
	// tier does not evaluate (their text is not available offline).
	Managed []string
	// Findings are the statements of resource-based policies and grants
	// that let a principal outside the zone of trust in (this account, or
	// Bind.Org), with no suppression.
	Findings []Finding
	// Suppressed are findings accepted by a suppression, with its reason.
	Suppressed []Finding
	// Notes list what the external-access analysis could not judge
	// offline (e.g. a principal from a variable).
	Notes []string
}

// OK reports whether every expectation holds and no unsuppressed
// external-access finding remains.
func (r *Report) OK() bool { return len(r.Failed()) == 0 && len(r.Findings) == 0 }

// FindingsText renders the findings and the suppressed findings, one
// block each: the statement, who gets in with which actions, why no
// condition stops it, and one request from outside the policy allows.
func (r *Report) FindingsText() string {
	var b strings.Builder
	for _, group := range []struct {
		label string
		list  []Finding
	}{{"FINDING", r.Findings}, {"suppressed", r.Suppressed}} {
		for _, f := range group.list {
			fmt.Fprintf(&b, "%s %s\n      %s may %s on %s\n      %s\n      e.g. %s %s %s", group.label, f.Statement, f.Who, strings.Join(f.Actions, ", "), f.ARN,
				f.Why, f.Witness.Principal, f.Witness.Action, f.Witness.Resource)
			if f.Reason != "" {
				fmt.Fprintf(&b, "\n      accepted: %s", f.Reason)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// Failed returns the results that do not hold.
func (r *Report) Failed() []Result {
	var out []Result
	for _, res := range r.Results {
		if !res.Holds() {
			out = append(out, res)
		}
	}
	return out
}

// OutsiderAccount is the account of the outsider principal the denial
// expectations use.
const OutsiderAccount = "111122223333"

// outsiderPolicy allows everything: the outsider's own account lets it do
// anything, so only the stack's policies can refuse it.
var outsiderPolicy = &Policy{ID: "outsider's own account (Allow * on *)", Version: "2012-10-17",
	Statements: []Statement{{Sid: "AllowAll", Effect: "Allow", Action: []string{"*"}, Resource: []string{"*"}, HasResource: true}}}

// Check evaluates every expectation the stack's integrations imply.
func Check(s *Stack) (*Report, error) {
	ix := s.index()
	if err := ix.err(); err != nil {
		return nil, err
	}
	rep := &Report{File: s.File, Bind: s.Bind}
	seen := map[string]bool{}
	for _, in := range Integrations {
		for _, name := range s.Resources(in.Type) {
			for _, e := range in.Expect(s, name) {
				if e.Subject == "" {
					e.Subject = in.Type + "." + name
				}
				if seen[e.ID()] {
					continue
				}
				seen[e.ID()] = true
				if e.Request.ResourceAccount == "" {
					e.Request.ResourceAccount = s.Bind.Account
				}
				e.Request = withAWSContext(e.Request, s.Bind.Region)
				var extra []*Policy
				if e.Outsider {
					extra = []*Policy{outsiderPolicy}
				}
				d := Evaluate(e.Request, ix.policiesFor(e.Request, extra))
				rep.Results = append(rep.Results, Result{Expectation: e, Decision: d})
			}
		}
	}
	sups, err := s.suppressions()
	if err != nil {
		return nil, err
	}
	findings, notes := s.analyze(ix)
	var more []string
	rep.Findings, rep.Suppressed, more = applySuppressions(findings, sups)
	rep.Notes = append(notes, more...)
	rep.Unresolved = s.Unresolved()
	for role, list := range ix.managed {
		for _, p := range list {
			rep.Managed = append(rep.Managed, p+" on "+role)
		}
	}
	sort.Strings(rep.Managed)
	return rep, nil
}

// Table renders the results, one line each: outcome, expectation id,
// principal, action, resource and the deciding statement(s).
func (r *Report) Table() string {
	var b strings.Builder
	for _, res := range r.Results {
		status := "ok  "
		if !res.Holds() {
			status = "FAIL"
		}
		want := "allow"
		if !res.Allow {
			want = "deny "
		}
		got := "allowed"
		if !res.Decision.Allowed {
			got = "denied"
		}
		by := strings.Join(res.Decision.Deciding, " + ")
		if by == "" {
			by = res.Decision.Reason
		}
		fmt.Fprintf(&b, "%s want %s %-7s %s\n      %s %s %s\n      by %s\n", status, want, got, res.ID(),
			res.Request.Principal, res.Request.Action, res.Request.Resource, by)
	}
	return b.String()
}

// KnownKind reports whether kind is one of Kinds.
func KnownKind(kind string) bool {
	for _, k := range Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Markdown renders the results as a Markdown table, one row per
// expectation kind: the principal, action and outcome, how many resources
// it was proven for, and the deciding statements.
func (r *Report) Markdown() string {
	type row struct {
		kind, principal, action, want, got string
		n                                  int
		by                                 []string
	}
	var rows []*row
	index := map[string]*row{}
	for _, res := range r.Results {
		want, got := "allow", "allowed"
		if !res.Allow {
			want = "deny"
		}
		if !res.Decision.Allowed {
			got = "denied"
		}
		if !res.Holds() {
			got = "**" + got + "**"
		}
		p := res.Request.Principal.String()
		if res.Request.Principal.Kind == IAMPrincipal {
			// Show the principal's role, not the account-specific ARN.
			p = p[strings.LastIndex(p, ":")+1:]
		}
		key := res.Kind + "\x00" + got
		rw, ok := index[key]
		if !ok {
			rw = &row{kind: res.Kind, principal: p, action: res.Request.Action, want: want, got: got}
			index[key] = rw
			rows = append(rows, rw)
		}
		rw.n++
		by := strings.Join(res.Decision.Deciding, " + ")
		if by == "" {
			by = res.Decision.Reason
		}
		// Keep the statement's Sid and the resource type, not the unique suffix.
		seen := false
		for _, b := range rw.by {
			if b == by {
				seen = true
			}
		}
		if !seen && len(rw.by) < 3 {
			rw.by = append(rw.by, by)
		}
	}
	var b strings.Builder
	b.WriteString("| expectation | principal | action | proven for | want | got | deciding statement |\n|---|---|---|---|---|---|---|\n")
	for _, rw := range rows {
		fmt.Fprintf(&b, "| `%s` | %s | `%s` | %d | %s | %s | %s |\n", rw.kind, rw.principal, rw.action, rw.n, rw.want, rw.got, strings.Join(rw.by, "; "))
	}
	return b.String()
}
