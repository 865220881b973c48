package guard

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Stack is one parsed Terraform JSON configuration (a cdk.tf.json).
type Stack struct {
	// File is the path it was read from.
	File string
	// Dir is the stack folder: relative paths (Lambda filename, module source) resolve against it.
	Dir string
	// Raw is the whole document.
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

	byAddr map[string]*Resource
	byType map[string][]*Resource
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
	// Body is the resource's attributes and blocks.
	Body map[string]any
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

// LoadStack reads and parses a Terraform JSON file.
func LoadStack(path string) (*Stack, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := ParseStack(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.File = path
	s.Dir = filepath.Dir(path)
	return s, nil
}

// ParseStack parses Terraform JSON text. File and Dir are left empty.
func ParseStack(b []byte) (*Stack, error) {
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("not Terraform JSON: %w", err)
	}
	if raw == nil {
		return nil, fmt.Errorf("not Terraform JSON: the top level is not an object")
	}
	s := &Stack{Raw: raw, byAddr: map[string]*Resource{}, byType: map[string][]*Resource{},
		Locals: map[string]any{}, Modules: map[string]map[string]any{},
		Variables: map[string]map[string]any{}, Outputs: map[string]map[string]any{}}
	for _, mode := range []string{"resource", "data"} {
		for typ, byName := range asMap(raw[mode]) {
			for name, body := range asMap(byName) {
				bm := firstObject(body)
				if bm == nil {
					continue
				}
				r := &Resource{Data: mode == "data", Type: typ, Name: name, Body: bm, Path: metadataPath(bm)}
				r.Address = typ + "." + name
				if r.Data {
					r.Address = "data." + r.Address
				}
				s.Resources = append(s.Resources, r)
				s.byAddr[r.Address] = r
			}
		}
	}
	sort.Slice(s.Resources, func(i, j int) bool { return s.Resources[i].Address < s.Resources[j].Address })
	for _, r := range s.Resources {
		key := r.Type
		if r.Data {
			key = "data." + key
		}
		s.byType[key] = append(s.byType[key], r)
	}
	for _, l := range asList(raw["locals"]) {
		for k, v := range asMap(l) {
			s.Locals[k] = v
		}
	}
	for name, v := range asMap(raw["module"]) {
		if m := firstObject(v); m != nil {
			s.Modules[name] = m
		}
	}
	for name, v := range asMap(raw["variable"]) {
		m := firstObject(v)
		if m == nil {
			m = map[string]any{}
		}
		s.Variables[name] = m
	}
	for name, v := range asMap(raw["output"]) {
		if m := firstObject(v); m != nil {
			s.Outputs[name] = m
		}
	}
	s.Suppressions = readSuppressions(raw)
	return s, nil
}

func readSuppressions(raw map[string]any) []Suppression {
	g := asMap(asMap(raw["//"])["guard"])
	var out []Suppression
	for _, v := range asList(g["suppressions"]) {
		m := asMap(v)
		sp := Suppression{Rule: str(m["rule"]), Path: str(m["path"]), Reason: str(m["reason"])}
		if sp.Rule != "" && sp.Path != "" && strings.TrimSpace(sp.Reason) != "" {
			out = append(out, sp)
		}
	}
	return out
}

func metadataPath(body map[string]any) string {
	return str(asMap(asMap(body["//"])["metadata"])["path"])
}

// Lookup returns the resource or data source at address ("aws_s3_bucket.x", "data.aws_region.r").
func (s *Stack) Lookup(address string) *Resource { return s.byAddr[address] }

// OfType returns the managed resources of a type, sorted by address.
func (s *Stack) OfType(typ string) []*Resource { return s.byType[typ] }

// DataOfType returns the data sources of a type, sorted by address.
func (s *Stack) DataOfType(typ string) []*Resource { return s.byType["data."+typ] }

// Target returns the resource that v refers to when v is exactly one
// reference "${type.name.attr}" (or "${data.type.name.attr}"), plus the attribute.
func (s *Stack) Target(v any) (*Resource, string) {
	e, ok := singleInterp(str(v))
	if !ok {
		return nil, ""
	}
	refs := refsInExpr(e)
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
	return s.resolve(str(v), 0, &budget)
}

func (s *Stack) resolve(v string, depth int, budget *int) string {
	is := interps(v)
	if len(is) == 0 || depth > 8 {
		return v
	}
	var b strings.Builder
	last := 0
	for _, in := range is {
		b.WriteString(v[last:in.start])
		last = in.end
		e := strings.TrimSpace(in.expr)
		if v[in.start] == '$' && isPlainTraversal(e) && *budget > 0 {
			*budget--
			if lit, ok := s.literalOf(e, depth, budget); ok {
				b.WriteString(lit)
				continue
			}
		}
		b.WriteString(v[in.start:in.end])
	}
	b.WriteString(v[last:])
	return b.String()
}

func (s *Stack) literalOf(e string, depth int, budget *int) (string, bool) {
	parts := strings.Split(e, ".")
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
	for _, sv := range strs(v) {
		for _, ref := range refsInString(sv) {
			if ref.Addr == r.Address {
				return true
			}
		}
		if nameAttr != "" {
			own := s.Resolve(r.Body[nameAttr])
			if own != "" && !hasInterp(own) && s.Resolve(sv) == own {
				return true
			}
		}
	}
	return false
}

// Linked returns the resources of type typ whose attribute attr refers to r
// (see Refers), e.g. the aws_s3_bucket_versioning of a bucket.
func (s *Stack) Linked(typ, attr string, r *Resource, nameAttr string) []*Resource {
	var out []*Resource
	for _, c := range s.OfType(typ) {
		if s.Refers(c.Body[attr], r, nameAttr) {
			out = append(out, c)
		}
	}
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
	if lit == "" || hasInterp(lit) || nameAttr == "" {
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
func (s *Stack) ProviderRegion() string {
	for _, p := range asList(asMap(s.Raw["provider"])["aws"]) {
		m := asMap(p)
		if m["alias"] == nil {
			if r := s.Resolve(m["region"]); !hasInterp(r) {
				return r
			}
		}
	}
	return ""
}
