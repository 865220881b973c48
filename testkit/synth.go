package testkit

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

var (
	tempMu   sync.Mutex
	tempDirs []string
)

// Main runs the package's tests, then removes every temporary output folder
// Synth made and stops the jsii kernel (which removes its own temporary
// folder), so a test run leaves nothing behind. Use it as
//
//	func TestMain(m *testing.M) { testkit.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	Cleanup()
	os.Exit(code)
}

// Cleanup removes the temporary folders Synth made and stops the jsii kernel.
func Cleanup() {
	tempMu.Lock()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	tempDirs = nil
	tempMu.Unlock()
	stack.Close()
}

// Result is one synthesis: the output folder and every stack in it.
type Result struct {
	// Dir is the app's output folder (cdktf.out).
	Dir string
	// Stacks maps a stack id to its parsed cdk.tf.json.
	Stacks map[string]*Doc
}

// Stack returns the stack named id or fails the test.
func (r *Result) Stack(t testing.TB, id string) *Doc {
	t.Helper()
	d, ok := r.Stacks[id]
	if !ok {
		t.Fatalf("stack %q was not synthesized; have %v", id, r.ids())
	}
	return d
}

func (r *Result) ids() []string {
	var ids []string
	for id := range r.Stacks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Once synthesizes lazily, at most once per test binary.
type Once struct {
	build func(app *stack.App) error
	once  sync.Once
	res   *Result
	err   error
}

// NewOnce returns a Once that runs build in a fresh App the first time Get is called.
func NewOnce(build func(app *stack.App) error) *Once { return &Once{build: build} }

// Get returns the synthesized result, failing the test if synthesis failed.
// The first Get also runs the access tier's external-access analysis
// (access.AnalyzeFile) on every stack and fails the test on each
// unsuppressed finding.
func (o *Once) Get(t testing.TB) *Result {
	t.Helper()
	first := false
	o.once.Do(func() { first = true; o.res, o.err = Synth("", o.build) })
	if o.err != nil {
		t.Fatalf("synth: %v", o.err)
	}
	if first {
		// Every synthesized stack is free of external access (package
		// access): a construct's resource-based policies let no principal
		// outside the account in, unless a suppression says why.
		for _, id := range o.res.ids() {
			a, err := access.AnalyzeFile(o.res.Stacks[id].Path, access.Binding{})
			if err != nil {
				t.Errorf("access: %v", err)
				continue
			}
			for _, f := range a.Findings {
				t.Errorf("access: external access in stack %s: %s", id, f)
			}
		}
	}
	return o.res
}

// Synth builds stacks in a fresh App writing to dir (a new temporary folder
// when empty), synthesizes, and parses every stack written.
func Synth(dir string, build func(app *stack.App) error) (*Result, error) {
	if dir == "" {
		d, err := os.MkdirTemp("", "testkit-*")
		if err != nil {
			return nil, err
		}
		tempMu.Lock()
		tempDirs = append(tempDirs, d)
		tempMu.Unlock()
		dir = d
	}
	app, err := stack.NewApp(stack.AppProps{Outdir: dir})
	if err != nil {
		return nil, err
	}
	if err := build(app); err != nil {
		return nil, err
	}
	if err := app.Synthesize(); err != nil {
		return nil, err
	}
	return Load(dir)
}

// Load parses every stacks/*/cdk.tf.json under an output folder.
func Load(dir string) (*Result, error) {
	files, err := filepath.Glob(filepath.Join(dir, "stacks", "*", "cdk.tf.json"))
	if err != nil {
		return nil, err
	}
	res := &Result{Dir: dir, Stacks: map[string]*Doc{}}
	for _, f := range files {
		d, err := LoadFile(f)
		if err != nil {
			return nil, err
		}
		res.Stacks[filepath.Base(filepath.Dir(f))] = d
	}
	return res, nil
}

// Doc is one parsed cdk.tf.json.
type Doc struct {
	// Path is the file it was read from.
	Path string
	// Raw is the whole document.
	Raw map[string]any
}

// LoadFile parses one cdk.tf.json.
func LoadFile(path string) (*Doc, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Doc{Path: path, Raw: raw}, nil
}

// Dir is the stack's folder.
func (d *Doc) Dir() string { return filepath.Dir(d.Path) }

// Resources returns every resource of type typ, by name (empty map if none).
func (d *Doc) Resources(typ string) map[string]map[string]any { return d.block("resource", typ) }

// DataSources returns every data source of type typ, by name.
func (d *Doc) DataSources(typ string) map[string]map[string]any { return d.block("data", typ) }

func (d *Doc) block(kind, typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	top, _ := d.Raw[kind].(map[string]any)
	byType, _ := top[typ].(map[string]any)
	for name, v := range byType {
		if m, ok := v.(map[string]any); ok {
			out[name] = m
		}
	}
	return out
}

// ResourceTypes lists every resource type in the stack, sorted.
func (d *Doc) ResourceTypes() []string {
	top, _ := d.Raw["resource"].(map[string]any)
	var out []string
	for t := range top {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Resource returns the resource typ.name, failing the test with the address if absent.
func (d *Doc) Resource(t testing.TB, typ, name string) map[string]any {
	t.Helper()
	r, ok := d.Resources(typ)[name]
	if !ok {
		t.Fatalf("%s.%s: resource not found; %s resources: %v", typ, name, typ, keys(d.Resources(typ)))
	}
	return r
}

// Only returns the single resource of type typ (its name and body), failing
// the test when there is not exactly one.
func (d *Doc) Only(t testing.TB, typ string) (string, map[string]any) {
	t.Helper()
	rs := d.Resources(typ)
	if len(rs) != 1 {
		t.Fatalf("%s: want exactly 1 resource, have %d: %v", typ, len(rs), keys(rs))
	}
	for n, r := range rs {
		return n, r
	}
	return "", nil
}

// ByPath returns the resource of type typ whose construct path ends with
// suffix (e.g. "logs/bucket"), failing the test if none or several match.
func (d *Doc) ByPath(t testing.TB, typ, suffix string) (string, map[string]any) {
	t.Helper()
	var found []string
	for name, r := range d.Resources(typ) {
		if p := ConstructPath(r); p == suffix || strings.HasSuffix(p, "/"+suffix) {
			found = append(found, name)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s with construct path ending %q: want 1, found %d %v", typ, suffix, len(found), found)
	}
	return found[0], d.Resources(typ)[found[0]]
}

// ConstructPath returns the construct path recorded in a resource's metadata.
func ConstructPath(body map[string]any) string {
	md, _ := body["//"].(map[string]any)
	m, _ := md["metadata"].(map[string]any)
	p, _ := m["path"].(string)
	return p
}

// Ref returns the Terraform reference "${typ.name.attr}".
func Ref(typ, name, attr string) string { return "${" + typ + "." + name + "." + attr + "}" }

// Attr reads a dotted path ("versioning_configuration.status",
// "rule.0.apply_server_side_encryption_by_default.sse_algorithm") from a
// resource body; ok is false when any step is missing.
func Attr(body map[string]any, path string) (any, bool) {
	var cur any = body
	for _, part := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[part]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// MustAttr is Attr that fails the test naming the address and attribute.
func MustAttr(t testing.TB, addr string, body map[string]any, path string) any {
	t.Helper()
	v, ok := Attr(body, path)
	if !ok {
		t.Fatalf("%s: attribute %q is not set", addr, path)
	}
	return v
}

// Equal fails the test unless the attribute equals want (compared as JSON).
func Equal(t testing.TB, addr string, body map[string]any, path string, want any) {
	t.Helper()
	got, ok := Attr(body, path)
	if !ok {
		t.Errorf("%s: attribute %q is not set; want %v", addr, path, want)
		return
	}
	EqualJSON(t, addr, path, got, want)
}

// EqualJSON fails the test unless got and want marshal to the same JSON,
// naming where (a resource address) and what (the attribute or field).
func EqualJSON(t testing.TB, where, what string, got, want any) {
	t.Helper()
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("%s: %s = %s; want %s", where, what, gj, wj)
	}
}

// PolicyDoc parses a policy attribute (a JSON string) into a map.
func PolicyDoc(t testing.TB, addr string, body map[string]any, path string) map[string]any {
	t.Helper()
	s, ok := MustAttr(t, addr, body, path).(string)
	if !ok {
		t.Fatalf("%s: %s is not a JSON string", addr, path)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("%s: %s is not valid JSON: %v\n%s", addr, path, err, s)
	}
	return doc
}

// Statements returns a parsed policy's statements, keyed by Sid.
func Statements(t testing.TB, addr string, doc map[string]any) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	list, _ := doc["Statement"].([]any)
	for i, s := range list {
		m, _ := s.(map[string]any)
		sid, _ := m["Sid"].(string)
		if sid == "" {
			sid = strconv.Itoa(i)
		}
		out[sid] = m
	}
	return out
}

// DependsOn returns a resource's depends_on list.
func DependsOn(body map[string]any) []string {
	var out []string
	list, _ := body["depends_on"].([]any)
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
