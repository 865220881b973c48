package jsiiload

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	byGo := map[string]string{}
	for ns := range dirs {
		byGo[strings.ToLower(ns)] = ns
	}
	var roots []string
	for _, p := range goPackages {
		ns, ok := byGo[p]
		if !ok {
			return nil, nil, fmt.Errorf("trim: Go package %q has no namespace in %s", p, lazyMain)
		}
		roots = append(roots, ns)
	}

	newAsm, keep, err := trimAssembly(asm, full.Name, roots)
	if err != nil {
		return nil, nil, err
	}
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

	// Pass 2: copy what is kept.
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	tw := tar.NewWriter(zw)
	err = walkTar(full.Tarball, func(hdr *tar.Header, rel string, r io.Reader) error {
		var body []byte
		switch {
		case rel == "lib/index.js":
			return nil // requires every submodule; not the entry point
		case rel == ".jsii":
			body = newAsm
		case rel == lazyMain:
			body = lazy.Bytes()
		case strings.HasPrefix(rel, "lib/"):
			// lib/<folder>/... ships only for kept namespaces.
			if d, _, sub := strings.Cut(strings.TrimPrefix(rel, "lib/"), "/"); sub && !keepDir[d] {
				return nil
			}
			fallthrough
		default:
			if hdr.Typeflag == tar.TypeReg {
				var err error
				if body, err = readEntry(r, hdr); err != nil {
					return err
				}
			}
		}
		h := *hdr
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(body))
		}
		if err := tw.WriteHeader(&h); err != nil {
			return err
		}
		_, err := tw.Write(body)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	kept := sortedKeys(keep)
	return &derived{Name: full.Name, Version: full.Version, Tarball: out.Bytes()}, kept, nil
}

// trimAssembly keeps the types of the root namespaces and the closure of
// every type named anywhere in a kept type's definition (base classes,
// interfaces, member and parameter types, union members, overrides). It
// returns the new assembly and the namespaces of all kept types.
func trimAssembly(asm []byte, name string, roots []string) ([]byte, map[string]bool, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(asm, &top); err != nil {
		return nil, nil, fmt.Errorf("trim: .jsii: %w", err)
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
