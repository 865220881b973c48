package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Configuration file extensions. OpenTofu reads its own .tofu and
// .tofu.json files besides Terraform's, and prefers them: a module folder
// holding both main.tf and main.tofu (or x.tf.json and x.tofu.json) is
// loaded by OpenTofu from the .tofu file alone. Terraform ignores .tofu files.
// (OpenTofu internal/configs/parser_config_dir.go, filterTfPathsWithTofuAlternatives;
// https://opentofu.org/docs/language/files/#extension-differences)
var configExts = []string{".tf.json", ".tofu.json", ".tf", ".tofu"}

// configExt returns the configuration extension of a file name, or "".
func configExt(name string) string {
	for _, ext := range configExts {
		if strings.HasSuffix(name, ext) {
			return ext
		}
	}
	return ""
}

// isConfigName reports whether a file name is a Terraform or OpenTofu
// configuration file that a module folder loads: *.tf, *.tf.json, *.tofu,
// *.tofu.json, not hidden and not an editor's backup (OpenTofu's and
// Terraform's IsIgnoredFile).
func isConfigName(name string) bool {
	return configExt(name) != "" && !strings.HasPrefix(name, ".") && !strings.HasSuffix(name, "~") &&
		!(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"))
}

// moduleFiles lists a module folder's configuration files the way Terraform
// and OpenTofu order them: primary files by name, then override files by
// name; a .tf or .tf.json file that has a .tofu or .tofu.json twin of the
// same name is left out, as OpenTofu leaves it out. A folder without
// .tofu files gives the same list to both engines.
func moduleFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() && isConfigName(e.Name()) {
			names[e.Name()] = true
		}
	}
	var primary, override []string
	for name := range names {
		if twin := tofuTwin(name); twin != "" && names[twin] {
			continue
		}
		if isOverride(name) {
			override = append(override, filepath.Join(dir, name))
		} else {
			primary = append(primary, filepath.Join(dir, name))
		}
	}
	sort.Strings(primary)
	sort.Strings(override)
	if len(primary)+len(override) == 0 {
		return nil, fmt.Errorf("%s: no *.tf, *.tf.json, *.tofu or *.tofu.json files; pass a module folder, a stack folder, a cdktf.out folder or a file", dir)
	}
	return append(primary, override...), nil
}

// tofuTwin returns the OpenTofu file that replaces name for OpenTofu
// (main.tf -> main.tofu, x.tf.json -> x.tofu.json), or "" for a name that
// is not a .tf or .tf.json file.
func tofuTwin(name string) string {
	switch ext := configExt(name); ext {
	case ".tf", ".tf.json":
		return strings.TrimSuffix(name, ext) + strings.Replace(ext, ".tf", ".tofu", 1)
	}
	return ""
}

// Modules lists what a path designates, each to be checked as one
// configuration: a file; a module folder (it has *.tf, *.tf.json, *.tofu or
// *.tofu.json files);
// the stacks of a cdktf.out folder (stacks/*/) or of its "stacks" folder (*/).
func Modules(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	if hasConfigFiles(path) {
		return []string{path}, nil
	}
	patterns := []string{filepath.Join(path, "stacks", "*")}
	if filepath.Base(filepath.Clean(path)) == "stacks" {
		patterns = append(patterns, filepath.Join(path, "*"))
	}
	for _, pattern := range patterns {
		dirs, _ := filepath.Glob(pattern)
		var out []string
		for _, d := range dirs {
			if fi, err := os.Stat(d); err == nil && fi.IsDir() && hasConfigFiles(d) {
				out = append(out, d)
			}
		}
		if len(out) > 0 {
			sort.Strings(out)
			return out, nil
		}
	}
	return nil, fmt.Errorf("%s: no *.tf, *.tf.json, *.tofu or *.tofu.json files and no stacks/*/ folders holding them; pass a module folder, a stack folder, a cdktf.out folder or a file", path)
}

func hasConfigFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && isConfigName(e.Name()) {
			return true
		}
	}
	return false
}

