package tfrun

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLIConfig(t *testing.T) {
	got := CLIConfig(`/opt/my "mirror"`)
	for _, want := range []string{
		"provider_installation {",
		`path    = "/opt/my \"mirror\""`,
		`include = ["registry.terraform.io/*/*"]`,
		"direct {",
		`exclude = ["registry.terraform.io/*/*"]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("CLIConfig: missing %q in\n%s", want, got)
		}
	}
}

func TestWriteCLIConfig(t *testing.T) {
	dir := t.TempDir()
	p, err := WriteCLIConfig(dir, "/m", Engine{Name: Terraform})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != CLIConfig("/m") {
		t.Errorf("%s: content %q; want %q", p, b, CLIConfig("/m"))
	}
}

func TestVarsOverrideUserConfig(t *testing.T) {
	t.Setenv("TF_CLI_CONFIG_FILE", "/root/.terraformrc-does-not-exist")
	t.Setenv("TF_PLUGIN_CACHE_DIR", "/somewhere")
	t.Setenv("TF_LOG", "TRACE")
	e := &Env{CLIConfig: "/tmp/x/terraformrc"}
	v := e.Vars(map[string]string{"AWS_REGION": "us-east-1"})
	if v["TF_CLI_CONFIG_FILE"] != "/tmp/x/terraformrc" {
		t.Errorf("TF_CLI_CONFIG_FILE = %q; want the generated /tmp/x/terraformrc", v["TF_CLI_CONFIG_FILE"])
	}
	if v["CHECKPOINT_DISABLE"] != "1" {
		t.Errorf("CHECKPOINT_DISABLE = %q; want 1", v["CHECKPOINT_DISABLE"])
	}
	if _, ok := v["TF_PLUGIN_CACHE_DIR"]; ok {
		t.Errorf("TF_PLUGIN_CACHE_DIR kept; it would copy the provider out of the mirror")
	}
	if _, ok := v["TF_LOG"]; ok {
		t.Errorf("TF_LOG kept; terraform-exec manages it and refuses it in SetEnv")
	}
	if v["AWS_REGION"] != "us-east-1" {
		t.Errorf("extra AWS_REGION = %q; want us-east-1", v["AWS_REGION"])
	}
}

func TestDiscoverMissing(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name, binary, mirror string
		want                 []string
	}{
		{"no mirror", "", empty, []string{"no AWS provider in mirror " + empty, MirrorEnv}},
		{"bad binary", filepath.Join(empty, "terraform-nope"), empty, []string{BinaryEnv, "terraform-nope", "no AWS provider"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EngineEnv, "")
			t.Setenv(BinaryEnv, tc.binary)
			t.Setenv(MirrorEnv, tc.mirror)
			_, err := Discover(t.TempDir())
			if !errors.Is(err, ErrMissing) {
				t.Fatalf("Discover: err = %v; want ErrMissing", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Discover: error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestDiscoverFound(t *testing.T) {
	mirror := t.TempDir()
	if err := os.MkdirAll(filepath.Join(mirror, "registry.terraform.io", "hashicorp", "aws", "5.100.0", "linux_amd64"), 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "terraform")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(BinaryEnv, bin)
	t.Setenv(MirrorEnv, mirror)
	t.Setenv(EngineEnv, "")
	work := t.TempDir()
	e, err := Discover(work)
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	if e.Engine != (Engine{Name: Terraform, Binary: bin, RegistryHost: TerraformRegistry}) || e.Mirror != mirror || e.CLIConfig != filepath.Join(work, "terraformrc") {
		t.Errorf("Discover = %+v; want binary %s, mirror %s, config in %s", e, bin, mirror, work)
	}
}

// fakeTB records Skipf/Fatalf instead of stopping the goroutine.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

func (f *fakeTB) Helper()                           {}
func (f *fakeTB) Skipf(format string, args ...any)  { f.skipped = format }
func (f *fakeTB) Fatalf(format string, args ...any) { f.failed = format }

func TestRequireSkipOrFail(t *testing.T) {
	missing := errors.Join(ErrMissing, errors.New("terraform is not on PATH"))
	tests := []struct {
		name               string
		err                error
		ci                 bool
		wantSkip, wantFail bool
	}{
		{"found", nil, false, false, false},
		{"found in CI", nil, true, false, false},
		{"missing locally skips", missing, false, true, false},
		{"missing in CI fails", missing, true, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTB{}
			env := &Env{}
			got := require(f, Terraform, env, tc.err, tc.ci)
			if (f.skipped != "") != tc.wantSkip || (f.failed != "") != tc.wantFail {
				t.Errorf("require(err=%v, ci=%v): skipped=%q failed=%q; want skip=%v fail=%v", tc.err, tc.ci, f.skipped, f.failed, tc.wantSkip, tc.wantFail)
			}
			if tc.err == nil && got != env {
				t.Errorf("require: returned %v; want the discovered env", got)
			}
		})
	}
}

func TestInCI(t *testing.T) {
	for v, want := range map[string]bool{"true": true, "TRUE": true, "1": true, "": false, "false": false, "0": false} {
		t.Setenv(CIEnv, v)
		if got := InCI(); got != want {
			t.Errorf("CI=%q: InCI() = %v; want %v", v, got, want)
		}
	}
}

func TestCopyStackLeavesOutState(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	for _, f := range []string{"cdk.tf.json", "assets/fn/abc/archive.zip", ".terraform/providers/x", "terraform.tfstate", "terraform.tfstate.backup"} {
		p := filepath.Join(src, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := CopyStack(src, dst); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]bool{"cdk.tf.json": true, "assets/fn/abc/archive.zip": true, ".terraform": false, "terraform.tfstate": false, "terraform.tfstate.backup": false} {
		_, err := os.Stat(filepath.Join(dst, f))
		if got := err == nil; got != want {
			t.Errorf("CopyStack: %s copied = %v; want %v", f, got, want)
		}
	}
}
