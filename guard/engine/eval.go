package engine

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Evaluation: the guard reads a configuration the way `terraform plan`
// with the module's defaults would. Input variables take their defaults
// (or the values given as Terraform's -var / -var-file, and the root
// folder's terraform.tfvars and *.auto.tfvars), locals are computed,
// count and for_each expand a resource into its instances (count = 0 and
// for_each = {} make it absent), dynamic blocks become the blocks they
// produce, and conditionals and Terraform's built-in functions (those of
// go-cty's function library) are computed where their arguments are
// known. A data.aws_iam_policy_document's json and minified_json are known
// once its arguments are (the provider renders them without calling AWS),
// so a document passed to a module is judged where the module attaches it.
// Everything is computed by hcl/v2 over go-cty values. A value that
// depends on something unknown before apply (a resource attribute, another
// data source, a variable without default, a function the guard does not have)
// stays a "${...}" template, with the known parts written in as literals,
// so rules see Unknown and stay silent.

// evalRoots are the traversal roots evaluation knows.
var evalRoots = map[string]bool{"var": true, "local": true, "each": true, "count": true, "path": true, "terraform": true}

// maxInstances bounds the instances one resource expands into; beyond it
// the resource stays one block standing for all (its key unknown).
const maxInstances = 256

// terraformFunctions are Terraform's built-in functions that go-cty's
// function library implements with Terraform's semantics, under
// Terraform's names, with those of extraFunctions (eval_funcs.go); the
// file functions are added per module (evaluator.functions). Functions
// outside the table (timestamp, a provider's, ...) leave their expression
// unknown.
func terraformFunctions() map[string]function.Function {
	fns := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc, "log": stdlib.LogFunc,
		"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc,
		"signum": stdlib.SignumFunc,
		"chomp":  stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "regex": stdlib.RegexFunc,
		"regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
		"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc,
		"trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"upper":     stdlib.UpperFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"keys": stdlib.KeysFunc, "length": stdlib.LengthFunc, "lookup": stdlib.LookupFunc, "merge": stdlib.MergeFunc,
		"range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"csvdecode": stdlib.CSVDecodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
	}
	// Terraform's length also counts the characters of a string.
	fns["length"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true}},
		Type:   function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if args[0].Type() == cty.String {
				return stdlib.Strlen(args[0])
			}
			return stdlib.Length(args[0])
		},
	})
	// Terraform's replace treats a substring written /like this/ as a regular expression.
	fns["replace"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			sub := args[1].AsString()
			if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
				return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
			}
			return stdlib.Replace(args[0], args[1], args[2])
		},
	})
	for k, f := range extraFunctions() {
		fns[k] = f
	}
	return fns
}

var tfFunctions = terraformFunctions()

// Inputs are values for a root module's input variables, given the way
// Terraform takes them on its command line.
type Inputs struct {
	// Vars are "name=value" pairs, as -var: the value is a string for a
	// variable of a primitive type (or without type), an HCL expression otherwise.
	Vars []string
	// Files are .tfvars (HCL) or .tfvars.json files, as -var-file, applied
	// in order before Vars.
	Files []string
}

// evaluator holds the values of one module instance.
type evaluator struct {
	s      *Stack
	vars   map[string]cty.Value
	locals map[string]cty.Value
	path   cty.Value
	parsed map[string]hclsyntax.Expression // template string -> parsed template (nil: does not parse)
	// module is the address prefix of the instance ("module.db."), "" at the root.
	module string
	// docs are the values of the data.aws_iam_policy_document whose
	// arguments are known, by name (see eval_policydoc.go).
	docs map[string]cty.Value
	// modules are the values of the followed module calls by name: an
	// object of their outputs (a tuple of them with count, an object by
	// key with for_each); a call not followed is absent (unknown).
	modules map[string]cty.Value
	// attach are the instances whose caller resources attachCallers copies
	// in once the caller's resources are evaluated.
	attach []pendingAttach
	// funcs are the functions of this module (file functions read its tree).
	funcs map[string]function.Function
}

