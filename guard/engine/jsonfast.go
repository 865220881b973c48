package engine

import (
	"encoding/json"
	"hash/maphash"
	"strconv"
	"unicode/utf8"

	"github.com/apparentlymart/go-textseg/v15/textseg"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"golang.org/x/text/unicode/norm"
)

// The guard's memory (issue 26). hcl/v2's JSON parser first scans the whole
// input into a slice of tokens (each about 100 bytes: its bytes and an
// hcl.Range of 64), then builds a syntax tree whose every node carries one
// to three hcl.Ranges; both live until the conversion to the JSON form is
// done. On generated Terraform JSON that is about 25 times the input before
// the converted bodies exist. parseJSONFast converts the input to the same
// declarations in one pass over the bytes, with no tokens and no tree:
// positions are tracked as hcl's scanner tracks them (a tab counts two
// columns, a carriage return none, a string's characters are grapheme
// clusters), strings are decoded with encoding/json and normalized to NFC
// as cty.StringVal does, numbers go through cty.ParseNumberVal, and short
// strings are interned. It accepts only what hcl would accept the same
// way: anything else (a syntax error, a duplicated key, a malformed
// template, a value of the wrong type, even valid JSON it does not handle)
// makes it give up, and parseJSON runs hcl's parser, whose diagnostics then
// say what is wrong exactly as before. TestFastJSONMatchesHCL compares the
// two on every JSON file the tests use.

// errFallback is the panic value with which the fast path gives up.
type errFallback struct{}

// internMax is the longest string interned (keys, enum values, names).
const internMax = 48

type jsonFast struct {
	pf        *parsedFile
	b         []byte
	i         int
	line, col int
	intern    map[string]string
	scratch   []any
	// positionsOnly skips the template checks (positions computed again, see positions.go).
	positionsOnly bool
	// src is the file, kept by the declarations whose positions are computed on demand.
	src *srcFile
	// base is the file offset of b[0] (b is one body's span when positions are computed again).
	base int
}

// parseJSONFast fills pf from b and reports whether it could; when it
// could not, pf is as it was.
func (pf *parsedFile) parseJSONFast(b []byte) (ok bool) {
	decls, comment, tmpl := pf.decls, pf.comment, pf.tmpl
	pf.tmpl = make(map[string]*tmplInfo, len(tmpl))
	for k, v := range tmpl {
		pf.tmpl[k] = v
	}
	defer func() {
		if r := recover(); r != nil {
			if _, give := r.(errFallback); !give {
				panic(r)
			}
			pf.decls, pf.comment, pf.tmpl, pf.src = decls, comment, tmpl, nil
			ok = false
		}
	}()
	p := &jsonFast{pf: pf, b: b, line: 1, col: 1, intern: map[string]string{}, src: &srcFile{name: pf.name, b: b, seed: maphash.MakeSeed()}}
	pf.src = p.src
	p.ws()
	switch p.peek() {
	case '{':
		p.top()
	case '[':
		p.elements(func() {
			if p.peek() != '{' {
				p.fail()
			}
			p.top()
		})
	default:
		p.fail()
	}
	p.ws()
	if p.i != len(b) {
		p.fail()
	}
	return true
}

func (p *jsonFast) fail() { panic(errFallback{}) }

func (p *jsonFast) peek() byte {
	if p.i >= len(p.b) {
		return 0
	}
	return p.b[p.i]
}

func (p *jsonFast) pos() hcl.Pos { return hcl.Pos{Line: p.line, Column: p.col, Byte: p.base + p.i} }

func (p *jsonFast) rng(start, end hcl.Pos) hcl.Range {
	return hcl.Range{Filename: p.pf.name, Start: start, End: end}
}

// ws skips whitespace as hcl's JSON scanner does.
func (p *jsonFast) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ':
			p.col++
		case '\n':
			p.line++
			p.col = 1
		case '\r':
		case '\t':
			p.col += 2
		default:
			return
		}
		p.i++
	}
}

// punct consumes the byte c (after whitespace).
func (p *jsonFast) punct(c byte) {
	p.ws()
	if p.peek() != c {
		p.fail()
	}
	p.i++
	p.col++
}

