package testkit

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/controls"
)

// RequireControls judges the stack against a compliance framework ("fsbp"
// or "cis-aws-v5.0.0", see package guard/controls) and fails the test for
// every listed control that is not met: a control must pass, or be
// excepted (each failure covered by a suppression with a recorded reason,
// suppress.Fact or suppress.Rule). With no ids, every control that fails
// fails the test. Each failure is reported with its evidence (rule, fact
// or expectation, resource address and file:line). The stack is judged as
// one account: account-level controls (password policy, GuardDuty, ...)
// fail unless the stack declares them; judge a stack deployed into an
// account baselined elsewhere with RequireControlsIn and
// BaselinedElsewhere. It returns the report.
func RequireControls(t testing.TB, d *Doc, framework string, ids ...string) *controls.Report {
	t.Helper()
	return RequireControlsIn(t, []*Doc{d}, controls.CheckOptions{}, framework, ids...)
}

// RequireControlsIn is RequireControls over several stacks judged together
// as one account (an application stack and the account's baseline stack),
// with options.
func RequireControlsIn(t testing.TB, docs []*Doc, opts controls.CheckOptions, framework string, ids ...string) *controls.Report {
	t.Helper()
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatalf("compliance: %v", err)
		return nil
	}
	paths := make([]string, len(docs))
	for i, d := range docs {
		paths[i] = d.Path
	}
	reps, _, err := cat.CheckPaths(paths, opts, framework)
	if err != nil {
		t.Fatalf("compliance %s: %v", framework, err)
		return nil
	}
	rep := reps[0]
	byID := map[string]controls.Result{}
	for _, c := range rep.Controls {
		byID[c.Control] = c
	}
	check := func(c controls.Result) {
		t.Helper()
		if c.Status == controls.Pass || c.Status == controls.Excepted {
			return
		}
		t.Errorf("compliance %s %s (%s): %s", framework, c.Control, c.Title, c.Status)
		for _, ev := range c.Evidence {
			if ev.Outcome != "pass" {
				t.Errorf("    %s", ev)
			}
		}
	}
	if len(ids) == 0 {
		for _, c := range rep.Controls {
			if c.Status == controls.Fail {
				check(c)
			}
		}
		return rep
	}
	for _, id := range ids {
		c, ok := byID[id]
		if !ok {
			t.Errorf("compliance %s: no control %q in the catalogue", framework, id)
			continue
		}
		check(c)
	}
	return rep
}
