//go:build !cdktf_secure_nofastload

package jsiiload

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestPatchProgram(t *testing.T) {
	// The channel setup as jsii-runtime-go v1.119.0-v1.129.0 (webpack) and
	// v1.130.0 on (minified) ship it.
	spaced := func(fd string) string {
		return "    const stdio = new sync_stdio_1.SyncStdio({\n        errorFD: 2,\n        readFD: " + fd + ",\n        writeFD: " + fd + "\n    });\n"
	}
	minified := func(fd string) string {
		return "ee=new V.SyncStdio({errorFD:null!==(y=process.stderr.fd)&&void 0!==y?y:2,readFD:" + fd + ",writeFD:" + fd + "}),te=new K.InputOutput(ee)"
	}
	tests := []struct {
		name, in string
		want     string // "" = an error is expected
	}{
		{"spaced", "a\n" + spaced("3") + "b\n", "a\n" + strings.Replace(strings.Replace(spaced("3"), "readFD: 3", "readFD: 0", 1), "writeFD: 3", "writeFD: 1", 1) + "b\n"},
		{"minified", "x;" + minified("3") + ";y", "x;" + minified("0")[:strings.Index(minified("0"), ",writeFD")] + ",writeFD:1}),te=new K.InputOutput(ee);y"},
		{"spaced missing", spaced("4"), ""},
		{"minified missing", minified("4"), ""},
		{"longer fd", minified("33"), ""},
		{"twice", spaced("3") + minified("3"), ""},
		{"none", "console.log(1)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := patchProgram([]byte(tt.in))
			switch {
			case tt.want == "" && err == nil:
				t.Fatalf("patchProgram = %q, nil; want an error", got)
			case tt.want == "" && !strings.Contains(err.Error(), "not supported by the direct runtime"):
				t.Fatalf("error %q does not say the version is unsupported", err)
			case tt.want != "" && err != nil:
				t.Fatal(err)
			case tt.want != "" && string(got) != tt.want:
				t.Fatalf("patchProgram =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// The runtime embedded in the linked jsii-runtime-go must be patchable:
// a jsii-runtime-go upgrade that moves the channel fails here, not silently.
func TestEmbeddedRuntimePatches(t *testing.T) {
	key, err := runtimeKey()
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != 24 {
		t.Errorf("runtime key %q: want 24 hex digits", key)
	}
	files, err := runtimeFiles()
	if err != nil {
		t.Fatal(err)
	}
	patched := files["lib/program.js"]
	if channelRE.Match(patched) || !regexp.MustCompile(`readFD\s*:\s*0\s*,\s*writeFD\s*:\s*1\b`).Match(patched) {
		t.Fatal("lib/program.js: the channel is not on stdin/stdout after patching")
	}
	// Every other kernel module (runtime-index-worker.js from v1.138.0)
	// sits next to the program, unchanged.
	entries, err := fs.ReadDir(jsiiRuntimeFS, embeddedLib)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".js") && n != "program.js" {
			want, _ := jsiiRuntimeFS.ReadFile(embeddedLib + "/" + n)
			if !bytes.Equal(files["lib/"+n], want) {
				t.Errorf("lib/%s is not copied into the direct runtime", n)
			}
		}
	}
	if string(files["lib/direct.js"]) != entryScript {
		t.Fatal("lib/direct.js is not the entry script")
	}
	if string(files["lib/code-cache.js"]) != codeCacheJS || !strings.Contains(entryScript, "require('./code-cache.js')") {
		t.Fatal("lib/code-cache.js is not the code cache script, or the entry script does not load it")
	}
}

func TestRuntimeCommandQuotes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "it's a dir")
	entry, cache := filepath.Join(dir, "direct.js"), filepath.Join(dir, "code cache")
	for _, c := range []struct {
		flags           []string
		codeCache, want string
	}{
		{nil, "", "--preserve-symlinks " + entry},
		{nil, cache, "--preserve-symlinks " + entry + " " + cache},
		{[]string{"--max-semi-space-size=8", "--it's"}, cache, "--preserve-symlinks --max-semi-space-size=8 --it's " + entry + " " + cache},
	} {
		cmd := runtimeCommand("/bin/echo", c.flags, entry, c.codeCache, true)
		out, err := exec.Command("/bin/sh", "-c", cmd).Output()
		if err != nil {
			t.Fatalf("sh -c %s: %v", cmd, err)
		}
		if got := strings.TrimSpace(string(out)); got != c.want {
			t.Errorf("sh -c %s printed %q; want %q", cmd, got, c.want)
		}
	}
}

// The kernel starts without NODE_EXTRA_CA_CERTS (node would read the
// certificates at start-up for nothing), and the Go process keeps it.
func TestRuntimeCommandDropsUnusedVariables(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "node")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nenv\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("NODE_EXTRA_CA_CERTS", "/etc/ssl/certs/ca-certificates.crt")
	t.Setenv("KEEP_ME", "1")
	for _, drop := range []bool{true, false} {
		cmd := exec.Command("/bin/sh", "-c", runtimeCommand(fake, nil, "direct.js", "", drop))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		env := "\n" + string(out)
		if got := strings.Contains(env, "\nNODE_EXTRA_CA_CERTS="); got == drop {
			t.Errorf("dropUnused %v: the kernel's environment has NODE_EXTRA_CA_CERTS: %v", drop, got)
		}
		if !strings.Contains(env, "\nKEEP_ME=1\n") {
			t.Errorf("dropUnused %v: the kernel lost an unrelated variable", drop)
		}
	}
	if os.Getenv("NODE_EXTRA_CA_CERTS") == "" {
		t.Error("the Go process lost NODE_EXTRA_CA_CERTS")
	}
}

