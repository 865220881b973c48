package engine

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
)

// DefaultMaxBytes is the largest file the guard reads unless told otherwise (256 MiB).
const DefaultMaxBytes = 256 << 20

// InvalidError says why a file is not a Terraform configuration the guard
// can check: not a regular file, too large, not JSON or HCL, no Terraform
// block, a value of the wrong type, a duplicated key, a malformed
// expression. Its message starts with the file (and line:column when known).
type InvalidError struct {
	// File is the offending file.
	File string
	// Pos is the position of the problem; Line is 0 when it concerns the whole file.
	Pos hcl.Pos
	// Problem says what is wrong.
	Problem string
}

func (e *InvalidError) Error() string {
	if e.Pos.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Column, e.Problem)
	}
	return e.File + ": " + e.Problem
}

func invalidAt(r hcl.Range, format string, args ...any) *InvalidError {
	return &InvalidError{File: r.Filename, Pos: r.Start, Problem: fmt.Sprintf(format, args...)}
}

// invalidDiags turns hcl's first error diagnostic into an InvalidError.
func invalidDiags(file string, diags hcl.Diagnostics) *InvalidError {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		e := &InvalidError{File: file, Problem: msg}
		if d.Subject != nil {
			e.Pos = d.Subject.Start
			if d.Subject.Filename != "" {
				e.File = d.Subject.Filename
			}
		}
		return e
	}
	return &InvalidError{File: file, Problem: "cannot be parsed"}
}

// blockLabels are the Terraform top-level block types and their label counts.
var blockLabels = map[string]int{
	"resource": 2, "data": 2, "ephemeral": 2,
	"module": 1, "provider": 1, "variable": 1, "output": 1, "check": 1,
	"locals": 0, "terraform": 0, "moved": 0, "import": 0, "removed": 0,
}

