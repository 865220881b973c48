package testkit

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// Guard runs every guard rule on the stack and fails the test with one line
// per finding (rule, severity, address, message and fix). Findings that a
// suppression recorded in the stack covers (constructs/suppress.Rule) do not
// fail it; they are logged with their reason. It returns the report.
func Guard(t testing.TB, d *Doc) guard.Report {
	t.Helper()
	return GuardWith(t, d, guard.Options{})
}

// GuardWith is Guard with guard options: a subset of the rules, or the date
// runtime deprecations are judged against.
func GuardWith(t testing.TB, d *Doc, opts guard.Options) guard.Report {
	t.Helper()
	rep, err := guard.CheckFile(d.Path, opts)
	if err != nil {
		t.Fatalf("guard %s: %v", d.Path, err)
		return rep
	}
	for _, f := range rep.Suppressed {
		t.Logf("guard: suppressed %s %s: %s", f.RuleID, f.Address, f.Reason)
	}
	for _, f := range rep.Findings {
		t.Errorf("guard: %s", f)
	}
	return rep
}