// The entry script must keep standard output for the protocol and send
// console output to standard error as the JSON lines jsii-runtime-go
// decodes, in order.
func TestEntryScriptForwardsConsoleOutput(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "direct.js"), []byte(entryScript), 0o644)
	// A stand-in for the kernel: console output in every form, and
	// protocol lines written the way the kernel writes them.
	os.WriteFile(filepath.Join(dir, "program.js"), []byte(`
const fs = require('fs');
fs.writeSync(1, '{"hello":"kernel"}\n');
console.log('log line');
process.stdout.write(Buffer.from('raw bytes'));
console.error('error line');
process.stderr.write('partial');
fs.writeSync(2, 'kernel debug line\n');
if (process.stderr.fd !== 2) throw new Error('process.stderr.fd = ' + process.stderr.fd);
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
  fs.writeSync(1, JSON.stringify({ stdin: input, request: fs.readFileSync(0, 'utf8') }) + '\n');
});
`), 0o644)
	cmd := exec.Command(node, filepath.Join(dir, "direct.js"))
	cmd.Stdin = strings.NewReader("{\"req\":1}\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node direct.js: %v\nstderr:\n%s", err, stderr.String())
	}
	if want := "{\"hello\":\"kernel\"}\n{\"stdin\":\"\",\"request\":\"{\\\"req\\\":1}\\n\"}\n"; stdout.String() != want {
		t.Errorf("stdout = %q; want only the protocol lines %q (console output must not reach it; process.stdin must be empty and fd 0 left to the kernel)", stdout.String(), want)
	}
	var got []string
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		line := sc.Text()
		var m map[string]string
		if json.Unmarshal([]byte(line), &m) != nil {
			got = append(got, "raw:"+line)
			continue
		}
		for tag, b64 := range m {
			b, err := base64.StdEncoding.DecodeString(b64)
			if err != nil {
				t.Fatalf("stderr line %q: %v", line, err)
			}
			got = append(got, tag+":"+string(b))
		}
	}
	want := []string{"stdout:log line\n", "stdout:raw bytes", "stderr:error line\n", "stderr:partial", "raw:kernel debug line"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("stderr decoded to\n%q\nwant\n%q", got, want)
	}
}

func TestInstallRuntime(t *testing.T) {
	base := t.TempDir()
	files := map[string][]byte{"lib/direct.js": []byte("entry"), "lib/program.js": []byte("kernel")}
	builds := 0
	build := func() (map[string][]byte, error) { builds++; return files, nil }
	dir, err := installRuntime(base, "k1", build)
	if err != nil {
		t.Fatal(err)
	}
	if !sameFiles(dir, files) || builds != 1 {
		t.Fatalf("%s does not hold the files (built %d times)", dir, builds)
	}
	// An intact folder is reused without building or rewriting.
	before, _ := os.Stat(filepath.Join(dir, "lib", "program.js"))
	again, err := installRuntime(base, "k1", build)
	if err != nil || again != dir {
		t.Fatalf("second install = %q, %v; want %q", again, err, dir)
	}
	if after, _ := os.Stat(filepath.Join(dir, "lib", "program.js")); !os.SameFile(before, after) || builds != 1 {
		t.Errorf("second install rebuilt (%d builds) or rewrote an intact folder", builds)
	}
	// A damaged folder (a truncated file, a missing file, no manifest) is rewritten.
	for name, damage := range map[string]func(){
		"truncated file": func() { os.WriteFile(filepath.Join(dir, "lib", "program.js"), []byte("kern"), 0o644) },
		"missing file":   func() { os.Remove(filepath.Join(dir, "lib", "direct.js")) },
		"no manifest":    func() { os.Remove(filepath.Join(dir, manifestName)) },
	} {
		damage()
		if again, err := installRuntime(base, "k1", build); err != nil || again != dir || !sameFiles(dir, files) {
			t.Fatalf("%s: install = %q, %v; files intact: %v", name, again, err, sameFiles(dir, files))
		}
	}
	// Another key gets another folder; a build error is returned.
	if other, err := installRuntime(base, "k2", build); err != nil || other == dir {
		t.Fatalf("install under another key = %q, %v; want a folder other than %q", other, err, dir)
	}
	if _, err := installRuntime(base, "k3", func() (map[string][]byte, error) { return nil, os.ErrInvalid }); err == nil {
		t.Error("a failing build gave no error")
	}
	entries, _ := os.ReadDir(base)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

// sameFiles reports whether dir holds exactly files' contents.
func sameFiles(dir string, files map[string][]byte) bool {
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, want) {
			return false
		}
	}
	return true
}