// buildStack merges the files of one module (override files last, the way
// Terraform does: an override block replaces the attributes it sets and
// the nested blocks of the types it sets) and indexes the result.
func buildStack(files []*parsedFile) (*Stack, error) {
	s := &Stack{byAddr: map[string]*Resource{}, byType: map[string][]*Resource{},
		Locals: map[string]any{}, Modules: map[string]map[string]any{},
		Variables: map[string]map[string]any{}, Outputs: map[string]map[string]any{},
		Raw: map[string]any{}, declRanges: map[string]hcl.Range{}, tmpl: newTmplMemo(),
		rawModules: map[string]map[string]any{}, moduleRanges: map[string]map[string]hcl.Range{}}
	byKey := map[string]*decl{}
	var order []*decl
	localsRanges := map[string]hcl.Range{}
	comment := map[string]any{}
	for _, pf := range files {
		s.tmpl.adopt(pf.tmpl)
		pf.tmpl = nil
		for k, v := range pf.comment {
			comment[k] = v
		}
		for _, d := range pf.decls {
			switch d.kind {
			case "locals":
				for k, v := range d.body {
					if k == "//" {
						continue
					}
					if prev, dup := localsRanges[k]; dup && !pf.override {
						return nil, invalidAt(d.ranges[k], "local value %q is declared twice (first at %s)", k, rangeString(prev))
					}
					s.Locals[k] = v
					localsRanges[k] = d.ranges[k]
				}
				continue
			case "provider", "terraform", "moved", "import", "removed", "check":
				key := d.key()
				if d.kind == "provider" {
					key += "\x00" + Str(d.body["alias"])
				}
				if base := byKey[key]; base != nil && pf.override && d.kind != "moved" && d.kind != "import" && d.kind != "removed" {
					mergeOverride(base, d)
					continue
				}
				byKey[key] = d
				order = append(order, d)
				continue
			}
			key := d.key()
			base := byKey[key]
			switch {
			case pf.override && base == nil:
				return nil, invalidAt(d.def, "override file declares %s, which no other file of the module declares (Terraform: missing base for override)", declName(d))
			case pf.override:
				mergeOverride(base, d)
			case base != nil:
				return nil, invalidAt(d.def, "%s is declared twice (first at %s)", declName(d), rangeString(base.def))
			default:
				byKey[key] = d
				order = append(order, d)
			}
		}
	}
	for _, d := range order {
		if err := checkMetaArguments(d); err != nil {
			return nil, err
		}
	}
	providers := map[string]any{}
	var terraform []any
	for _, d := range order {
		switch d.kind {
		case "resource", "data":
			pos := &attrPositions{m: d.ranges, lazy: d.lazy}
			if d.lazy == nil {
				addBlockAliases(d.ranges)
			}
			r := &Resource{Data: d.kind == "data", Type: d.labels[0], Name: d.labels[1], Body: d.body,
				Path: metadataPath(d.body), Range: d.def, pos: pos}
			r.Address = r.Type + "." + r.Name
			if r.Data {
				r.Address = "data." + r.Address
			}
			s.Resources = append(s.Resources, r)
			s.byAddr[r.Address] = r
		case "module":
			s.Modules[d.labels[0]] = d.body
			s.rawModules[d.labels[0]] = d.body
			s.moduleRanges[d.labels[0]] = d.ranges
			s.declRanges["module."+d.labels[0]] = d.def
		case "variable":
			s.Variables[d.labels[0]] = d.body
			s.declRanges["var."+d.labels[0]] = d.def
		case "output":
			s.Outputs[d.labels[0]] = d.body
			s.declRanges["output."+d.labels[0]] = d.def
		case "provider":
			providers[d.labels[0]] = append(List(providers[d.labels[0]]), d.body)
		case "terraform":
			terraform = append(terraform, d.body)
		}
	}
	for k, r := range localsRanges {
		s.declRanges["local."+k] = r
	}
	if len(providers) > 0 {
		s.Raw["provider"] = providers
	}
	if len(terraform) > 0 {
		s.Raw["terraform"] = terraform
	}
	if len(comment) > 0 {
		s.Raw["//"] = comment
	}
	sortResources(s.Resources)
	s.Suppressions = readSuppressions(s.Raw)
	return s, nil
}

