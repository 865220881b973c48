package jsiiload

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	_ "unsafe" // for go:linkname
)

// The jsii runtime that jsii-runtime-go embeds is two node programs: a
// wrapper (bin/jsii-runtime.js) that starts the kernel (lib/program.js) as a
// second node process, relays every request and response between its own
// stdin/stdout and the kernel's file descriptor 3, and wraps the kernel's
// console output as JSON lines on its stderr. Every request therefore
// crosses two process boundaries, and every run starts two node processes
// and first extracts 2.3 MB of runtime files into TMPDIR.
//
// The direct runtime is the same kernel program, run as the only node
// process: a copy of lib/program.js that reads requests from stdin and
// writes responses to stdout, started through an entry script that turns
// JavaScript console output into the JSON lines the Go side expects (as the
// wrapper does). jsii-runtime-go starts it through its documented
// JSII_RUNTIME variable. The files are derived from the embedded runtime at
// run time, so they always match the linked jsii-runtime-go version, and are
// cached next to the derived provider packages.

// jsiiRuntimeFS is the runtime that jsii-runtime-go embeds (unexported, so
// it is reached by name; a rename breaks the build, see awsTarball).
//
//go:linkname jsiiRuntimeFS github.com/aws/jsii-runtime-go/internal/embedded.embeddedFS
var jsiiRuntimeFS embed.FS

const (
	// DirectEnvVar turns the direct runtime off when "0" (false, off, no);
	// EnvVar=0 turns it off too.
	DirectEnvVar = "CDKTF_SECURE_JSII_DIRECT"
	// runtimeVar is jsii-runtime-go's variable naming the command that starts
	// the kernel (run with $SHELL -c).
	runtimeVar = "JSII_RUNTIME"
	// nodeVar is jsii-runtime-go's variable naming the node executable.
	nodeVar = "JSII_NODE"
	// markerVar holds the JSII_RUNTIME value this package set, so a child
	// process can tell an inherited value of ours from one a user chose.
	markerVar = "CDKTF_SECURE_JSII_RUNTIME"
	// runtimeFormat is part of the runtime cache key: bump it when the
	// patch or the entry script changes.
	runtimeFormat = "2"
)

// The kernel's channel in lib/program.js: file descriptor 3, which only the
// wrapper provides. Each must occur exactly once or nothing is patched.
var (
	channelFrom = []byte("        readFD: 3,\n        writeFD: 3\n")
	channelTo   = []byte("        readFD: 0,\n        writeFD: 1\n")
)

// speedups are optional patches of lib/program.js that change nothing but
// speed, each applied only when its text occurs exactly once.
var speedups = []struct{ from, to string }{
	// serializationType formats its argument with util.inspect for an
	// assertion message on every call, failing or not: about 20 ms and
	// more garbage per 100 resources. Format it only when the check fails.
	{
		"            assert(typeRef != null, `Kernel error: expected type information, got ${(0, util_1.inspect)(typeRef)}`);\n",
		"            if (typeRef == null) assert(false, `Kernel error: expected type information, got ${(0, util_1.inspect)(typeRef)}`);\n",
	},
}

// entryScript starts the patched kernel. Standard output carries the
// protocol, so nothing else may write there: process.stdout and
// process.stderr become streams that write {"stdout"|"stderr": base64} lines
// to file descriptor 2, which jsii-runtime-go decodes back (the wrapper's
// format), and process.stdin becomes an empty stream so that nothing turns
// the kernel's input non-blocking. Writes are synchronous, as the kernel's
// own are, so output keeps its order relative to responses.
const entryScript = `'use strict';
// Written by cdktf-secure-go (internal/jsiiload): runs the jsii kernel of
// jsii-runtime-go as a single process. See runtime.go there.
const fs = require('fs');
const { Readable, Writable } = require('stream');
function writeAll(fd, buf) {
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
}
function forward(tag) {
  const s = new Writable({
    write(chunk, encoding, done) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding);
      try {
        writeAll(2, Buffer.from(JSON.stringify({ [tag]: b.toString('base64') }) + '\n'));
      } catch (e) {
        return done(e);
      }
      done();
    },
  });
  s.fd = tag === 'stderr' ? 2 : undefined;
  s.isTTY = false;
  return s;
}
const streams = { stdout: forward('stdout'), stderr: forward('stderr'), stdin: Readable.from([]) };
for (const name of Object.keys(streams)) {
  Object.defineProperty(process, name, { configurable: true, enumerable: true, get: () => streams[name] });
}
require('./program.js');
`

