package jsiiload

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"strings"
)

// trim builds, from a derived (lazy, stripped) tarball, one that holds only
// the namespaces of the given Go packages plus every type they reference,
// transitively: the assembly keeps those types, lib/lazy-index.js defines
// only their namespaces, and only their submodule folders are shipped. The
// kernel looks types up only by the names the Go side sends and by
// references from types it already knows, so a binary that links no other
// provider package cannot ask for anything left out.
func trim(full *derived, goPackages []string) (*derived, []string, error) {
	// Pass 1: the assembly and lazy-index.js (the derived tarball holds
	// 240 MB of JavaScript; only the kept part is ever held in memory).
	var asm, lazyJS []byte
	err := walkTar(full.Tarball, func(hdr *tar.Header, rel string, r io.Reader) error {
		var err error
		switch rel {
		case ".jsii":
			asm, err = readEntry(r, hdr)
		case lazyMain:
			lazyJS, err = readEntry(r, hdr)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if asm == nil || lazyJS == nil {
		return nil, nil, errors.New("trim: derived tarball lacks .jsii or " + lazyMain)
	}
	dirs := entries(lazyEntry, lazyJS) // namespace -> folder
	roots, err := rootsOf(dirs, goPackages)
	if err != nil {
		return nil, nil, err
	}
	newAsm, keep, err := trimAssembly(asm, full.Name, roots)
	if err != nil {
		return nil, nil, err
	}
	lazy, keepDir := filterLazy(lazyJS, keep, dirs)

	// Pass 2: copy what is kept.
	w := newTrimWriter(keepDir)
	err = walkTar(full.Tarball, func(hdr *tar.Header, rel string, r io.Reader) error {
		switch rel {
		case ".jsii":
			return w.put(hdr, newAsm)
		case lazyMain:
			return w.put(hdr, lazy)
		}
		return w.copy(hdr, rel, r)
	})
	if err != nil {
		return nil, nil, err
	}
	tgz, err := w.close()
	if err != nil {
		return nil, nil, err
	}
	return &derived{Name: full.Name, Version: full.Version, Tarball: tgz}, sortedKeys(keep), nil
}

// errNotOnePass says trimStock cannot build the trimmed tarball in one pass
// over this stock tarball; trim(derive(...)) can.
var errNotOnePass = errors.New("the stock tarball does not allow a one-pass trim")

// symbolDir matches a submodule's symbol id, "src/<folder>/index:".
var symbolDir = regexp.MustCompile(`^src/([^/]+)/index:$`)

// trimStock builds, in one pass over the stock tarball, the same bytes
// trim(derive(orig), goPackages) builds in three (deriving, then reading the
// derived tarball twice): about a third of the first run's work. It needs
// the .jsii assembly first in the tarball (npm pack puts it there) and each
// submodule's symbol id naming its folder, so that it knows which lib
// folders to keep before it reaches them; the folders are checked against
// lazy-index.js at the end, with every check derive makes. Otherwise it
// returns an error wrapping errNotOnePass.
func trimStock(orig []byte, goPackages []string) (*derived, []string, error) {
	var (
		pkgHdr, jsiiHdr   *tar.Header
		pkgJSON, stripped []byte
		eagerJS, lazyJS   []byte
		newAsm, lazy      []byte
		keep, keepDir     map[string]bool
		symDirs           map[string]string // namespace -> folder, by the symbol ids
		w                 *trimWriter
	)
	err := walkTar(orig, func(hdr *tar.Header, rel string, r io.Reader) error {
		var err error
		switch {
		case rel == ".jsii" && w == nil:
			jsiiHdr = hdr
			asm, err := readEntry(r, hdr)
			if err != nil {
				return err
			}
			if len(asm) <= 4096 && bytes.Contains(asm, []byte("jsii/file-redirect")) {
				return fmt.Errorf("%w: .jsii is a redirect", errNotOnePass)
			}
			symbols := map[string]string{}
			if stripped, err = stripAssemblyNoting(asm, symbols); err != nil {
				return err
			}
			if symDirs, err = namespaceDirs(symbols); err != nil {
				return err
			}
			roots, err := rootsOf(symDirs, goPackages)
			if err != nil {
				return err
			}
			if newAsm, keep, err = trimAssembly(stripped, "", roots); err != nil {
				return err
			}
			keepDir = map[string]bool{}
			for ns := range keep {
				keepDir[symDirs[ns]] = true
			}
			w = newTrimWriter(keepDir)
			return nil
		case w == nil:
			return fmt.Errorf("%w: %s comes before .jsii", errNotOnePass, rel)
		case rel == "package.json":
			pkgHdr = hdr
			pkgJSON, err = readEntry(r, hdr)
			return err
		case strings.HasPrefix(rel, ".jsii") && !strings.Contains(rel, "/"):
			return nil // a redirect target; not shipped
		case strings.HasSuffix(rel, ".d.ts") && hdr.Typeflag == tar.TypeReg:
			return nil
		case rel == "lib/index.js":
			eagerJS, err = readEntry(r, hdr)
			return err
		case rel == lazyMain:
			if lazyJS, err = readEntry(r, hdr); err != nil {
				return err
			}
			var lazyDirs map[string]bool
			lazy, lazyDirs = filterLazy(lazyJS, keep, entries(lazyEntry, lazyJS))
			if !maps.Equal(lazyDirs, keepDir) {
				return fmt.Errorf("%w: %s keeps other folders than the symbol ids say", errNotOnePass, lazyMain)
			}
			return w.put(hdr, lazy)
		}
		return w.copy(hdr, rel, r)
	})
	if err != nil {
		return nil, nil, err
	}
	if pkgHdr == nil || jsiiHdr == nil {
		return nil, nil, errors.New("tarball: no package.json or .jsii")
	}
	if eagerJS == nil || lazyJS == nil {
		return nil, nil, fmt.Errorf("tarball: no lib/index.js or %s", lazyMain)
	}
	newPkg, name, version, err := rewriteMain(pkgJSON)
	if err != nil {
		return nil, nil, err
	}
	eager, err := sameNamespaces(eagerJS, lazyJS)
	if err != nil {
		return nil, nil, err
	}
	if !maps.Equal(eager, symDirs) {
		return nil, nil, fmt.Errorf("%w: the symbol ids' folders differ from %s", errNotOnePass, lazyMain)
	}
	if err := checkAssembly(stripped, name, version, eager); err != nil {
		return nil, nil, err
	}
	// derive appends package.json and .jsii after every other entry.
	for _, f := range []struct {
		hdr  *tar.Header
		body []byte
	}{{pkgHdr, newPkg}, {jsiiHdr, newAsm}} {
		h := *f.hdr
		h.Typeflag = tar.TypeReg
		if err := w.put(&h, f.body); err != nil {
			return nil, nil, err
		}
	}
	tgz, err := w.close()
	if err != nil {
		return nil, nil, err
	}
	return &derived{Name: name, Version: version, Tarball: tgz}, sortedKeys(keep), nil
}

// namespaceDirs maps each top-level namespace to its lib folder, read from
// the submodules' symbol ids.
func namespaceDirs(symbols map[string]string) (map[string]string, error) {
	dirs := map[string]string{}
	for sub, id := range symbols {
		_, ns, ok := strings.Cut(sub, ".")
		m := symbolDir.FindStringSubmatch(id)
		if !ok || strings.Contains(ns, ".") || m == nil {
			return nil, fmt.Errorf("%w: submodule %s has symbol id %q", errNotOnePass, sub, id)
		}
		dirs[ns] = m[1]
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%w: no submodule symbol ids", errNotOnePass)
	}
	return dirs, nil
}

// rootsOf maps the linked Go packages (lower-case namespace names) to the
// namespaces of dirs.
func rootsOf(dirs map[string]string, goPackages []string) ([]string, error) {
	byGo := map[string]string{}
	for ns := range dirs {
		byGo[strings.ToLower(ns)] = ns
	}
	var roots []string
	for _, p := range goPackages {
		ns, ok := byGo[p]
		if !ok {
			return nil, fmt.Errorf("trim: Go package %q has no namespace in %s", p, lazyMain)
		}
		roots = append(roots, ns)
	}
	return roots, nil
}

// filterLazy returns lazy-index.js defining only the kept namespaces, and
// the folders of those namespaces.
func filterLazy(lazyJS []byte, keep map[string]bool, dirs map[string]string) ([]byte, map[string]bool) {
	keepDir := map[string]bool{}
	var lazy bytes.Buffer
	for _, line := range strings.SplitAfter(string(lazyJS), "\n") {
		if m := lazyEntry.FindStringSubmatch(strings.TrimRight(line, "\n")); m != nil {
			if !keep[m[1]] {
				continue
			}
			keepDir[dirs[m[1]]] = true
		}
		lazy.WriteString(line)
	}
	return lazy.Bytes(), keepDir
}

// trimWriter writes a trimmed tarball: entries are copied unless they are
// lib/index.js (it requires every submodule) or live in the folder of a
// namespace that is not kept.
type trimWriter struct {
	keepDir map[string]bool
	out     bytes.Buffer
	zw      *gzip.Writer
	tw      *tar.Writer
}

func newTrimWriter(keepDir map[string]bool) *trimWriter {
	w := &trimWriter{keepDir: keepDir}
	w.zw, _ = gzip.NewWriterLevel(&w.out, gzip.BestSpeed)
	w.tw = tar.NewWriter(w.zw)
	return w
}

// skips reports whether the entry at rel is left out.
func (w *trimWriter) skips(rel string) bool {
	if rel == "lib/index.js" {
		return true
	}
	if strings.HasPrefix(rel, "lib/") {
		d, _, sub := strings.Cut(strings.TrimPrefix(rel, "lib/"), "/")
		return sub && !w.keepDir[d]
	}
	return false
}

// copy copies the entry at rel with its content from r, unless it is left out.
func (w *trimWriter) copy(hdr *tar.Header, rel string, r io.Reader) error {
	if w.skips(rel) {
		return nil
	}
	var body []byte
	if hdr.Typeflag == tar.TypeReg {
		var err error
		if body, err = readEntry(r, hdr); err != nil {
			return err
		}
	}
	return w.put(hdr, body)
}

// put writes an entry with the given content (a regular file's size is the
// content's).
func (w *trimWriter) put(hdr *tar.Header, body []byte) error {
	h := *hdr
	if h.Typeflag == tar.TypeReg {
		h.Size = int64(len(body))
	}
	if err := w.tw.WriteHeader(&h); err != nil {
		return err
	}
	_, err := w.tw.Write(body)
	return err
}

func (w *trimWriter) close() ([]byte, error) {
	if err := w.tw.Close(); err != nil {
		return nil, err
	}
	if err := w.zw.Close(); err != nil {
		return nil, err
	}
	return w.out.Bytes(), nil
}

// trimAssembly keeps the types of the root namespaces and the closure of
// every type named anywhere in a kept type's definition (base classes,
// interfaces, member and parameter types, union members, overrides). It
// returns the new assembly and the namespaces of all kept types. An empty
// name means the assembly's own.
func trimAssembly(asm []byte, name string, roots []string) ([]byte, map[string]bool, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(asm, &top); err != nil {
		return nil, nil, fmt.Errorf("trim: .jsii: %w", err)
	}
	if name == "" {
		if err := json.Unmarshal(top["name"], &name); err != nil || name == "" {
			return nil, nil, errors.New("trim: .jsii has no name")
		}
	}
	var types, submodules map[string]json.RawMessage
	if err := json.Unmarshal(top["types"], &types); err != nil {
		return nil, nil, fmt.Errorf("trim: .jsii types: %w", err)
	}
	if raw, ok := top["submodules"]; ok {
		if err := json.Unmarshal(raw, &submodules); err != nil {
			return nil, nil, fmt.Errorf("trim: .jsii submodules: %w", err)
		}
	}
	nsOf := func(fqn string) string {
		ns, _, _ := strings.Cut(strings.TrimPrefix(fqn, name+"."), ".")
		return ns
	}
	rootSet := map[string]bool{}
	for _, r := range roots {
		rootSet[r] = true
	}
	kept := map[string]bool{}
	var queue []string
	for fqn := range types {
		if rootSet[nsOf(fqn)] {
			kept[fqn] = true
			queue = append(queue, fqn)
		}
	}
	ref := regexp.MustCompile(`"(` + regexp.QuoteMeta(name) + `\.[^"\\]+)"`)
	for len(queue) > 0 {
		fqn := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, m := range ref.FindAllSubmatch(types[fqn], -1) {
			t := string(m[1])
			if _, ok := types[t]; ok && !kept[t] {
				kept[t] = true
				queue = append(queue, t)
			}
		}
	}
	newTypes := map[string]json.RawMessage{}
	namespaces := map[string]bool{}
	for fqn := range kept {
		newTypes[fqn] = types[fqn]
		namespaces[nsOf(fqn)] = true
	}
	if len(newTypes) == 0 {
		return nil, nil, errors.New("trim: no types kept")
	}
	newSubs := map[string]json.RawMessage{}
	for sub, raw := range submodules {
		if namespaces[nsOf(sub)] {
			newSubs[sub] = raw
		}
	}
	var err error
	if top["types"], err = json.Marshal(newTypes); err != nil {
		return nil, nil, err
	}
	if submodules != nil {
		if top["submodules"], err = json.Marshal(newSubs); err != nil {
			return nil, nil, err
		}
	}
	out, err := json.Marshal(top) // map keys sorted: deterministic
	if err != nil {
		return nil, nil, err
	}
	return out, namespaces, nil
}

// walkTar calls f for every entry of a .tgz, with the entry's path below the
// package folder ("lib/x/index.js") and a reader for its content.
func walkTar(tgz []byte, f func(hdr *tar.Header, rel string, r io.Reader) error) error {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		rel := hdr.Name
		if i := strings.IndexByte(rel, '/'); i >= 0 {
			rel = rel[i+1:]
		}
		if err := f(hdr, rel, tr); err != nil {
			return err
		}
	}
}