// finish evaluates the stack with the given input values (see eval.go),
// expands resources into their instances and indexes them.
func (s *Stack) finish(given map[string]cty.Value, mc moduleCtx) {
	defer useMemo(s.memo())()
	s.WorkDir = mc.root
	ev := newEvaluator(s)
	s.dynamicBudget = maxDynamicBlocks
	ev.setVariables(given)
	ev.settle()
	// providers before the module calls: an instance has the region of the provider its caller passes
	if p := Map(s.Raw["provider"]); p != nil {
		for name, bodies := range p {
			var nb []any
			for _, b := range Blocks(bodies) {
				nb = append(nb, ev.evalBody(b, nil, 0))
			}
			p[name] = nb
		}
	}
	// module calls next: the caller's locals and resources may use their outputs
	s.followCalls(ev, mc)
	var out []*Resource
	// A resource without count or for_each (or whose instances are unknown)
	// is its one instance: it takes its evaluated body once every body is
	// evaluated (evaluation reads the bodies as written), rather than being
	// copied (issue 26: a copy of every resource was a tenth of the memory).
	type alone struct {
		r    *Resource
		body map[string]any
	}
	var single []alone
	for _, r := range s.Resources {
		keys, insts, ok := ev.instanceKeys(r.Body)
		if !ok {
			keys, insts = []string{""}, []map[string]cty.Value{nil}
		}
		if len(keys) == 0 {
			s.absent = append(s.absent, r) // declared, no instance: references to it stay valid
		}
		if len(keys) == 1 && keys[0] == "" {
			single = append(single, alone{r, ev.evalBody(r.Body, insts[0], 0)})
			out = append(out, r)
			continue
		}
		for i, key := range keys {
			c := *r
			c.Key = key
			c.base = r.Address
			c.Address = r.Address + key
			c.Body = ev.evalBody(r.Body, insts[i], 0)
			c.raw = r.Body
			out = append(out, &c)
		}
	}
	for _, a := range single {
		a.r.Key = ""
		a.r.base = a.r.Address
		a.r.raw = a.r.Body
		a.r.Body = a.body
	}
	s.Resources = out
	for name, body := range s.Modules {
		s.Modules[name] = ev.evalBody(body, nil, 0)
	}
	for _, a := range ev.attach {
		s.attachCallers(ev, s.Resources, a.call, a.child)
	}
	s.positionArguments(ev, mc.given)
	for _, r := range s.Resources {
		r.raw = nil // read by positionArguments only: a changed body as written is not kept (issue 26)
	}
	ev.publishLocals()
	s.outputValues = make(map[string]cty.Value, len(s.Outputs))
	for name, body := range s.Outputs {
		s.outputValues[name] = cty.DynamicVal
		if v, has := body["value"]; has {
			s.outputValues[name] = ev.value(v, nil)
		}
		s.Outputs[name] = ev.evalBody(body, nil, 0)
	}
	s.index1()
}

// index1 indexes the resources by address and type and expands the
// dynamic blocks evaluation left (their for_each unknown).
func (s *Stack) index1() {
	sortResources(s.Resources)
	s.byAddr = map[string]*Resource{}
	s.byType = map[string][]*Resource{}
	for _, r := range s.Resources {
		if r.base == "" {
			r.base = r.Address
		}
		s.byAddr[r.Address] = r
		if _, taken := s.byAddr[r.base]; !taken {
			s.byAddr[r.base] = r // the first instance answers for the resource
		}
		key := r.Type
		if r.Data {
			key = "data." + key
		}
		s.byType[key] = append(s.byType[key], r)
	}
	for _, r := range s.Resources {
		s.expandDynamic(r.Body, 0)
	}
}

func declName(d *decl) string {
	switch d.kind {
	case "resource":
		return "resource " + strings.Join(d.labels, ".")
	case "data":
		return "data." + strings.Join(d.labels, ".")
	}
	return d.kind + " " + strings.Join(d.labels, ".")
}

