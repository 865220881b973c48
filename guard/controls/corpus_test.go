package controls

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/corpus"
)

// TestCorpus judges every file of the third-party corpus (each as its own
// account) against both frameworks: nothing may crash, every control gets
// a status, and every failure names its evidence. With
// COMPLIANCE_CORPUS_TABLE=file it writes the README's table (the controls
// each file fails); the README's copy of that table must be current
// (COMPLIANCE_README=write rewrites it).
func TestCorpus(t *testing.T) {
	dir := corpus.Dir()
	if dir == "" {
		t.Skip("no guard corpus (shared/guard-corpus)")
	}
	cat := mustCatalogue(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".tf")) {
			continue
		}
		in, err := LoadAccount([]string{filepath.Join(dir, name)}, CheckOptions{})
		var invalid *guard.InvalidError
		if errors.As(err, &invalid) {
			rows = append(rows, fmt.Sprintf("| %s | not a Terraform configuration (guard exit 2): %s | | | |", name, mdEscape(invalid.Problem)))
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var cells []string
		for _, fw := range cat.FrameworkIDs() {
			rep, err := cat.Evaluate(fw, in)
			if err != nil {
				t.Fatal(err)
			}
			var failed, accountFailed []string
			for _, c := range rep.Controls {
				if c.Status == "" {
					t.Errorf("%s %s %s: no status", name, fw, c.Control)
				}
				if c.Status != Fail {
					continue
				}
				if c.Scope == "account" {
					accountFailed = append(accountFailed, c.Control)
				} else {
					failed = append(failed, c.Control)
				}
				named := false
				for _, ev := range c.Evidence {
					named = named || ev.Outcome == "fail" && ev.Message != ""
				}
				if !named {
					t.Errorf("%s %s %s: fail without failing evidence", name, fw, c.Control)
				}
			}
			cells = append(cells, fmt.Sprintf("%d: %s", len(failed), strings.Join(failed, ", ")), fmt.Sprint(len(accountFailed)))
		}
		rows = append(rows, fmt.Sprintf("| %s | %s |", name, strings.Join(cells, " | ")))
	}
	sort.Strings(rows)
	table := "| corpus file | FSBP resource controls failed | FSBP account controls failed | CIS v5.0.0 resource controls failed | CIS account controls failed |\n|---|---|---|---|---|\n" + strings.Join(rows, "\n") + "\n"
	t.Logf("\n%s", table)
	if out := os.Getenv("COMPLIANCE_CORPUS_TABLE"); out != "" {
		if err := os.WriteFile(out, []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	syncCorpusTable(t, table)
}

// syncCorpusTable keeps the README's <!-- compliance-corpus --> block equal
// to table; COMPLIANCE_README=write rewrites it.
func syncCorpusTable(t *testing.T, table string) {
	const readme = "../../README.md"
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	open, closing := "<!-- compliance-corpus -->\n", "<!-- /compliance-corpus -->"
	i, j := strings.Index(doc, open), strings.Index(doc, closing)
	if i < 0 || j < i {
		t.Fatal("README has no <!-- compliance-corpus --> block")
	}
	if doc[i+len(open):j] == table {
		return
	}
	if os.Getenv("COMPLIANCE_README") != "write" {
		t.Errorf("README's corpus table is out of date; rerun with COMPLIANCE_README=write (go test ./guard/controls -run TestCorpus)")
		return
	}
	if err := os.WriteFile(readme, []byte(doc[:i+len(open)]+table+doc[j:]), 0o644); err != nil {
		t.Fatal(err)
	}
}
