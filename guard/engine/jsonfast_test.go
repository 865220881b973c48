package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/corpus"
)

// fastCases are JSON files written for the comparison: positions after
// tabs, carriage returns and multi-byte characters, escapes, numbers,
// repeated blocks, arrays of objects at every level; and files hcl refuses
// or the conversion rejects, which the fast path must leave to hcl.
var fastCases = map[string]string{
	"tabs.tf.json":    "{\r\n\t\"resource\": {\t\"aws_s3_bucket\": {\"b\": {\"bucket\": \"x\",\r\n\t\t\"tags\": {\"Name\": \"caf\u00e9 \u0065\u0301 \U0001F600 x\", \"K\": \"a\\\"b\\\\c\\u00e9\\n\"}}}}}",
	"numbers.tf.json": `{"resource": {"aws_instance": {"i": {"count": 3, "x": -1.5e3, "y": 0.1, "z": 12345678901234567890, "w": 1E-7, "t": true, "f": false, "n": null}}}}`,
	"arrays.tf.json": `[{"resource": [{"aws_security_group": [{"sg": [{"ingress": [{"from_port": 1, "cidr_blocks": ["0.0.0.0/0"]}, {"from_port": 2}], "egress": []}]}]}]},
		{"data": {"aws_iam_policy_document": {"d": {"statement": [{"actions": ["s3:*"], "resources": ["${aws_s3_bucket.b.arn}/*"]}]}}}}]`,
	"repeated.tf.json": `{"resource": {"aws_security_group": {"sg": {"ingress": {"from_port": 1}, "ingress": [{"from_port": 2}], "//": {"x": 1, "x": 2}}}},
		"//": {"metadata": {"backend": "local", "backend": "s3"}}, "resource": {"aws_s3_bucket": {"c": {"bucket": "${var.x}-%{if true}y%{endif}"}}},
		"locals": {"a": {"b": {"c": {"d": {"e": {"f": "deep"}}}}}}, "variable": {"v": {"default": "${not a template"}}}`,
	"labels.tf.json":  `{"resource": {"aws_s3_bucket": {"//": {"ignored": "${"}, "b": {"bucket": "x"}}}, "module": {"m": {"source": "./m"}}, "output": {"o": {"value": "${aws_s3_bucket.b.id}"}}}`,
	"unicode.tf.json": "{\"resource\": {\"aws_s3_bucket\": {\"b\": {\"bucket\": \"\u65e5\u672c\", \"policy\": \"e\u0301\u0301x\", \"k\u00e9y\": \"\u00c5\", \"A\u030a\": 1}}}}",
	"empty.tf.json":   `{"resource": {}, "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"}}}}`,
	// refused
	"syntax.tf.json":    `{"resource": {"aws_s3_bucket": {"b": {"bucket": "x",}}}}`,
	"trailing.tf.json":  `{"resource": {}} {}`,
	"dupkey.tf.json":    `{"resource": {"aws_s3_bucket": {"b": {"bucket": "x", "bucket": "y"}}}}`,
	"dupnested.tf.json": `{"resource": {"aws_s3_bucket": {"b": {"tags": {"a": "1", "a": "2"}}}}}`,
	"template.tf.json":  `{"resource": {"aws_s3_bucket": {"b": {"bucket": "${aws_s3_bucket.c.id"}}}}`,
	"unknown.tf.json":   `{"resources": {}}`,
	"keyword.tf.json":   `{"resource": {"aws_s3_bucket": {"b": {"force_destroy": True}}}}`,
	"number.tf.json":    `{"resource": {"aws_s3_bucket": {"b": {"x": 01}}}}`,
	"control.tf.json":   "{\"resource\": {\"aws_s3_bucket\": {\"b\": {\"bucket\": \"a\tb\"}}}}",
	"unterm.tf.json":    `{"resource": {"aws_s3_bucket": {"b": {"bucket": "x`,
	"toplevel.tf.json":  `[{"resource": {}}, 1]`,
	"blocktype.tf.json": `{"resource": {"aws_s3_bucket": {"b": "x"}}}`,
	"empty.json":        ``,
}