func topLevelNames() string {
	var out []string
	for k := range blockLabels {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// decl is one top-level block of one file, converted to the JSON form.
type decl struct {
	kind   string
	labels []string
	body   map[string]any
	// ranges are the positions of attributes by path ("bucket",
	// "ingress.0.cidr_blocks", "metadata_options.http_tokens").
	// Positions of resources and data sources the one-pass JSON loader
	// read are computed on demand from lazy (see positions); use positions().
	ranges map[string]hcl.Range
	lazy   *lazyRanges
	def    hcl.Range
}

func (d *decl) key() string { return d.kind + "\x00" + strings.Join(d.labels, "\x00") }

// parsedFile is one file's declarations.
type parsedFile struct {
	name     string
	override bool
	decls    []*decl
	comment  map[string]any // the top-level "//" object (JSON only)
	// tmpl holds what the guard needs of the templates parsed while loading.
	tmpl map[string]*tmplInfo
	// src is the file's text as the JSON declarations whose positions are computed on demand keep it.
	src *srcFile
}

// readFile reads a regular file of at most maxBytes without ever opening
// anything else (a FIFO or a device would block or never end).
func readFile(path string, maxBytes int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &InvalidError{File: path, Problem: "not a regular file (" + fileKind(fi.Mode()) + "); pass a .tf, .tf.json, .tofu or .tofu.json file or a module folder"}
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if fi.Size() > maxBytes {
		return nil, &InvalidError{File: path, Problem: fmt.Sprintf("%d bytes is more than the limit of %d (raise it with -max-bytes / Options.MaxBytes)", fi.Size(), maxBytes)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > maxBytes {
		return nil, &InvalidError{File: path, Problem: fmt.Sprintf("more than the limit of %d bytes (raise it with -max-bytes / Options.MaxBytes)", maxBytes)}
	}
	return b, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeDevice != 0 || m&os.ModeCharDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "mode " + m.String()
}

// isOverride reports whether a file name is an override file
// (override.tf, x_override.tf.json, override.tofu, ...).
func isOverride(name string) bool {
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, configExt(base))
	return base == "override" || strings.HasSuffix(base, "_override")
}

// isJSONName decides the syntax: *.json is JSON, *.tf and *.tofu native; other names
// are sniffed (JSON starts with '{' or '[').
func isJSONName(name string, b []byte) bool {
	switch {
	case strings.HasSuffix(name, ".json"):
		return true
	case strings.HasSuffix(name, ".tf"), strings.HasSuffix(name, ".tofu"):
		return false
	}
	t := bytes.TrimSpace(b)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// parseFile parses one file in either syntax.
func parseFile(name string, b []byte) (*parsedFile, error) {
	pf := &parsedFile{name: name, override: isOverride(name), tmpl: map[string]*tmplInfo{}}
	var err error
	if isJSONName(name, b) {
		err = pf.parseJSON(b)
	} else {
		err = pf.parseNative(b)
	}
	if err != nil {
		return nil, err
	}
	// An empty file, "{}" or a file of comments declares nothing; Terraform
	// accepts it (modules often keep an empty variables.tf or outputs.tf).
	return pf, nil
}

// --- JSON syntax ---

// jsonNode gives access to the structure of a parsed JSON value.
type jsonNode interface {
	hcl.Expression
	ExprList() []hcl.Expression
	ExprMap() []hcl.KeyValuePair
}

func asJSONNode(e hcl.Expression) jsonNode {
	n, _ := e.(jsonNode)
	return n
}

func isJSONObject(e hcl.Expression) bool {
	n := asJSONNode(e)
	return n != nil && n.ExprMap() != nil
}

func isJSONArray(e hcl.Expression) bool {
	n := asJSONNode(e)
	return n != nil && n.ExprList() != nil
}

func jsonKey(kv hcl.KeyValuePair) string {
	v, _ := kv.Key.Value(nil)
	if v.IsKnown() && !v.IsNull() {
		return v.AsString()
	}
	return ""
}

func jsonTypeName(e hcl.Expression) string {
	switch {
	case isJSONObject(e):
		return "an object"
	case isJSONArray(e):
		return "an array"
	}
	v, _ := e.Value(nil)
	if v.IsNull() {
		return "null"
	}
	return "a " + v.Type().FriendlyName()
}

// objects returns the objects of an object or array-of-objects value, or an error naming what was expected.
func objects(e hcl.Expression, what string) ([]jsonNode, error) {
	if isJSONObject(e) {
		return []jsonNode{asJSONNode(e)}, nil
	}
	if isJSONArray(e) {
		var out []jsonNode
		for _, el := range asJSONNode(e).ExprList() {
			if !isJSONObject(el) {
				return nil, invalidAt(el.StartRange(), "%s: want an object, got %s", what, jsonTypeName(el))
			}
			out = append(out, asJSONNode(el))
		}
		return out, nil
	}
	return nil, invalidAt(e.StartRange(), "%s: want an object or an array of objects, got %s", what, jsonTypeName(e))
}

func (pf *parsedFile) parseJSON(b []byte) error {
	if !slowJSON && pf.parseJSONFast(b) {
		return nil
	}
	return pf.parseJSONHCL(b)
}

// slowJSON makes parseJSON use hcl's parser only (tests compare the two).
var slowJSON = false

// parseJSONHCL is parseJSON through hcl's JSON parser: the reference for
// parseJSONFast, and what reports every problem of a file.
func (pf *parsedFile) parseJSONHCL(b []byte) error {
	root, diags := hcljson.ParseExpression(b, pf.name)
	if diags.HasErrors() {
		return invalidDiags(pf.name, diags)
	}
	tops, err := objects(root, "the top level")
	if err != nil {
		return err
	}
	for _, top := range tops {
		for _, kv := range top.ExprMap() {
			k := jsonKey(kv)
			if k == "//" {
				if m, ok := pf.jsonValue(kv.Value, "", nil, nil, 0, false).(map[string]any); ok {
					pf.comment = m
				}
				continue
			}
			n, ok := blockLabels[k]
			if !ok {
				return invalidAt(kv.Key.Range(), "%q is not a Terraform top-level block (%s): not a Terraform configuration", k, topLevelNames())
			}
			if err := pf.jsonBlocks(k, n, nil, kv.Key.Range(), kv.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

// jsonBlocks unpacks the label levels of a block type, then its bodies.
func (pf *parsedFile) jsonBlocks(kind string, labelsLeft int, labels []string, def hcl.Range, v hcl.Expression) error {
	what := kind
	if len(labels) > 0 {
		what += " " + strings.Join(labels, ".")
	}
	objs, err := objects(v, what)
	if err != nil {
		return err
	}
	if labelsLeft == 0 {
		for _, o := range objs {
			d := &decl{kind: kind, labels: labels, def: def, ranges: map[string]hcl.Range{}}
			body, err := pf.jsonBody(o, kind, d.ranges)
			if err != nil {
				return err
			}
			d.body = body
			pf.decls = append(pf.decls, d)
		}
		return nil
	}
	for _, o := range objs {
		for _, kv := range o.ExprMap() {
			label := jsonKey(kv)
			if label == "//" {
				continue
			}
			r := kv.Key.Range() // the block is located at its last label
			next := append(append([]string(nil), labels...), label)
			if err := pf.jsonBlocks(kind, labelsLeft-1, next, r, kv.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

// literalKinds are blocks whose strings are not templates.
var literalKinds = map[string]bool{"variable": true, "terraform": true, "moved": true, "removed": true, "import": true}

// literalKeys are body keys whose strings are traversals or literal text, not templates.
var literalKeys = map[string]bool{"//": true, "depends_on": true, "provider": true, "providers": true, "lifecycle": true, "description": true}

// jsonBody converts a block body. A key repeated with object values is a
// repeated nested block; any other repeated key is an error.
func (pf *parsedFile) jsonBody(o jsonNode, kind string, ranges map[string]hcl.Range) (map[string]any, error) {
	body := map[string]any{}
	seen := map[string]hcl.Range{}
	for _, kv := range o.ExprMap() {
		k := jsonKey(kv)
		r := hcl.RangeBetween(kv.Key.Range(), kv.Value.Range())
		templates := !literalKinds[kind] && !literalKeys[k]
		var errp error
		v := pf.jsonValue(kv.Value, k, ranges, &errp, 0, templates)
		if errp != nil {
			return nil, errp
		}
		if first, dup := seen[k]; dup {
			prevBlocks, okPrev := body[k], isBlockValue(body[k])
			if !okPrev || !isBlockValue(v) || k == "//" {
				return nil, invalidAt(kv.Key.Range(), "duplicated key %q (first at line %d, column %d)", k, first.Start.Line, first.Start.Column)
			}
			body[k] = append(List(prevBlocks), List(v)...)
			continue
		}
		seen[k] = kv.Key.Range()
		body[k] = v
		if ranges != nil {
			ranges[k] = r
		}
	}
	return body, nil
}

// isBlockValue reports whether v is an object or a list of objects.
func isBlockValue(v any) bool {
	if Map(v) != nil {
		return true
	}
	l, ok := v.([]any)
	if !ok || len(l) == 0 {
		return false
	}
	for _, e := range l {
		if Map(e) == nil {
			return false
		}
	}
	return true
}

// maxRangeDepth bounds how deep attribute positions are recorded.
const maxRangeDepth = 4

// jsonValue converts a JSON value, checking template syntax and duplicated
// object keys, and records the positions of nested keys under path.
func (pf *parsedFile) jsonValue(e hcl.Expression, path string, ranges map[string]hcl.Range, errp *error, depth int, templates bool) any {
	n := asJSONNode(e)
	if n == nil {
		return nil
	}
	if m := n.ExprMap(); m != nil {
		out := make(map[string]any, len(m))
		var seen map[string]hcl.Range
		for _, kv := range m {
			k := jsonKey(kv)
			if _, dup := out[k]; dup && errp != nil && *errp == nil {
				first := seen[k]
				*errp = invalidAt(kv.Key.Range(), "duplicated key %q (first at line %d, column %d)", k, first.Start.Line, first.Start.Column)
			}
			if seen == nil {
				seen = map[string]hcl.Range{}
			}
			seen[k] = kv.Key.Range()
			p := path + "." + k
			if ranges != nil && depth < maxRangeDepth {
				ranges[p] = hcl.RangeBetween(kv.Key.Range(), kv.Value.Range())
			}
			out[k] = pf.jsonValue(kv.Value, p, ranges, errp, depth+1, templates && k != "//")
		}
		return out
	}
	if l := n.ExprList(); l != nil {
		out := make([]any, len(l))
		for i, el := range l {
			p := path + "." + strconv.Itoa(i)
			if ranges != nil && depth < maxRangeDepth && isJSONObject(el) {
				ranges[p] = el.Range()
			}
			out[i] = pf.jsonValue(el, p, ranges, errp, depth+1, templates)
		}
		return out
	}
	v, _ := e.Value(nil)
	g := ctyToGo(v)
	if s, ok := g.(string); ok && templates && errp != nil && *errp == nil && mayInterpolate(s) {
		start := e.StartRange().Start
		start.Byte++
		start.Column++ // past the opening quote
		if _, known := pf.tmpl[s]; !known {
			t := parseTemplate(s, e.Range().Filename, start)
			if t.diags.HasErrors() {
				ie := invalidDiags(e.Range().Filename, t.diags)
				ie.Problem = "malformed expression in " + strconv.Quote(s) + ": " + ie.Problem
				*errp = ie
			} else {
				pf.tmpl[s] = infoOf(t)
			}
		}
	}
	return g
}

// --- native syntax ---

func (pf *parsedFile) parseNative(b []byte) error {
	f, diags := hclsyntax.ParseConfig(b, pf.name, hcl.InitialPos)
	if diags.HasErrors() {
		return invalidDiags(pf.name, diags)
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return &InvalidError{File: pf.name, Problem: "not HCL native syntax"}
	}
	for _, a := range sortedAttrs(body.Attributes) {
		return invalidAt(a.NameRange, "argument %q at the top level: a Terraform configuration holds only blocks (%s)", a.Name, topLevelNames())
	}
	for _, blk := range body.Blocks {
		n, ok := blockLabels[blk.Type]
		if !ok {
			return invalidAt(blk.TypeRange, "%q is not a Terraform top-level block (%s)", blk.Type, topLevelNames())
		}
		if len(blk.Labels) != n {
			return invalidAt(blk.TypeRange, "%s block has %d label(s); want %d", blk.Type, len(blk.Labels), n)
		}
		d := &decl{kind: blk.Type, labels: blk.Labels, def: hcl.RangeBetween(blk.TypeRange, blk.OpenBraceRange), ranges: map[string]hcl.Range{}}
		d.body = nativeBody(blk.Body, b, "", d.ranges, 0)
		pf.decls = append(pf.decls, d)
	}
	return nil
}

func sortedAttrs(m hclsyntax.Attributes) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(m))
	for _, a := range m {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

// nativeBody converts a native body: attributes as values, nested blocks as
// lists of objects under their type (labelled blocks such as dynamic "x"
// as {"x": [...]}, the way Terraform JSON writes them).
func nativeBody(body *hclsyntax.Body, src []byte, path string, ranges map[string]hcl.Range, depth int) map[string]any {
	out := map[string]any{}
	for _, a := range sortedAttrs(body.Attributes) {
		out[a.Name] = nativeValue(a.Expr, src, 0)
		if depth < maxRangeDepth {
			ranges[path+a.Name] = a.SrcRange
		}
	}
	for _, blk := range body.Blocks {
		list, _ := out[blk.Type].([]any)
		idx := len(list)
		p := path + blk.Type + "." + strconv.Itoa(idx) + "."
		if len(blk.Labels) > 0 {
			p = path + blk.Type + "." + strings.Join(blk.Labels, ".") + "."
		}
		if depth < maxRangeDepth {
			ranges[strings.TrimSuffix(p, ".")] = hcl.RangeBetween(blk.TypeRange, blk.OpenBraceRange)
			if idx == 0 && len(blk.Labels) == 0 {
				ranges[path+blk.Type] = hcl.RangeBetween(blk.TypeRange, blk.OpenBraceRange)
			}
		}
		var v any = nativeBody(blk.Body, src, p, ranges, depth+1)
		for i := len(blk.Labels) - 1; i >= 0; i-- {
			v = map[string]any{blk.Labels[i]: []any{v}}
		}
		if len(blk.Labels) > 0 {
			// labelled blocks of one type share an object: {"ingress": [...], "egress": [...]}
			out[blk.Type] = mergeLabelled(out[blk.Type], v.(map[string]any))
			continue
		}
		out[blk.Type] = append(list, v)
	}
	return out
}

// mergeLabelled adds one labelled block to the object holding the blocks of its type.
func mergeLabelled(prev any, add map[string]any) any {
	m := Map(prev)
	if m == nil {
		m = map[string]any{}
	}
	for k, v := range add {
		m[k] = append(List(m[k]), List(v)...)
	}
	return m
}
