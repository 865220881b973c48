package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBadConfigurationFailsWithOneLineError(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		field string
	}{
		{"company with space", []string{"-company", "Acme Corp!"}, nil, "company:"},
		{"70-character environment", []string{"-environment", strings.Repeat("e", 70)}, nil, "environment:"},
		{"unknown region", []string{"-region", "us-middle-1"}, nil, "region:"},
		{"bad company from env", nil, map[string]string{"CDKTF_SECURE_COMPANY": "ACME"}, "company:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var out, errb bytes.Buffer
			code := run(append(tt.args, "-out", t.TempDir()), &out, &errb)
			if code == 0 {
				t.Fatalf("run(%q) exit 0; want non-zero", tt.args)
			}
			msg := errb.String()
			if strings.Count(strings.TrimRight(msg, "\n"), "\n") != 0 {
				t.Errorf("stderr has more than one line:\n%s", msg)
			}
			if !strings.Contains(msg, tt.field) {
				t.Errorf("stderr %q does not name the field %q", msg, tt.field)
			}
			for _, js := range []string{".js:", "at Object", "node:internal", "goroutine"} {
				if strings.Contains(msg, js) {
					t.Errorf("stderr carries a stack trace (%q): %s", js, msg)
				}
			}
		})
	}
}

func TestUnknownFlagExitsTwo(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-nope"}, &out, &errb); code != 2 {
		t.Fatalf("run(-nope) = %d; want 2", code)
	}
}

// TestSynthIsDeterministic synthesizes the reference stack twice, into two
// folders, and requires byte-identical trees.
func TestSynthIsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("synthesizes the reference stack twice; skipped with -short")
	}
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		var out, errb bytes.Buffer
		if code := run([]string{"-out", d}, &out, &errb); code != 0 {
			t.Fatalf("run: exit %d: %s", code, errb.String())
		}
		if !strings.Contains(out.String(), "cdk.tf.json") {
			t.Errorf("run did not say where it wrote the stack: %q", out.String())
		}
		if !strings.Contains(out.String(), " hold, 0 fail") {
			t.Errorf("run did not report the access check: %q", out.String())
		}
		for _, fw := range []string{"compliance fsbp: ", "compliance cis-aws-v5.0.0: "} {
			if !strings.Contains(out.String(), fw) || !strings.Contains(out.String(), " excepted, ") {
				t.Errorf("run did not print the %q counts line: %q", fw, out.String())
			}
		}
	}
	a, b := tree(t, dirs[0]), tree(t, dirs[1])
	if len(a) == 0 {
		t.Fatal("nothing was written")
	}
	if _, ok := a["stacks/acme-dev/cdk.tf.json"]; !ok {
		t.Fatalf("stacks/acme-dev/cdk.tf.json not written; have %v", keys(a))
	}
	for p, ca := range a {
		cb, ok := b[p]
		switch {
		case !ok:
			t.Errorf("%s written by the first synth only", p)
		case ca != cb:
			t.Errorf("%s differs between two synths", p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s written by the second synth only", p)
		}
	}
	for p, c := range a {
		for _, d := range dirs {
			if strings.Contains(c, d) {
				t.Errorf("%s contains the absolute output path %s", p, d)
			}
		}
	}
}

func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestUnclearErrorsAreClear is issue 16's class "unclear errors" for the
// command: stray arguments and unusable -out folders are refused before
// anything is synthesized, naming the flag and the fix, and -out is checked
// only after the configuration.
func TestUnclearErrorsAreClear(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked")
	if err := os.Mkdir(locked, 0o500); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"positional environment", []string{"prod"}, 2, []string{`error: unexpected argument "prod"; did you mean -environment prod?`}},
		{"positional region", []string{"-company", "acme", "eu-west-1"}, 2, []string{`unexpected argument "eu-west-1"; did you mean -region eu-west-1?`}},
		{"positional folder", []string{"./out"}, 2, []string{`did you mean -out ./out?`}},
		{"positional junk", []string{"Prod!"}, 2, []string{`unexpected argument "Prod!"; the command takes flags only`}},
		{"-out is a file", []string{"-out", file}, 1, []string{"error: -out: ", "is a file, not a folder"}},
		{"-out under a file", []string{"-out", filepath.Join(file, "out")}, 1, []string{"error: -out: ", "which is a file"}},
		{"-out missing parent", []string{"-out", filepath.Join(dir, "no", "such", "out")}, 1, []string{"error: -out: the parent folder", "does not exist; create it first"}},
		{"config error first", []string{"-company", "Acme!", "-out", file}, 1, []string{"error: company:"}},
	}
	if os.Geteuid() != 0 { // root writes anywhere
		tests = append(tests, struct {
			name string
			args []string
			code int
			want []string
		}{"-out unwritable", []string{"-out", filepath.Join(locked, "out")}, 1, []string{"error: -out: cannot write to", "permission denied"}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(tt.args, &out, &errb); code != tt.code {
				t.Errorf("run(%q) = %d; want %d (stderr %q)", tt.args, code, tt.code, errb.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(errb.String(), w) {
					t.Errorf("stderr %q does not contain %q", errb.String(), w)
				}
			}
			if strings.Contains(errb.String(), "-out:") && strings.Contains(strings.Join(tt.want, " "), "company:") {
				t.Errorf("stderr %q reports -out before the configuration", errb.String())
			}
		})
	}
}
