package engine

import (
	"hash/maphash"
	"os"
	"path/filepath"
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// Positions (issue 26). The guard positions a finding on the attribute it
// is about ("bucket", "rule.0.apply_server_side_encryption_by_default"), so
// it must know where every attribute of every resource is, four levels
// deep; kept as a map of path to hcl.Range (64 bytes, plus the path) for
// every attribute, that was a third of what a loaded stack holds, for the
// few resources a finding is reported on. A resource or data source read
// by the one-pass JSON loader keeps only where its body starts and ends in
// the file and a hash of that span; the map is computed by scanning that
// body again, with the same scanner, the first time a position is asked
// for. The file's bytes are not kept either when the file was read from
// disk (Load, LoadStack, module folders: they were another copy of the
// file): the body's span is read again from the file and used only if its
// hash is the one computed at load. ParseFile and ParseStack keep the
// bytes they are given. Native syntax, hcl's JSON path and override files
// keep the map.

// srcFile is a JSON file's text, kept for computing positions on demand:
// its bytes, or (released) its path, from which a body's span is read again.
type srcFile struct {
	name string
	b    []byte
	path string       // set when b was released
	seed maphash.Seed // of the spans' hashes (lazyRanges.sum)
}

// release lets the bytes go: positions are computed from the file at path.
func (f *srcFile) release(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs // the working folder may change before a position is asked for
	}
	f.path, f.b = path, nil
}

// span reads b[start:end] of the file again, or false when it cannot be
// read or is no longer what was loaded (its hash differs).
func (f *srcFile) span(start, end int, sum uint64) ([]byte, bool) {
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, false
	}
	defer fh.Close()
	b := make([]byte, end-start)
	if _, err := fh.ReadAt(b, int64(start)); err != nil {
		return nil, false
	}
	return b, maphash.Bytes(f.seed, b) == sum
}

// lazyRanges is where a declaration's body is in its JSON source.
type lazyRanges struct {
	file *srcFile
	kind string
	at   hcl.Pos // the body's "{"
	end  int     // the byte after the body's "}"
	sum  uint64  // maphash of the body's bytes (file.seed)
}

// build scans the body again and returns its positions as jsonBody records
// them; nil if the body no longer scans (which cannot happen to a body the
// loader accepted from the same bytes), or if the file was released and
// its body's bytes changed or went since they were loaded: the positions
// are then unknown, and a finding is positioned on the block's header.
func (l *lazyRanges) build() (m map[string]hcl.Range) {
	b, base := l.file.b, 0
	if b == nil {
		span, ok := l.file.span(l.at.Byte, l.end, l.sum)
		if !ok {
			return nil
		}
		b, base = span, l.at.Byte
	}
	m = map[string]hcl.Range{}
	defer func() {
		if r := recover(); r != nil {
			if _, give := r.(errFallback); !give {
				panic(r)
			}
			m = nil
		}
	}()
	p := &jsonFast{pf: &parsedFile{name: l.file.name}, b: b, base: base, i: l.at.Byte - base, line: l.at.Line, col: l.at.Column,
		intern: map[string]string{}, positionsOnly: true}
	p.body(l.kind, m)
	return m
}

// positions returns the declaration's attribute positions, computing them
// when they were left in the source.
func (d *decl) positions() map[string]hcl.Range {
	if d.lazy != nil {
		d.ranges = d.lazy.build()
		d.lazy = nil
	}
	return d.ranges
}

// attrPositions are a resource's attribute positions, computed on first
// use; the instances of one resource share them.
type attrPositions struct {
	once sync.Once
	lazy *lazyRanges
	m    map[string]hcl.Range
}

// get returns the positions (nil for none).
func (a *attrPositions) get() map[string]hcl.Range {
	if a == nil {
		return nil
	}
	a.once.Do(func() {
		if a.lazy != nil {
			a.m = a.lazy.build()
			addBlockAliases(a.m)
			a.lazy = nil
		}
	})
	return a.m
}

// addBlockAliases adds each nested path under its name without ".0"
// indexes too ("metadata_options.http_tokens"), unless that is taken.
func addBlockAliases(m map[string]hcl.Range) {
	for k, rg := range m {
		if a := firstBlockPath(k); a != k {
			if _, taken := m[a]; !taken {
				m[a] = rg
			}
		}
	}
}
