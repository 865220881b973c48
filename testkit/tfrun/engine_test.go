package tfrun

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEngineName(t *testing.T) {
	tests := []struct {
		option, env, want, wantErr string
	}{
		{"", "", Terraform, ""},
		{"", "terraform", Terraform, ""},
		{"", "tofu", OpenTofu, ""},
		{"", " OpenTofu ", OpenTofu, ""},
		{"terraform", "tofu", Terraform, ""}, // the option wins
		{"tofu", "", OpenTofu, ""},
		{"", "pulumi", "", `CDKTF_SECURE_ENGINE="pulumi": want "terraform" (the default) or "tofu"`},
		{"terragrunt", "", "", `engine option="terragrunt"`},
	}
	for _, tc := range tests {
		t.Setenv(EngineEnv, tc.env)
		got, err := EngineName(tc.option)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("EngineName(%q) with %s=%q: err = %v; want one containing %q", tc.option, EngineEnv, tc.env, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("EngineName(%q) with %s=%q = %q, %v; want %q", tc.option, EngineEnv, tc.env, got, err, tc.want)
		}
	}
}

// fakeExecutable writes an executable file named name into a new folder.
func fakeExecutable(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLocateTofu(t *testing.T) {
	t.Run("TOFU_BINARY", func(t *testing.T) {
		bin := fakeExecutable(t, "tofu")
		t.Setenv(TofuBinaryEnv, bin)
		eng, err := LocateEngine(OpenTofu)
		if err != nil || eng != (Engine{Name: OpenTofu, Binary: bin, RegistryHost: OpenTofuRegistry}) {
			t.Errorf("LocateEngine(tofu) = %+v, %v; want %s under %s", eng, err, bin, OpenTofuRegistry)
		}
	})
	t.Run("PATH", func(t *testing.T) {
		bin := fakeExecutable(t, "tofu")
		t.Setenv(TofuBinaryEnv, "")
		t.Setenv("PATH", filepath.Dir(bin))
		t.Setenv("XDG_CACHE_HOME", t.TempDir())
		if got, err := LocateTofu(); err != nil || got != bin {
			t.Errorf("LocateTofu() = %q, %v; want %s from PATH", got, err, bin)
		}
	})
	t.Run("cache folder of scripts/build-tofu.sh", func(t *testing.T) {
		cache := t.TempDir()
		t.Setenv(TofuBinaryEnv, "")
		t.Setenv("PATH", t.TempDir())
		t.Setenv("XDG_CACHE_HOME", cache)
		want := filepath.Join(cache, "cdktf-secure-go", "tofu-"+TofuVersion, "tofu")
		if TofuCachePath() != want {
			t.Fatalf("TofuCachePath() = %q; want %q", TofuCachePath(), want)
		}
		_, err := LocateTofu()
		if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "scripts/build-tofu.sh") || !strings.Contains(err.Error(), want) {
			t.Errorf("LocateTofu() with nothing built: err = %v; want ErrMissing naming scripts/build-tofu.sh and %s", err, want)
		}
		if err := os.MkdirAll(filepath.Dir(want), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(want, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		if got, err := LocateTofu(); err != nil || got != want {
			t.Errorf("LocateTofu() = %q, %v; want the cached %s", got, err, want)
		}
	})
	t.Run("bad TOFU_BINARY", func(t *testing.T) {
		t.Setenv(TofuBinaryEnv, filepath.Join(t.TempDir(), "tofu-nope"))
		_, err := LocateEngine(OpenTofu)
		if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), TofuBinaryEnv) {
			t.Errorf("LocateEngine(tofu) with a bad %s: err = %v; want ErrMissing naming it", TofuBinaryEnv, err)
		}
	})
}

