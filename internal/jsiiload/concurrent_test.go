//go:build !cdktf_secure_nofastload && linux

package jsiiload_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiiload"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/proctree"
)

// TestTwoRunsAtOnceOneKilled starts two programs synthesizing the reference
// stack at the same moment with one cache folder, kills the first (the Go
// process and its node kernel) while it synthesizes, and checks that the
// other finishes, that a third run afterwards writes the same files, and
// that the V8 code cache file they share is whole and in use.
func TestTwoRunsAtOnceOneKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("three synthesis runs of the reference stack")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	cache := t.TempDir()
	seedDerivedPackages(t, filepath.Join(cache, "cdktf-secure-go", "jsii"))
	start := func(name string) (*exec.Cmd, *bytes.Buffer, string) {
		tmp := t.TempDir()
		out := filepath.Join(tmp, "out")
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), childEnv+"="+out, "XDG_CACHE_HOME="+cache, "TMPDIR="+tmp,
			jsiiload.EnvVar+"=", jsiiload.DirectEnvVar+"=", jsiiload.CodeCacheEnvVar+"=")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		var buf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &buf, &buf
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &buf, out
	}
	victim, _, _ := start("victim")
	survivor, survivorLog, survivorOut := start("survivor")

	// Kill the victim's group once its kernel has run for a moment.
	killed := false
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if pids, _ := proctree.Descendants(victim.Process.Pid); len(pids) > 0 {
			time.Sleep(300 * time.Millisecond)
			syscall.Kill(-victim.Process.Pid, syscall.SIGKILL)
			killed = true
			break
		}
	}
	victim.Wait()
	if !killed {
		t.Fatal("the first program started no kernel within 3 minutes")
	}
	if err := survivor.Wait(); err != nil {
		t.Fatalf("the second program failed while the first was killed: %v\n%s", err, survivorLog)
	}
	third, thirdLog, thirdOut := start("third")
	if err := third.Wait(); err != nil {
		t.Fatalf("a run after the kill failed: %v\n%s", err, thirdLog)
	}
	for _, out := range []*bytes.Buffer{survivorLog, thirdLog} {
		var rep childReport
		if err := json.NewDecoder(bytes.NewReader(out.Bytes())).Decode(&rep); err != nil || rep.Mode != "trimmed" || !rep.Direct || rep.CodeCache == "" {
			t.Fatalf("a run used mode %q, direct %v, code cache %q (%v); want trimmed, direct, with the code cache\n%s", rep.Mode, rep.Direct, rep.CodeCache, err, out)
		}
	}
	a, b := readTree(t, survivorOut), readTree(t, thirdOut)
	for name, want := range a {
		if !bytes.Equal(b[name], want) {
			t.Errorf("%s differs between the run beside the killed one and the run after it", name)
		}
	}

	files, _ := filepath.Glob(filepath.Join(cache, "cdktf-secure-go", "jsii", "jsii-runtime-*", "code-cache", "v8-*.bin"))
	if len(files) != 1 {
		t.Fatalf("code cache files %v; want one", files)
	}
	script := filepath.Join(filepath.Dir(filepath.Dir(files[0])), "lib", "code-cache.js")
	got, err := exec.Command(node, "-e", `const e = require(process.argv[1]).read(process.argv[2]); console.log(e.size)`, script, files[0]).CombinedOutput()
	if n := strings.TrimSpace(string(got)); err != nil || n == "0" {
		t.Errorf("the code cache file holds %s entries (%v); want the kernel's modules", got, err)
	}
}

// seedDerivedPackages copies the derived package files of the user's cache
// folder, if any, into dir, so that the runs need not build them (seconds
// and 440 MB each); the runtime folder and its code cache are not copied.
func seedDerivedPackages(t *testing.T, dir string) {
	t.Helper()
	user, err := os.UserCacheDir()
	if err != nil {
		return
	}
	files, _ := filepath.Glob(filepath.Join(user, "cdktf-secure-go", "jsii", "*.tgz"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.Contains(filepath.Base(f), "-lazy-") {
			continue // 40 MB, needed only to build a trimmed package
		}
		src, err := os.Open(f)
		if err != nil {
			continue
		}
		dst, err := os.Create(filepath.Join(dir, filepath.Base(f)))
		if err == nil {
			_, err = io.Copy(dst, src)
			dst.Close()
		}
		src.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}
