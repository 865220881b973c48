package jsiiload

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	constructsjsii "github.com/aws/constructs-go/constructs/v10/jsii"
	_jsii_ "github.com/aws/jsii-runtime-go/runtime"
)

// The cdktf package as the kernel loads it, with two lines changed.
//
// cdktf's lib/private/fs.js requires the archiver package (and through it
// some 60 modules: readable-stream, lodash, glob, zip-stream, ...) when it is
// loaded, which is on every start: lib/index.js requires it through
// TerraformAsset. archiver is used only by runArchive, which runs when that
// file is executed as a command (node fs.js SRC DEST, what archiveSync starts
// to zip an asset folder), never inside the kernel. The derived package
// requires it on first use instead. About 100 ms of node CPU per run
// (bench: docs/performance.md).
//
// cdktf's lib/tokens/private/stack-trace.js captures the whole JavaScript
// stack (Error.stackTraceLimit raised to its maximum, then formatted and
// split into lines) for every Lazy, Intrinsic and dynamic-block token it
// creates, to name their "creation stack" in an error message should one
// fail to resolve. Under the Go bindings that stack holds only the jsii
// kernel's own frames, never the Go caller's, so it says nothing to a Go
// user and costs about 7% of a synthesis's CPU (the reference stack: 1,292
// -> 1,197 ms, 9 interleaved rounds). The derived package returns an empty
// stack, which cdktf already handles (resolvable.js prints none).
//
// It also leaves out the files node never reads (neverLoaded), which the
// kernel would otherwise write to its cache on a first run.
//
// Everything else, both files' other lines included, is unchanged, so
// synthesized output is identical.

// cdktfPatch is one line of a cdktf module the derived package replaces.
type cdktfPatch struct{ file, old, new string }

// cdktfPatches are the derived package's changes; each line must occur
// exactly once in its file, or the stock package is used.
var cdktfPatches = []cdktfPatch{
	{archiverFile, archiverEager, archiverLazy},
	{stackTraceFile, stackTraceEager, stackTraceEmpty},
}

// cdktfLabel names the derived cdktf package's cache files. It must not be
// a prefix of awsPackage.label followed by "-" (prune matches on it).
const cdktfLabel = "cdktf-core"

// archiverFile is the cdktf module that requires archiver.
const archiverFile = "lib/private/fs.js"

// archiverEager and archiverLazy are the line in archiverFile and its
// replacement. The line must occur exactly once, or the stock package is
// used.
const (
	archiverEager = `const archiver = require("archiver");`
	archiverLazy  = `const archiver = (...args) => require("archiver")(...args); // cdktf-secure-go: loaded on first use (internal/jsiiload)`
)

// stackTraceFile is the cdktf module that captures creation stacks;
// stackTraceEager and stackTraceEmpty are its function's first line and
// the replacement that returns no frames.
const (
	stackTraceFile  = "lib/tokens/private/stack-trace.js"
	stackTraceEager = `function captureStackTrace(below) {`
	stackTraceEmpty = `function captureStackTrace(below) { return []; // cdktf-secure-go: the kernel's frames tell a Go caller nothing (internal/jsiiload)`
)

// errPatch says a patch's line is not in its file exactly once.
func errPatch(p cdktfPatch) error {
	return fmt.Errorf("cdktf: %s: want the line %s exactly once", p.file, p.old)
}

// deriveCdktf returns the cdktf tarball with cdktfPatches applied. Every
// other entry is copied with its header unchanged; the result is
// deterministic for a given input.
func deriveCdktf(orig []byte) (*derived, error) {
	var (
		out       bytes.Buffer
		name, ver string
		patched   = map[string]bool{}
		zw, _     = gzip.NewWriterLevel(&out, gzip.BestSpeed)
		tw        = tar.NewWriter(zw)
	)
	out.Grow(len(orig) * 11 / 10)
	err := walkTar(orig, func(hdr *tar.Header, rel string, r io.Reader) error {
		if hdr.Typeflag == tar.TypeReg && neverLoaded(rel) {
			return nil
		}
		var body []byte
		if hdr.Typeflag == tar.TypeReg {
			b, err := readEntry(r, hdr)
			if err != nil {
				return err
			}
			body = b
		}
		if rel == "package.json" {
			var pkg struct{ Name, Version string }
			if err := json.Unmarshal(body, &pkg); err != nil {
				return fmt.Errorf("cdktf: package.json: %w", err)
			}
			name, ver = pkg.Name, pkg.Version
		}
		for _, p := range cdktfPatches {
			if rel != p.file {
				continue
			}
			if bytes.Count(body, []byte(p.old)) != 1 {
				return errPatch(p)
			}
			body = bytes.Replace(body, []byte(p.old), []byte(p.new), 1)
			patched[p.file] = true
			h := *hdr
			h.Size = int64(len(body))
			hdr = &h
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err := tw.Write(body)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, p := range cdktfPatches {
		if !patched[p.file] {
			return nil, errPatch(p)
		}
	}
	if name == "" || ver == "" {
		return nil, errors.New("cdktf: tarball has no package.json name and version")
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return &derived{Name: name, Version: ver, Tarball: out.Bytes()}, nil
}

// neverLoaded reports whether a file of the cdktf package is one node never
// reads when the kernel runs: type declarations, source maps (read only
// under --enable-source-maps, which the kernel does not use), Markdown and
// the bundled dependencies' CI and lint settings. The kernel extracts the
// package into its cache on a first run, a file at a time (about 1 ms each
// here); these are 543 of its 2,468 files in cdktf 0.20.12. Licences, package.json files
// and all code stay.
func neverLoaded(rel string) bool {
	base := path.Base(rel)
	for _, suf := range []string{".d.ts", ".d.mts", ".d.cts", ".map", ".md", ".markdown"} {
		if strings.HasSuffix(base, suf) {
			return true
		}
	}
	switch base {
	case "FUNDING.yml", ".travis.yml", ".airtap.yml", ".eslintrc", ".eslintignore", ".nycrc",
		".editorconfig", ".npmignore", "tsconfig.tsbuildinfo":
		return true
	}
	return false
}

// cdktfTarballFor returns the derived cdktf package, from the cache folder
// when a valid file is there, else built from the embedded tarball and
// cached (a failed write only means building again next time). It returns
// nil and the reason when the stock package must be used.
func cdktfTarballFor(orig []byte) (*derived, error) {
	if !linked {
		return nil, errNoFastLoad
	}
	if len(orig) == 0 {
		return nil, errors.New("cdktf: no embedded tarball")
	}
	dir, err := cacheDir()
	if err != nil {
		return nil, fmt.Errorf("no cache folder: %w", err)
	}
	key := tarballKey(orig)
	file := cacheFile(dir, cdktfLabel, key, "patched2")
	if d, _, ok := readTrimmed(file); ok {
		return d, nil
	}
	d, err := deriveCdktf(orig)
	if err != nil {
		return nil, err
	}
	if err := writable(dir); err == nil {
		prune(dir, cdktfLabel, key)
		writeAtomic(file, encodeCache(d, 0))
	}
	return d, nil
}

// loadCdktf loads constructs and then the derived cdktf package into the
// kernel, before the bindings' own cdktf Initialize (which then finds the
// same name and version loaded and does nothing). With no derived package
// it loads nothing: the bindings load the stock one.
func loadCdktf(d *derived) {
	if d == nil {
		return
	}
	constructsjsii.Initialize()
	_jsii_.Load(d.Name, d.Version, d.Tarball)
}
