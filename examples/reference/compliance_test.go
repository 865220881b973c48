package reference_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/controls"
)

// controlMutations are one-line edits of the synthesized dev stack (the
// first occurrence of Line, within the resources of type Within when set,
// replaced by With) and the control each must turn to fail. They are the
// README's "ten one-line mutations" table; three of them weaken the account
// baseline.
var controlMutations = []struct {
	Line, With, Framework, Control string
	// Within is the resource type whose first occurrence of Line is edited,
	// when another resource holds the same line earlier in the document
	// (the baseline's aws_ec2_instance_metadata_defaults before aws_instance).
	Within string
}{
	{`"enable_log_file_validation": true`, `"enable_log_file_validation": false`, "fsbp", "CloudTrail.4", ""},
	{`"is_multi_region_trail": true`, `"is_multi_region_trail": false`, "cis-aws-v5.0.0", "3.1", ""},
	{`"enable_key_rotation": true`, `"enable_key_rotation": false`, "cis-aws-v5.0.0", "3.6", ""},
	{`"publicly_accessible": false`, `"publicly_accessible": true`, "fsbp", "RDS.2", ""},
	{`"http_tokens": "required"`, `"http_tokens": "optional"`, "fsbp", "EC2.8", "aws_instance"},
	{`"map_public_ip_on_launch": false`, `"map_public_ip_on_launch": true`, "fsbp", "EC2.15", ""},
	{`"is_enabled": true`, `"is_enabled": false`, "fsbp", "Config.1", ""},
	{`"restrict_public_buckets": true`, `"restrict_public_buckets": false`, "fsbp", "S3.1", "aws_s3_account_public_access_block"},
	{`"minimum_password_length": 14`, `"minimum_password_length": 12`, "cis-aws-v5.0.0", "1.7", ""},
	{`"enable": true`, `"enable": false`, "fsbp", "GuardDuty.1", "aws_guardduty_detector"},
}

// mutateLine replaces the first occurrence of line (after the first resource
// of type within, when set) by with.
func mutateLine(doc, line, with, within string) (string, bool) {
	from := 0
	if within != "" {
		from = strings.Index(doc, `"`+within+`": {`)
		if from < 0 {
			return doc, false
		}
	}
	j := strings.Index(doc[from:], line)
	if j < 0 {
		return doc, false
	}
	return doc[:from+j] + with + doc[from+j+len(line):], true
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
	var table strings.Builder
	table.WriteString("| mutation of acme-dev's cdk.tf.json | resource | control | now | evidence |\n|---|---|---|---|---|\n")
	for _, m := range controlMutations {
		t.Run(m.Framework+"/"+m.Control, func(t *testing.T) {
			if before := statusOf(t, cat, doc.Dir(), m.Framework, m.Control); before.Status == controls.Fail {
				t.Fatalf("%s %s already fails before the mutation", m.Framework, m.Control)
			}
			mutated, ok := mutateLine(string(orig), m.Line, m.With, m.Within)
			if !ok {
				t.Fatalf("the synthesized stack has no line %s (within %q)", m.Line, m.Within)
			}
			dir := copyDir(t, doc.Dir())
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(doc.Path)), []byte(mutated), 0o644); err != nil {
				t.Fatal(err)
			}
			after := statusOf(t, cat, dir, m.Framework, m.Control)
			for _, ev := range after.Evidence {
				if ev.Outcome == "fail" {
					fmt.Fprintf(&table, "| `%s` → `%s` | `%s` | %s %s | %s | %s %s: %s |\n", m.Line, m.With, ev.Address, m.Framework, m.Control, after.Status, ev.Kind, ev.ID, strings.ReplaceAll(ev.Message, "|", `\|`))
					break
				}
			}
			if after.Status != controls.Fail {
				t.Errorf("%s -> %s: %s %s is %s; want fail", m.Line, m.With, m.Framework, m.Control, after.Status)
				for _, ev := range after.Evidence {
					t.Logf("  %s", ev)
				}
			}
		})
	}
	if !t.Failed() {
		syncREADME(t, map[string]string{"compliance-mutations": table.String()})
	}
}
