package engine

import (
	"strings"
	"sync"
)

// link is one reference from a resource's top-level attribute to an address.
type link struct {
	from *Resource
	attr string
}

// linkIndex maps referenced addresses to the resources referring to them,
// built once per stack, so rules that look for "the versioning of this
// bucket" do not scan every resource for every bucket.
type linkIndex struct {
	once  sync.Once
	refs  map[string][]link
	mu    sync.Mutex
	names map[string]map[string][]*Resource // type\x00attr -> literal value -> resources
}

func (s *Stack) index() *linkIndex {
	if s.links == nil {
		s.links = &linkIndex{}
	}
	s.links.once.Do(func() { s.links.build(s) })
	return s.links
}

func (ix *linkIndex) build(s *Stack) {
	ix.refs = map[string][]link{}
	ix.names = map[string]map[string][]*Resource{}
	for _, r := range s.Resources {
		// for_each/count targets: each.value and each.key stand for them.
		var iterated []string
		for _, k := range []string{"for_each", "count"} {
			WalkStrings(r.Body[k], k, func(_, sv string) {
				for _, rf := range s.refsIn(sv) {
					iterated = append(iterated, rf.Addr)
				}
			})
		}
		for _, attr := range SortedKeys(r.Body) {
			if attr == "//" {
				continue
			}
			seen := map[string]bool{}
			add := func(addr string) {
				if !seen[addr] {
					seen[addr] = true
					ix.refs[addr] = append(ix.refs[addr], link{r, attr})
				}
			}
			WalkStrings(r.Body[attr], attr, func(_, sv string) {
				if !mayInterpolate(sv) {
					if attr == "depends_on" {
						for _, rf := range RefsInExpr(sv) {
							add(rf.Addr)
						}
					}
					return
				}
				for _, rf := range s.refsIn(sv) {
					if rf.Addr == "each.value" || rf.Addr == "each.key" {
						for _, a := range iterated {
							add(a)
						}
						continue
					}
					add(rf.Addr)
				}
			})
		}
	}
}

// byLiteral returns the resources of type typ whose attribute attr resolves
// to the literal value lit (a bucket given by name instead of by reference).
func (ix *linkIndex) byLiteral(s *Stack, typ, attr, lit string) []*Resource {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	key := typ + "\x00" + attr
	m, ok := ix.names[key]
	if !ok {
		m = map[string][]*Resource{}
		for _, c := range s.OfType(typ) {
			for _, sv := range Strs(c.Body[attr]) {
				if v := s.Resolve(sv); v != "" && !HasInterp(v) {
					m[v] = append(m[v], c)
				}
			}
		}
		ix.names[key] = m
	}
	return m[lit]
}

// Referrers returns the resources of type typ ("data.<type>" for data
// sources; any resource or data source when "") whose attribute attr (any attribute when "") refers to address
// ("aws_s3_bucket.logs", "local.x"): a reference anywhere in the attribute's
// value, a depends_on entry, or each.value/each.key of a resource whose
// for_each or count refers to the address. The result is sorted by address
// and comes from an index built once per stack.
func (s *Stack) Referrers(address, typ, attr string) []*Resource {
	address = baseAddress(address)
	wantData := strings.HasPrefix(typ, "data.")
	typ = strings.TrimPrefix(typ, "data.")
	var out []*Resource
	seen := map[*Resource]bool{}
	for _, l := range s.index().refs[address] {
		if typ != "" && (l.from.Type != typ || l.from.Data != wantData) || attr != "" && l.attr != attr {
			continue
		}
		if !seen[l.from] {
			seen[l.from] = true
			out = append(out, l.from)
		}
	}
	sortResources(out)
	return out
}

// baseAddress drops an instance key ("[0]", "[\"a\"]") from the end of an address.
func baseAddress(addr string) string {
	if !strings.HasSuffix(addr, "]") {
		return addr
	}
	depth := 0
	for i := len(addr) - 1; i >= 0; i-- {
		switch addr[i] {
		case ']':
			depth++
		case '[':
			depth--
			if depth == 0 {
				return addr[:i]
			}
		case '"':
			// skip a quoted key
			for i--; i >= 0 && (addr[i] != '"' || addr[i-1] == '\\'); i-- {
			}
		}
	}
	return addr
}
