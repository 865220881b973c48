package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Module calls: a module block whose source is a local folder ("./db",
// "../../"), or a registry or remote module that `terraform init` fetched
// into .terraform/modules (listed in its modules.json), is instantiated
// with the call's arguments as its input variables, once per instance of
// the call (count / for_each; none when count = 0 or for_each = {}). The
// rules run over each instance as over any module, and its findings are
// addressed "module.db.aws_db_instance.db". An attribute set from an input
// variable the call gives is positioned on the call's argument. The
// instance's outputs are values for the caller: module.db.endpoint,
// module.db[0].x, module.db["a"].x are known where the instance knows them
// (an output that is an expression of known values, a policy document), and
// unknown otherwise (a resource attribute, a call not followed or whose
// count/for_each is unknown); calls are followed before the caller's
// resources, one after the calls its arguments name. Calls the guard cannot
// follow are listed in Stack.Unfollowed. An instance without its own aws
// provider block has the region of the provider its caller passes
// (Stack.ProviderRegion): the caller's default one, or the one the call's
// providers argument maps to its aws.

// maxModuleDepth bounds nested module calls.
const maxModuleDepth = 8

// ModuleInstance is one instance of a followed module call.
type ModuleInstance struct {
	// Address is "module.db", or "module.db[0]" / `module.db["a"]` for an
	// instance of a call with count or for_each; nested instances of a
	// child are in Stack.Children of the child.
	Address string
	// Call is the module block's name ("db").
	Call string
	// Stack is the instance: the module folder evaluated with the call's arguments.
	Stack *Stack
}

// moduleCtx is what a module instance needs to find its own calls.
type moduleCtx struct {
	// root is the root module's folder (where .terraform/modules lives).
	root string
	// key is the instance's key in modules.json ("" at the root, "db", "db.inner").
	key string
	// seen are the folders of the enclosing instances (a module calling itself stops).
	seen     map[string]bool
	depth    int
	maxBytes int64
	// given are the positions of the call's arguments, by variable name.
	given map[string]hcl.Range
}

// fetched reads .terraform/modules/modules.json under root: module key to folder.
func fetched(root string) map[string]string {
	b, err := os.ReadFile(filepath.Join(root, ".terraform", "modules", "modules.json"))
	if err != nil {
		return nil
	}
	var m struct {
		Modules []struct{ Key, Source, Dir string }
	}
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	out := map[string]string{}
	for _, e := range m.Modules {
		if e.Key != "" && e.Dir != "" {
			out[e.Key] = filepath.Join(root, filepath.FromSlash(e.Dir))
		}
	}
	return out
}

// followCalls instantiates the stack's module calls (see above), a call
// after the calls its arguments name (module.a.out given to module b), and
// records each call's outputs for the caller's own expressions.
func (s *Stack) followCalls(ev *evaluator, mc moduleCtx) {
	if mc.depth >= maxModuleDepth {
		return
	}
	var byKey map[string]string
	resettle := ev.localsNameModules()
	for _, name := range ev.callOrder() {
		call := s.rawModules[name]
		src := Str(call["source"])
		key := name
		if mc.key != "" {
			key = mc.key + "." + name
		}
		var dir string
		switch {
		case strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../"):
			dir = filepath.Join(s.Dir, filepath.FromSlash(src))
		default:
			if byKey == nil {
				byKey = fetched(mc.root)
				if byKey == nil {
					byKey = map[string]string{}
				}
			}
			dir = byKey[key]
			if dir == "" {
				s.unfollow(name, "source "+Quote(src)+" is not a local folder and terraform init has not fetched it into .terraform/modules; its resources are not checked")
				continue
			}
		}
		abs, err := filepath.Abs(dir)
		if err != nil || mc.seen[abs] {
			continue
		}
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue // TF003 reports a missing local folder
		}
		keys, insts, known := ev.instanceKeys(call)
		if !known {
			keys, insts = []string{""}, []map[string]cty.Value{nil}
		}
		outs := make([]cty.Value, 0, len(keys))
		for i, k := range keys {
			child, err := loadModule(dir, mc.maxBytes)
			if err != nil {
				s.unfollow(name, "module folder "+dir+" cannot be read: "+err.Error())
				outs = nil
				break
			}
			child.passedRegions = s.passedProviders(call)
			given := map[string]cty.Value{}
			givenRange := map[string]hcl.Range{}
			for arg, v := range call {
				switch arg {
				case "source", "version", "providers", "count", "for_each", "depends_on", "//":
					continue
				}
				if _, declared := child.Variables[arg]; !declared {
					continue
				}
				given[arg] = ev.value(v, insts[i])
				if rg, ok := s.moduleRanges[name][arg]; ok {
					givenRange[arg] = rg
				}
			}
			seen := map[string]bool{abs: true}
			for d := range mc.seen {
				seen[d] = true
			}
			child.finish(given, moduleCtx{root: mc.root, key: key, seen: seen, depth: mc.depth + 1, maxBytes: mc.maxBytes, given: givenRange})
			ev.attach = append(ev.attach, pendingAttach{name + k, child})
			s.Children = append(s.Children, &ModuleInstance{Address: "module." + name + k, Call: name, Stack: child})
			outs = append(outs, cty.ObjectVal(child.outputValues))
		}
		if !known || outs == nil {
			continue // the caller's references to it stay unknown
		}
		ev.modules[name] = ev.instancesValue(call, keys, insts, func(_ map[string]any, inst map[string]cty.Value) cty.Value {
			for i := range insts {
				if sameInstance(insts[i], inst) {
					return outs[i]
				}
			}
			return cty.DynamicVal
		})
		if resettle {
			ev.settle() // locals and documents naming this call's outputs
		}
	}
}

