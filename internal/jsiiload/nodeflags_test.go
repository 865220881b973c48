package jsiiload

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fakeNode writes a node stand-in that refuses any option in refused (exit
// 9, as node does) and counts its runs in a file beside it.
func fakeNode(t *testing.T, refused string) (node, count string) {
	t.Helper()
	dir := t.TempDir()
	node, count = filepath.Join(dir, "node"), filepath.Join(dir, "runs")
	script := "#!/bin/sh\necho run >> '" + count + "'\nfor a in \"$@\"; do case \"$a\" in " + refused + ") echo \"node: bad option: $a\" >&2; exit 9;; esac; done\nexit 0\n"
	if err := os.WriteFile(node, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return node, count
}

func runs(t *testing.T, count string) int {
	b, err := os.ReadFile(count)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "run")
}

// TestKernelFlagsAskedOnce: a node that accepts the flags gets them, one
// that refuses one of them runs without any; each binary is asked once,
// and a changed binary is asked again.
func TestKernelFlagsAskedOnce(t *testing.T) {
	t.Setenv(NodeFlagsEnvVar, "") // restored after the test ...
	os.Unsetenv(NodeFlagsEnvVar)  // ... which runs with it unset
	for _, c := range []struct {
		name, refused string
		want          []string
	}{
		{"accepts", "--never-refused", KernelFlags()},
		{"refuses --no-opt", "--no-opt", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			runtimeDir := t.TempDir()
			node, count := fakeNode(t, c.refused)
			for i := 0; i < 3; i++ {
				if got := kernelFlags(runtimeDir, node); !reflect.DeepEqual(got, c.want) {
					t.Fatalf("run %d: flags %q; want %q", i, got, c.want)
				}
			}
			if n := runs(t, count); n != 1 {
				t.Errorf("node was asked %d times; want once", n)
			}
			// An upgraded binary (another size) is asked again.
			b, _ := os.ReadFile(node)
			if err := os.WriteFile(node, append(b, []byte("# upgraded\n")...), 0o755); err != nil {
				t.Fatal(err)
			}
			kernelFlags(runtimeDir, node)
			if n := runs(t, count); n != 2 {
				t.Errorf("after an upgrade node was asked %d times in all; want 2", n)
			}
		})
	}
}

// TestKernelFlagsFromEnvironment: NodeFlagsEnvVar replaces the flags
// without asking node; empty means node's defaults.
func TestKernelFlagsFromEnvironment(t *testing.T) {
	node, count := fakeNode(t, "--never-refused")
	for v, want := range map[string][]string{"": nil, "--max-old-space-size=512  --no-opt": {"--max-old-space-size=512", "--no-opt"}} {
		t.Setenv(NodeFlagsEnvVar, v)
		if got := kernelFlags(t.TempDir(), node); !reflect.DeepEqual(got, want) {
			t.Errorf("%s=%q: flags %q; want %q", NodeFlagsEnvVar, v, got, want)
		}
	}
	if n := runs(t, count); n != 0 {
		t.Errorf("node was asked %d times; want never", n)
	}
}

// TestRealNodeAcceptsKernelFlags: the node on this machine takes the
// flags; if a node release renames one, this says so before every run
// silently loses them.
func TestRealNodeAcceptsKernelFlags(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on PATH")
	}
	if got := acceptedFlags(t.TempDir(), node, KernelFlags()); !reflect.DeepEqual(got, KernelFlags()) {
		out, _ := exec.Command(node, append(KernelFlags(), "-e", "0")...).CombinedOutput()
		t.Errorf("%s refuses the kernel flags %q: %s", node, KernelFlags(), out)
	}
}
