// Package importeffects checks that importing the library does nothing: a
// program importing every public package of the module sets no environment
// variable, writes no file and starts no process before main runs.
package importeffects

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// program reports what package initialization left behind, then waits for
// its standard input to close, so the parent lists the folders while the
// process still runs (and before anything could clean up).
const program = `package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
%s)

func main() {
	var children []string
	tasks, _ := filepath.Glob("/proc/self/task/*/children")
	for _, t := range tasks {
		b, _ := os.ReadFile(t)
		children = append(children, strings.Fields(string(b))...)
	}
	json.NewEncoder(os.Stdout).Encode(map[string][]string{"env": os.Environ(), "children": children})
	io.Copy(io.Discard, os.Stdin)
}
`

type report struct {
	Env      []string `json:"env"`
	Children []string `json:"children"`
}

// jsiiExtract is the folder jsii-runtime-go (not this library) extracts its
// runtime into when a generated package (constructs, cdktf, the provider)
// registers its types at initialization, in every program that imports
// one. jsii.Close, called by stack.Close, removes it.
var jsiiExtract = regexp.MustCompile(`^jsii-runtime\.\d+(/|$)`)

func TestImportingEveryPublicPackageHasNoEffect(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program linking every package (-short)")
	}
	if _, err := os.Stat("/proc/self/task"); err != nil {
		t.Skip("needs /proc to list child processes")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// Every importable package outside internal/ and bench/ (benchmark
	// tooling), so packages added later are covered without editing here.
	out, err := exec.Command("go", "list", "-C", root, "-f", `{{if ne .Name "main"}}{{.ImportPath}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []string
	for _, p := range strings.Fields(string(out)) {
		if !strings.Contains(p, "/internal/") && !strings.Contains(p, "/bench") {
			pkgs = append(pkgs, p)
		}
	}
	if !slices.ContainsFunc(pkgs, func(p string) bool { return strings.HasSuffix(p, "/constructs/stack") }) {
		t.Fatalf("go list found no constructs/stack among %q", pkgs)
	}
	var imports strings.Builder
	for _, p := range pkgs {
		imports.WriteString("\t_ \"" + p + "\"\n")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(strings.Replace(program, "%s", imports.String(), 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "imports")
	build := exec.Command("go", "build", "-o", bin, src)
	build.Dir = root
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}

	// A private TMPDIR, HOME and cache folder, and nothing else inherited.
	priv := map[string]string{}
	for _, k := range []string{"TMPDIR", "HOME", "XDG_CACHE_HOME"} {
		priv[k] = filepath.Join(dir, strings.ToLower(k))
		if err := os.Mkdir(priv[k], 0o755); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"PATH=" + os.Getenv("PATH")}
	for k, v := range priv {
		env = append(env, k+"="+v)
	}
	cmd := exec.Command(bin)
	cmd.Env = env
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	var rep report
	line, err := bufio.NewReader(stdout).ReadBytes('\n')
	if err == nil {
		err = json.Unmarshal(line, &rep)
	}
	if err != nil {
		t.Fatalf("reading the program's report: %v (%q)", err, line)
	}

	slices.Sort(env)
	slices.Sort(rep.Env)
	if !slices.Equal(env, rep.Env) {
		t.Errorf("the environment changed during initialization:\nwant %q\nhave %q", env, rep.Env)
	}
	if len(rep.Children) > 0 {
		t.Errorf("initialization started processes: %q", rep.Children)
	}
	for k, d := range priv {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(d, p)
			if err != nil || rel == "." {
				return err
			}
			if k == "TMPDIR" && jsiiExtract.MatchString(filepath.ToSlash(rel)) {
				if e.IsDir() && !strings.Contains(rel, "/") {
					t.Logf("%s/%s: jsii-runtime-go's own extraction at initialization (removed by stack.Close)", k, rel)
				}
				return nil
			}
			t.Errorf("initialization wrote %s/%s", k, rel)
			return nil
		})
	}
}
