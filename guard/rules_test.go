package guard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testNow fixes the date runtime deprecations are judged against.
var testNow = time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC)

func findingsOf(rep Report, id string) []Finding {
	var out []Finding
	for _, f := range rep.Findings {
		if f.RuleID == id {
			out = append(out, f)
		}
	}
	return out
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  " + f.String())
	}
	return b.String()
}

// TestRuleFixtures runs every rule over its pass and fail fixtures: the rule
// must fire on fail and stay silent on pass, and all other rules must run on
// both without error.
func TestRuleFixtures(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			for _, kind := range []string{"pass", "fail"} {
				file := filepath.Join("testdata", r.ID, kind, "cdk.tf.json")
				if _, err := os.Stat(file); err != nil {
					t.Fatalf("%s: missing fixture: %v", r.ID, err)
				}
				rep, err := CheckFile(file, Options{Now: testNow})
				if err != nil {
					t.Fatalf("%s: all rules: %v", file, err)
				}
				got := findingsOf(rep, r.ID)
				switch {
				case kind == "fail" && len(got) == 0:
					t.Errorf("%s: rule %s did not fire; findings of other rules:%s", file, r.ID, dump(rep.Findings))
				case kind == "pass" && len(got) > 0:
					t.Errorf("%s: rule %s fired on the passing fixture:%s", file, r.ID, dump(got))
				}
				for _, f := range got {
					if f.Address == "" || f.Message == "" || f.Fix == "" || f.Severity != r.Severity || f.File != file {
						t.Errorf("%s: incomplete finding %+v", file, f)
					}
				}
			}
		})
	}
}

// TestRulesDocumented checks every rule is complete and listed in the package doc table.
func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if r.Title == "" || r.Doc == "" {
			t.Errorf("%s: missing title or doc", r.ID)
		}
		want := r.ID + " "
		line := ""
		for _, l := range strings.Split(string(doc), "\n") {
			if strings.Contains(l, want) {
				line = l
			}
		}
		if line == "" {
			t.Errorf("%s: not in the doc.go rule table", r.ID)
		} else if !strings.Contains(line, r.Severity.String()) {
			t.Errorf("%s: doc.go says %q; severity is %s", r.ID, strings.TrimSpace(line), r.Severity)
		}
	}
}
