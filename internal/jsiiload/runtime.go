package jsiiload

import (
	"crypto/sha256"
	_ "embed" // for go:embed
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
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
	// CodeCacheEnvVar turns the V8 code cache of the direct runtime off
	// when "0" (false, off, no). See codeCacheJS.
	CodeCacheEnvVar = "CDKTF_SECURE_JSII_CODE_CACHE"
	// runtimeFormat is part of the runtime cache key: bump it when the
	// patch or the entry script changes.
	runtimeFormat = "4"
	// codeCacheDir is the folder inside the runtime folder that holds the
	// V8 code cache files (one per node version and flags).
	codeCacheDir = "code-cache"
)

// codeCacheJS keeps V8's compiled code of the modules the kernel loads
// between runs (lib/code-cache.js; the entry script installs it when the
// command line names a folder), so that node does not parse and compile
// about 9 MB of JavaScript (the kernel program, cdktf, the provider's
// submodules) on every run: 30-80 ms, 8-13% of a warm synth, in interleaved
// runs on the 2-core benchmark machine (bench/run.sh). The file is bounded:
// at most 32 MiB of data (least recently used entries go first), entries
// whose package folders are gone (jsii prunes its package cache after 30
// days unused) or unused for a week are dropped, and it is rewritten under
// a lock, merged with what concurrent runs wrote, through a temporary file
// and a rename; a writer killed halfway leaves a lock and a temporary file
// the next writer removes.
//
//go:embed codecache.js
var codeCacheJS string

// channelRE matches the kernel's channel in lib/program.js: file descriptor
// 3, which only the wrapper provides. Up to v1.129.0 the program is plain
// webpack output ("readFD: 3,\n        writeFD: 3"), from v1.130.0 on it is
// minified ("readFD:3,writeFD:3"); the pattern takes both. It must match
// exactly once or nothing is patched (and jsii's wrapper is used).
var channelRE = regexp.MustCompile(`\breadFD(\s*):(\s*)3(\s*),(\s*)writeFD(\s*):(\s*)3\b`)

// channelTo is the replacement: stdin and stdout, keeping the spacing.
const channelTo = "readFD${1}:${2}0${3},${4}writeFD${5}:${6}1"

// speedups are optional patches of lib/program.js that change nothing but
// speed, each applied only when its pattern matches exactly once. A
// speedup has one variant per shape of the program (webpack output up to
// jsii-runtime-go v1.129.0, minified from v1.130.0); to is a
// regexp.Expand template ($$ is a dollar sign).
var speedups = []struct {
	what string
	from *regexp.Regexp
	to   string
}{
	// serializationType formats its argument with util.inspect for an
	// assertion message on every call, failing or not: about 20 ms and
	// more garbage per 100 resources. Format it only when the check fails.
	{
		"serializationType assertion",
		regexp.MustCompile(regexp.QuoteMeta("            assert(typeRef != null, `Kernel error: expected type information, got ${(0, util_1.inspect)(typeRef)}`);\n")),
		"            if (typeRef == null) assert(false, `Kernel error: expected type information, got $${(0, util_1.inspect)(typeRef)}`);\n",
	},
	{
		"serializationType assertion",
		regexp.MustCompile(`(\(0,[\w$]+\.default\)|\b[\w$]+)\(null!=([\w$]+),` + "`" + `Kernel error: expected type information, got \$\{\(0,([\w$]+)\.inspect\)\(([\w$]+)\)\}` + "`" + `\)`),
		"(null!=${2}||${1}(!1,`Kernel error: expected type information, got $${(0,${3}.inspect)(${4})}`))",
	},
}

// entryScript starts the patched kernel, with the code cache in the folder
// its first argument names, if any. Standard output carries the
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
if (process.argv[2]) require('./code-cache.js').install(process.argv[2]);
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
	// CodeCache is the V8 code cache folder ("" unless Direct, or when
	// CDKTF_SECURE_JSII_CODE_CACHE=0).
	CodeCache string
	// NodeFlags are the V8 flags the kernel runs with (KernelFlags, or
	// NodeFlagsEnvVar's; none when this node refuses KernelFlags).
	NodeFlags []string
	// Err says why the wrapper is used; nil when chosen through an
	// environment variable or when Direct.
	Err error
	// SettingErr is set, with Err, when an environment variable the user
	// set is wrong (NodeFlagsEnvVar); stack.NewApp returns it before
	// starting the kernel.
	SettingErr error
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

// directEnabled reports whether neither EnvVar nor DirectEnvVar turns the
// direct runtime off.
func directEnabled() bool { return Enabled() && !turnedOff(os.Getenv(DirectEnvVar)) }