// pendingAttach is a module instance waiting for attachCallers; call is
// the call's name with the instance key ("b", "b[0]", `b["x"]`).
type pendingAttach struct {
	call  string
	child *Stack
}

func newEvaluator(s *Stack) *evaluator {
	cwd := s.Dir
	if abs, err := filepath.Abs(cwd); err == nil {
		cwd = abs
	}
	// Terraform runs in the root module's folder: path.root is ".", path.module
	// the module's folder relative to it ("." for the root)
	mod := "."
	if s.WorkDir != "" && s.Dir != "" {
		if rel, err := filepath.Rel(s.WorkDir, s.Dir); err == nil {
			mod = filepath.ToSlash(rel)
		}
		if abs, err := filepath.Abs(s.WorkDir); err == nil {
			cwd = abs
		}
	}
	ev := &evaluator{s: s, vars: map[string]cty.Value{}, locals: map[string]cty.Value{}, parsed: map[string]hclsyntax.Expression{},
		docs: map[string]cty.Value{}, modules: map[string]cty.Value{},
		path: cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(mod), "root": cty.StringVal("."), "cwd": cty.StringVal(cwd)})}
	ev.funcs = ev.functions()
	return ev
}

// ctx returns the evaluation context with the instance's count/each values
// (cty.NilVal when absent) and unknown values for every other root e names.
func (ev *evaluator) ctx(e hcl.Expression, inst map[string]cty.Value) *hcl.EvalContext {
	vars := map[string]cty.Value{
		"var": cty.ObjectVal(ev.vars), "local": cty.ObjectVal(ev.locals), "path": ev.path,
		"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
	}
	for k, v := range inst {
		vars[k] = v
	}
	var data, modules []hcl.Traversal
	for _, tr := range e.Variables() {
		if tr.RootName() == "data" && len(ev.docs) > 0 {
			data = append(data, tr)
			continue
		}
		if tr.RootName() == "module" && len(ev.modules) > 0 {
			modules = append(modules, tr)
			continue
		}
		if _, ok := vars[tr.RootName()]; !ok {
			vars[tr.RootName()] = cty.DynamicVal // a resource, data source or module: known after apply
		}
	}
	if len(data) > 0 {
		vars["data"] = ev.dataValue(data)
	}
	if len(modules) > 0 {
		vars["module"] = ev.moduleValue(modules)
	}
	return &hcl.EvalContext{Variables: vars, Functions: ev.funcs}
}

// parse returns the parsed template of s (memoized), or nil.
func (ev *evaluator) parse(s string) hclsyntax.Expression {
	if e, ok := ev.parsed[s]; ok {
		return e
	}
	e, diags := hclsyntax.ParseTemplate([]byte(s), "", hcl.InitialPos)
	if diags.HasErrors() {
		e = nil
	} else {
		ev.standInFunctions(e)
	}
	if len(ev.parsed) < evalParsedMax {
		ev.parsed[s] = e
	}
	return e
}

// evalParsedMax bounds the parsed templates an evaluator keeps (a parsed
// template is a tree of hcl nodes, each with its ranges: kept for every
// string of a large stack they were most of the memory evaluation took,
// for strings evaluated once); past it a template is parsed again each
// time it is evaluated (issue 26).
const evalParsedMax = 4096

