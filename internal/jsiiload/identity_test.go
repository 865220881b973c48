package jsiiload_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/bench/benchstack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiiload"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/synthtest"
)

// childEnv makes the test binary synthesize into the named folder instead of
// running tests: each loading mode needs its own process (and kernel).
const childEnv = "JSIILOAD_TEST_CHILD_OUT"

func TestMain(m *testing.M) {
	if out := os.Getenv(childEnv); out != "" {
		os.Exit(child(out))
	}
	code := m.Run()
	synthtest.Cleanup() // this process never starts a kernel, but has a client folder
	os.Exit(code)
}

// child synthesizes the reference stack and the minimal stack, printing the
// Preload result as JSON on stdout.
func child(out string) int {
	app, err := stack.NewApp(stack.AppProps{Outdir: out})
	if _, ok := jsiiload.Last(); !ok && err == nil {
		jsiiload.Preload() // stack.NewApp did not; no provider type is in use yet
	}
	r, _ := jsiiload.Last()
	json.NewEncoder(os.Stdout).Encode(map[string]string{"mode": string(r.Mode), "err": fmt.Sprint(r.Err)})
	if err == nil {
		_, err = benchstack.Build(app, "reference", 1)
	}
	if err == nil {
		err = benchstack.Minimal(app, "acme-min", "min")
	}
	if err == nil {
		err = app.Synthesize()
	}
	stack.Close()
	if err != nil {
		fmt.Fprintln(os.Stdout, "synth error:", err)
		return 1
	}
	return 0
}

// TestOutputIdenticalInEveryMode synthesizes the same app with the stock
// provider tarball, the lazy one and the trimmed one, each in its own
// process, and compares every output file byte for byte.
func TestOutputIdenticalInEveryMode(t *testing.T) {
	modes := []struct{ env, want string }{
		{"0", "stock"},
		{"lazy", "lazy"},
		{"", "trimmed"},
	}
	dirs := map[string]string{}
	for _, m := range modes {
		tmp := t.TempDir()
		out := filepath.Join(tmp, "out")
		cmd := exec.Command(os.Args[0])
		// The child's temporary files (the jsii kernel's, the constructs')
		// go to a folder the test removes.
		cmd.Env = append(os.Environ(), childEnv+"="+out, jsiiload.EnvVar+"="+m.env, "TMPDIR="+tmp)
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("mode %s: child failed: %v\n%s", m.want, err, got)
		}
		var res struct{ Mode, Err string }
		if err := json.NewDecoder(bytes.NewReader(got)).Decode(&res); err != nil {
			t.Fatalf("mode %s: child printed %q: %v", m.want, got, err)
		}
		if res.Mode != m.want {
			t.Fatalf("%s=%q: Preload used mode %q (%s); want %q", jsiiload.EnvVar, m.env, res.Mode, res.Err, m.want)
		}
		dirs[m.want] = out
	}
	stock := readTree(t, dirs["stock"])
	if len(stock) == 0 {
		t.Fatal("stock synthesis wrote no files")
	}
	for _, mode := range []string{"lazy", "trimmed"} {
		other := readTree(t, dirs[mode])
		for name, want := range stock {
			got, ok := other[name]
			if !ok {
				t.Errorf("%s: %s missing (the stock run wrote it)", mode, name)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs from the stock run's (%d vs %d bytes)", mode, name, len(got), len(want))
			}
		}
		for name := range other {
			if _, ok := stock[name]; !ok {
				t.Errorf("%s: extra file %s", mode, name)
			}
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["stacks/acme-dev/cdk.tf.json"]; !ok {
		t.Fatalf("%s: no stacks/acme-dev/cdk.tf.json; have %s", dir, strings.Join(keys(files), ", "))
	}
	return files
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
