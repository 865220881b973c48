// Package cdktfcli tests that cdktf-cli 0.20.12 synthesizes the project's
// cdktf.json app to the same output as `go run .`.
package cdktfcli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Version is the cdktf-cli release the project is tested with.
const Version = "0.20.12"

// cli returns the cdktf executable: $CDKTF_CLI, or one installed from npm into
// a temporary folder when CI=true, or skips.
func cli(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CDKTF_CLI"); p != "" {
		return p
	}
	if os.Getenv("CI") != "true" {
		t.Skip("cdktf-cli test: set CDKTF_CLI=/path/to/cdktf, or CI=true to install cdktf-cli@" + Version + " from npm into a temporary folder")
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Fatalf("CI=true but npm is not on PATH; install Node.js 20+ with npm")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "cdktf-cli@"+Version)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm install cdktf-cli@%s: %v\n%s", Version, err, out)
	}
	return filepath.Join(dir, "node_modules", ".bin", "cdktf")
}

func TestCdktfSynthMatchesGoRun(t *testing.T) {
	if testing.Short() {
		t.Skip("installs and runs cdktf-cli; skipped with -short")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cdktf := cli(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	viaCLI := filepath.Join(t.TempDir(), "cli")
	cmd := exec.CommandContext(ctx, cdktf, "synth", "--output", viaCLI)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1", "CI=true")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cdktf synth: %v\n%s", err, out)
	}

	viaGo := filepath.Join(t.TempDir(), "go")
	cmd = exec.CommandContext(ctx, "go", "run", ".", "-out", viaGo)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run .: %v\n%s", err, out)
	}

	files, _ := filepath.Glob(filepath.Join(viaGo, "stacks", "*", "cdk.tf.json"))
	if len(files) == 0 {
		t.Fatal("go run . wrote no stack")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(viaGo, f)
		want, _ := os.ReadFile(f)
		got, err := os.ReadFile(filepath.Join(viaCLI, rel))
		if err != nil {
			t.Errorf("cdktf synth did not write %s: %v", rel, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs between cdktf synth and go run .", rel)
		}
	}
}