// elements calls each for every element of the array at the cursor, with
// the cursor on the element (after whitespace); the brackets and commas
// are consumed here.
func (p *jsonFast) elements(each func()) {
	p.punct('[')
	p.ws()
	if p.peek() == ']' {
		p.i++
		p.col++
		return
	}
	for {
		p.ws()
		each()
		p.ws()
		switch p.peek() {
		case ',':
			p.i++
			p.col++
		case ']':
			p.i++
			p.col++
			return
		default:
			p.fail()
		}
	}
}

// members calls each for every member of the object at the cursor, with
// its key, the key's range and the cursor on the value (after whitespace).
func (p *jsonFast) members(each func(key string, kr hcl.Range)) {
	p.punct('{')
	p.ws()
	if p.peek() == '}' {
		p.i++
		p.col++
		return
	}
	for {
		p.ws()
		if p.peek() != '"' {
			p.fail()
		}
		key, kr := p.str()
		p.punct(':')
		p.ws()
		each(key, kr)
		p.ws()
		switch p.peek() {
		case ',':
			p.i++
			p.col++
		case '}':
			p.i++
			p.col++
			return
		default:
			p.fail()
		}
	}
}

// str scans the string at the cursor and returns its value (as
// cty.StringVal(...).AsString() of hcl's would be) and its range, quotes
// included.
func (p *jsonFast) str() (string, hcl.Range) {
	start := p.pos()
	b := p.b
	i := p.i + 1
	col := p.col + 1
	plain := true // printable ASCII only, no escapes
	escaping := false
	for {
		if i >= len(b) {
			p.fail()
		}
		c := b[i]
		switch {
		case c == '\\':
			plain = false
			escaping = !escaping
			i++
			col++
			continue
		case c == '"':
			i++
			col++
			if !escaping {
				goto done
			}
			escaping = false
			continue
		case c < 32:
			p.fail() // hcl reports an unterminated or invalid string
		case c < utf8.RuneSelf && (i+1 >= len(b) || b[i+1] < utf8.RuneSelf):
			i++ // an ASCII character not followed by a combining one: one cluster
		default:
			plain = false
			adv, _, _ := textseg.ScanGraphemeClusters(b[i:], true)
			if adv <= 0 {
				p.fail()
			}
			i += adv
		}
		col++
		escaping = false
	}
done:
	raw := b[p.i+1 : i-1]
	p.i, p.col = i, col
	end := p.pos()
	var s string
	if plain {
		if len(raw) <= internMax {
			if v, ok := p.intern[string(raw)]; ok {
				return v, p.rng(start, end)
			}
		}
		s = string(raw)
	} else {
		if err := json.Unmarshal(b[start.Byte-p.base:i], &s); err != nil {
			p.fail()
		}
		if !norm.NFC.IsNormalString(s) {
			s = norm.NFC.String(s)
		}
		if len(s) <= internMax {
			if v, ok := p.intern[s]; ok {
				return v, p.rng(start, end)
			}
		}
	}
	if len(s) <= internMax {
		p.intern[s] = s
	}
	return s, p.rng(start, end)
}

// scalar scans a number or keyword at the cursor.
func (p *jsonFast) scalar() (any, hcl.Range) {
	start := p.pos()
	j := p.i
	for j < len(p.b) {
		c := p.b[j]
		if c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' {
			j++
			continue
		}
		break
	}
	tok := string(p.b[p.i:j])
	p.col += j - p.i
	p.i = j
	r := p.rng(start, p.pos())
	switch tok {
	case "true":
		return true, r
	case "false":
		return false, r
	case "null":
		return nil, r
	}
	c := tok[0:min(1, len(tok))]
	if c == "" || !(c[0] == '-' || (c[0] >= '0' && c[0] <= '9')) {
		p.fail()
	}
	var num json.Number
	if err := json.Unmarshal([]byte(tok), &num); err != nil {
		p.fail()
	}
	nv, err := cty.ParseNumberVal(string(num))
	if err != nil {
		p.fail()
	}
	return ctyToGo(cty.NumberVal(nv.AsBigFloat())), r
}

// top converts one top-level object (parseJSON's loop body).
func (p *jsonFast) top() {
	p.members(func(k string, kr hcl.Range) {
		if k == "//" {
			v, _ := p.value("", nil, false, 0, false)
			if m, ok := v.(map[string]any); ok {
				p.pf.comment = m
			}
			return
		}
		n, ok := blockLabels[k]
		if !ok {
			p.fail()
		}
		p.blocks(k, n, nil, kr)
	})
}