// sameInstance reports whether a and b are the same count/for_each instance values.
func sameInstance(a, b map[string]cty.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !v.RawEquals(w) {
			return false
		}
	}
	return true
}

// moduleValue is the value of the "module" root for the traversals of an
// expression: the outputs of the followed calls it names, unknown for the others.
func (ev *evaluator) moduleValue(trs []hcl.Traversal) cty.Value {
	out := map[string]cty.Value{}
	for _, tr := range trs {
		if len(tr) < 2 {
			return cty.DynamicVal // module itself used as a value
		}
		a, isAttr := tr[1].(hcl.TraverseAttr)
		if !isAttr {
			return cty.DynamicVal
		}
		v, followed := ev.modules[a.Name]
		if !followed {
			v = cty.DynamicVal
		}
		out[a.Name] = v
	}
	return cty.ObjectVal(out)
}

// localsNameModules reports whether a local or a policy document names a
// module call's output (they are then computed again after each call).
func (ev *evaluator) localsNameModules() bool {
	found := false
	check := func(_, sv string) {
		if !found && strings.Contains(sv, "module.") {
			found = true
		}
	}
	for _, v := range ev.s.Locals {
		WalkStrings(v, "", check)
	}
	for _, r := range ev.s.Resources {
		if r.Data && r.Type == policyDocType {
			WalkStrings(r.Body, "", check)
		}
	}
	return found
}

// callOrder returns the module calls in an order where each comes after the
// calls its arguments name, directly or through locals (sorted by name
// otherwise; calls naming each other keep that order).
func (ev *evaluator) callOrder() []string {
	names := SortedKeys(AnyMap(ev.s.rawModules))
	if len(names) < 2 {
		return names
	}
	refs := rootRefs{ev: ev, locals: ev.s.Locals, root: "module"}
	deps := map[string]map[string]bool{}
	for _, n := range names {
		deps[n] = refs.of(ev.s.rawModules[n], 0) // unsure names no call: ignored below
	}
	var order []string
	done := map[string]bool{}
	for len(order) < len(names) {
		progressed := false
		for _, n := range names {
			if done[n] {
				continue
			}
			ready := true
			for d := range deps[n] {
				if d != n && !done[d] && deps[d] != nil {
					ready = false
				}
			}
			if ready {
				order, done[n], progressed = append(order, n), true, true
			}
		}
		if !progressed { // calls naming each other: the rest in name order
			for _, n := range names {
				if !done[n] {
					order, done[n] = append(order, n), true
				}
			}
		}
	}
	return order
}

