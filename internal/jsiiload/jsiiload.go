// Package jsiiload makes the jsii kernel load the AWS provider package
// several times faster and with a fraction of the memory, without changing
// anything the provider does.
//
// The Go bindings hand the kernel the provider's npm tarball: a 120 MB .jsii
// assembly that is parsed in full, and a lib/index.js that requires all 2,123
// resource submodules up front. Preload loads instead, under the same package
// name and version, a tarball derived from the embedded one and cached in the
// user cache folder (built once, written atomically):
//
//   - lazy: package.json "main" is the lib/lazy-index.js the provider already
//     ships (submodules are required on first use), the assembly keeps every
//     type but drops documentation and source locations, and the TypeScript
//     declarations are left out;
//   - trimmed (the default): additionally only the namespaces of the
//     provider Go packages this executable links, plus every type they
//     reference. The Go bindings cannot name any other provider type. The
//     linked packages are read from the executable's own Go function table
//     (pclntab), which every Go binary keeps for stack traces, stripped
//     ones and `go run` builds included.
//
// The kernel caches loads by name and version, so when the bindings later
// load the stock tarball nothing happens. Any failure falls back: trimmed to
// lazy, lazy to stock. The stock tarball is also used when the executable
// links jsii libraries other than constructs, cdktf and the AWS provider
// (their JavaScript may require the provider and expect every namespace as
// an enumerable export), or when its function table cannot be read.
//
// The package also runs the kernel as one node process instead of jsii's
// two (the direct runtime, runtime.go): jsii-runtime-go normally starts a
// wrapper that starts the kernel and relays every request between them.
// Preload points jsii-runtime-go's JSII_RUNTIME variable at a cached copy
// of the embedded kernel program that talks over stdin and stdout itself,
// for the one jsii call that starts the kernel, and restores the variable
// right after (kernel.go). It is skipped (jsii's wrapper is used) on
// Windows, with a non-POSIX $SHELL, when the user sets JSII_RUNTIME, or when
// the embedded kernel does not have the expected shape.
//
// Nothing happens at package initialization: Preload (called by
// stack.NewApp) and Close (stack.Close) are where files are written, the
// kernel starts and stops, and the environment changes for a moment.
//
// Two unexported variables of other modules are reached through
// go:linkname, in linkname.go only: -tags cdktf_secure_nofastload leaves it
// out and the stock paths are used (see there).
//
// CDKTF_SECURE_JSII_FASTLOAD selects the mode: "0" (or false/off/no) for the
// stock path (and jsii's own runtime), "lazy" to never trim, "debug" to print
// what Preload did on standard error; unset or anything else means the
// default. CDKTF_SECURE_JSII_DIRECT=0 keeps the fast provider package but
// uses jsii's own two-process runtime.
package jsiiload

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	_jsii_ "github.com/aws/jsii-runtime-go/runtime"
)

// EnvVar selects the loading mode: "0" (false, off, no) = stock, "lazy" =
// never trim, "debug" = default with a one-line report on standard error.
const EnvVar = "CDKTF_SECURE_JSII_FASTLOAD"

// Mode tells which tarball the AWS provider is loaded from.
type Mode string

const (
	// Trimmed is the derived tarball cut to the namespaces the executable links.
	Trimmed Mode = "trimmed"
	// Lazy is the derived tarball with every type, loading submodules lazily.
	Lazy Mode = "lazy"
	// Stock is the tarball embedded in the Go bindings, loaded by the
	// bindings themselves on first use.
	Stock Mode = "stock"
)

// Result describes one Preload.
type Result struct {
	// Mode is the tarball the provider is loaded from.
	Mode Mode
	// Built is true when this process derived a tarball (first run, new
	// set of linked packages, or stale cache) instead of reading the cache.
	Built bool
	// CacheFile is the loaded tarball's cache file ("" when not cached).
	CacheFile string
	// Namespaces is the number of provider namespaces shipped (trimmed only).
	Namespaces int
	// Err says why a faster mode was not used or why caching failed; nil
	// when the mode was chosen through EnvVar.
	Err error
	// Took is the time Preload spent, the kernel's load included.
	Took time.Duration
	// Runtime tells whether the kernel runs as a single node process.
	Runtime RuntimeInfo
	// Cdktf is true when cdktf was loaded from the derived package that
	// requires archiver on first use (cdktf.go); CdktfErr says why not
	// (nil when fast loading is off).
	Cdktf    bool
	CdktfErr error
}

