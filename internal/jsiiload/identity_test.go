//go:build !cdktf_secure_nofastload

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

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdktf-secure-go/cdktf-secure-go/bench/benchstack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiiload"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/proctree"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// childEnv makes the test binary synthesize into the named folder instead of
// running tests: each loading mode needs its own process (and kernel).
const childEnv = "JSIILOAD_TEST_CHILD_OUT"

func TestMain(m *testing.M) {
	if out := os.Getenv(childEnv); out != "" {
		os.Exit(child(out))
	}
	code := m.Run()
	testkit.Cleanup() // this process never starts a kernel, but has a client folder
	os.Exit(code)
}

// childReport is what a child prints on stdout.
type childReport struct {
	Mode, Err string
	// Direct is the runtime the child chose, NodeProcs the node processes
	// it ran (1 with the direct runtime, 2 with jsii's wrapper).
	Direct    bool
	NodeProcs int
	// CodeCache is the V8 code cache folder in use ("" when off).
	CodeCache string
	// JSError is what a JavaScript exception raised in the kernel became.
	JSError string
	// Cdktf is true when cdktf came from the derived package (cdktf.go).
	Cdktf bool
}

// child synthesizes the reference stack and the minimal stack, then raises
// a JavaScript error, and prints a childReport as JSON on stdout.
func child(out string) int {
	app, err := stack.NewApp(stack.AppProps{Outdir: out})
	if _, ok := jsiiload.Last(); !ok && err == nil {
		jsiiload.Preload() // stack.NewApp did not; no provider type is in use yet
	}
	r, _ := jsiiload.Last()
	rt := jsiiload.DirectRuntime()
	rep := childReport{Mode: string(r.Mode), Err: fmt.Sprint(r.Err), Direct: rt.Direct, CodeCache: rt.CodeCache, Cdktf: r.Cdktf}
	if err == nil {
		_, err = benchstack.Build(app, "reference", 1)
	}
	if err == nil {
		err = benchstack.Minimal(app, "acme-min", "min")
	}
	if err == nil {
		err = app.Synthesize()
	}
	if err == nil {
		rep.NodeProcs = nodeDescendants()
		jsErr := stack.Catch(func() {
			constructs.NewConstruct(app, jsii.String("twice"))
			constructs.NewConstruct(app, jsii.String("twice"))
		})
		rep.JSError = fmt.Sprint(jsErr)
	}
	json.NewEncoder(os.Stdout).Encode(rep)
	stack.Close()
	if err != nil {
		fmt.Fprintln(os.Stdout, "synth error:", err)
		return 1
	}
	return 0
}

// nodeDescendants counts this process's descendants named node; -1 without
// Linux's /proc.
func nodeDescendants() int {
	pids, ok := proctree.Descendants(os.Getpid())
	if !ok {
		return -1
	}
	n := 0
	for _, pid := range pids {
		if proctree.Name(pid) == "node" {
			n++
		}
	}
	return n
}

// TestOutputIdenticalInEveryMode synthesizes the same app with the stock
// provider and cdktf tarballs, the lazy one and the trimmed one (the last in jsii's
// two-process runtime, and in the direct one without and with the V8 code
// cache, twice, so that the second run reads what the first wrote; all
// four with the derived cdktf package that loads archiver on first use, whose
// asset zips the reference stack's function), each in
// its own process, and compares every output file byte for byte. Each child
// also reports its node processes, turns a JavaScript exception into a Go
// error, and must leave nothing in TMPDIR.
func TestOutputIdenticalInEveryMode(t *testing.T) {
	modes := []struct {
		name, fastload, direct, codeCache, wantMode string
		wantDirect, wantCodeCache                   bool
	}{
		{"stock", "0", "", "", "stock", false, false},
		{"lazy", "lazy", "", "", "lazy", true, true},
		{"trimmed, jsii's wrapper", "", "0", "", "trimmed", false, false},
		{"trimmed, no code cache", "", "", "0", "trimmed", true, false},
		{"trimmed", "", "", "", "trimmed", true, true},
		{"trimmed, second run", "", "", "", "trimmed", true, true},
	}
	dirs := map[string]string{}
	for _, m := range modes {
		tmp := t.TempDir()
		out := filepath.Join(tmp, "out")
		cmd := exec.Command(os.Args[0])
		// The child's temporary files (the jsii kernel's, the constructs')
		// go to a folder the test removes.
		cmd.Env = append(os.Environ(), childEnv+"="+out, jsiiload.EnvVar+"="+m.fastload, jsiiload.DirectEnvVar+"="+m.direct,
			jsiiload.CodeCacheEnvVar+"="+m.codeCache, "TMPDIR="+tmp)
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: child failed: %v\n%s", m.name, err, got)
		}
		var res childReport
		if err := json.NewDecoder(bytes.NewReader(got)).Decode(&res); err != nil {
			t.Fatalf("%s: child printed %q: %v", m.name, got, err)
		}
		if res.Mode != m.wantMode {
			t.Fatalf("%s: Preload used mode %q (%s); want %q", m.name, res.Mode, res.Err, m.wantMode)
		}
		wantProcs := 2
		if m.wantDirect {
			wantProcs = 1
		}
		if res.NodeProcs == -1 {
			wantProcs = -1 // no /proc to count them
		}
		if res.Direct != m.wantDirect || res.NodeProcs != wantProcs {
			t.Errorf("%s: direct runtime %v with %d node processes; want %v with %d", m.name, res.Direct, res.NodeProcs, m.wantDirect, wantProcs)
		}
		if wantCdktf := m.wantMode != "stock"; res.Cdktf != wantCdktf {
			t.Errorf("%s: cdktf from the derived package: %v; want %v", m.name, res.Cdktf, wantCdktf)
		}
		if (res.CodeCache != "") != m.wantCodeCache {
			t.Errorf("%s: code cache folder %q; want one: %v", m.name, res.CodeCache, m.wantCodeCache)
		}
		if m.wantCodeCache {
			if files, _ := filepath.Glob(filepath.Join(res.CodeCache, "v8-*.bin")); len(files) == 0 {
				t.Errorf("%s: no code cache file in %s after the run", m.name, res.CodeCache)
			}
		}
		if want := `construct "twice": the id "twice" is already taken in App`; !strings.Contains(res.JSError, want) || strings.Contains(res.JSError, "\n") {
			t.Errorf("%s: a JavaScript exception became %q; want one line containing %q", m.name, res.JSError, want)
		}
		if left, _ := os.ReadDir(tmp); len(left) != 1 {
			var names []string
			for _, e := range left {
				names = append(names, e.Name())
			}
			t.Errorf("%s: the child left %s in TMPDIR (want only out)", m.name, strings.Join(names, ", "))
		}
		dirs[m.name] = out
	}
	stock := readTree(t, dirs["stock"])
	if len(stock) == 0 {
		t.Fatal("stock synthesis wrote no files")
	}
	for _, m := range modes[1:] {
		mode := m.name
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
