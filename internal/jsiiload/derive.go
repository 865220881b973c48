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
	"regexp"
	"sort"
	"strings"
)

// lazyMain is the entry point the derived package declares. cdktf's
// provider generator ships it next to lib/index.js: it defines every
// submodule namespace as a getter that requires the submodule on first use,
// where lib/index.js requires all of them up front.
const lazyMain = "lib/lazy-index.js"

// derived is a fast-loading copy of a jsii package tarball.
type derived struct {
	// Name and Version are the npm package's, as the Go bindings load it.
	Name, Version string
	// Tarball is the derived .tgz.
	Tarball []byte
}

var (
	mainField  = regexp.MustCompile(`"main"\s*:\s*"(\./)?lib/index\.js"`)
	eagerEntry = regexp.MustCompile(`(?m)^exports\.([A-Za-z0-9_$]+) = require\("\./([^"]+)"\);$`)
	lazyEntry  = regexp.MustCompile(`(?m)^Object\.defineProperty\(exports, '([A-Za-z0-9_$]+)', \{ get: function \(\) \{ return require\('\./([^']+)'\); \} \}\);$`)
)

// derive builds the fast-loading package from the stock tarball: package.json
// "main" points at lib/lazy-index.js instead of lib/index.js, the .jsii
// assembly keeps every type but loses documentation and source locations, and
// the TypeScript declarations (*.d.ts) are left out. Every other file is
// copied unchanged. The result is deterministic for a given input. It fails,
// so the caller falls back to the stock tarball, unless lazy-index.js exposes
// exactly the namespaces index.js does and every type lives in one of them.
func derive(orig []byte) (*derived, error) {
	zr, err := gzip.NewReader(bytes.NewReader(orig))
	if err != nil {
		return nil, fmt.Errorf("tarball: %w", err)
	}
	tr := tar.NewReader(zr)

	var out bytes.Buffer
	out.Grow(len(orig) * 5 / 4) // the result is about 1.25 times the input
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	tw := tar.NewWriter(zw)

	var (
		pkgHdr, jsiiHdr    *tar.Header
		pkgJSON, jsiiBytes []byte
		eagerJS, lazyJS    []byte
		rootFiles          = map[string][]byte{} // other root-level .jsii* files (redirect targets)
		sawEager, sawLazy  bool
	)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("tarball: %w", err)
		}
		rel := hdr.Name
		if i := strings.IndexByte(rel, '/'); i >= 0 {
			rel = rel[i+1:]
		}
		switch {
		case rel == "package.json":
			pkgHdr = hdr
			if pkgJSON, err = readEntry(tr, hdr); err != nil {
				return nil, err
			}
			continue
		case rel == ".jsii":
			jsiiHdr = hdr
			if jsiiBytes, err = readEntry(tr, hdr); err != nil {
				return nil, err
			}
			continue
		case strings.HasPrefix(rel, ".jsii") && !strings.Contains(rel, "/"):
			b, err := readEntry(tr, hdr)
			if err != nil {
				return nil, err
			}
			rootFiles[rel] = b
			continue
		case strings.HasSuffix(rel, ".d.ts") && hdr.Typeflag == tar.TypeReg:
			continue
		}
		var body []byte
		if hdr.Typeflag == tar.TypeReg {
			if body, err = readEntry(tr, hdr); err != nil {
				return nil, err
			}
			switch rel {
			case "lib/index.js":
				eagerJS, sawEager = body, true
			case lazyMain:
				lazyJS, sawLazy = body, true
			}
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(body); err != nil {
			return nil, err
		}
	}
	if pkgHdr == nil || jsiiHdr == nil {
		return nil, errors.New("tarball: no package.json or .jsii")
	}
	if !sawEager || !sawLazy {
		return nil, fmt.Errorf("tarball: no lib/index.js or %s", lazyMain)
	}

	newPkg, name, version, err := rewriteMain(pkgJSON)
	if err != nil {
		return nil, err
	}
	eager, err := sameNamespaces(eagerJS, lazyJS)
	if err != nil {
		return nil, err
	}

	// .jsii: follow a file redirect, then strip.
	assembly, err := resolveRedirect(jsiiBytes, rootFiles)
	if err != nil {
		return nil, err
	}
	stripped, err := stripAssembly(assembly)
	if err != nil {
		return nil, err
	}
	jsiiBytes, assembly, rootFiles = nil, nil, nil // 120 MB the GC can take back now
	if err := checkAssembly(stripped, name, version, eager); err != nil {
		return nil, err
	}

	for _, f := range []struct {
		hdr  *tar.Header
		body []byte
	}{{pkgHdr, newPkg}, {jsiiHdr, stripped}} {
		h := *f.hdr
		h.Size = int64(len(f.body))
		h.Typeflag = tar.TypeReg
		if err := tw.WriteHeader(&h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.body); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return &derived{Name: name, Version: version, Tarball: out.Bytes()}, nil
}