// value evaluates a JSON-form value to a cty value (unknown where it depends on something unknown).
func (ev *evaluator) value(v any, inst map[string]cty.Value) cty.Value {
	switch t := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType)
	case bool:
		return cty.BoolVal(t)
	case float64:
		return cty.NumberFloatVal(t)
	case string:
		if !mayInterpolate(t) {
			return cty.StringVal(t)
		}
		e := ev.parse(t)
		if e == nil {
			return cty.DynamicVal
		}
		val, diags := e.Value(ev.ctx(e, inst))
		if diags.HasErrors() {
			return cty.DynamicVal
		}
		val, _ = val.UnmarkDeep()
		return val
	case []any:
		if len(t) == 0 {
			return cty.EmptyTupleVal
		}
		out := make([]cty.Value, len(t))
		for i, x := range t {
			out[i] = ev.value(x, inst)
		}
		return cty.TupleVal(out)
	case map[string]any:
		if len(t) == 0 {
			return cty.EmptyObjectVal
		}
		out := make(map[string]cty.Value, len(t))
		for k, x := range t {
			out[k] = ev.value(x, inst)
		}
		return cty.ObjectVal(out)
	}
	return cty.DynamicVal
}

// literal converts a cty value to the JSON form; strings escape "${" and
// "%{" so they are not read back as templates.
func literal(v cty.Value) any {
	g := ctyToGo(v)
	return escapeStrings(g)
}

func escapeStrings(v any) any {
	switch t := v.(type) {
	case string:
		if mayInterpolate(t) {
			t = strings.ReplaceAll(t, "${", "$${")
			t = strings.ReplaceAll(t, "%{", "%%{")
		}
		return t
	case []any:
		for i, x := range t {
			t[i] = escapeStrings(x)
		}
	case map[string]any:
		for k, x := range t {
			t[k] = escapeStrings(x)
		}
	}
	return v
}

// form evaluates a JSON-form value: known parts become literals; a
// template whose value is not wholly known keeps its text with the known
// sub-expressions written in. dropNull drops attributes that are null.
func (ev *evaluator) form(v any, key string, inst map[string]cty.Value) any {
	nv, _ := ev.formC(v, key, inst)
	return nv
}

// formC is form that also reports whether the value changed. An unchanged
// value is v itself, and a list or object of which only some elements
// change shares the unchanged ones with v (issue 26: most of a body stays
// as written, so the evaluated body holds only the changed paths anew).
// Nothing writes into a body once evaluated, with one exception: the
// expansion of dynamic blocks (Stack.expandDynamic) adds the blocks to the
// object holding the dynamic block, so an object with a dynamic block is
// always a new one, and the lists it appends to are never appended to in
// place.
func (ev *evaluator) formC(v any, key string, inst map[string]cty.Value) (any, bool) {
	switch t := v.(type) {
	case string:
		if !mayInterpolate(t) || literalKeys[key] {
			return t, false
		}
		if ev.leavesAsWritten(t, inst) {
			return t, false // known without parsing it again
		}
		e := ev.parse(t)
		if e == nil {
			return t, false
		}
		if !ev.worthEvaluating(e, inst) {
			return t, false
		}
		val, diags := e.Value(ev.ctx(e, inst))
		if !diags.HasErrors() {
			val, _ = val.UnmarkDeep()
			if val.IsWhollyKnown() {
				lv := literal(val)
				if s, isStr := lv.(string); isStr && s == t {
					return t, false
				}
				return lv, true
			}
		}
		r := ev.rewrite(t, e, inst)
		if r == t {
			return t, false
		}
		return r, true
	case []any:
		if t == nil {
			return []any{}, true
		}
		var out []any // nil while every element is unchanged
		for i, x := range t {
			nx, changed := ev.formC(x, key, inst)
			if changed && out == nil {
				out = make([]any, len(t))
				copy(out, t[:i])
			}
			if out != nil {
				out[i] = nx
			}
		}
		if out == nil {
			return t, false
		}
		return out, true
	case map[string]any:
		if key == "//" {
			return t, false
		}
		if t == nil {
			return map[string]any{}, true
		}
		var out map[string]any // nil while every value is unchanged
		if _, has := t["dynamic"]; has {
			out = maps.Clone(t) // expanded in place later: never shared
		}
		for k, x := range t {
			if k == "dynamic" {
				continue // expanded by body
			}
			nx, changed := ev.formC(x, k, inst)
			if changed && out == nil {
				out = maps.Clone(t)
			}
			if out != nil {
				out[k] = nx
			}
		}
		if out == nil {
			return t, false
		}
		return out, true
	}
	return v, false
}

