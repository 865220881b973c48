package reference_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/controls"
)

// readme is the repository README, whose compliance figures this file keeps true.
const readme = "../../README.md"

// complianceReports judges dev and prod in both frameworks, as
// go run ./cmd/guard -compliance does.
func complianceReports(t *testing.T) map[string][]*controls.Report {
	t.Helper()
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]*controls.Report{}
	for _, env := range []string{"dev", "prod"} {
		doc := synth.Get(t).Stack(t, "acme-"+env)
		reps, _, err := cat.CheckPaths([]string{doc.Dir()}, controls.CheckOptions{}, cat.FrameworkIDs()...)
		if err != nil {
			t.Fatal(err)
		}
		out[env] = reps
	}
	return out
}

// complianceFigures renders the README's three generated blocks: the counts
// per status, the deliberate deviations and dev's FSBP table.
func complianceFigures(reps map[string][]*controls.Report) map[string]string {
	var counts, devs strings.Builder
	counts.WriteString("| environment | framework | controls | pass | fail | excepted | manual | not-applicable |\n|---|---|---|---|---|---|---|---|\n")
	devs.WriteString("| environment | framework | control | excepted by | resource | reason |\n|---|---|---|---|---|---|\n")
	var failing []string
	for _, env := range []string{"dev", "prod"} {
		for _, r := range reps[env] {
			fmt.Fprintf(&counts, "| %s | %s | %d |", env, r.Framework, len(r.Controls))
			for _, st := range controls.Statuses {
				fmt.Fprintf(&counts, " %d |", r.Count(st))
			}
			counts.WriteString("\n")
			for _, c := range r.Controls {
				if c.Status == controls.Fail {
					failing = append(failing, env+" "+r.Framework+" "+c.Control)
				}
				for _, ev := range c.Evidence {
					if ev.Outcome != "excepted" {
						continue
					}
					addr := ev.Address
					if addr == "" {
						addr = "(account)"
					}
					fmt.Fprintf(&devs, "| %s | %s | %s | %s %s | `%s` | %s |\n", env, r.Framework, c.Control, ev.Kind, ev.ID, addr, strings.ReplaceAll(ev.Reason, "|", `\|`))
				}
			}
		}
	}
	if len(failing) == 0 {
		counts.WriteString("\nNo control fails in either environment or framework.\n")
	} else {
		fmt.Fprintf(&counts, "\nFailing: %s.\n", strings.Join(failing, ", "))
	}
	var fsbp bytes.Buffer
	var na []string
	for _, r := range reps["dev"] {
		if r.Framework != "fsbp" {
			continue
		}
		shown := *r
		shown.Controls = nil
		for _, c := range r.Controls {
			if c.Status == controls.NotApplicable {
				na = append(na, c.Control)
			} else {
				shown.Controls = append(shown.Controls, c)
			}
		}
		fsbp.WriteString("| Control | Title | Severity | Status | Evidence |\n|---|---|---|---|---|\n")
		var md bytes.Buffer
		_ = shown.WriteMarkdown(&md)
		rows := strings.SplitN(md.String(), "\n", 3)[2]
		rows = rows[:strings.Index(rows, "\n\n")+1]
		fsbp.WriteString(rows)
		fmt.Fprintf(&fsbp, "\n%s %s over dev: %s.\n\nNot applicable in dev (no resource of their types): %s.\n", r.Name, r.Version, r.CountsLine(), strings.Join(na, ", "))
	}
	return map[string]string{"compliance-counts": counts.String(), "compliance-deviations": devs.String(), "compliance-fsbp": fsbp.String()}
}

// replaceBlock swaps the text between <!-- name --> and <!-- /name -->.
func replaceBlock(doc, name, body string) (string, string, bool) {
	open, closing := "<!-- "+name+" -->\n", "<!-- /"+name+" -->"
	i := strings.Index(doc, open)
	j := strings.Index(doc, closing)
	if i < 0 || j < i {
		return doc, "", false
	}
	old := doc[i+len(open) : j]
	return doc[:i+len(open)] + body + doc[j:], old, true
}

// syncREADME checks the README's generated blocks against bodies, or
// rewrites them under COMPLIANCE_README=write.
func syncREADME(t *testing.T, blocks map[string]string) {
	t.Helper()
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	names := make([]string, 0, len(blocks))
	for name := range blocks {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		var old string
		var ok bool
		doc, old, ok = replaceBlock(doc, name, blocks[name])
		if !ok {
			t.Fatalf("README has no <!-- %s --> block", name)
		}
		if old != blocks[name] && os.Getenv("COMPLIANCE_README") != "write" {
			t.Errorf("README block %s is out of date; rerun with COMPLIANCE_README=write (go test ./examples/reference -run 'TestComplianceFigures|TestMutationsFailControls'). Now:\n%s", name, blocks[name])
		}
	}
	if os.Getenv("COMPLIANCE_README") == "write" {
		if err := os.WriteFile(filepath.Clean(readme), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestComplianceFigures keeps the README's compliance figures for the
// reference stack (counts per status, deviations, dev's FSBP table) equal to
// what the catalogue says of the synthesized stacks today. Run with
// COMPLIANCE_README=write to rewrite them.
func TestComplianceFigures(t *testing.T) {
	syncREADME(t, complianceFigures(complianceReports(t)))
}

// TestReferenceHasNoFailingControl: dev and prod fail no control of either
// framework; every deliberate deviation is excepted with its reason.
func TestReferenceHasNoFailingControl(t *testing.T) {
	for env, reps := range complianceReports(t) {
		for _, r := range reps {
			for _, c := range r.Controls {
				if c.Status == controls.Fail {
					t.Errorf("%s %s %s fails: %v", env, r.Framework, c.Control, c.Evidence)
				}
				for _, ev := range c.Evidence {
					if ev.Outcome == "excepted" && strings.TrimSpace(ev.Reason) == "" {
						t.Errorf("%s %s %s: excepted without a reason: %v", env, r.Framework, c.Control, ev)
					}
				}
			}
		}
	}
}