// passedProviders returns the regions of the aws provider configurations a
// call passes to its instance, by the instance's key: the caller's default
// aws provider without a providers argument (Terraform's implicit
// inheritance), else exactly those the argument maps
// (providers = { aws = aws.west }: the caller's aws.west is the child's aws).
func (s *Stack) passedProviders(call map[string]any) map[string]string {
	pm, has := call["providers"]
	if !has || pm == nil {
		return map[string]string{"aws": s.providerRegion("aws")}
	}
	out := map[string]string{}
	for childKey, v := range Map(pm) {
		if childKey != "aws" && !strings.HasPrefix(childKey, "aws.") {
			continue
		}
		callerKey := Str(v)
		if e, ok := SingleInterp(callerKey); ok {
			callerKey = e
		}
		out[childKey] = s.providerRegion(strings.TrimSpace(callerKey))
	}
	return out
}

func (s *Stack) unfollow(name, reason string) {
	if s.Unfollowed == nil {
		s.Unfollowed = map[string]string{}
	}
	s.Unfollowed[name] = reason
}

// loadModule parses a module folder (not evaluated yet).
func loadModule(dir string, maxBytes int64) (*Stack, error) {
	files, err := moduleFiles(dir)
	if err != nil {
		return nil, err
	}
	s, err := buildFiles(files, maxBytes)
	if err != nil {
		return nil, err
	}
	s.File, s.Dir, s.Files = dir, dir, files
	return s, nil
}

// unsure is the name a rootRefs set holds when it cannot tell every name:
// an unreadable template, locals nested deeper than 16 or in a cycle.
const unsure = "\x00"

// rootRefs finds the names a value refers to under one root ("var",
// "module"), directly or through the locals it names, each local read once.
type rootRefs struct {
	ev     *evaluator
	locals map[string]any
	root   string
	memo   map[string]map[string]bool
}

// of returns the names v refers to under the root; depth counts the locals
// followed to reach v.
func (r *rootRefs) of(v any, depth int) map[string]bool {
	out := map[string]bool{}
	WalkStrings(v, "", func(_, sv string) {
		if !mayInterpolate(sv) {
			return
		}
		e := r.ev.parse(sv)
		if e == nil {
			out[unsure] = true
			return
		}
		for _, tr := range e.Variables() {
			if len(tr) < 2 {
				continue
			}
			a, isAttr := tr[1].(hcl.TraverseAttr)
			if !isAttr {
				continue
			}
			switch tr.RootName() {
			case r.root:
				out[a.Name] = true
			case "local":
				if depth > 16 {
					out[unsure] = true
					continue
				}
				if r.memo == nil {
					r.memo = map[string]map[string]bool{}
				}
				lv, done := r.memo[a.Name]
				if !done {
					r.memo[a.Name] = map[string]bool{unsure: true} // a cycle stops here
					lv = r.of(r.locals[a.Name], depth+1)
					r.memo[a.Name] = lv
				}
				for n := range lv {
					out[n] = true
				}
			}
		}
	})
	return out
}