// leavesAsWritten reports, from what the stack's template memo knows of s
// (filled while loading) and without parsing s, that worthEvaluating would
// say no: s is plain (tmplInfo.plain) and none of its references has the
// name of an iterator of the instance as its root. Issue 26: parsing every
// template string again to evaluate it was half of what the guard
// allocated (hcl/v2's lexer makes a token with a 64-byte range per piece).
func (ev *evaluator) leavesAsWritten(s string, inst map[string]cty.Value) bool {
	i, known := ev.s.memo().get(s)
	if !known || i == nil || !i.plain {
		return false
	}
	for k := range inst {
		if k == "data" {
			return false
		}
		if strings.Contains(k, "_") {
			for _, r := range i.refs {
				if strings.HasPrefix(r.Addr, k+".") {
					return false
				}
			}
		}
	}
	return true
}

// worthEvaluating reports whether e names something evaluation knows or
// calls a function: a lone resource reference stays as written.
func (ev *evaluator) worthEvaluating(e hclsyntax.Expression, inst map[string]cty.Value) bool {
	for _, tr := range e.Variables() {
		if _, isInst := inst[tr.RootName()]; evalRoots[tr.RootName()] || isInst {
			return true
		}
		if tr.RootName() == "module" && len(tr) > 1 {
			if a, isAttr := tr[1].(hcl.TraverseAttr); isAttr && ev.modules[a.Name].IsKnown() {
				return true // a followed call's outputs
			}
		}
	}
	return computes(e)
}

// computes reports whether e calls a function or holds a conditional, an
// operator or a for expression: work evaluation does even where e names
// nothing it knows.
func computes(e hclsyntax.Expression) bool {
	found := false
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		switch n.(type) {
		case *hclsyntax.FunctionCallExpr, *hclsyntax.ConditionalExpr, *hclsyntax.BinaryOpExpr, *hclsyntax.ForExpr:
			found = true
		}
		return nil
	})
	return found
}

