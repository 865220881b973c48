package tfrun

import (
	"os"
	"strings"
	"sync"
	"testing"
)

// CIEnv is the variable that, set to "true" (or "1"), turns a missing
// toolchain from a skip into a failure: CI must never pass by skipping.
const CIEnv = "CI"

var (
	locateOnce   sync.Once
	sharedBin    string
	sharedMirror string
	locateErr    error
)

// Require returns an Env for one test: terraform and the provider mirror are
// looked up once per test binary, and the CLI configuration is written into
// a folder of the test's own (t.TempDir), so nothing outlives the test. When
// terraform or the provider mirror is missing it skips the test with a
// message naming what is missing and how to provide it, or fails it when
// CI=true.
func Require(t testing.TB) *Env {
	t.Helper()
	locateOnce.Do(func() { sharedBin, sharedMirror, locateErr = locate() })
	if locateErr != nil {
		return require(t, nil, locateErr, InCI())
	}
	cfg, err := WriteCLIConfig(t.TempDir(), sharedMirror)
	if err != nil {
		t.Fatalf("terraform tier: writing the CLI configuration: %v", err)
		return nil
	}
	return &Env{Terraform: sharedBin, Mirror: sharedMirror, CLIConfig: cfg}
}

func require(t testing.TB, env *Env, err error, ci bool) *Env {
	t.Helper()
	if err == nil {
		return env
	}
	if ci {
		t.Fatalf("terraform tier cannot run and %s=true forbids skipping: %v", CIEnv, err)
		return nil
	}
	t.Skipf("skipping terraform tier: %v (set %s=true to make this a failure)", err, CIEnv)
	return nil
}

// InCI reports whether CI=true (or CI=1) is set.
func InCI() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv(CIEnv)))
	return v == "true" || v == "1"
}
