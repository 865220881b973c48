package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestMemoryLimitFromInputSize(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", 1000)
	write("stacks/a/cdk.tf.json", 3000)
	write("README.md", 50000) // not a configuration file: not counted
	file := filepath.Join(dir, "stacks/a/cdk.tf.json")

	if got, ok := memoryLimit([]string{file}, ""); !ok || got != memLimitBase+28500 {
		t.Errorf("one file: limit %d, %v; want %d (9.5 bytes per byte)", got, ok, memLimitBase+28500)
	}
	if got, ok := memoryLimit([]string{dir}, ""); !ok || got != memLimitBase+38000 {
		t.Errorf("folder: limit %d, %v; want %d (its .tf and .json files)", got, ok, memLimitBase+38000)
	}
	if got, ok := memoryLimit([]string{filepath.Join(dir, "missing")}, ""); !ok || got != memLimitBase {
		t.Errorf("missing path: limit %d, %v; want the base %d", got, ok, memLimitBase)
	}
	if _, ok := memoryLimit([]string{dir}, "1GiB"); ok {
		t.Error("GOMEMLIMIT is set: the guard must leave the user's limit alone")
	}
	if limitMemory != nil {
		t.Error("limitMemory is set outside main: the tests' process would get the guard's limit")
	}
}
