package reference_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/controls"
)

// controlMutations are one-line edits of the synthesized dev stack (first
// occurrence of Line replaced by With) and the control each must turn to
// fail. They are the README's "ten one-line controlMutations" table.
var controlMutations = []struct {
	Line, With, Framework, Control string
}{
	{`"enable_log_file_validation": true`, `"enable_log_file_validation": false`, "fsbp", "CloudTrail.4"},
	{`"is_multi_region_trail": true`, `"is_multi_region_trail": false`, "cis-aws-v5.0.0", "3.1"},
	{`"enable_key_rotation": true`, `"enable_key_rotation": false`, "cis-aws-v5.0.0", "3.6"},
	{`"publicly_accessible": false`, `"publicly_accessible": true`, "fsbp", "RDS.2"},
	{`"http_tokens": "required"`, `"http_tokens": "optional"`, "fsbp", "EC2.8"},
	{`"associate_public_ip_address": false`, `"associate_public_ip_address": true`, "fsbp", "EC2.9"},
	{`"auto_minor_version_upgrade": true`, `"auto_minor_version_upgrade": false`, "cis-aws-v5.0.0", "2.2.2"},
	{`"is_enabled": true`, `"is_enabled": false`, "fsbp", "Config.1"},
	{`"map_public_ip_on_launch": false`, `"map_public_ip_on_launch": true`, "fsbp", "EC2.15"},
	{`"restrict_public_buckets": true`, `"restrict_public_buckets": false`, "fsbp", "S3.8"},
}

func statusOf(t *testing.T, cat *controls.Catalogue, dir, fw, id string) controls.Result {
	t.Helper()
	reps, _, err := cat.CheckPaths([]string{dir}, controls.CheckOptions{}, fw)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range reps[0].Controls {
		if c.Control == id {
			return c
		}
	}
	t.Fatalf("%s %s: no such control", fw, id)
	return controls.Result{}
}

// copyDir copies the synthesized stack folder (with its assets).
func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// TestMutationsFailControls: each one-line mutation of the synthesized dev
// stack turns its control from met to fail.
func TestMutationsFailControls(t *testing.T) {
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	doc := synth.Get(t).Stack(t, "acme-dev")
	orig, err := os.ReadFile(doc.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range controlMutations {
		t.Run(m.Framework+"/"+m.Control, func(t *testing.T) {
			if before := statusOf(t, cat, doc.Dir(), m.Framework, m.Control); before.Status == controls.Fail {
				t.Fatalf("%s %s already fails before the mutation", m.Framework, m.Control)
			}
			if !strings.Contains(string(orig), m.Line) {
				t.Fatalf("the synthesized stack has no line %s", m.Line)
			}
			dir := copyDir(t, doc.Dir())
			mutated := strings.Replace(string(orig), m.Line, m.With, 1)
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(doc.Path)), []byte(mutated), 0o644); err != nil {
				t.Fatal(err)
			}
			after := statusOf(t, cat, dir, m.Framework, m.Control)
			if after.Status != controls.Fail {
				t.Errorf("%s -> %s: %s %s is %s; want fail", m.Line, m.With, m.Framework, m.Control, after.Status)
				for _, ev := range after.Evidence {
					t.Logf("  %s", ev)
				}
			}
		})
	}
}