// edit replaces s[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// rewrite writes the known parts of a partly unknown template into its
// text: each largest sub-expression whose value is known becomes its
// literal, and a conditional whose condition is known becomes its chosen
// branch. Literal text of the template is kept as it is.
func (ev *evaluator) rewrite(s string, e hclsyntax.Expression, inst map[string]cty.Value) string {
	var edits []edit
	covered := func(r hcl.Range) bool {
		for _, ed := range edits {
			if r.Start.Byte >= ed.start && r.End.Byte <= ed.end {
				return true
			}
		}
		return false
	}
	_, isTemplate := e.(*hclsyntax.TemplateExpr)
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		x, ok := n.(hclsyntax.Expression)
		if !ok || covered(x.Range()) {
			return nil
		}
		switch x.(type) {
		case *hclsyntax.LiteralValueExpr, *hclsyntax.ObjectConsKeyExpr, *hclsyntax.TemplateWrapExpr, *hclsyntax.AnonSymbolExpr:
			return nil
		case *hclsyntax.TemplateExpr:
			if x == e || isTemplate {
				return nil // a template's parts are handled one by one
			}
		}
		if c, isCond := x.(*hclsyntax.ConditionalExpr); isCond {
			cv, diags := c.Condition.Value(ev.ctx(c.Condition, inst))
			if !diags.HasErrors() && cv.IsKnown() && !cv.IsNull() && cv.Type() == cty.Bool {
				chosen := c.TrueResult
				if cv.False() {
					chosen = c.FalseResult
				}
				open, closing := "(", ")"
				if w, isWrap := e.(*hclsyntax.TemplateWrapExpr); isWrap && w.Wrapped == hclsyntax.Expression(c) {
					open, closing = "", "" // the whole value: "${aws_s3_bucket.b.id}" stays a plain reference
				}
				edits = append(edits,
					edit{c.SrcRange.Start.Byte, chosen.Range().Start.Byte, open},
					edit{chosen.Range().End.Byte, c.SrcRange.End.Byte, closing})
				return nil
			}
		}
		if !ev.worthEvaluating(x, inst) {
			return nil
		}
		v, diags := x.Value(ev.ctx(x, inst))
		if diags.HasErrors() {
			return nil
		}
		v, _ = v.UnmarkDeep()
		if !v.IsWhollyKnown() {
			return nil
		}
		text := strings.TrimSpace(string(hclwrite.TokensForValue(v).Bytes()))
		if isTemplate && v.Type() == cty.String && inInterpolation(s, x.Range()) {
			// a whole "${...}" part of a template: write its text in
			text = strings.ReplaceAll(strings.ReplaceAll(v.AsString(), "${", "$${"), "%{", "%%{")
			st, en := interpolationSpan(s, x.Range())
			edits = append(edits, edit{st, en, text})
			return nil
		}
		edits = append(edits, edit{x.Range().Start.Byte, x.Range().End.Byte, text})
		return nil
	})
	if len(edits) == 0 {
		return s
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	last := 0
	for _, ed := range edits {
		if ed.start < last || ed.end > len(s) {
			continue
		}
		b.WriteString(s[last:ed.start])
		b.WriteString(ed.text)
		last = ed.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// inInterpolation reports whether r is exactly the expression of a "${...}" of s.
func inInterpolation(s string, r hcl.Range) bool {
	st, en := interpolationSpan(s, r)
	return st >= 0 && en > st
}

// interpolationSpan returns the span of the "${ ... }" around r, or -1, -1.
func interpolationSpan(s string, r hcl.Range) (int, int) {
	before := strings.TrimRight(s[:r.Start.Byte], " \t\n~")
	after := s[r.End.Byte:]
	trimmed := strings.TrimLeft(after, " \t\n~")
	if !strings.HasSuffix(before, "${") || !strings.HasPrefix(trimmed, "}") {
		return -1, -1
	}
	if strings.HasSuffix(before, "$${") {
		return -1, -1
	}
	return len(before) - 2, r.End.Byte + (len(after) - len(trimmed)) + 1
}

// --- variables and locals ---

// typeOf parses a variable's type constraint (written "${map(string)}" or "map(string)").
func typeOf(v any) (cty.Type, *typeexpr.Defaults, bool) {
	src := Str(v)
	if e, ok := SingleInterp(src); ok {
		src = e
	}
	if strings.TrimSpace(src) == "" {
		return cty.DynamicPseudoType, nil, false
	}
	x, diags := hclsyntax.ParseExpression([]byte(src), "", hcl.InitialPos)
	if diags.HasErrors() {
		return cty.DynamicPseudoType, nil, false
	}
	t, defaults, diags := typeexpr.TypeConstraintWithDefaults(x)
	if diags.HasErrors() {
		return cty.DynamicPseudoType, nil, false
	}
	return t, defaults, true
}

// setVariables computes the input variables: given values (converted to the
// declared type) over defaults; a variable with neither is unknown.
func (ev *evaluator) setVariables(given map[string]cty.Value) {
	for name, body := range ev.s.Variables {
		t, defaults, typed := typeOf(body["type"])
		v, ok := given[name]
		if !ok {
			if d, has := body["default"]; has {
				v = ev.value(d, nil)
			} else {
				ev.vars[name] = cty.UnknownVal(t)
				continue
			}
		}
		if typed {
			if defaults != nil {
				v = defaults.Apply(v)
			}
			if cv, err := convert.Convert(v, t); err == nil {
				v = cv
			}
		}
		if Bool(body["nullable"]) == False && v.IsNull() {
			if d, has := body["default"]; has {
				v = ev.value(d, nil)
			}
		}
		ev.vars[name] = v
	}
}

// setLocals computes the locals, repeating until no local changes (each
// round can resolve one more level of locals naming locals); locals
// computed before (settle calls it again) start from their value. It
// reports whether any local changed.
func (ev *evaluator) setLocals() bool {
	names := SortedKeys(ev.s.Locals)
	for _, n := range names {
		if _, has := ev.locals[n]; !has {
			ev.locals[n] = cty.DynamicVal
		}
	}
	moved := false
	for round := 0; round <= len(names) && round < 32; round++ {
		changed := false
		for _, n := range names {
			v := ev.value(ev.s.Locals[n], nil)
			if !v.RawEquals(ev.locals[n]) {
				ev.locals[n] = v
				changed = true
			}
		}
		if !changed {
			break
		}
		moved = true
	}
	return moved
}

// settle computes locals and policy documents until neither changes (a
// local may name a document, a document a local).
func (ev *evaluator) settle() {
	ev.setLocals()
	for round := 0; round < 8; round++ {
		if !ev.setPolicyDocs() || !ev.setLocals() {
			return
		}
	}
}

// publishLocals writes the wholly known locals into Stack.Locals as literals.
func (ev *evaluator) publishLocals() {
	for n, v := range ev.locals {
		if v.IsWhollyKnown() {
			ev.s.Locals[n] = literal(v)
		}
	}
}

// readInputs reads -var-file files and -var pairs against the declared variables.
func readInputs(s *Stack, in Inputs, auto bool) (map[string]cty.Value, error) {
	out := map[string]cty.Value{}
	files := in.Files
	if auto && s.Dir != "" {
		var autos []string
		for _, name := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
			if fi, err := os.Stat(filepath.Join(s.Dir, name)); err == nil && fi.Mode().IsRegular() {
				autos = append(autos, filepath.Join(s.Dir, name))
			}
		}
		more, _ := filepath.Glob(filepath.Join(s.Dir, "*.auto.tfvars"))
		moreJSON, _ := filepath.Glob(filepath.Join(s.Dir, "*.auto.tfvars.json"))
		more = append(more, moreJSON...)
		sort.Strings(more)
		files = append(append(autos, more...), files...)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var file *hcl.File
		var diags hcl.Diagnostics
		if strings.HasSuffix(f, ".json") {
			file, diags = hcljson.Parse(b, f)
		} else {
			file, diags = hclsyntax.ParseConfig(b, f, hcl.InitialPos)
		}
		if diags.HasErrors() {
			return nil, invalidDiags(f, diags)
		}
		attrs, diags := file.Body.JustAttributes()
		if diags.HasErrors() {
			return nil, invalidDiags(f, diags)
		}
		for name, a := range attrs {
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				return nil, invalidDiags(f, diags)
			}
			out[name] = v
		}
	}
	for _, kv := range in.Vars {
		name, raw, ok := strings.Cut(kv, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("-var %q: want name=value", kv)
		}
		body, declared := s.Variables[name]
		if !declared {
			return nil, fmt.Errorf("-var %s: the configuration declares no variable %q", name, name)
		}
		t, _, typed := typeOf(body["type"])
		if !typed || t.IsPrimitiveType() || t == cty.DynamicPseudoType {
			out[name] = cty.StringVal(raw)
			continue
		}
		x, diags := hclsyntax.ParseExpression([]byte(raw), "-var "+name, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Errorf("-var %s: %s", name, diags.Error())
		}
		v, diags := x.Value(nil)
		if diags.HasErrors() {
			return nil, fmt.Errorf("-var %s: %s", name, diags.Error())
		}
		out[name] = v
	}
	return out, nil
}