func rangeString(r hcl.Range) string {
	return r.Filename + ":" + strconv.Itoa(r.Start.Line) + ":" + strconv.Itoa(r.Start.Column)
}

// mergeOverride applies an override block to its base: each attribute it
// sets replaces the base's, a nested block type it sets replaces all the
// base's blocks of that type, and lifecycle merges argument by argument.
func mergeOverride(base, over *decl) {
	base.positions()
	over.positions()
	for k, v := range over.body {
		if k == "lifecycle" {
			// lifecycle is merged argument by argument
			if b, o := FirstObject(base.body[k]), FirstObject(v); b != nil && o != nil {
				merged := map[string]any{}
				for kk, vv := range b {
					merged[kk] = vv
				}
				for kk, vv := range o {
					merged[kk] = vv
				}
				base.body[k] = merged
				continue
			}
		}
		base.body[k] = v
		for p := range base.ranges {
			if p == k || strings.HasPrefix(p, k+".") {
				delete(base.ranges, p)
			}
		}
	}
	for p, r := range over.ranges {
		base.ranges[p] = r
	}
}

func sortResources(rs []*Resource) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Address < rs[j].Address })
}

func containsRes(rs []*Resource, r *Resource) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// maxDynamicBlocks bounds the objects that expanding dynamic blocks may
// copy per stack (nested dynamic blocks multiply).
const maxDynamicBlocks = 100000

// expandDynamic adds the blocks that each dynamic block of body produces
// to the body, under the dynamic block's name: one per element when
// for_each is a literal list or object (or a local holding one), with
// <iterator>.value, <iterator>.key and <iterator>.value.<attr> replaced
// where they are a whole value; otherwise one block standing for all,
// with those references left as they are.
func (s *Stack) expandDynamic(body map[string]any, depth int) {
	if depth > 8 {
		return
	}
	for k, v := range body {
		if k == "dynamic" || k == "//" {
			continue
		}
		for _, b := range Blocks(v) {
			s.expandDynamic(b, depth+1)
		}
	}
	for _, dyn := range Blocks(body["dynamic"]) { // an object, or the array form
		s.expandDynamicSet(body, dyn, depth)
	}
}

// expandDynamicSet expands one object of dynamic blocks ({"ingress": ...}).
func (s *Stack) expandDynamicSet(body, dyn map[string]any, depth int) {
	for _, name := range SortedKeys(dyn) {
		for _, spec := range Blocks(dyn[name]) {
			content := FirstObject(spec["content"])
			if content == nil {
				continue
			}
			s.expandDynamic(content, depth+1)
			it := Str(spec["iterator"])
			if it == "" {
				it = name
			}
			var produced []any
			elems, keys, ok := s.literalCollection(spec["for_each"])
			cost := len(elems) * objectCount(content, s.dynamicBudget+1)
			if !ok || cost > s.dynamicBudget {
				// unknown collection, or nested dynamic blocks multiplying
				// beyond the budget: one block stands for all
				elems, keys = nil, nil
				produced = append(produced, content)
			}
			if elems != nil {
				s.dynamicBudget -= cost
			}
			for i, el := range elems {
				produced = append(produced, substituteIterator(content, it, keys[i], el))
			}
			// the list may be shared with the body as written (see formC): never append in place
			body[name] = append(slices.Clip(List(body[name])), produced...)
		}
	}
}

