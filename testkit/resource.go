package testkit

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// Resource is one resource block of a synthesized stack. Its assertion
// methods fail the test with the resource's address and the attribute.
type Resource struct {
	// Type is the resource type, e.g. "aws_s3_bucket".
	Type string
	// Name is the resource's name in the stack (cdktf derives it from the
	// construct path), e.g. "raw_bucket_B7A1C3D2".
	Name string
	// Body is the resource's parsed JSON body.
	Body map[string]any
}

// Address is the Terraform address, "<type>.<name>".
func (r Resource) Address() string { return r.Type + "." + r.Name }

// Path is the construct path cdktf recorded for the resource
// ("acme-dev/raw/bucket"), or "" when it recorded none.
func (r Resource) Path() string { return ConstructPath(r.Body) }

// Ref is the Terraform reference to one of the resource's attributes,
// "${<type>.<name>.<attr>}", as other resources in the stack write it.
func (r Resource) Ref(attr string) string { return Ref(r.Type, r.Name, attr) }

// Attr reads a dotted attribute path ("versioning_configuration.status",
// "rule.0.apply_server_side_encryption_by_default.sse_algorithm"); ok is
// false when any step is missing.
func (r Resource) Attr(path string) (any, bool) { return Attr(r.Body, path) }

// Get returns the attribute at path, failing the test with the address and
// the attribute when it is not set.
func (r Resource) Get(t testing.TB, path string) any {
	t.Helper()
	return MustAttr(t, r.Address(), r.Body, path)
}

// String returns the string attribute at path, failing the test with the
// address and the attribute when it is not set or not a string.
func (r Resource) String(t testing.TB, path string) string {
	t.Helper()
	v := r.Get(t, path)
	s, ok := v.(string)
	if !ok {
		t.Fatalf("%s: attribute %q = %s; want a string", r.Address(), path, jsonText(v))
	}
	return s
}

// Equal fails the test unless the attribute at path equals want, compared as
// JSON (so 1 and 1.0, []string and []any compare equal): the message names
// the address, the attribute, what it is and what was wanted.
func (r Resource) Equal(t testing.TB, path string, want any) {
	t.Helper()
	Equal(t, r.Address(), r.Body, path, want)
}

// Absent fails the test when the attribute at path is set.
func (r Resource) Absent(t testing.TB, path string) {
	t.Helper()
	if v, ok := r.Attr(path); ok {
		t.Errorf("%s: attribute %q = %s; want it unset", r.Address(), path, jsonText(v))
	}
}

// Policy parses the JSON policy document held as a string in the attribute
// at path ("policy", "assume_role_policy"), failing the test when it is not
// set or not JSON.
func (r Resource) Policy(t testing.TB, path string) map[string]any {
	t.Helper()
	return PolicyDoc(t, r.Address(), r.Body, path)
}

// DependsOn is the resource's depends_on list.
func (r Resource) DependsOn() []string { return DependsOn(r.Body) }

// All returns every resource of type typ, sorted by name (none: empty).
func (d *Doc) All(typ string) []Resource {
	byName := d.Resources(typ)
	out := make([]Resource, 0, len(byName))
	for _, name := range keys(byName) {
		out = append(out, Resource{Type: typ, Name: name, Body: byName[name]})
	}
	return out
}

// Get returns the resource typ.name, failing the test with the address and
// the names that do exist when it is absent.
func (d *Doc) Get(t testing.TB, typ, name string) Resource {
	t.Helper()
	return Resource{Type: typ, Name: name, Body: d.Resource(t, typ, name)}
}

// One returns the single resource of type typ, failing the test when the
// stack has none or several.
func (d *Doc) One(t testing.TB, typ string) Resource {
	t.Helper()
	name, body := d.Only(t, typ)
	return Resource{Type: typ, Name: name, Body: body}
}

// Find returns the resource of type typ whose construct path is path or ends
// with "/"+path ("raw/bucket" finds "acme-data-dev/raw/bucket"), failing the
// test, with the paths that do exist, when none or several match.
func (d *Doc) Find(t testing.TB, typ, path string) Resource {
	t.Helper()
	var found []Resource
	var paths []string
	for _, r := range d.All(typ) {
		p := r.Path()
		paths = append(paths, p)
		if p == path || strings.HasSuffix(p, "/"+path) {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		sort.Strings(paths)
		t.Fatalf("%s at construct path %q: want 1, found %d; %s construct paths: %v", typ, path, len(found), typ, paths)
		return Resource{}
	}
	return found[0]
}

// Under returns every resource, of any type, whose construct path lies
// under the construct at path (path itself or path/...), sorted by address:
// everything one construct created.
func (d *Doc) Under(path string) []Resource {
	var out []Resource
	for _, typ := range d.ResourceTypes() {
		for _, r := range d.All(typ) {
			p := r.Path()
			if p == path || strings.HasPrefix(p, path+"/") || strings.Contains(p, "/"+path+"/") || strings.HasSuffix(p, "/"+path) {
				out = append(out, r)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address() < out[j].Address() })
	return out
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

// Provider returns the provider block name ("aws") without an alias, as a
// Resource whose address is "provider.<name>", failing the test when the
// stack has none.
func (d *Doc) Provider(t testing.TB, name string) Resource {
	t.Helper()
	top, _ := d.Raw["provider"].(map[string]any)
	var blocks []any
	switch v := top[name].(type) {
	case []any:
		blocks = v
	case map[string]any:
		blocks = []any{v}
	}
	for _, b := range blocks {
		if m, ok := b.(map[string]any); ok {
			if alias, _ := m["alias"].(string); alias == "" {
				return Resource{Type: "provider", Name: name, Body: m}
			}
		}
	}
	t.Fatalf("provider.%s: no %s provider block without an alias (%d with one)", name, name, len(blocks))
	return Resource{}
}