// --- resources ---

// instanceKeys evaluates a resource's count or for_each: the instance keys
// and their count/each values; ok is false when unknown (the resource then
// stays one block standing for all its instances).
func (ev *evaluator) instanceKeys(body map[string]any) (keys []string, insts []map[string]cty.Value, ok bool) {
	if c, has := body["count"]; has && c != nil {
		v := ev.value(c, nil)
		if !v.IsKnown() || v.IsNull() {
			return nil, nil, false
		}
		nv, err := convert.Convert(v, cty.Number)
		if err != nil {
			return nil, nil, false
		}
		n, acc := nv.AsBigFloat().Int64()
		if acc != 0 || n < 0 || n > maxInstances {
			return nil, nil, false
		}
		for i := int64(0); i < n; i++ {
			keys = append(keys, "["+strconv.FormatInt(i, 10)+"]")
			insts = append(insts, map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})})
		}
		return keys, insts, true
	}
	if fe, has := body["for_each"]; has && fe != nil {
		v := ev.value(fe, nil)
		if !v.IsWhollyKnown() || v.IsNull() {
			if v.IsKnown() && !v.IsNull() && v.CanIterateElements() && v.LengthInt() == 0 {
				return nil, nil, true
			}
			return nil, nil, false
		}
		t := v.Type()
		if !(t.IsMapType() || t.IsObjectType() || t.IsSetType() || t.IsTupleType() || t.IsListType()) || v.LengthInt() > maxInstances {
			return nil, nil, false
		}
		for it := v.ElementIterator(); it.Next(); {
			k, el := it.Element()
			if t.IsSetType() || t.IsTupleType() || t.IsListType() {
				if el.Type() != cty.String {
					return nil, nil, false
				}
				k = el // a set of strings: each.key is each.value
			}
			keys = append(keys, "["+strconv.Quote(k.AsString())+"]")
			insts = append(insts, map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": el})})
		}
		return keys, insts, true
	}
	return []string{""}, []map[string]cty.Value{nil}, true
}

