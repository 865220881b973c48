package engine

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Stack is one Terraform module: the files of a module folder (override
// files merged the way Terraform merges them), one stack of a cdktf.out
// folder, or a single file.
type Stack struct {
	// File is the path the stack was loaded from: a file or a module folder.
	File string
	// Dir is the module folder: relative paths (Lambda filename, module source) resolve against it.
	Dir string
	// WorkDir is the folder terraform runs in: the root module's Dir, where
	// relative file paths (aws_s3_object source, Lambda filename) resolve,
	// also in a module instance (Children) whose Dir is its own folder.
	WorkDir string
	// Files are the files read, in the order they were merged.
	Files []string
	// Partial is set when a single file was loaded that need not be a whole
	// module (any file but a cdktf cdk.tf.json): references to objects it
	// does not declare may be declared by sibling files, so they are noted
	// once (MOD001) instead of reported one by one (TF002).
	Partial bool
	// Raw holds the top-level blocks other than resources and data sources
	// in the JSON form: "provider" (name to a list of bodies), "terraform"
	// (a list of bodies) and the "//" comment object.
	Raw map[string]any
	// Resources are every managed resource and data source, sorted by address.
	Resources []*Resource
	// Locals are the top-level locals.
	Locals map[string]any
	// Modules are module calls by name.
	Modules map[string]map[string]any
	// Variables are declared input variables by name.
	Variables map[string]map[string]any
	// Outputs are declared outputs by name.
	Outputs map[string]map[string]any
	// Suppressions are the //.guard.suppressions entries.
	Suppressions []Suppression
	// Children are the instances of the module calls the guard follows
	// (local folders, and modules terraform init fetched); the rules run
	// over each and address its findings "module.<name>.<address>".
	Children []*ModuleInstance
	// Unfollowed are the module calls not followed, by name, with the reason.
	Unfollowed map[string]string

	byAddr map[string]*Resource
	// rawModules are the module calls as written; moduleRanges the positions of their arguments.
	rawModules   map[string]map[string]any
	moduleRanges map[string]map[string]hcl.Range
	// absent are the resources declared with count = 0 or for_each = {}.
	absent []*Resource
	byType map[string][]*Resource
	// declRanges are the positions of locals, modules, variables and outputs by address.
	declRanges map[string]hcl.Range
	links      *linkIndex

	memoMu sync.Mutex
	tmpl   *tmplMemo // template string -> what the guard needs of it
	graph  *Graph
	// dynamicBudget is what is left of maxDynamicBlocks while loading.
	dynamicBudget int
	// outputValues are the evaluated outputs (unknown where they are), what
	// the caller of a module instance sees as module.<call>.<output>.
	outputValues map[string]cty.Value
	// passedRegions are the regions of the aws provider configurations the
	// caller passes to a module instance, by the instance's key ("aws", "aws.x").
	passedRegions map[string]string
}

// memo returns the stack's template memo.
func (s *Stack) memo() *tmplMemo {
	s.memoMu.Lock()
	defer s.memoMu.Unlock()
	if s.tmpl == nil {
		s.tmpl = newTmplMemo()
	}
	return s.tmpl
}

// refsIn returns the references of the template s, parsing each distinct
// string once per stack.
func (s *Stack) refsIn(sv string) []Ref {
	if i := templateInfo(s.memo(), sv); i != nil {
		return i.refs
	}
	return nil
}

// interps is Interps with the stack's memo.
func (s *Stack) interps(sv string) []Interp {
	if i := templateInfo(s.memo(), sv); i != nil {
		return i.interps
	}
	return nil
}

// Resource is one managed resource or data source.
type Resource struct {
	// Data is true for data sources.
	Data bool
	// Type is the resource type, e.g. "aws_s3_bucket".
	Type string
	// Name is the local name, e.g. "logs_bucket_1234".
	Name string
	// Address is "type.name", or "data.type.name" for data sources.
	Address string
	// Path is the construct path from "//".metadata.path, or "".
	Path string
	// Body is the resource's attributes and blocks in the Terraform JSON
	// form (see the package documentation); dynamic blocks also appear as
	// the blocks they produce. Read-only: evaluation shares the objects and
	// lists it leaves unchanged between instances and with the body as
	// written.
	Body map[string]any
	// Range is the position of the block's header (type and labels).
	Range hcl.Range
	// Key is the instance key of a resource that count or for_each
	// expands ("[0]", "[\"ssh\"]"), also at the end of Address; "" for a
	// resource without count or for_each, or whose count or for_each is
	// unknown (one block then stands for all its instances).
	Key string

	// base is Address without Key: what references name.
	base string
	// raw is the body as written, before evaluation, while finish needs
	// it (positionArguments); nil afterwards.
	raw map[string]any
	// external marks a caller's resource copied into a module instance (attachCallers).
	external bool

	pos *attrPositions
}

// AttrRange returns the position of an attribute or nested attribute
// ("bucket", "ingress.0.cidr_blocks", "metadata_options.http_tokens"), or
// false when it is not set. Positions are kept four levels deep; an
// attribute set by an override file has the override file's position.
func (r *Resource) AttrRange(path string) (hcl.Range, bool) {
	ranges := r.pos.get()
	if rg, ok := ranges[path]; ok {
		return rg, true
	}
	rg, ok := ranges[firstBlockPath(path)]
	return rg, ok
}

// firstBlockPath drops the ".0" list indexes of a path: the first block of
// a type is also known without its index ("metadata_options.http_tokens"),
// whichever syntax wrote it.
func firstBlockPath(path string) string {
	for strings.Contains(path+".", ".0.") {
		path = strings.TrimSuffix(strings.Replace(path+".", ".0.", ".", 1), ".")
	}
	return path
}

// Suppression is one declared suppression read from the JSON. Entries
// without a rule, a path or a reason are ignored.
type Suppression struct {
	// Rule is the suppressed rule ID.
	Rule string `json:"rule"`
	// Path is the construct path; resources at it or under it are covered.
	Path string `json:"path"`
	// Reason says why the rule does not apply; it is mandatory.
	Reason string `json:"reason"`
}

// LoadStack reads one configuration: a file (Terraform JSON or native
// syntax) or a module folder (its *.tf, *.tf.json, *.tofu and *.tofu.json
// files, override files merged; a .tofu file replaces its .tf twin, as
// OpenTofu does). Files larger than DefaultMaxBytes are refused; see Load.
func LoadStack(path string) (*Stack, error) { return Load(path, 0) }

// Load is LoadStack with a size limit per file (0: DefaultMaxBytes). What
// is not a Terraform configuration is an *InvalidError.
func Load(path string, maxBytes int64) (*Stack, error) {
	return LoadWith(path, maxBytes, Inputs{})
}

// LoadWith is Load with values for the input variables (Terraform's -var
// and -var-file). A module folder's terraform.tfvars and *.auto.tfvars
// are read too, as Terraform reads them; variables without a value take
// their defaults. See the package documentation on evaluation.
func LoadWith(path string, maxBytes int64, in Inputs) (*Stack, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var files []string
	dir := path
	if fi.IsDir() {
		files, err = moduleFiles(path)
		if err != nil {
			return nil, err
		}
	} else {
		files = []string{path}
		dir = filepath.Dir(path)
	}
	s, err := buildFiles(files, maxBytes)
	if err != nil {
		return nil, err
	}
	s.File, s.Dir, s.Files = path, dir, files
	s.Partial = !fi.IsDir() && filepath.Base(path) != "cdk.tf.json"
	given, err := readInputs(s, in, fi.IsDir())
	if err != nil {
		return nil, err
	}
	s.finish(given, rootCtx(dir, maxBytes))
	return s, nil
}

// ParseStack parses Terraform JSON text as a whole configuration. File and Dir are left empty.
func ParseStack(b []byte) (*Stack, error) {
	pf, err := parseFile("", b)
	if err != nil {
		return nil, err
	}
	s, err := buildStack([]*parsedFile{pf})
	if err != nil {
		return nil, err
	}
	s.finish(nil, rootCtx(s.Dir, 0))
	return s, nil
}

// ParseFile parses one file's text (JSON when name ends in .json, native
// syntax when it ends in .tf) as a whole configuration. Dir is name's folder.
func ParseFile(name string, b []byte) (*Stack, error) {
	pf, err := parseFile(name, b)
	if err != nil {
		return nil, err
	}
	s, err := buildStack([]*parsedFile{pf})
	if err != nil {
		return nil, err
	}
	s.File, s.Dir, s.Files = name, filepath.Dir(name), []string{name}
	s.finish(nil, rootCtx(s.Dir, 0))
	return s, nil
}

func readSuppressions(raw map[string]any) []Suppression {
	g := Map(Map(raw["//"])["guard"])
	var out []Suppression
	for _, v := range List(g["suppressions"]) {
		m := Map(v)
		sp := Suppression{Rule: Str(m["rule"]), Path: Str(m["path"]), Reason: Str(m["reason"])}
		if sp.Rule != "" && sp.Path != "" && strings.TrimSpace(sp.Reason) != "" {
			out = append(out, sp)
		}
	}
	return out
}

func metadataPath(body map[string]any) string {
	return Str(Map(Map(body["//"])["metadata"])["path"])
}

// Base returns the address references use: Address without the instance Key.
func (r *Resource) Base() string {
	if r.base != "" {
		return r.base
	}
	return strings.TrimSuffix(r.Address, r.Key)
}

// Lookup returns the resource or data source at address ("aws_s3_bucket.x",
// "data.aws_region.r"); for a resource expanded by count or for_each, the
// instance address ("aws_s3_bucket.x[0]") or the resource's (its first instance).
func (s *Stack) Lookup(address string) *Resource { return s.byAddr[address] }

// OfType returns the managed resources of a type, sorted by address.
func (s *Stack) OfType(typ string) []*Resource { return s.byType[typ] }

// DataOfType returns the data sources of a type, sorted by address.
func (s *Stack) DataOfType(typ string) []*Resource { return s.byType["data."+typ] }

// Target returns the resource that v refers to when v is exactly one
// reference "${type.name.attr}" (or "${data.type.name.attr}"), plus the attribute.
func (s *Stack) Target(v any) (*Resource, string) {
	e, ok := SingleInterp(Str(v))
	if !ok {
		return nil, ""
	}
	refs := RefsInExpr(e)
	if len(refs) != 1 || !isPlainTraversal(e) {
		return nil, ""
	}
	return s.byAddr[refs[0].Addr], refs[0].Attr
}

// isPlainTraversal reports whether e is only a dotted traversal (with optional [index]).
func isPlainTraversal(e string) bool {
	if e == "" {
		return false
	}
	for i := 0; i < len(e); i++ {
		c := e[i]
		if !(c == '_' || c == '-' || c == '.' || c == '[' || c == ']' || c == '*' || c >= '0' && c <= '9' || (c|0x20) >= 'a' && (c|0x20) <= 'z') {
			return false
		}
	}
	return true
}

// Resolve substitutes references to literal values: "${local.x}" and
// "${type.name.attr}" whose target attribute is a literal string (resolved
// recursively). Other interpolations are left as they are.
func (s *Stack) Resolve(v any) string {
	budget := 256 // bounds the work on self-referencing or exploding locals
	return s.resolve(Str(v), 0, &budget)
}

func (s *Stack) resolve(v string, depth int, budget *int) string {
	is := s.interps(v)
	if len(is) == 0 || depth > 8 {
		return v
	}
	var b strings.Builder
	last := 0
	for _, in := range is {
		b.WriteString(v[last:in.Start])
		last = in.End
		e := strings.TrimSpace(in.Expr)
		if v[in.Start] == '$' && isPlainTraversal(e) && *budget > 0 {
			*budget--
			if lit, ok := s.literalOf(e, depth, budget); ok {
				b.WriteString(lit)
				continue
			}
		}
		b.WriteString(v[in.Start:in.End])
	}
	b.WriteString(v[last:])
	return b.String()
}

func (s *Stack) literalOf(e string, depth int, budget *int) (string, bool) {
	parts := strings.Split(strings.TrimPrefix(e, "resource."), ".")
	switch {
	case parts[0] == "local" && len(parts) == 2:
		if l, ok := s.Locals[parts[1]].(string); ok {
			return s.resolve(l, depth+1, budget), true
		}
	case parts[0] == "data" && len(parts) == 4:
		if r := s.byAddr["data."+parts[1]+"."+parts[2]]; r != nil {
			if l, ok := r.Body[parts[3]].(string); ok {
				return s.resolve(l, depth+1, budget), true
			}
		}
	case len(parts) == 3 && parts[0] != "var" && parts[0] != "module":
		if r := s.byAddr[parts[0]+"."+parts[1]]; r != nil {
			if l, ok := r.Body[parts[2]].(string); ok {
				return s.resolve(l, depth+1, budget), true
			}
		}
	}
	return "", false
}

// Refers reports whether v refers to r: a "${r...}" reference anywhere in it,
// or, when nameAttr is set, a literal equal to r's own literal nameAttr
// (a bucket given by name instead of by reference).
func (s *Stack) Refers(v any, r *Resource, nameAttr string) bool {
	for _, sv := range Strs(v) {
		for _, ref := range s.refsIn(sv) {
			if ref.Addr == r.Base() {
				return true
			}
		}
		if nameAttr != "" {
			own := s.Resolve(r.Body[nameAttr])
			if own != "" && !HasInterp(own) && s.Resolve(sv) == own {
				return true
			}
		}
	}
	return false
}

// Linked returns the resources of type typ whose attribute attr refers to r
// (see Refers; references through for_each and each.value count), e.g. the
// aws_s3_bucket_versioning of a bucket. It uses the stack's link index, so
// a rule calling it for every resource stays linear.
func (s *Stack) Linked(typ, attr string, r *Resource, nameAttr string) []*Resource {
	out := s.Referrers(r.Address, typ, attr)
	if nameAttr == "" {
		return out
	}
	own := s.Resolve(r.Body[nameAttr])
	if own == "" || HasInterp(own) {
		return out
	}
	for _, c := range s.index().byLiteral(s, typ, attr, own) {
		if !containsRes(out, c) {
			out = append(out, c)
		}
	}
	sortResources(out)
	return out
}

// ResolveTarget finds the resource of type typ that v designates: by
// reference, or by a literal equal to the resource's literal nameAttr.
func (s *Stack) ResolveTarget(v any, typ, nameAttr string) *Resource {
	if r, _ := s.Target(v); r != nil {
		if r.Type == typ && !r.Data {
			return r
		}
		return nil
	}
	lit := s.Resolve(v)
	if lit == "" || HasInterp(lit) || nameAttr == "" {
		return nil
	}
	for _, r := range s.OfType(typ) {
		if s.Resolve(r.Body[nameAttr]) == lit {
			return r
		}
	}
	return nil
}

// ProviderRegion returns the literal region of the default aws provider, or "".
// In a module instance without its own aws provider block it is the region
// of the provider the caller passes: its default one, or the one its
// `providers = { aws = aws.west }` maps (see calls.go).
func (s *Stack) ProviderRegion() string { return s.providerRegion("aws") }

// providerRegion returns the literal region of the aws provider configuration
// key ("aws" or "aws.<alias>"), or "": the stack's own block, else the one
// the caller passed to the module instance.
func (s *Stack) providerRegion(key string) string {
	alias, _ := strings.CutPrefix(key, "aws.")
	if key == "aws" {
		alias = ""
	}
	for _, p := range List(Map(s.Raw["provider"])["aws"]) {
		m := Map(p)
		if Str(m["alias"]) == alias {
			if r := s.Resolve(m["region"]); !HasInterp(r) {
				return r
			}
			return ""
		}
	}
	return s.passedRegions[key]
}

// buildFiles reads and parses files (each at most maxBytes) and builds one
// stack of them; the loader of a path and of a module call share it.
func buildFiles(files []string, maxBytes int64) (*Stack, error) {
	var parsed []*parsedFile
	for _, f := range files {
		b, err := readFile(f, maxBytes)
		if err != nil {
			return nil, err
		}
		pf, err := parseFile(f, b)
		if err != nil {
			return nil, err
		}
		if pf.src != nil {
			pf.src.release(f) // read again when a position is asked for
		}
		parsed = append(parsed, pf)
	}
	return buildStack(parsed)
}
