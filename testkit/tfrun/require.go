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

type located struct {
	eng    Engine
	mirror string
	err    error
}

var (
	locateMu sync.Mutex
	// locatedBy caches locate's answer per engine name for the test binary.
	locatedBy = map[string]located{}
)

// Require returns an Env for one test: the engine (Terraform, or OpenTofu
// with WithEngine("tofu") or CDKTF_SECURE_ENGINE=tofu) and the provider
// mirror are looked up once per test binary and engine, and the CLI
// configuration is written into a folder of the test's own (t.TempDir), so
// nothing outlives the test. When the engine or the provider mirror is
// missing it skips the test with a message naming what is missing and how to
// provide it, or fails it when CI=true. An unknown engine name fails.
func Require(t testing.TB, opts ...Option) *Env {
	t.Helper()
	name, err := EngineName(collect(opts).engine)
	if err != nil {
		t.Fatalf("terraform tier: %v", err)
		return nil
	}
	locateMu.Lock()
	l, ok := locatedBy[name]
	if !ok {
		l.eng, l.mirror, l.err = locate(name)
		locatedBy[name] = l
	}
	locateMu.Unlock()
	if l.err != nil {
		return require(t, name, nil, l.err, InCI())
	}
	cfg, err := WriteCLIConfig(t.TempDir(), l.mirror, l.eng)
	if err != nil {
		t.Fatalf("%s tier: writing the CLI configuration: %v", l.eng.Name, err)
		return nil
	}
	return &Env{Engine: l.eng, Mirror: l.mirror, CLIConfig: cfg}
}

func require(t testing.TB, engine string, env *Env, err error, ci bool) *Env {
	t.Helper()
	if err == nil {
		return env
	}
	if ci {
		t.Fatalf("%s tier cannot run and %s=true forbids skipping: %v", engine, CIEnv, err)
		return nil
	}
	t.Skipf("skipping %s tier: %v (set %s=true to make this a failure)", engine, err, CIEnv)
	return nil
}

// InCI reports whether CI=true (or CI=1) is set.
func InCI() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv(CIEnv)))
	return v == "true" || v == "1"
}