// TestFastJSONMatchesHCL: the fast path yields exactly the declarations,
// values, positions, comment and template references hcl's parser and the
// conversion yield, on the JSON files above, every JSON file of the tests'
// fixtures and the corpus; where hcl's path fails, the fast path gives up
// (so the error is hcl's), and it handles every file hcl's path accepts.
func TestFastJSONMatchesHCL(t *testing.T) {
	files := map[string][]byte{}
	for name, content := range fastCases {
		files["case/"+name] = []byte(content)
	}
	for _, root := range []string{"..", filepath.Join("..", "..", "testkit"), filepath.Join("..", "..", "internal", "e2e", "testdata"), corpus.Dir()} {
		if root == "" {
			continue
		}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err == nil && len(b) < 64<<20 {
				files[p] = b
			}
			return nil
		})
	}
	if len(files) < len(fastCases)+50 {
		t.Fatalf("only %d files to compare; the fixtures moved?", len(files))
	}
	fast, refused := 0, 0
	tmp := t.TempDir()
	for name, b := range files {
		slow := &parsedFile{name: name, tmpl: map[string]*tmplInfo{}}
		slowErr := slow.parseJSONHCL(b)
		f := &parsedFile{name: name, tmpl: map[string]*tmplInfo{}}
		ok := f.parseJSONFast(b)
		switch {
		case slowErr != nil && ok:
			t.Errorf("%s: hcl's path fails (%v) but the fast path accepts it", name, slowErr)
		case slowErr != nil:
			refused++
			if len(f.decls) != 0 || f.comment != nil || len(f.tmpl) != 0 {
				t.Errorf("%s: the fast path gave up but left declarations behind", name)
			}
		case !ok:
			t.Errorf("%s: hcl's path accepts it but the fast path gives up", name)
		default:
			fast++
			if diff := compareParsed(slow, f); diff != "" {
				t.Errorf("%s: the fast path differs from hcl's: %s", name, diff)
			}
			// the same when the bytes were let go and the bodies' spans are read again from the file
			path := name
			if strings.HasPrefix(name, "case/") {
				path = filepath.Join(tmp, strconv.Itoa(fast)+".json")
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			g := &parsedFile{name: name, tmpl: map[string]*tmplInfo{}}
			if !g.parseJSONFast(b) || g.src == nil {
				t.Fatalf("%s: the fast path accepts it once, not twice", name)
			}
			g.src.release(path)
			if diff := compareParsed(slow, g); diff != "" {
				t.Errorf("%s: positions read again from the file differ from hcl's: %s", name, diff)
			}
		}
	}
	t.Logf("%d files parsed alike, %d refused by both", fast, refused)
	if refused < 10 {
		t.Errorf("only %d files refused: the refused cases did not run", refused)
	}
}

// dumpRanges lists positions by path, sorted.
func dumpRanges(m map[string]hcl.Range) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		r := m[k]
		fmt.Fprintf(&b, "%s %s:%d,%d,%d-%d,%d,%d\n", k, r.Filename, r.Start.Line, r.Start.Column, r.Start.Byte, r.End.Line, r.End.Column, r.End.Byte)
	}
	return b.String()
}

func compareParsed(a, b *parsedFile) string {
	if len(a.decls) != len(b.decls) {
		return fmt.Sprintf("%d declarations, want %d", len(b.decls), len(a.decls))
	}
	for i, x := range a.decls {
		y := b.decls[i]
		switch {
		case x.kind != y.kind || !reflect.DeepEqual(x.labels, y.labels):
			return fmt.Sprintf("declaration %d is %s %v, want %s %v", i, y.kind, y.labels, x.kind, x.labels)
		case x.def != y.def:
			return fmt.Sprintf("%s %v: position %v, want %v", x.kind, x.labels, y.def, x.def)
		case !reflect.DeepEqual(x.body, y.body):
			return fmt.Sprintf("%s %v: body %#v, want %#v", x.kind, x.labels, y.body, x.body)
		case dumpRanges(x.positions()) != dumpRanges(y.positions()):
			return fmt.Sprintf("%s %v: positions\n%s\nwant\n%s", x.kind, x.labels, dumpRanges(y.positions()), dumpRanges(x.positions()))
		}
	}
	if !reflect.DeepEqual(a.comment, b.comment) {
		return fmt.Sprintf("comment %#v, want %#v", b.comment, a.comment)
	}
	if !reflect.DeepEqual(a.tmpl, b.tmpl) {
		return fmt.Sprintf("templates %v, want %v", b.tmpl, a.tmpl)
	}
	return ""
}

// TestPositionsAfterTheFileChanged: a stack loaded from disk reads a body's
// span again for its positions; a body whose bytes changed since loading
// has no attribute positions (findings fall back on the block's header),
// the others keep theirs.
func TestPositionsAfterTheFileChanged(t *testing.T) {
	src := `{"resource": {"aws_s3_bucket": {
  "a": {"bucket": "aaaa", "tags": {"Name": "x"}},
  "b": {"bucket": "bbbb", "tags": {"Name": "y"}}
}}}`
	path := filepath.Join(t.TempDir(), "main.tf.json")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadStack(path)
	if err != nil {
		t.Fatal(err)
	}
	mem, err := ParseFile(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	// same length, other bytes: only a's body changed
	if err := os.WriteFile(path, []byte(strings.Replace(src, `"aaaa"`, `"AAAA"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if rg, ok := s.Lookup("aws_s3_bucket.a").AttrRange("bucket"); ok {
		t.Errorf("aws_s3_bucket.a bucket: position %v from a body that changed on disk; want none", rg)
	}
	want, _ := mem.Lookup("aws_s3_bucket.b").AttrRange("tags.Name")
	got, ok := s.Lookup("aws_s3_bucket.b").AttrRange("tags.Name")
	if !ok || got != want || got.Start.Line != 3 {
		t.Errorf("aws_s3_bucket.b tags.Name = %v, %v; want %v (line 3)", got, ok, want)
	}
	if a := s.Lookup("aws_s3_bucket.a"); a.Range.Start.Line != 2 {
		t.Errorf("aws_s3_bucket.a header at %v; want line 2", a.Range)
	}
}