// evalBody evaluates one instance's body: meta-arguments kept, attributes
// computed, null attributes dropped, dynamic blocks expanded when their
// for_each is known. A body that evaluation leaves as it is comes back
// itself, and a changed one shares its unchanged values with body (see
// formC); a body with a dynamic block is always a new map.
func (ev *evaluator) evalBody(body map[string]any, inst map[string]cty.Value, depth int) map[string]any {
	out, _ := ev.evalBodyC(body, inst, depth)
	return out
}

// evalBodyC is evalBody that also reports whether the body changed.
func (ev *evaluator) evalBodyC(body map[string]any, inst map[string]cty.Value, depth int) (map[string]any, bool) {
	var out map[string]any // nil while nothing differs from body
	dyn, hasDyn := body["dynamic"]
	if hasDyn || body == nil {
		out = maps.Clone(body)
		if out == nil {
			out = map[string]any{}
		}
		delete(out, "dynamic")
	}
	// set records the evaluated value of body[k] (drop: k is left out).
	set := func(k string, nv any, changed, drop bool) {
		if (changed || drop) && out == nil {
			out = maps.Clone(body)
			delete(out, "dynamic")
		}
		if out == nil {
			return
		}
		if drop {
			delete(out, k)
		} else {
			out[k] = nv
		}
	}
	for k, v := range body {
		switch k {
		case "//", "depends_on", "provider", "lifecycle", "count", "for_each", "provisioner", "connection":
			continue // kept as written
		case "dynamic":
			continue
		}
		if bl := Blocks(v); len(bl) > 0 && isBlockValue(v) && depth < 8 {
			if l, isList := v.([]any); isList {
				var nl []any // nil while every block is unchanged
				if len(bl) != len(l) {
					nl = make([]any, 0, len(bl))
				}
				for i, b := range bl {
					nb, changed := ev.evalBodyC(b, inst, depth+1)
					if changed && nl == nil {
						nl = make([]any, 0, len(bl))
						for _, prev := range bl[:i] {
							nl = append(nl, prev)
						}
					}
					if nl != nil {
						nl = append(nl, nb)
					}
				}
				if nl == nil {
					set(k, l, false, false)
				} else {
					set(k, nl, true, false)
				}
				continue
			}
		}
		nv, changed := ev.formC(v, k, inst)
		if nv == nil && v != nil {
			set(k, nil, false, true) // null: the same as unset
			continue
		}
		set(k, nv, changed, false)
	}
	if !hasDyn {
		if out == nil {
			return body, false
		}
		return out, true
	}
	var left []any
	for _, d := range Blocks(dyn) {
		rest := map[string]any{}
		for _, name := range SortedKeys(d) {
			for _, spec := range Blocks(d[name]) {
				if !ev.expandDynamic(out, name, spec, inst, depth) {
					rest[name] = append(List(rest[name]), spec)
				}
			}
		}
		if len(rest) > 0 {
			left = append(left, rest)
		}
	}
	if len(left) == 1 {
		out["dynamic"] = left[0]
	} else if len(left) > 1 {
		out["dynamic"] = left
	}
	return out, true
}

