package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes name -> content under a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDynamicBudget: nested dynamic blocks multiply (20^5 blocks here);
// expansion stops at maxDynamicBlocks copied objects and one block then
// stands for the rest, so loading stays small.
func TestDynamicBudget(t *testing.T) {
	list := "[" + strings.TrimSuffix(strings.Repeat("1,", 20), ",") + "]"
	inner := "x = 1"
	for _, name := range []string{"e", "d", "c", "b", "a"} {
		inner = "dynamic \"" + name + "\" {\n for_each = " + list + "\n content {\n" + inner + "\n}\n}"
	}
	s, err := ParseFile("main.tf", []byte("resource \"aws_security_group\" \"x\" {\n"+inner+"\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	body := s.Lookup("aws_security_group.x").Body
	if n := objectCount(body, 10*maxDynamicBlocks); n > 2*maxDynamicBlocks || len(Blocks(body["a"])) == 0 {
		t.Errorf("%d objects after expansion, %d \"a\" blocks; want at most %d and at least one", n, len(Blocks(body["a"])), 2*maxDynamicBlocks)
	}
}

// TestModules: what each kind of path designates.
func TestModules(t *testing.T) {
	topic := `{"resource": {"aws_sns_topic": {"t": {"name": "t"}}}}`
	out := writeFiles(t, map[string]string{
		"stacks/a/cdk.tf.json": topic, "stacks/b/cdk.tf.json": topic, "stacks/b/extra.tf": `locals { x = 1 }`,
		"stacks/c/README.md": "not a stack",
	})
	rel := func(ps []string) []string {
		var o []string
		for _, p := range ps {
			r, _ := filepath.Rel(out, p)
			o = append(o, filepath.ToSlash(r))
		}
		return o
	}
	for path, want := range map[string]string{
		out:                               "stacks/a stacks/b",
		filepath.Join(out, "stacks"):      "stacks/a stacks/b",
		filepath.Join(out, "stacks", "b"): "stacks/b",
		filepath.Join(out, "stacks/a/cdk.tf.json"): "stacks/a/cdk.tf.json",
	} {
		got, err := Modules(path)
		if err != nil || strings.Join(rel(got), " ") != want {
			t.Errorf("Modules(%s) = %q, %v; want %q", path, rel(got), err, want)
		}
	}
	if _, err := Modules(filepath.Join(out, "stacks", "c")); err == nil {
		t.Error("Modules(folder without configuration files): want an error")
	}
	s, err := LoadStack(filepath.Join(out, "stacks", "b"))
	if err != nil || len(s.Files) != 2 || s.Locals["x"] != float64(1) || s.Partial {
		t.Errorf("LoadStack(stack folder with two files) = %+v, %v", s, err)
	}
}

// TestAttrRange: nested attributes are found by path in both syntaxes, the
// first block of a type with or without its ".0" index.
func TestAttrRange(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.tf": `resource "aws_instance" "n" {
  metadata_options {
    http_tokens = "optional"
  }
}
`,
		"b.tf.json": "{\"resource\": {\"aws_instance\": {\"j\": {\n\"metadata_options\": {\n\"http_tokens\": \"optional\"}}}}}",
	})
	s, err := LoadStack(dir)
	if err != nil {
		t.Fatal(err)
	}
	for addr, line := range map[string]int{"aws_instance.n": 3, "aws_instance.j": 3} {
		for _, path := range []string{"metadata_options.http_tokens", "metadata_options.0.http_tokens"} {
			rg, ok := s.Lookup(addr).AttrRange(path)
			if !ok || rg.Start.Line != line {
				t.Errorf("%s AttrRange(%q) = %v, %v; want line %d", addr, path, rg, ok, line)
			}
		}
	}
	if firstBlockPath("a.0.b.10.c.0") != "a.b.10.c" {
		t.Errorf("firstBlockPath = %q", firstBlockPath("a.0.b.10.c.0"))
	}
}

// TestTofuFiles: a module folder's .tofu and .tofu.json files are read (in
// native and JSON syntax) and replace the .tf or .tf.json file of the same
// name, as OpenTofu does; a .tf without a twin and a .tofu override file
// stay; a .tf.json is not replaced by a .tofu (only by a .tofu.json).
func TestTofuFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf":          `resource "aws_sns_topic" "t" { name = "from-main-tf" }`,
		"main.tofu":        `resource "aws_sns_topic" "t" { name = "from-main-tofu" }`,
		"queue.tf.json":    `{"resource": {"aws_sqs_queue": {"q": {"name": "from-tf-json"}}}}`,
		"queue.tofu.json":  `{"resource": {"aws_sqs_queue": {"q": {"name": "from-tofu-json"}}}}`,
		"vars.tf":          `variable "x" {}`,
		"vars.tofu.json":   `{"locals": {"y": 1}}`,
		"override.tofu":    `resource "aws_sns_topic" "t" { display_name = "overridden" }`,
		".hidden.tofu":     `not read`,
		"main.tofu~":       `not read`,
		"notes.tofu.txt":   `not read`,
		"sub/ignored.tofu": `not read`,
	})
	files, err := moduleFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if got, want := strings.Join(names, " "), "main.tofu queue.tofu.json vars.tf vars.tofu.json override.tofu"; got != want {
		t.Errorf("moduleFiles = %q; want %q (OpenTofu's choice: a .tofu twin replaces the .tf, overrides last)", got, want)
	}
	s, err := LoadStack(dir)
	if err != nil {
		t.Fatal(err)
	}
	topic, queue := s.Lookup("aws_sns_topic.t"), s.Lookup("aws_sqs_queue.q")
	if topic == nil || queue == nil {
		t.Fatalf("LoadStack: resources %v; want aws_sns_topic.t and aws_sqs_queue.q", s.Resources)
	}
	if got := Str(topic.Body["name"]); got != "from-main-tofu" {
		t.Errorf("aws_sns_topic.t name = %q; want the .tofu file's \"from-main-tofu\"", got)
	}
	if got := Str(topic.Body["display_name"]); got != "overridden" {
		t.Errorf("aws_sns_topic.t display_name = %q; want override.tofu's \"overridden\"", got)
	}
	if got := Str(queue.Body["name"]); got != "from-tofu-json" {
		t.Errorf("aws_sqs_queue.q name = %q; want the .tofu.json file's \"from-tofu-json\"", got)
	}
	if _, ok := s.Variables["x"]; !ok || s.Locals["y"] != float64(1) {
		t.Errorf("vars.tf and vars.tofu.json (not twins) both read: variables %v, locals %v", s.Variables, s.Locals)
	}
	if topic.Range.Filename != filepath.Join(dir, "main.tofu") {
		t.Errorf("aws_sns_topic.t is positioned in %s; want main.tofu", topic.Range.Filename)
	}
	if got, err := Modules(writeFiles(t, map[string]string{"main.tofu": `locals { x = 1 }`})); err != nil || len(got) != 1 {
		t.Errorf("Modules(folder with a .tofu file only) = %v, %v; want that folder", got, err)
	}
	one, err := LoadStack(filepath.Join(dir, "main.tofu"))
	if err != nil || Str(one.Lookup("aws_sns_topic.t").Body["name"]) != "from-main-tofu" {
		t.Errorf("LoadStack(main.tofu) = %v; want the file read in native syntax", err)
	}
}