// rewriteMain returns package.json with only "main" changed to lazyMain, and
// the package's name and version.
func rewriteMain(pkgJSON []byte) (newPkg []byte, name, version string, err error) {
	var pkg struct {
		Name, Version, Main string
		Exports             json.RawMessage
	}
	if err := json.Unmarshal(pkgJSON, &pkg); err != nil {
		return nil, "", "", fmt.Errorf("package.json: %w", err)
	}
	if pkg.Exports != nil {
		// Node would resolve the package through "exports", not "main".
		return nil, "", "", errors.New(`package.json: has "exports"; rewriting "main" would not take effect`)
	}
	if n := len(mainField.FindAllIndex(pkgJSON, -1)); n != 1 {
		return nil, "", "", fmt.Errorf("package.json: want one \"main\": \"lib/index.js\", found %d", n)
	}
	newPkg = mainField.ReplaceAll(pkgJSON, []byte(`"main": "`+lazyMain+`"`))
	var check struct{ Main string }
	if err := json.Unmarshal(newPkg, &check); err != nil || check.Main != lazyMain {
		return nil, "", "", fmt.Errorf("package.json: rewriting main failed (%v)", err)
	}
	return newPkg, pkg.Name, pkg.Version, nil
}

// sameNamespaces checks that lazy-index.js exposes exactly the namespaces
// lib/index.js does, in the same folders, and returns them (namespace ->
// folder).
func sameNamespaces(eagerJS, lazyJS []byte) (map[string]string, error) {
	eager, lazy := entries(eagerEntry, eagerJS), entries(lazyEntry, lazyJS)
	if len(eager) == 0 || !sameMap(eager, lazy) {
		return nil, fmt.Errorf("%s: namespaces differ from lib/index.js (%d vs %d)", lazyMain, len(lazy), len(eager))
	}
	return eager, nil
}

// readEntry reads a tar entry's content in one allocation of its size.
func readEntry(r io.Reader, hdr *tar.Header) ([]byte, error) {
	if hdr.Size < 0 || hdr.Size > 1<<31 {
		return nil, fmt.Errorf("tarball: %s: size %d", hdr.Name, hdr.Size)
	}
	b := make([]byte, hdr.Size)
	_, err := io.ReadFull(r, b)
	return b, err
}

// entries maps namespace -> submodule folder as listed by an index file.
func entries(re *regexp.Regexp, js []byte) map[string]string {
	m := map[string]string{}
	for _, sm := range re.FindAllSubmatch(js, -1) {
		m[string(sm[1])] = path.Clean(string(sm[2]))
	}
	return m
}

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// resolveRedirect returns the assembly JSON, following a
// {"schema":"jsii/file-redirect"} pointer to a sibling (optionally gzipped) file.
func resolveRedirect(jsii []byte, siblings map[string][]byte) ([]byte, error) {
	if len(jsii) > 4096 || !bytes.Contains(jsii, []byte("jsii/file-redirect")) {
		return jsii, nil
	}
	var r struct{ Schema, Compression, Filename string }
	if err := json.Unmarshal(jsii, &r); err != nil || r.Schema != "jsii/file-redirect" {
		return jsii, nil
	}
	b, ok := siblings[path.Clean(r.Filename)]
	if !ok {
		return nil, fmt.Errorf(".jsii: redirect target %q not in the tarball", r.Filename)
	}
	switch r.Compression {
	case "":
		return b, nil
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf(".jsii: %w", err)
		}
		return io.ReadAll(zr)
	default:
		return nil, fmt.Errorf(".jsii: unsupported compression %q", r.Compression)
	}
}

// checkAssembly verifies the stripped assembly names the same package and
// that every type is reachable through a namespace lazy-index.js defines
// (the kernel resolves "<assembly>.<namespace>.<Type>" by property access).
func checkAssembly(asm []byte, name, version string, namespaces map[string]string) error {
	var a struct {
		Name, Version string
		Types         map[string]struct {
			Namespace string `json:"namespace"`
		} `json:"types"`
	}
	if err := json.Unmarshal(asm, &a); err != nil {
		return fmt.Errorf(".jsii: %w", err)
	}
	if a.Name != name || a.Version != version {
		return fmt.Errorf(".jsii: assembly %s@%s does not match package.json %s@%s", a.Name, a.Version, name, version)
	}
	if len(a.Types) == 0 {
		return errors.New(".jsii: no types")
	}
	var missing []string
	for fqn, t := range a.Types {
		ns, _, _ := strings.Cut(t.Namespace, ".")
		if _, ok := namespaces[ns]; !ok || !strings.HasPrefix(fqn, name+"."+ns+".") {
			missing = append(missing, fqn)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf(".jsii: %d types outside the lazily loaded namespaces, e.g. %s", len(missing), missing[0])
	}
	return nil
}