// positionArguments moves the position of each attribute whose value comes
// from exactly one input variable, and one the call sets, onto the call's
// argument: "${var.public}", and also through locals and functions
// (local.policy = replace(var.policy, ...)): the caller's argument set the
// value. It runs before the locals are replaced by their values.
func (s *Stack) positionArguments(ev *evaluator, given map[string]hcl.Range) {
	if len(given) == 0 {
		return
	}
	refs := rootRefs{ev: ev, locals: s.Locals, root: "var"}
	for _, r := range s.Resources {
		raw := r.raw
		if raw == nil {
			continue
		}
		moved := false
		// move positions the attribute at path (a top-level attribute, or one
		// of a nested block: "ingress.0.cidr_blocks") on the argument.
		move := func(path string, rg hcl.Range) {
			old, known := r.pos.get()[path]
			if !known && strings.Contains(path, ".") {
				return // not an attribute the positions know (a key of an object value)
			}
			if !moved {
				r.pos = &attrPositions{m: copyRanges(r.pos.get())}
				moved = true
			}
			r.pos.m[path] = rg
			if a := firstBlockPath(path); a != path {
				if prev, ok := r.pos.m[a]; ok && prev == old {
					r.pos.m[a] = rg
				}
			}
		}
		// walk judges the attribute at path; nested blocks (a list of objects,
		// or one object) are walked into, attribute by attribute.
		var walk func(v any, path string, depth int)
		walk = func(v any, path string, depth int) {
			if isBlockValue(v) && depth < maxRangeDepth {
				blocks, isList := v.([]any)
				if !isList {
					blocks = []any{v}
				}
				for i, b := range blocks {
					for k, x := range Map(b) {
						switch k {
						case "dynamic", "//":
							continue
						}
						walk(x, path+"."+strconv.Itoa(i)+"."+k, depth+1)
					}
				}
				return
			}
			if vars := refs.of(v, 0); len(vars) == 1 {
				for name := range vars {
					if rg, ok := given[name]; ok {
						move(path, rg)
					}
				}
			}
		}
		for attr, v := range raw {
			if literalKeys[attr] {
				continue
			}
			switch attr {
			case "count", "for_each", "dynamic":
				continue
			}
			walk(v, attr, 0)
		}
	}
}