// literalCollection returns the elements of a literal list or object (or
// of a local or "${[...]}"/"${toset([...])}" holding one) with their keys.
func (s *Stack) literalCollection(v any) (elems []any, keys []any, ok bool) {
	for i := 0; i < 4; i++ {
		sv, isStr := v.(string)
		if !isStr {
			break
		}
		e, single := SingleInterp(sv)
		if !single {
			return nil, nil, false
		}
		for _, fn := range []string{"toset(", "tolist("} {
			if strings.HasPrefix(e, fn) && strings.HasSuffix(e, ")") {
				e = strings.TrimSpace(e[len(fn) : len(e)-1])
			}
		}
		if name, isLocal := strings.CutPrefix(e, "local."); isLocal {
			lv, found := s.Locals[name]
			if !found {
				return nil, nil, false
			}
			v = lv
			continue
		}
		val, err := ParseJSONEncode("jsonencode(" + e + ")")
		if err != nil {
			return nil, nil, false
		}
		if _, still := val.(string); still {
			return nil, nil, false
		}
		v = val
	}
	switch t := v.(type) {
	case []any:
		for i, el := range t {
			elems = append(elems, el)
			key := any(float64(i))
			if sv, isStr := el.(string); isStr {
				key = sv // a set's key is its value
			}
			keys = append(keys, key)
		}
		return elems, keys, true
	case map[string]any:
		for _, k := range SortedKeys(t) {
			elems = append(elems, t[k])
			keys = append(keys, k)
		}
		return elems, keys, true
	}
	return nil, nil, false
}

// objectCount counts the objects in v, stopping at limit.
func objectCount(v any, limit int) int {
	n := 0
	var walk func(v any)
	walk = func(v any) {
		if n >= limit {
			return
		}
		switch t := v.(type) {
		case map[string]any:
			n++
			for _, x := range t {
				walk(x)
			}
		case []any:
			for _, x := range t {
				walk(x)
			}
		}
	}
	walk(v)
	return n
}

// substituteIterator copies a dynamic block's content for one element.
func substituteIterator(v any, it string, key, el any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = substituteIterator(x, it, key, el)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = substituteIterator(x, it, key, el)
		}
		return out
	case string:
		e, ok := SingleInterp(t)
		if !ok {
			return t
		}
		switch {
		case e == it+".value":
			return el
		case e == it+".key":
			return key
		case strings.HasPrefix(e, it+".value."):
			if m := Map(el); m != nil {
				if x, found := m[strings.TrimPrefix(e, it+".value.")]; found {
					return x
				}
			}
		}
		return t
	}
	return v
}

// checkMetaArguments refuses meta-arguments of the wrong type, which
// Terraform rejects whatever the provider: depends_on must be a list of
// references, count a number or an expression, for_each a collection or an
// expression, provider a reference, lifecycle a block, a module's source a string.
func checkMetaArguments(d *decl) error {
	if d.kind != "resource" && d.kind != "data" && d.kind != "module" {
		return nil
	}
	bad := func(k, want string) error {
		r, ok := d.positions()[k]
		if !ok {
			r = d.def
		}
		return invalidAt(r, "%s: %s must be %s", declName(d), k, want)
	}
	for k, v := range d.body {
		if v == nil {
			continue // null: the same as unset
		}
		switch k {
		case "depends_on":
			l, ok := v.([]any)
			if !ok {
				return bad(k, "a list of references")
			}
			for _, e := range l {
				if _, isStr := e.(string); !isStr {
					return bad(k, "a list of references")
				}
			}
		case "count":
			switch t := v.(type) {
			case float64:
				if t < 0 || t != float64(int64(t)) {
					return bad(k, "a whole number of at least 0")
				}
			case string:
			default:
				return bad(k, "a number or an expression")
			}
		case "for_each":
			switch v.(type) {
			case string, []any, map[string]any:
			default:
				return bad(k, "a map, a set of strings or an expression")
			}
		case "provider":
			if _, ok := v.(string); !ok && d.kind != "module" {
				return bad(k, "a provider reference such as \"aws.west\"")
			}
		case "lifecycle":
			if !isBlockValue(v) {
				return bad(k, "a block")
			}
		case "source":
			if _, ok := v.(string); !ok && d.kind == "module" {
				return bad(k, "a string")
			}
		}
	}
	return nil
}

// rootCtx is the module context of a root module in dir.
func rootCtx(dir string, maxBytes int64) moduleCtx {
	mc := moduleCtx{root: dir, seen: map[string]bool{}, maxBytes: maxBytes}
	if abs, err := filepath.Abs(dir); err == nil {
		mc.seen[abs] = true
	}
	return mc
}
