package rules

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// ruleCase is one table entry for a rule's unit test: a stack given as its
// "resource" (and optional other top-level) JSON, and the findings expected
// as "address: message fragment" (none for a passing case).
type ruleCase struct {
	name string
	doc  string
	want []string
}

// runRuleCases checks each case with only rule id: every wanted finding must
// appear (address equal, message containing the fragment) and no other.
func runRuleCases(t *testing.T, id string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := engine.ParseStack([]byte(tc.doc))
			if err != nil {
				t.Fatalf("fixture: %v", err)
			}
			rep, err := CheckStack(s, Options{Now: testNow, Rules: []string{id}})
			if err != nil {
				t.Fatal(err)
			}
			got := rep.Findings
			for _, w := range tc.want {
				addr, frag, _ := strings.Cut(w, ": ")
				found := -1
				for i, f := range got {
					if f.Address == addr && strings.Contains(f.Message, frag) {
						found = i
						break
					}
				}
				if found < 0 {
					t.Errorf("%s: want a finding on %s containing %q; got:%s", id, addr, frag, dump(rep.Findings))
					continue
				}
				got = append(got[:found:found], got[found+1:]...)
			}
			for _, f := range got {
				t.Errorf("%s: unexpected finding: %s", id, f)
			}
		})
	}
}