func TestPruneRuntimes(t *testing.T) {
	base := t.TempDir()
	old := time.Now().Add(-8 * 24 * time.Hour)
	mk := func(name string, mod time.Time) {
		p := filepath.Join(base, name)
		os.MkdirAll(filepath.Join(p, "lib"), 0o755)
		os.Chtimes(p, mod, mod)
	}
	mk("jsii-runtime-keep-v1", old)
	mk("jsii-runtime-unused-v1", old)
	mk("jsii-runtime-recent-v1", time.Now())
	mk(".tmp-runtime-dead", time.Now().Add(-2*time.Hour))
	mk(".tmp-runtime-writing", time.Now())
	mk("not-a-runtime", old)
	pruneRuntimes(base, "jsii-runtime-keep-v1")
	var left []string
	entries, _ := os.ReadDir(base)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := ".tmp-runtime-writing jsii-runtime-keep-v1 jsii-runtime-recent-v1 not-a-runtime"
	if got := strings.Join(left, " "); got != want {
		t.Errorf("after pruning: %s; want %s", got, want)
	}
}

func TestPrepareRuntimeChoices(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		direct bool
		reason string // part of RuntimeInfo.Err; "" = no error
	}{
		{"default", nil, true, ""},
		{"bash", map[string]string{"SHELL": "/usr/bin/bash"}, true, ""},
		{"no SHELL", map[string]string{"SHELL": ""}, true, ""},
		{"fish", map[string]string{"SHELL": "/usr/bin/fish"}, false, "not a POSIX shell"},
		{"turned off", map[string]string{DirectEnvVar: "0"}, false, ""},
		{"fast loading off", map[string]string{EnvVar: "off"}, false, ""},
		{"user runtime", map[string]string{runtimeVar: "node /opt/my-runtime.js"}, false, "set by the user"},
		{"inherited from a parent", map[string]string{runtimeVar: "exec node x", markerVar: "exec node x"}, true, ""},
		{"no node", map[string]string{nodeVar: "/nonexistent/node"}, false, "/nonexistent/node"},
		{"cache not writable", map[string]string{"XDG_CACHE_HOME": "/dev/null/cache"}, false, "cache:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_CACHE_HOME", t.TempDir())
			t.Setenv("SHELL", "/bin/sh")
			for _, k := range []string{DirectEnvVar, EnvVar, runtimeVar, markerVar, nodeVar} {
				t.Setenv(k, "")
				os.Unsetenv(k)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			info, cmd := prepareRuntime()
			if info.Direct != tt.direct {
				t.Fatalf("Direct = %v (%v); want %v", info.Direct, info.Err, tt.direct)
			}
			if got := ""; info.Err != nil {
				got = info.Err.Error()
				if tt.reason == "" || !strings.Contains(got, tt.reason) {
					t.Fatalf("Err = %q; want one containing %q", got, tt.reason)
				}
			} else if tt.reason != "" {
				t.Fatalf("Err = nil; want one containing %q", tt.reason)
			}
			if tt.direct {
				if !strings.HasPrefix(cmd, "unset NODE_EXTRA_CA_CERTS; exec 'node' --preserve-symlinks '") || !strings.Contains(cmd, info.Dir) {
					t.Fatalf("command %q does not start node on a file in %s", cmd, info.Dir)
				}
				if _, err := os.Stat(filepath.Join(info.Dir, "lib", "direct.js")); err != nil {
					t.Fatal(err)
				}
			} else if cmd != "" {
				t.Fatalf("command = %q without the direct runtime", cmd)
			}
		})
	}
}

