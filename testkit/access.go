package testkit

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
)

// AccessProof runs the access tier (package access, the same check as
// go run ./cmd/accesscheck) on path: a stack folder, a cdk.tf.json or a
// cdktf.out folder. It fails the test once for each expectation that does
// not hold, naming the expectation, the request and why it was decided as
// it was, and once for each unsuppressed external-access finding (the
// statement, who gets in and one request from outside it allows), and returns the reports for further assertions. References that
// cannot be resolved offline are bound to bind (zero fields take the
// defaults: placeholder account 123456789012, the provider's region).
func AccessProof(t testing.TB, path string, bind access.Binding) []*access.Report {
	t.Helper()
	files, err := access.StackFiles(path)
	if err != nil {
		t.Fatalf("access: %v", err)
	}
	var reps []*access.Report
	for _, f := range files {
		rep, err := access.CheckFile(f, bind)
		if err != nil {
			t.Fatalf("access: %v", err)
		}
		for _, r := range rep.Failed() {
			want := "allowed"
			if !r.Allow {
				want = "denied"
			}
			t.Errorf("access: %s: %s %s on %s must be %s: %s (%v); see %s", r.ID(), r.Request.Principal, r.Request.Action,
				r.Request.Resource, want, r.Decision.Reason, r.Decision.Deciding, r.Doc)
		}
		for _, f := range rep.Findings {
			t.Errorf("access: external access: %s: %s may %s on %s; %s (e.g. %s %s %s); fix the policy or record an access suppression with a reason",
				f.Statement, f.Who, strings.Join(f.Actions, ", "), f.ARN, f.Why, f.Witness.Principal, f.Witness.Action, f.Witness.Resource)
		}
		reps = append(reps, rep)
	}
	return reps
}