// posixShells are the $SHELL values whose -c understands the exec command
// line built by runtimeCommand. With any other shell the wrapper is used.
var posixShells = map[string]bool{"sh": true, "bash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true, "ash": true, "yash": true}

// RuntimeInfo tells how the jsii kernel process is started.
type RuntimeInfo struct {
	// Direct is true when the kernel runs as a single node process.
	Direct bool
	// Dir is the cached runtime folder ("" unless Direct).
	Dir string
	// Err says why the wrapper is used; nil when chosen through an
	// environment variable or when Direct.
	Err error
}

var (
	runtimeOnce sync.Once
	runtimeInfo RuntimeInfo
	runtimeCmd  string // the JSII_RUNTIME value, "" unless Direct
)

// DirectRuntime prepares the direct runtime (once per process) and reports
// whether it is in use. It does not change the environment.
func DirectRuntime() RuntimeInfo {
	runtimeOnce.Do(func() { runtimeInfo, runtimeCmd = prepareRuntime() })
	return runtimeInfo
}

// ExportRuntime sets JSII_RUNTIME to the direct runtime, so that the next
// jsii client (created on the first jsii call after jsii.Close, or when a
// generated package registers its types) starts it. The value is also kept
// in CDKTF_SECURE_JSII_RUNTIME, so that a child process recognises an
// inherited value as this package's rather than the user's. It reports
// false, changing nothing, when the direct runtime is not used (or the user
// set JSII_RUNTIME) or the variable is already set. When the direct runtime
// is off, it removes a value inherited from a parent process that used it,
// and reports true.
func ExportRuntime() bool {
	info := DirectRuntime()
	return exportRuntime(info.Direct, runtimeCmd)
}

func exportRuntime(direct bool, cmd string) bool {
	envMu.Lock()
	defer envMu.Unlock()
	if !direct {
		// A value inherited from a parent that used the direct runtime is
		// not the user's choice: drop it.
		if v := os.Getenv(runtimeVar); v != "" && v == os.Getenv(markerVar) {
			os.Unsetenv(runtimeVar)
			os.Unsetenv(markerVar)
			return true
		}
		return false
	}
	if os.Getenv(runtimeVar) == cmd {
		return false
	}
	if !envSaved {
		envSaved = true
		savedRuntime.value, savedRuntime.had = os.LookupEnv(runtimeVar)
		savedMarker.value, savedMarker.had = os.LookupEnv(markerVar)
	}
	os.Setenv(runtimeVar, cmd)
	os.Setenv(markerVar, cmd)
	return true
}

// unexportRuntime restores the variables ExportRuntime changed, once the
// kernel has started: child processes (terraform, another Go program with
// another jsii-runtime-go) must not inherit them.
func unexportRuntime() {
	envMu.Lock()
	defer envMu.Unlock()
	if !envSaved {
		return
	}
	envSaved = false
	savedRuntime.restore(runtimeVar)
	savedMarker.restore(markerVar)
}

var (
	envMu                     sync.Mutex
	envSaved                  bool
	savedRuntime, savedMarker savedVar
)

type savedVar struct {
	value string
	had   bool
}

func (v savedVar) restore(key string) {
	if v.had {
		os.Setenv(key, v.value)
	} else {
		os.Unsetenv(key)
	}
}

func directEnabled() bool {
	if !Enabled() {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(os.Getenv(DirectEnvVar))) {
	case "0", "false", "off", "no":
		return false
	}
	return true
}

// prepareRuntime decides whether the direct runtime can be used and writes
// its files to the cache when they are missing.
func prepareRuntime() (RuntimeInfo, string) {
	if !directEnabled() {
		return RuntimeInfo{}, ""
	}
	if v := os.Getenv(runtimeVar); v != "" && v != os.Getenv(markerVar) {
		return RuntimeInfo{Err: fmt.Errorf("%s is set by the user", runtimeVar)}, ""
	}
	if runtime.GOOS == "windows" {
		return RuntimeInfo{Err: errors.New("not supported on Windows")}, ""
	}
	shell := os.Getenv("SHELL")
	if shell == "" {
		shell = "/bin/sh"
	}
	if !posixShells[filepath.Base(shell)] {
		return RuntimeInfo{Err: fmt.Errorf("SHELL=%s is not a POSIX shell jsii can start the kernel with", shell)}, ""
	}
	files, err := runtimeFiles()
	if err != nil {
		return RuntimeInfo{Err: err}, ""
	}
	base, err := cacheDir()
	if err != nil {
		return RuntimeInfo{Err: fmt.Errorf("no cache folder: %w", err)}, ""
	}
	dir, err := installRuntime(base, files)
	if err != nil {
		return RuntimeInfo{Err: fmt.Errorf("cache: %w", err)}, ""
	}
	node := os.Getenv(nodeVar)
	if node == "" {
		node = "node"
	}
	return RuntimeInfo{Direct: true, Dir: dir}, runtimeCommand(node, filepath.Join(dir, "lib", "direct.js"))
}

// runtimeCommand is the shell command line that starts the kernel: exec, so
// the shell is replaced by node and jsii-runtime-go talks to node itself.
// The flag is the one the wrapper passes to the kernel.
func runtimeCommand(node, entry string) string {
	return "exec " + shellQuote(node) + " --preserve-symlinks " + shellQuote(entry)
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// runtimeFiles derives the direct runtime's files from the embedded one.
func runtimeFiles() (map[string][]byte, error) {
	program, err := jsiiRuntimeFS.ReadFile("resources/lib/program.js")
	if err != nil {
		return nil, fmt.Errorf("jsii runtime: %w", err)
	}
	patched, err := patchChannel(program)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		"lib/program.js": patched,
		"lib/direct.js":  []byte(entryScript),
	}, nil
}

// patchChannel points the kernel's channel at stdin and stdout, and applies
// the speedups.
func patchChannel(program []byte) ([]byte, error) {
	if n := bytes.Count(program, channelFrom); n != 1 {
		return nil, fmt.Errorf("jsii runtime: the kernel's channel setup occurs %d times in lib/program.js (want 1); this jsii-runtime-go version is not supported by the direct runtime", n)
	}
	out := bytes.Replace(program, channelFrom, channelTo, 1)
	for _, sp := range speedups {
		if bytes.Count(out, []byte(sp.from)) == 1 {
			out = bytes.Replace(out, []byte(sp.from), []byte(sp.to), 1)
		}
	}
	return out, nil
}

// installRuntime returns the cache folder holding files, writing it first
// when it is missing or differs (a folder is renamed into place whole).
func installRuntime(base string, files map[string][]byte) (string, error) {
	h := sha256.New()
	for _, name := range []string{"lib/direct.js", "lib/program.js"} {
		fmt.Fprintf(h, "%s %d\n", name, len(files[name]))
		h.Write(files[name])
	}
	key := hex.EncodeToString(h.Sum(nil)[:12])
	dir := filepath.Join(base, "jsii-runtime-"+key+"-v"+runtimeFormat)
	if sameFiles(dir, files) {
		// Mark it as in use, so that other versions' pruning keeps it.
		if info, err := os.Stat(dir); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
			now := time.Now()
			os.Chtimes(dir, now, now)
		}
		return dir, nil
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(base, ".tmp-runtime-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	for name, b := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return "", err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", err
	}
	pruneRuntimes(base, filepath.Base(dir))
	// A damaged folder is moved aside first; a concurrent writer may win
	// the rename, which is fine when it wrote the same files.
	if _, err := os.Stat(dir); err == nil {
		old := tmp + "-old"
		if os.Rename(dir, old) == nil {
			defer os.RemoveAll(old)
		}
	}
	if err := os.Rename(tmp, dir); err != nil && !sameFiles(dir, files) {
		return "", err
	}
	if !sameFiles(dir, files) {
		return "", fmt.Errorf("%s: files differ after writing", dir)
	}
	return dir, nil
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

// pruneRuntimes removes runtime folders other than keep that no process
// has used for a week (another jsii-runtime-go version or format; a folder
// in use is touched daily), and temporary folders of writers that died.
func pruneRuntimes(base, keep string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		info, err := e.Info()
		if err != nil || !e.IsDir() {
			continue
		}
		age := time.Since(info.ModTime())
		switch {
		case strings.HasPrefix(n, "jsii-runtime-") && n != keep && age > 7*24*time.Hour,
			strings.HasPrefix(n, ".tmp-runtime-") && age > time.Hour:
			os.RemoveAll(filepath.Join(base, n))
		}
	}
}