// expandDynamic adds the blocks a dynamic block produces when its for_each
// is known; false leaves it to the later expansion (one block for all).
func (ev *evaluator) expandDynamic(out map[string]any, name string, spec map[string]any, inst map[string]cty.Value, depth int) bool {
	content := FirstObject(spec["content"])
	if content == nil || depth >= 8 {
		return false
	}
	it := Str(spec["iterator"])
	if it == "" {
		it = name
	}
	coll := ev.value(spec["for_each"], inst)
	if !coll.IsWhollyKnown() || coll.IsNull() || !coll.CanIterateElements() || coll.LengthInt() > maxInstances {
		return false
	}
	cost := coll.LengthInt() * ev.dynCost(content, inst, ev.s.dynamicBudget+1, 0)
	if cost > ev.s.dynamicBudget {
		return false // nested dynamic blocks multiplying beyond the budget: one block stands for all
	}
	ev.s.dynamicBudget -= cost
	produced := List(out[name])
	var made []any
	for i := coll.ElementIterator(); i.Next(); {
		k, el := i.Element()
		if coll.Type().IsSetType() {
			k = el
		}
		sub := map[string]cty.Value{}
		for kk, vv := range inst {
			sub[kk] = vv
		}
		sub[it] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": el})
		b := ev.evalBody(content, sub, depth+1)
		if hasDynamic(b) {
			// a nested dynamic block stays unexpanded and may name this iterator:
			// leave the whole block to the later expansion, which keeps the iterator
			return false
		}
		made = append(made, b)
	}
	out[name] = append(slices.Clip(produced), made...) // produced may be shared with the body as written
	return true
}

// hasDynamic reports whether a body (or a nested block) still holds a dynamic block.
func hasDynamic(v any) bool {
	switch t := v.(type) {
	case map[string]any:
		if _, ok := t["dynamic"]; ok {
			return true
		}
		for _, x := range t {
			if hasDynamic(x) {
				return true
			}
		}
	case []any:
		for _, x := range t {
			if hasDynamic(x) {
				return true
			}
		}
	}
	return false
}

// dynCost estimates the objects content produces once its nested dynamic
// blocks are expanded too (each counted as its for_each's length times its
// own content), stopping at limit.
func (ev *evaluator) dynCost(v any, inst map[string]cty.Value, limit, depth int) int {
	n := 0
	switch t := v.(type) {
	case map[string]any:
		n = 1
		for k, x := range t {
			if k == "dynamic" {
				for _, d := range Blocks(x) {
					for _, name := range SortedKeys(d) {
						for _, spec := range Blocks(d[name]) {
							times := 1
							if c := ev.value(spec["for_each"], inst); c.IsKnown() && !c.IsNull() && c.CanIterateElements() {
								times = max(1, c.LengthInt())
							}
							if depth < 8 {
								n += times * ev.dynCost(FirstObject(spec["content"]), inst, limit, depth+1)
							}
						}
					}
				}
				continue
			}
			n += ev.dynCost(x, inst, limit, depth)
			if n >= limit {
				return limit
			}
		}
	case []any:
		for _, x := range t {
			n += ev.dynCost(x, inst, limit, depth)
			if n >= limit {
				return limit
			}
		}
	}
	return min(n, limit)
}
