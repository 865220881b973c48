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
				if got, err := kernelFlags(runtimeDir, node); err != nil || !reflect.DeepEqual(got, c.want) {
					t.Fatalf("run %d: flags %q, %v; want %q", i, got, err, c.want)
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
// (node is asked once whether it takes them); empty means node's defaults,
// asking nothing; flags node refuses are an error naming the variable.
func TestKernelFlagsFromEnvironment(t *testing.T) {
	node, count := fakeNode(t, "--no-such-flag")
	runtimeDir := t.TempDir()
	for _, c := range []struct {
		value string
		want  []string
		asked int
	}{
		{"", nil, 0},
		{"--max-old-space-size=512  --no-opt", []string{"--max-old-space-size=512", "--no-opt"}, 1},
		{"--max-old-space-size=512  --no-opt", []string{"--max-old-space-size=512", "--no-opt"}, 1}, // remembered
	} {
		t.Setenv(NodeFlagsEnvVar, c.value)
		if got, err := kernelFlags(runtimeDir, node); err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s=%q: flags %q, %v; want %q", NodeFlagsEnvVar, c.value, got, err, c.want)
		}
		if n := runs(t, count); n != c.asked {
			t.Errorf("%s=%q: node was asked %d times in all; want %d", NodeFlagsEnvVar, c.value, n, c.asked)
		}
	}
	t.Setenv(NodeFlagsEnvVar, "--no-opt --no-such-flag")
	got, err := kernelFlags(runtimeDir, node)
	if err == nil || got != nil || !strings.Contains(err.Error(), NodeFlagsEnvVar) || !strings.Contains(err.Error(), "--no-such-flag") {
		t.Errorf("refused flags: %q, %v; want no flags and an error naming %s and the flags", got, err, NodeFlagsEnvVar)
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