// kernelEnv sets what chooses the kernel for the one call that starts it,
// and its restore function leaves the environment as it found it.
func TestKernelEnv(t *testing.T) {
	const cmd = "exec 'node' x"
	unset := "\x00unset"
	tests := []struct {
		name   string
		direct bool
		before map[string]string // unset when absent
		during map[string]string
	}{
		{"direct", true, nil, map[string]string{runtimeVar: cmd, markerVar: cmd, silenceVar: unset}},
		{"direct already set", true, map[string]string{runtimeVar: cmd, markerVar: cmd}, map[string]string{runtimeVar: cmd, markerVar: cmd}},
		{"wrapper", false, nil, map[string]string{runtimeVar: unset, silenceVar: "20"}},
		{"wrapper, user silences", false, map[string]string{silenceVar: "22"}, map[string]string{silenceVar: "22"}},
		{"wrapper, inherited direct runtime", false, map[string]string{runtimeVar: cmd, markerVar: cmd}, map[string]string{runtimeVar: unset, markerVar: unset, silenceVar: "20"}},
		{"wrapper, user runtime", false, map[string]string{runtimeVar: "node /opt/mine.js"}, map[string]string{runtimeVar: "node /opt/mine.js"}},
	}
	get := func(k string) string {
		if v, ok := os.LookupEnv(k); ok {
			return v
		}
		return unset
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{runtimeVar, markerVar, silenceVar} {
				t.Setenv(k, "")
				os.Unsetenv(k)
			}
			for k, v := range tt.before {
				os.Setenv(k, v)
			}
			before := os.Environ()
			restore := kernelEnv(tt.direct, cmd)
			for k, want := range tt.during {
				if got := get(k); got != want {
					t.Errorf("while starting: %s = %q; want %q", k, got, want)
				}
			}
			restore()
			after := os.Environ()
			sort.Strings(before)
			sort.Strings(after)
			if !slices.Equal(before, after) {
				t.Errorf("environment after restore differs:\nbefore %q\nafter  %q", before, after)
			}
		})
	}
}

// Each speedup must still match the embedded kernel, or it silently stops
// applying after a jsii-runtime-go upgrade.
func TestSpeedupsApplyToEmbeddedRuntime(t *testing.T) {
	program, err := jsiiRuntimeFS.ReadFile(embeddedProgram)
	if err != nil {
		t.Fatal(err)
	}
	patched, err := patchProgram(program)
	if err != nil {
		t.Fatal(err)
	}
	// Each speedup must have a variant matching exactly once, applied.
	applied := map[string]bool{}
	for _, sp := range speedups {
		m := sp.from.FindAllSubmatchIndex(program, 2)
		if len(m) != 1 {
			continue
		}
		applied[sp.what] = true
		to := sp.from.Expand(nil, []byte(sp.to), program, m[0])
		if !bytes.Contains(patched, to) || sp.from.Match(patched) {
			t.Errorf("speedup %s not applied: want %q in the patched program", sp.what, to)
		}
	}
	for _, sp := range speedups {
		if !applied[sp.what] {
			t.Errorf("no variant of the speedup %q occurs exactly once in the embedded lib/program.js", sp.what)
		}
	}
}

// Processes starting at once (parallel test binaries on a fresh machine)
// all install the runtime: each must end with an intact folder, and an
// intact folder must never disappear under a process that already uses it.
func TestInstallRuntimeConcurrently(t *testing.T) {
	base := t.TempDir()
	files := map[string][]byte{"lib/direct.js": []byte("entry"), "lib/program.js": bytes.Repeat([]byte("k"), 1<<20)}
	build := func() (map[string][]byte, error) { return files, nil }
	const n = 8
	errs := make(chan error, n)
	dirs := make(chan string, n)
	stop := make(chan struct{})
	vanished := make(chan bool, 1)
	go func() { // a user of the first intact folder
		want := filepath.Join(base, "jsii-runtime-k-v"+runtimeFormat)
		seen := false
		for {
			select {
			case <-stop:
				vanished <- false
				return
			default:
			}
			if intact(want) {
				seen = true
			} else if seen {
				vanished <- true
				return
			}
		}
	}()
	for i := 0; i < n; i++ {
		go func() {
			d, err := installRuntime(base, "k", build)
			errs <- err
			dirs <- d
		}()
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
		if d := <-dirs; !sameFiles(d, files) {
			t.Errorf("%s is not intact", d)
		}
	}
	close(stop)
	if <-vanished {
		t.Error("an intact runtime folder disappeared while other processes installed")
	}
}