func copyRanges(m map[string]hcl.Range) map[string]hcl.Range {
	out := make(map[string]hcl.Range, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Instances returns every followed module instance under s, depth first,
// each with its full address ("module.app.module.db").
func (s *Stack) Instances() []*ModuleInstance {
	var out []*ModuleInstance
	var walk func(st *Stack, prefix string)
	walk = func(st *Stack, prefix string) {
		for _, c := range st.Children {
			full := &ModuleInstance{Address: prefix + c.Address, Call: c.Call, Stack: c.Stack}
			out = append(out, full)
			walk(c.Stack, full.Address+".")
		}
	}
	walk(s, "")
	return out
}

// FlowsOnlyIntoModules reports whether addr (a data source such as a policy
// document) is used by nothing but followed module calls' arguments: it is
// then judged where the module uses it, not where it is written (a
// document's json is known during evaluation when its arguments are, so
// the module's resource that attaches it judges it; see eval_policydoc.go).
func (s *Stack) FlowsOnlyIntoModules(addr string) bool {
	addr = baseAddress(addr)
	if len(s.Referrers(addr, "", "")) > 0 {
		return false
	}
	followed := map[string]bool{}
	for _, c := range s.Children {
		followed[c.Call] = true
	}
	into := false
	for name, body := range s.rawModules { // as written: evaluation may have made a known document a literal
		refers := false
		WalkStrings(body, "", func(_, sv string) {
			for _, r := range s.refsIn(sv) {
				if r.Addr == addr {
					refers = true
				}
			}
		})
		if refers {
			if !followed[name] {
				return false
			}
			into = true
		}
	}
	if !into {
		return false
	}
	for _, body := range s.Outputs {
		used := false
		WalkStrings(body, "", func(_, sv string) {
			for _, r := range s.refsIn(sv) {
				used = used || r.Addr == addr
			}
		})
		if used {
			return false
		}
	}
	for _, v := range s.Locals {
		used := false
		WalkStrings(v, "", func(_, sv string) {
			for _, r := range s.refsIn(sv) {
				used = used || r.Addr == addr
			}
		})
		if used {
			return false
		}
	}
	return true
}

// attachCallers gives a module instance the caller's resources that use its
// outputs (an aws_s3_bucket_policy whose bucket is module.b.bucket_id, or
// module.b[0].bucket_id for an instance of count; call is "b" or "b[0]"): a copy
// of each, with module.<call>.<output> replaced by the output's reference, is
// added to the instance, so its rules see what the caller attaches to its
// resources (the bucket has a policy). Findings on the copies are dropped:
// the caller's own check judges them.
func (s *Stack) attachCallers(ev *evaluator, caller []*Resource, call string, child *Stack) {
	outs := map[string]string{}
	for name, body := range child.Outputs {
		if e := outputReference(Str(body["value"])); e != "" {
			outs[name] = e
		}
	}
	if len(outs) == 0 {
		return
	}
	prefix := "module." + call + "."
	var copies []*Resource
	for _, r := range caller {
		changed := false
		var rewrite func(v any) any
		rewrite = func(v any) any {
			switch t := v.(type) {
			case string:
				if !strings.Contains(t, prefix) {
					return t
				}
				for name, e := range outs {
					t2 := replaceTraversal(t, prefix+name, e)
					if t2 != t {
						changed = true
						t = t2
					}
				}
				return t
			case []any:
				out := make([]any, len(t))
				for i, x := range t {
					out[i] = rewrite(x)
				}
				return out
			case map[string]any:
				out := make(map[string]any, len(t))
				for k, x := range t {
					out[k] = rewrite(x)
				}
				return out
			}
			return v
		}
		body := rewrite(r.Body).(map[string]any)
		if !changed {
			continue
		}
		c := *r
		c.Body = body
		c.external = true
		copies = append(copies, &c)
	}
	// A policy document the caller computes (its json known) and that is not
	// copied itself would name nothing in the instance: its text is written in.
	copied := map[string]bool{}
	for _, c := range copies {
		if c.Data && c.Type == policyDocType {
			copied[c.Name] = true
		}
	}
	for _, c := range copies {
		c.Body = ev.knownDocuments(c.Body, copied).(map[string]any)
		child.Resources = append(child.Resources, c)
		if _, taken := child.byAddr[c.Address]; !taken {
			child.byAddr[c.Address] = c
		}
		if _, taken := child.byAddr[c.Base()]; !taken {
			child.byAddr[c.Base()] = c
		}
		key := c.Type
		if c.Data {
			key = "data." + key
		}
		child.byType[key] = append(child.byType[key], c)
		sortResources(child.byType[key])
	}
	sortResources(child.Resources)
}

// outputReference returns the reference an output's value stands for: the
// value "${aws_s3_bucket.this.id}", or the first argument of
// "${try(aws_s3_bucket.this[0].id, "")}" (terraform-aws-modules' outputs); "" otherwise.
func outputReference(v string) string {
	e, ok := SingleInterp(v)
	if !ok {
		return ""
	}
	e = strings.TrimSpace(e)
	if isPlainTraversal(e) {
		return e
	}
	x, diags := hclsyntax.ParseExpression([]byte(e), "", hcl.InitialPos)
	if diags.HasErrors() {
		return ""
	}
	if c, isCall := x.(*hclsyntax.FunctionCallExpr); isCall && c.Name == "try" && len(c.Args) > 0 {
		r := c.Args[0].Range()
		if first := strings.TrimSpace(e[r.Start.Byte:r.End.Byte]); isPlainTraversal(first) {
			return first
		}
	}
	return ""
}

// knownDocuments replaces each string of v that reads the json of a caller's
// policy document not in copied, and whose value the caller knows, with that
// value (a literal).
func (ev *evaluator) knownDocuments(v any, copied map[string]bool) any {
	switch t := v.(type) {
	case string:
		if !strings.Contains(t, "data."+policyDocType+".") {
			return t
		}
		e := ev.parse(t)
		if e == nil {
			return t
		}
		for _, tr := range e.Variables() {
			if typ, name, _ := dataNames(tr); typ == policyDocType && copied[name] {
				return t
			}
		}
		if val := ev.value(t, nil); val.IsWhollyKnown() && val.Type() == cty.String {
			return literal(val)
		}
		return t
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = ev.knownDocuments(x, copied)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = ev.knownDocuments(x, copied)
		}
		return out
	}
	return v
}

// replaceTraversal replaces the traversal old (followed by a non-name
// character or the end) with repl in a template string.
func replaceTraversal(s, old, repl string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(old)
		if end < len(s) && (s[end] == '_' || s[end] == '-' || s[end] >= '0' && s[end] <= '9' || (s[end]|0x20) >= 'a' && (s[end]|0x20) <= 'z') {
			b.WriteString(s[:end])
			s = s[end:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s = s[end:]
	}
}
