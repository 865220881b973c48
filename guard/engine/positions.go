package engine

import (
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// Positions (issue 26). The guard positions a finding on the attribute it
// is about ("bucket", "rule.0.apply_server_side_encryption_by_default"), so
// it must know where every attribute of every resource is, four levels
// deep; kept as a map of path to hcl.Range (64 bytes, plus the path) for
// every attribute, that was a third of what a loaded stack holds, for the
// few resources a finding is reported on. A resource or data source read
// by the one-pass JSON loader keeps only where its body starts in the file
// (the file's bytes are kept once); the map is computed by scanning that
// body again, with the same scanner, the first time a position is asked
// for. Native syntax, hcl's JSON path and override files keep the map.

// srcFile is a JSON file's bytes, kept for computing positions on demand.
type srcFile struct {
	name string
	b    []byte
}

// lazyRanges is where a declaration's body starts in its JSON source.
type lazyRanges struct {
	file *srcFile
	kind string
	at   hcl.Pos // the body's "{"
}

// build scans the body again and returns its positions as jsonBody records
// them (nil if the body no longer scans, which cannot happen to a body the
// loader accepted from the same bytes).
func (l *lazyRanges) build() (m map[string]hcl.Range) {
	m = map[string]hcl.Range{}
	defer func() {
		if r := recover(); r != nil {
			if _, give := r.(errFallback); !give {
				panic(r)
			}
			m = nil
		}
	}()
	p := &jsonFast{pf: &parsedFile{name: l.file.name}, b: l.file.b, i: l.at.Byte, line: l.at.Line, col: l.at.Column,
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
