package tfrun

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// CIEnv is the variable that, set to "true" (or "1"), turns a missing
// toolchain from a skip into a failure: CI must never pass by skipping.
const CIEnv = "CI"

var (
	sharedOnce sync.Once
	sharedEnv  *Env
	sharedErr  error
)

// Require returns the shared Env (discovered once per test binary). When
// terraform or the provider mirror is missing it skips the test with a
// message naming what is missing and how to provide it, or fails it when
// CI=true.
func Require(t testing.TB) *Env {
	t.Helper()
	sharedOnce.Do(func() { sharedEnv, sharedErr = Discover("") })
	return require(t, sharedEnv, sharedErr, InCI())
}

// Cleanup removes the shared Env's generated CLI configuration folder. Call
// it after the tests (synthtest.Main does).
func Cleanup() {
	if sharedEnv != nil && sharedEnv.CLIConfig != "" {
		os.RemoveAll(filepath.Dir(sharedEnv.CLIConfig))
	}
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
