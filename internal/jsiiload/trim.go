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
	zr, err := gzip.NewReader(bytes.NewReader(full.Tarball))
	if err != nil {
		return nil, nil, err
	}
	type entry struct {
		hdr  *tar.Header
		rel  string
		body []byte
	}
	var (
		files  []entry
		asm    []byte
		lazyJS []byte
	)
	tr := tar.NewReader(zr)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		rel := hdr.Name
		if i := strings.IndexByte(rel, '/'); i >= 0 {
			rel = rel[i+1:]
		}
		if rel == "lib/index.js" {
			continue // requires every submodule; not the entry point
		}
		var body []byte
		if hdr.Typeflag == tar.TypeReg {
			if body, err = io.ReadAll(tr); err != nil {
				return nil, nil, err
			}
		}
		switch rel {
		case ".jsii":
			asm = body
		case lazyMain:
			lazyJS = body
		}
		files = append(files, entry{hdr, rel, body})
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

	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	tw := tar.NewWriter(zw)
	for _, e := range files {
		body := e.body
		switch {
		case e.rel == ".jsii":
			body = newAsm
		case e.rel == lazyMain:
			body = lazy.Bytes()
		case strings.HasPrefix(e.rel, "lib/"):
			// lib/<folder>/... ships only for kept namespaces.
			if d, _, sub := strings.Cut(strings.TrimPrefix(e.rel, "lib/"), "/"); sub && !keepDir[d] {
				continue
			}
		}
		h := *e.hdr
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(body))
		}
		if err := tw.WriteHeader(&h); err != nil {
			return nil, nil, err
		}
		if _, err := tw.Write(body); err != nil {
			return nil, nil, err
		}
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