// prepareRuntime decides whether the direct runtime can be used and writes
// its files to the cache when they are missing.
func prepareRuntime() (RuntimeInfo, string) {
	if !directEnabled() {
		return RuntimeInfo{}, ""
	}
	if !linked {
		return RuntimeInfo{Err: errNoFastLoad}, ""
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
	// Without node, jsii's own runtime gives the clearer error.
	node := os.Getenv(nodeVar)
	if node == "" {
		node = "node"
	}
	nodePath, err := exec.LookPath(node)
	if err != nil {
		return RuntimeInfo{Err: err}, ""
	}
	key, err := runtimeKey()
	if err != nil {
		return RuntimeInfo{Err: err}, ""
	}
	base, err := cacheDir()
	if err != nil {
		return RuntimeInfo{Err: fmt.Errorf("no cache folder: %w", err)}, ""
	}
	dir, err := installRuntime(base, key, runtimeFiles)
	if err != nil {
		return RuntimeInfo{Err: err}, ""
	}
	codeCache := ""
	if !turnedOff(os.Getenv(CodeCacheEnvVar)) {
		codeCache = filepath.Join(dir, codeCacheDir)
	}
	// The kernel makes no TLS connection unless a foreign jsii library's
	// JavaScript does (or the executable cannot be read to tell).
	ls, err := scanLinked()
	dropCA := err == nil && len(ls.Foreign) == 0
	flags, err := kernelFlags(dir, nodePath)
	if err != nil {
		return RuntimeInfo{Err: err, SettingErr: err}, ""
	}
	return RuntimeInfo{Direct: true, Dir: dir, CodeCache: codeCache, NodeFlags: flags},
		runtimeCommand(node, flags, filepath.Join(dir, "lib", "direct.js"), codeCache, dropCA)
}

// unusedVars are variables node acts on at start-up for something the
// kernel never does: NODE_EXTRA_CA_CERTS makes node read and parse a
// certificate file before running any JavaScript (a system bundle of about
// 150 certificates: 45-130 ms of a run on the benchmark machine), for TLS
// connections the kernel does not make. runtimeCommand unsets them in the
// shell that starts the kernel, so neither the Go process's environment nor
// its other children change.
var unusedVars = []string{"NODE_EXTRA_CA_CERTS"}

// runtimeCommand is the shell command line that starts the kernel: exec, so
// the shell is replaced by node and jsii-runtime-go talks to node itself.
// --preserve-symlinks is the flag the wrapper passes to the kernel; flags
// are the V8 flags (kernelFlags). A non-empty
// codeCache is the code cache folder, passed to the entry script. With
// dropUnused, the shell unsets unusedVars first.
func runtimeCommand(node string, flags []string, entry, codeCache string, dropUnused bool) string {
	cmd := "exec " + shellQuote(node) + " --preserve-symlinks "
	for _, f := range flags {
		cmd += shellQuote(f) + " "
	}
	cmd += shellQuote(entry)
	if dropUnused {
		cmd = "unset " + strings.Join(unusedVars, " ") + "; " + cmd
	}
	if codeCache != "" {
		cmd += " " + shellQuote(codeCache)
	}
	return cmd
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// embeddedLib is the embedded runtime's folder of kernel modules:
// program.js, and from v1.138.0 on runtime-index-worker.js (a worker thread
// program.js starts from its own folder).
const embeddedLib = "resources/lib"

// embeddedProgram is the kernel program in the embedded runtime.
const embeddedProgram = embeddedLib + "/program.js"

// runtimeKey identifies the direct runtime derived from the embedded one: a
// hash of everything that goes into it. It streams the program through the
// hash rather than copying it.
func runtimeKey() (string, error) {
	f, err := jsiiRuntimeFS.Open(embeddedProgram)
	if err != nil {
		return "", fmt.Errorf("jsii runtime: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	fmt.Fprintf(h, "format %s\n", runtimeFormat)
	n, err := io.Copy(h, f)
	if err != nil {
		return "", fmt.Errorf("jsii runtime: %w", err)
	}
	fmt.Fprintf(h, "\n%d\n%d\n%s%d\n%s", n, len(entryScript), entryScript, len(codeCacheJS), codeCacheJS)
	for _, sp := range speedups {
		from := sp.from.String()
		fmt.Fprintf(h, "%d %s%d %s", len(from), from, len(sp.to), sp.to)
	}
	workers, err := workerModules()
	if err != nil {
		return "", err
	}
	for _, name := range workers {
		b, err := jsiiRuntimeFS.ReadFile(path.Join(embeddedLib, name))
		if err != nil {
			return "", fmt.Errorf("jsii runtime: %w", err)
		}
		fmt.Fprintf(h, "%s %d\n", name, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)[:12]), nil
}

// workerModules lists the embedded kernel modules other than program.js
// (copied unchanged next to it), without source maps.
func workerModules() ([]string, error) {
	entries, err := fs.ReadDir(jsiiRuntimeFS, embeddedLib)
	if err != nil {
		return nil, fmt.Errorf("jsii runtime: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasSuffix(n, ".js") && n != "program.js" && n != "direct.js" && n != "code-cache.js" {
			names = append(names, n)
		}
	}
	return names, nil
}

// runtimeFiles derives the direct runtime's files from the embedded kernel
// program.
func runtimeFiles() (map[string][]byte, error) {
	program, err := jsiiRuntimeFS.ReadFile(embeddedProgram)
	if err != nil {
		return nil, fmt.Errorf("jsii runtime: %w", err)
	}
	patched, err := patchProgram(program)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"lib/program.js":    patched,
		"lib/direct.js":     []byte(entryScript),
		"lib/code-cache.js": []byte(codeCacheJS),
	}
	workers, err := workerModules()
	if err != nil {
		return nil, err
	}
	for _, name := range workers {
		b, err := jsiiRuntimeFS.ReadFile(path.Join(embeddedLib, name))
		if err != nil {
			return nil, fmt.Errorf("jsii runtime: %w", err)
		}
		files["lib/"+name] = b
	}
	return files, nil
}

// patchProgram points the kernel's channel at stdin and stdout, and applies
// the speedups that match.
func patchProgram(program []byte) ([]byte, error) {
	if n := len(channelRE.FindAllIndex(program, 2)); n != 1 {
		return nil, fmt.Errorf("jsii runtime: the kernel's channel setup (readFD: 3, writeFD: 3) occurs %d times in lib/program.js (want 1); this jsii-runtime-go version is not supported by the direct runtime", n)
	}
	out := channelRE.ReplaceAll(program, []byte(channelTo))
	for _, sp := range speedups {
		if m := sp.from.FindAllSubmatchIndex(out, 2); len(m) == 1 {
			to := sp.from.Expand(nil, []byte(sp.to), out, m[0])
			out = append(out[:m[0][0]:m[0][0]], append(to, out[m[0][1]:]...)...)
		}
	}
	return out, nil
}

// manifestName lists a runtime folder's files and sizes; it is written
// last, and the folder is renamed into place whole, so a folder with a
// manifest whose sizes match is complete.
const manifestName = "files"

// installRuntime returns the cache folder of the runtime with this key,
// writing it with the files build returns when it is missing or damaged.
// Checking an intact folder costs a few stat calls, not a read.
func installRuntime(base, key string, build func() (map[string][]byte, error)) (string, error) {
	dir := filepath.Join(base, "jsii-runtime-"+key+"-v"+runtimeFormat)
	if intact(dir) {
		// Mark it as in use, so that other versions' pruning keeps it.
		if info, err := os.Stat(dir); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
			now := time.Now()
			os.Chtimes(dir, now, now)
		}
		return dir, nil
	}
	files, err := build()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", fmt.Errorf("cache: %w", err)
	}
	tmp, err := os.MkdirTemp(base, ".tmp-runtime-*")
	if err != nil {
		return "", fmt.Errorf("cache: %w", err)
	}
	defer os.RemoveAll(tmp)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var manifest strings.Builder
	for _, name := range names {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", fmt.Errorf("cache: %w", err)
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return "", fmt.Errorf("cache: %w", err)
		}
		fmt.Fprintf(&manifest, "%s %d\n", name, len(files[name]))
	}
	if err := os.WriteFile(filepath.Join(tmp, manifestName), []byte(manifest.String()), 0o644); err != nil {
		return "", fmt.Errorf("cache: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", fmt.Errorf("cache: %w", err)
	}
	pruneRuntimes(base, filepath.Base(dir))
	if intact(dir) {
		return dir, nil // another process wrote it meanwhile (and may be using it)
	}
	// A damaged folder is moved aside first; a concurrent writer may win
	// the rename, which is fine: it wrote the same files.
	if _, err := os.Stat(dir); err == nil {
		old := tmp + "-old"
		if os.Rename(dir, old) == nil {
			defer os.RemoveAll(old)
		}
	}
	if err := os.Rename(tmp, dir); err != nil && !intact(dir) {
		return "", fmt.Errorf("cache: %w", err)
	}
	if !intact(dir) {
		return "", fmt.Errorf("cache: %s is incomplete after writing", dir)
	}
	return dir, nil
}

// intact reports whether dir has a manifest and every file it lists, at
// the listed size.
func intact(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return false
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	for _, line := range lines {
		name, size, ok := strings.Cut(line, " ")
		n, err := strconv.ParseInt(size, 10, 64)
		if !ok || err != nil || name == "" || strings.Contains(name, "..") {
			return false
		}
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !info.Mode().IsRegular() || info.Size() != n {
			return false
		}
	}
	return len(lines) > 0
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