// mkMirror creates the given package folders (unpacked layout) or zips
// (packed) under a new mirror root.
func mkMirror(t *testing.T, pkgs ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, p := range pkgs {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, ".zip") {
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte("zip"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(full, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(full, "terraform-provider-x"), []byte("bin"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestWriteMirrorView(t *testing.T) {
	const (
		tfAWS   = "registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64"
		tfRand  = "registry.terraform.io/hashicorp/random/terraform-provider-random_3.6.0_linux_amd64.zip"
		tofuTLS = "registry.opentofu.org/hashicorp/tls/4.0.0/linux_amd64"
		tfTLS   = "registry.terraform.io/hashicorp/tls/4.0.0/linux_amd64"
	)
	mirror := mkMirror(t, tfAWS, tfRand, tofuTLS, tfTLS)
	view := filepath.Join(t.TempDir(), "view")
	if err := WriteMirrorView(view, mirror); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // view path -> mirror path it links to
		tfAWS: tfAWS,
		"registry.opentofu.org/hashicorp/aws/5.100.0/linux_amd64": tfAWS,
		tfRand: tfRand,
		"registry.opentofu.org/hashicorp/random/terraform-provider-random_3.6.0_linux_amd64.zip": tfRand,
		tofuTLS: tofuTLS, // the mirror's own OpenTofu package wins over the alias
		tfTLS:   tfTLS,
	}
	for rel, target := range want {
		got, err := os.Readlink(filepath.Join(view, filepath.FromSlash(rel)))
		if err != nil {
			t.Errorf("mirror view: %s: %v", rel, err)
			continue
		}
		if got != filepath.Join(mirror, filepath.FromSlash(target)) {
			t.Errorf("mirror view: %s links to %s; want %s", rel, got, target)
		}
	}
	// Only packages are links: OpenTofu ignores links above the package level.
	for _, dir := range []string{"registry.opentofu.org", "registry.opentofu.org/hashicorp/aws", "registry.opentofu.org/hashicorp/aws/5.100.0"} {
		st, err := os.Lstat(filepath.Join(view, filepath.FromSlash(dir)))
		if err != nil || !st.IsDir() {
			t.Errorf("mirror view: %s is not a real folder (%v)", dir, err)
		}
	}
	if err := WriteMirrorView(filepath.Join(t.TempDir(), "v"), t.TempDir()); !errors.Is(err, ErrMissing) {
		t.Errorf("WriteMirrorView(empty mirror): err = %v; want ErrMissing", err)
	}
}

func TestWriteCLIConfigPerEngine(t *testing.T) {
	mirror := mkMirror(t, "registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64")
	tf, err := WriteCLIConfig(t.TempDir(), mirror, Engine{Name: Terraform})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(tf); string(b) != CLIConfig(mirror) {
		t.Errorf("terraform CLI config:\n%s\nwant\n%s", b, CLIConfig(mirror))
	}
	dir := t.TempDir()
	tofu, err := WriteCLIConfig(dir, mirror, Engine{Name: OpenTofu})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(tofu)
	view := filepath.Join(dir, "mirror-view")
	for _, want := range []string{
		`path    = "` + view + `"`,
		`include = ["registry.terraform.io/*/*", "registry.opentofu.org/*/*"]`,
		`exclude = ["registry.terraform.io/*/*", "registry.opentofu.org/*/*"]`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("tofu CLI config: missing %q in\n%s", want, b)
		}
	}
	if _, err := os.Stat(filepath.Join(view, "registry.opentofu.org", "hashicorp", "aws", "5.100.0", "linux_amd64", "terraform-provider-x")); err != nil {
		t.Errorf("tofu mirror view does not serve registry.opentofu.org/hashicorp/aws: %v", err)
	}
}

// TestValidateEachEngine validates the same stack with both engines: the
// OpenTofu run proves the mirror view (its init resolves "aws" to
// registry.opentofu.org/hashicorp/aws, which the mirror does not hold).
func TestValidateEachEngine(t *testing.T) {
	for _, eng := range []string{Terraform, OpenTofu} {
		t.Run(eng, func(t *testing.T) { Validate(t, "testdata/s3bucket", WithEngine(eng)) })
	}
}