// objects calls each for the object at the cursor, or every object of
// the array at the cursor (jsonBlocks' objects).
func (p *jsonFast) objects(each func()) {
	switch p.peek() {
	case '{':
		each()
	case '[':
		p.elements(func() {
			if p.peek() != '{' {
				p.fail()
			}
			each()
		})
	default:
		p.fail()
	}
}

// blocks is jsonBlocks.
func (p *jsonFast) blocks(kind string, labelsLeft int, labels []string, def hcl.Range) {
	if labelsLeft == 0 {
		p.objects(func() {
			d := &decl{kind: kind, labels: labels, def: def}
			if kind == "resource" || kind == "data" {
				d.lazy = &lazyRanges{file: p.src, kind: kind, at: p.pos()}
				d.body = p.body(kind, nil) // positions computed when asked for
				d.lazy.end = p.i
				d.lazy.sum = maphash.Bytes(p.src.seed, p.b[d.lazy.at.Byte:p.i])
			} else {
				d.ranges = map[string]hcl.Range{}
				d.body = p.body(kind, d.ranges)
			}
			p.pf.decls = append(p.pf.decls, d)
		})
		return
	}
	p.objects(func() {
		p.members(func(label string, r hcl.Range) {
			if label == "//" {
				p.value("", nil, false, 0, false) // parsed, not converted
				return
			}
			next := append(append([]string(nil), labels...), label)
			p.blocks(kind, labelsLeft-1, next, r)
		})
	})
}

// body is jsonBody.
func (p *jsonFast) body(kind string, ranges map[string]hcl.Range) map[string]any {
	body := map[string]any{}
	seen := map[string]bool{}
	p.members(func(k string, kr hcl.Range) {
		templates := !literalKinds[kind] && !literalKeys[k]
		v, vr := p.value(k, ranges, true, 0, templates)
		if seen[k] {
			prev := body[k]
			if !isBlockValue(prev) || !isBlockValue(v) || k == "//" {
				p.fail() // duplicated key: hcl's path says where
			}
			body[k] = append(List(prev), List(v)...)
			return
		}
		seen[k] = true
		body[k] = v
		if ranges != nil {
			ranges[k] = hcl.RangeBetween(kr, vr)
		}
	})
	return body
}

// value is jsonValue; strict stands for a non-nil errp (duplicated keys
// and malformed templates are errors). It returns the value's range.
func (p *jsonFast) value(path string, ranges map[string]hcl.Range, strict bool, depth int, templates bool) (any, hcl.Range) {
	start := p.pos()
	switch p.peek() {
	case '{':
		out := map[string]any{}
		p.members(func(k string, kr hcl.Range) {
			if _, dup := out[k]; dup && strict {
				p.fail()
			}
			sub := ""
			if ranges != nil && depth < maxRangeDepth {
				sub = path + "." + k // positions are recorded only down to maxRangeDepth
			}
			v, vr := p.value(sub, ranges, strict, depth+1, templates && k != "//")
			if ranges != nil && depth < maxRangeDepth {
				ranges[sub] = hcl.RangeBetween(kr, vr)
			}
			out[k] = v
		})
		return out, p.rng(start, p.pos())
	case '[':
		mark := len(p.scratch)
		idx := 0
		p.elements(func() {
			sub := ""
			if ranges != nil && depth < maxRangeDepth {
				sub = path + "." + strconv.Itoa(idx)
			}
			isObj := p.peek() == '{'
			v, vr := p.value(sub, ranges, strict, depth+1, templates)
			if ranges != nil && depth < maxRangeDepth && isObj {
				ranges[sub] = vr
			}
			p.scratch = append(p.scratch, v)
			idx++
		})
		out := make([]any, len(p.scratch)-mark)
		copy(out, p.scratch[mark:])
		clear(p.scratch[mark:])
		p.scratch = p.scratch[:mark]
		return out, p.rng(start, p.pos())
	case '"':
		s, r := p.str()
		if templates && strict && !p.positionsOnly && mayInterpolate(s) {
			if _, known := p.pf.tmpl[s]; !known {
				at := r.Start
				at.Byte++
				at.Column++ // past the opening quote
				t := parseTemplate(s, p.pf.name, at)
				if t.diags.HasErrors() {
					p.fail()
				}
				p.pf.tmpl[s] = infoOf(t)
			}
		}
		return s, r
	}
	return p.scalar()
}