func (r Result) String() string {
	s := fmt.Sprintf("jsiiload: %s in %s", r.Mode, r.Took.Round(time.Millisecond))
	if r.Mode == Trimmed {
		s += fmt.Sprintf(", %d namespaces", r.Namespaces)
	}
	if r.Built {
		s += " (built " + r.CacheFile + ")"
	}
	if r.Err != nil {
		s += ": " + r.Err.Error()
	}
	switch {
	case r.Cdktf:
		s += "; cdktf derived"
	case r.CdktfErr != nil:
		s += "; cdktf stock: " + r.CdktfErr.Error()
	}
	switch {
	case r.Runtime.Direct:
		s += "; direct runtime " + r.Runtime.Dir
	case r.Runtime.Err != nil:
		s += "; wrapper runtime: " + r.Runtime.Err.Error()
	default:
		s += "; wrapper runtime"
	}
	return s
}

// Enabled reports whether EnvVar allows fast loading.
func Enabled() bool { return !turnedOff(envValue()) }

func envValue() string { return strings.ToLower(strings.TrimSpace(os.Getenv(EnvVar))) }

// turnedOff reports whether an environment value turns a feature off.
func turnedOff(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "0", "false", "off", "no":
		return true
	}
	return false
}

// Preload loads the AWS provider package into the current jsii kernel from
// the fast tarball. Call it before any provider type is used in the kernel
// (stack.NewApp does); later calls, and calls once the provider is loaded,
// cost a cache-file read and do nothing else. On any error the provider is
// left for the bindings to load the stock way. If the kernel itself rejects
// the fast tarball, the kernel is restarted so the stock load starts clean,
// which drops jsii objects created before: another reason to call it first.
//
// The first call in a process closes the jsii client that package
// initialization created, unless its kernel already runs, so that the
// kernel starts with the chosen runtime. Preload writes the derived
// package and the direct runtime to the user cache folder when missing, and
// while its one jsii call starts the kernel it sets JSII_RUNTIME and
// CDKTF_SECURE_JSII_RUNTIME (direct runtime) or
// JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 (jsii's wrapper, when
// unset), restoring them before it returns: jsii-runtime-go reads the
// process environment and has no other way in.
func Preload() Result {
	start := time.Now()
	info := DirectRuntime()
	dropInitClient()
	r := preload(awsPackage)
	r.Runtime = info
	r.Took = time.Since(start)
	if strings.EqualFold(strings.TrimSpace(os.Getenv(EnvVar)), "debug") {
		fmt.Fprintln(os.Stderr, r.String())
	}
	lastMu.Lock()
	last = &r
	lastMu.Unlock()
	return r
}

var (
	lastMu sync.Mutex
	last   *Result
)

// Last returns the result of this process's most recent Preload, and false
// if there was none.
func Last() (Result, bool) {
	lastMu.Lock()
	defer lastMu.Unlock()
	if last == nil {
		return Result{}, false
	}
	return *last, true
}

var prepMu sync.Mutex

// errNoFastLoad is why nothing is faster in a build with the tag.
var errNoFastLoad = errors.New("built with -tags cdktf_secure_nofastload")

func preload(p pkgSpec) (res Result) {
	res.Mode = Stock
	if !Enabled() {
		startKernel(p, nil)
		return res
	}
	prepMu.Lock()
	d, err := choose(p, &res)
	var cd *derived
	if p.cdktf != nil {
		cd, res.CdktfErr = cdktfTarballFor(p.cdktf())
	}
	prepMu.Unlock()
	setCdktf := func(loadErr error) {
		if loadErr != nil {
			res.CdktfErr = loadErr
		}
		res.Cdktf = cd != nil && res.CdktfErr == nil
	}
	if res.Built {
		// Building took a few hundred MB; hand it back before the kernel
		// process starts.
		debug.FreeOSMemory()
	}
	if d == nil {
		res.Mode, res.Err = Stock, err
		setCdktf(startKernel(p, cd))
		return res
	}
	defer func() {
		if r := recover(); r != nil {
			// The kernel may hold a half-loaded package; start a fresh one.
			Close()
			res.Mode, res.Err = Stock, fmt.Errorf("kernel rejected the %s tarball: %v", res.Mode, firstLine(fmt.Sprint(r)))
			res.Cdktf = false // the bindings load the stock cdktf into the new kernel
		}
	}()
	setCdktf(startKernel(p, cd))
	_jsii_.Load(d.Name, d.Version, d.Tarball)
	res.Err = err
	return res
}

// choose returns the tarball to load and sets res.Mode, CacheFile, Built and
// Namespaces. err explains a fallback or a cache write failure.
func choose(p pkgSpec, res *Result) (*derived, error) {
	if !linked {
		return nil, errNoFastLoad
	}
	orig := p.tarball()
	if len(orig) == 0 {
		return nil, fmt.Errorf("%s: no embedded tarball", p.label)
	}
	key := tarballKey(orig)
	dir, dirErr := cacheDir()

	// What the binary links decides the mode: foreign jsii libraries (or
	// not knowing) mean stock; otherwise trimmed, or lazy when asked.
	linked, err := scanLinked()
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot tell which jsii packages the executable links: %w", err)
	case len(linked.Foreign) > 0:
		return nil, fmt.Errorf("the executable links other jsii packages (%s), whose JavaScript may need the stock package", strings.Join(linked.Foreign, ", "))
	case len(linked.Packages) == 0:
		return nil, errors.New("the executable links no provider package")
	case envValue() == "lazy":
		linked = nil
	}
	var trimFile string // the trimmed variant's cache file
	if linked != nil && dirErr == nil {
		trimFile = cacheFile(dir, p.label, key, "trim-"+setKey(linked.Packages))
		if d, n, ok := readTrimmed(trimFile); ok {
			res.Mode, res.CacheFile, res.Namespaces = Trimmed, trimFile, n
			return d, nil
		}
	}

	// Slow path: build what is missing, one process at a time. Without a
	// usable cache folder every run would pay for building (seconds, more
	// than the stock load saves), so that means stock.
	if dirErr != nil {
		return nil, fmt.Errorf("no cache folder: %w", dirErr)
	}
	if err := writable(dir); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	// Without a lock (a file system without flock) concurrent first runs
	// each build; the atomic rename still keeps the cache consistent.
	unlock, _ := lockFile(filepath.Join(dir, ".lock"))
	defer unlock()
	if linked != nil {
		// Another process may have built it while this one waited.
		if d, n, ok := readTrimmed(trimFile); ok {
			res.Mode, res.CacheFile, res.Namespaces = Trimmed, trimFile, n
			return d, nil
		}
		// One pass over the stock tarball; on any error the way below
		// (derive, then trim) runs and reports its own.
		if t, kept, err := trimStock(orig, linked.Packages); err == nil {
			prune(dir, p.label, key)
			return t, cacheTrimmed(res, t, kept, trimFile)
		}
	}
	full, fullFile, built, err := lazyTarball(p, orig, key, dir)
	if full == nil {
		return nil, err
	}
	res.Mode, res.CacheFile, res.Built = Lazy, fullFile, built
	if linked == nil {
		return full, err
	}
	t, kept, terr := trim(full, linked.Packages)
	if terr != nil {
		return full, fmt.Errorf("not trimmed: %w", terr)
	}
	return t, cacheTrimmed(res, t, kept, trimFile)
}

// cacheTrimmed records a trimmed tarball this process built in res and
// writes it to the cache file f.
func cacheTrimmed(res *Result, t *derived, kept []string, f string) error {
	res.Mode, res.Built, res.Namespaces, res.CacheFile = Trimmed, true, len(kept), ""
	if err := writeAtomic(f, encodeCache(t, len(kept))); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	res.CacheFile = f
	return nil
}

// readTrimmed reads a cached trimmed tarball.
func readTrimmed(f string) (*derived, int, bool) {
	b, err := os.ReadFile(f)
	if err != nil {
		return nil, 0, false
	}
	d, n, err := decodeCache(b)
	return d, n, err == nil
}

// lazyTarball returns the lazy derived package, from the cache when a valid
// file is there, else built from the stock tarball and cached.
func lazyTarball(p pkgSpec, orig []byte, key, dir string) (d *derived, file string, built bool, err error) {
	file = cacheFile(dir, p.label, key, "lazy")
	if b, err := os.ReadFile(file); err == nil {
		if d, _, err := decodeCache(b); err == nil {
			return d, file, false, nil
		}
	}
	d, err = derive(orig)
	if err != nil {
		return nil, "", false, fmt.Errorf("%s: %w", p.label, err)
	}
	prune(dir, p.label, key)
	if err := writeAtomic(file, encodeCache(d, 0)); err != nil {
		return d, "", true, fmt.Errorf("cache: %w", err)
	}
	return d, file, true, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
