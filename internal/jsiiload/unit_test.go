//go:build !cdktf_secure_nofastload

package jsiiload

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/jsii-runtime-go"
)

func TestStripAssembly(t *testing.T) {
	in := `{
  "name": "p", "readme": {"markdown": "long"}, "docs": {"summary": "kept at top level"},
  "types": {
    "p.a.T": {"fqn": "p.a.T", "docs": {"summary": "x \"quoted\" }"}, "locationInModule": {"line": 1},
      "symbolId": "s", "properties": [{"name": "docs", "type": {"primitive": "string"}, "docs": {}}],
      "initializer": {"parameters": [{"name": "x", "type": {"fqn": "p.a.U"}, "docs": {"remarks": "[1]"}}]}},
    "p.a.U": {"fqn": "p.a.U", "datatype": true, "properties": []}
  },
  "submodules": {"p.a": {"readme": {"markdown": "r"}, "symbolId": "a"}},
  "targets": {"go": {"docs": "not under types: kept"}}
}`
	got, err := stripAssembly([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"p","docs":{"summary":"kept at top level"},"types":{"p.a.T":{"fqn":"p.a.T","properties":[{"name":"docs","type":{"primitive":"string"}}],"initializer":{"parameters":[{"name":"x","type":{"fqn":"p.a.U"}}]}},"p.a.U":{"fqn":"p.a.U","datatype":true,"properties":[]}},"submodules":{"p.a":{}},"targets":{"go":{"docs":"not under types: kept"}}}`
	if string(got) != want {
		t.Errorf("stripAssembly =\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{`{"a": `, `{"a" 1}`, `{"a": "x}`, `[1,]`, `{} x`} {
		if _, err := stripAssembly([]byte(bad)); err == nil {
			t.Errorf("stripAssembly(%q) = nil error; want an error", bad)
		}
	}
}

// fakePackage builds a small provider-shaped npm tarball.
func fakePackage(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	for _, n := range sortStrings(names) {
		body := files[n]
		if err := tw.WriteHeader(&tar.Header{Name: "package/" + n, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

func untar(t *testing.T, tgz []byte) map[string]string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	out := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		out[strings.TrimPrefix(h.Name, "package/")] = string(b)
	}
}

const (
	fakeIndex = "\"use strict\";\nexports.sA = exports.sB = exports.prov = void 0;\n" +
		"exports.sA = require(\"./s-a\");\nexports.sB = require(\"./s-b\");\nexports.prov = require(\"./prov\");\n"
	fakeLazy = "\"use strict\";\n" +
		"Object.defineProperty(exports, 'sA', { get: function () { return require('./s-a'); } });\n" +
		"Object.defineProperty(exports, 'sB', { get: function () { return require('./s-b'); } });\n" +
		"Object.defineProperty(exports, 'prov', { get: function () { return require('./prov'); } });\n"
	fakeAsm = `{"name": "@x/p", "version": "1.2.3", "readme": {"markdown": "big"},
  "types": {
    "@x/p.sA.A": {"fqn": "@x/p.sA.A", "namespace": "sA", "docs": {"summary": "A"}, "base": "cdktf.TerraformResource",
       "properties": [{"name": "p", "type": {"fqn": "@x/p.sB.BRef"}}]},
    "@x/p.sB.BRef": {"fqn": "@x/p.sB.BRef", "namespace": "sB", "kind": "class"},
    "@x/p.sB.Other": {"fqn": "@x/p.sB.Other", "namespace": "sB", "kind": "class"},
    "@x/p.prov.P": {"fqn": "@x/p.prov.P", "namespace": "prov", "kind": "class"}
  },
  "submodules": {"@x/p.sA": {"symbolId": "src/s-a/index:"}, "@x/p.sB": {"symbolId": "src/s-b/index:"},
    "@x/p.prov": {"symbolId": "src/prov/index:"}}}`
)

func fakeFiles() map[string]string {
	return map[string]string{
		"package.json":        `{"name": "@x/p", "version": "1.2.3", "main": "lib/index.js", "types": "lib/index.d.ts"}`,
		".jsii":               fakeAsm,
		"lib/index.js":        fakeIndex,
		"lib/index.d.ts":      "export {}",
		"lib/lazy-index.js":   fakeLazy,
		"lib/s-a/index.js":    "// a",
		"lib/s-a/index.d.ts":  "// a",
		"lib/s-b/index.js":    "// b",
		"lib/prov/index.js":   "// p",
		"lib/prov/structs.js": "// ps",
		"README.md":           "readme",
	}
}

func TestDerive(t *testing.T) {
	orig := fakePackage(t, fakeFiles())
	d, err := derive(orig)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "@x/p" || d.Version != "1.2.3" {
		t.Errorf("derive: package %s@%s; want @x/p@1.2.3", d.Name, d.Version)
	}
	files := untar(t, d.Tarball)
	var pkg struct{ Main, Types string }
	json.Unmarshal([]byte(files["package.json"]), &pkg)
	if pkg.Main != "lib/lazy-index.js" || pkg.Types != "lib/index.d.ts" {
		t.Errorf("package.json main %q types %q; want main lib/lazy-index.js, the rest unchanged", pkg.Main, pkg.Types)
	}
	for _, gone := range []string{"lib/index.d.ts", "lib/s-a/index.d.ts"} {
		if _, ok := files[gone]; ok {
			t.Errorf("derived tarball still holds %s", gone)
		}
	}
	for _, kept := range []string{"lib/index.js", "lib/lazy-index.js", "lib/s-a/index.js", "lib/prov/structs.js", "README.md"} {
		if files[kept] != fakeFiles()[kept] {
			t.Errorf("derived tarball: %s changed or missing", kept)
		}
	}
	if strings.Contains(files[".jsii"], "docs") || strings.Contains(files[".jsii"], "readme") || !strings.Contains(files[".jsii"], `"@x/p.sB.Other"`) {
		t.Errorf(".jsii not stripped as expected: %s", files[".jsii"])
	}
	again, _ := derive(orig)
	if !bytes.Equal(again.Tarball, d.Tarball) {
		t.Error("derive is not deterministic")
	}
}

func TestDeriveRefusesInconsistentPackages(t *testing.T) {
	tests := map[string]func(f map[string]string){
		"lazy index misses a namespace": func(f map[string]string) {
			f["lib/lazy-index.js"] = strings.Replace(fakeLazy, "'prov'", "'provX'", 1)
		},
		"no lazy index": func(f map[string]string) { delete(f, "lib/lazy-index.js") },
		"other main": func(f map[string]string) {
			f["package.json"] = `{"name": "@x/p", "version": "1.2.3", "main": "dist/x.js"}`
		},
		"root type": func(f map[string]string) { f[".jsii"] = strings.Replace(fakeAsm, `"namespace": "prov", `, "", 1) },
		"version mismatch": func(f map[string]string) {
			f["package.json"] = `{"name": "@x/p", "version": "9.9.9", "main": "lib/index.js"}`
		},
		"broken assembly": func(f map[string]string) { f[".jsii"] = fakeAsm[:100] },
		"exports map": func(f map[string]string) {
			f["package.json"] = `{"name": "@x/p", "version": "1.2.3", "main": "lib/index.js", "exports": {".": "./lib/index.js"}}`
		},
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			f := fakeFiles()
			mutate(f)
			if _, err := derive(fakePackage(t, f)); err == nil {
				t.Error("derive succeeded; want an error so Preload falls back to the stock tarball")
			}
			if _, _, err := trimStock(fakePackage(t, f), []string{"sa"}); err == nil {
				t.Error("trimStock succeeded; want an error")
			}
		})
	}
}

func TestDeriveFollowsRedirect(t *testing.T) {
	f := fakeFiles()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(fakeAsm))
	zw.Close()
	f[".jsii"] = `{"schema": "jsii/file-redirect", "compression": "gzip", "filename": ".jsii.gz"}`
	f[".jsii.gz"] = gz.String()
	d, err := derive(fakePackage(t, f))
	if err != nil {
		t.Fatal(err)
	}
	files := untar(t, d.Tarball)
	if !strings.Contains(files[".jsii"], `"@x/p.sA.A"`) {
		t.Errorf(".jsii after redirect = %.200s", files[".jsii"])
	}
	if _, ok := files[".jsii.gz"]; ok {
		t.Error(".jsii.gz should not be shipped next to the plain assembly")
	}
}

func TestTrimKeepsRootsAndReferencedTypes(t *testing.T) {
	d, err := derive(fakePackage(t, fakeFiles()))
	if err != nil {
		t.Fatal(err)
	}
	tr, kept, err := trim(d, []string{"sa"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kept, []string{"sA", "sB"}) {
		t.Errorf("kept namespaces %v; want [sA sB] (sB through A's property type)", kept)
	}
	files := untar(t, tr.Tarball)
	var asm struct{ Types map[string]json.RawMessage }
	json.Unmarshal([]byte(files[".jsii"]), &asm)
	var types []string
	for k := range asm.Types {
		types = append(types, k)
	}
	if got := sortStrings(types); !reflect.DeepEqual(got, []string{"@x/p.sA.A", "@x/p.sB.BRef"}) {
		t.Errorf("trimmed types %v; want A and the BRef it references", got)
	}
	if _, ok := files["lib/prov/index.js"]; ok {
		t.Error("lib/prov shipped though no kept type lives there")
	}
	if _, ok := files["lib/index.js"]; ok {
		t.Error("lib/index.js shipped; it requires every submodule")
	}
	if files["lib/s-b/index.js"] != "// b" || strings.Contains(files["lib/lazy-index.js"], "'prov'") || !strings.Contains(files["lib/lazy-index.js"], "'sB'") {
		t.Errorf("trimmed lib wrong: lazy-index %q", files["lib/lazy-index.js"])
	}
	if _, _, err := trim(d, []string{"nosuchpkg"}); err == nil {
		t.Error("trim with an unknown Go package succeeded; want an error")
	}
}

func TestTrimStockMatchesDeriveThenTrim(t *testing.T) {
	orig := fakePackage(t, fakeFiles())
	d, err := derive(orig)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkgs := range [][]string{{"sa"}, {"sb"}, {"prov", "sa"}} {
		want, wantKept, err := trim(d, pkgs)
		if err != nil {
			t.Fatal(err)
		}
		got, kept, err := trimStock(orig, pkgs)
		if err != nil {
			t.Fatalf("trimStock(%v): %v", pkgs, err)
		}
		if !bytes.Equal(got.Tarball, want.Tarball) || !reflect.DeepEqual(kept, wantKept) || got.Name != want.Name || got.Version != want.Version {
			t.Errorf("trimStock(%v) = %s@%s kept %v, %d bytes; trim(derive) = %s@%s kept %v, %d bytes: want the same bytes",
				pkgs, got.Name, got.Version, kept, len(got.Tarball), want.Name, want.Version, wantKept, len(want.Tarball))
		}
	}
	if _, _, err := trimStock(orig, []string{"nosuchpkg"}); err == nil || errors.Is(err, errNotOnePass) {
		t.Errorf("trimStock with an unknown Go package: %v; want trim's error", err)
	}
}

func TestTrimStockNeedsOnePassLayout(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(fakeAsm))
	zw.Close()
	tests := map[string]func(f map[string]string){
		"an entry before .jsii": func(f map[string]string) { f[".a"] = "x" },
		"no symbol ids": func(f map[string]string) {
			f[".jsii"] = strings.ReplaceAll(fakeAsm, `"symbolId"`, `"other"`)
		},
		"symbol id names another folder": func(f map[string]string) {
			f[".jsii"] = strings.Replace(fakeAsm, "src/s-b/index:", "src/s-c/index:", 1)
		},
		"redirected assembly": func(f map[string]string) {
			f[".jsii"] = `{"schema": "jsii/file-redirect", "compression": "gzip", "filename": ".jsii.gz"}`
			f[".jsii.gz"] = gz.String()
		},
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			f := fakeFiles()
			mutate(f)
			if _, _, err := trimStock(fakePackage(t, f), []string{"sa"}); !errors.Is(err, errNotOnePass) {
				t.Errorf("trimStock: %v; want errNotOnePass, so that choose takes trim(derive)", err)
			}
		})
	}
}

func TestParseNames(t *testing.T) {
	names := strings.Join([]string{
		"runtime.main",
		awsModulePrefix + "s3bucket.NewS3Bucket",
		awsModulePrefix + "s3bucket.(*jsiiProxy_S3Bucket).Arn",
		awsModulePrefix + "provider.init.0",
		awsModulePrefix + "jsii.Initialize",
		"type:*" + awsModulePrefix + "kmskey.KmsKeyConfig",
		"github.com/aws/constructs-go/constructs/v10/jsii.Initialize",
		"github.com/hashicorp/terraform-cdk-go/cdktf/jsii.Initialize",
		"github.com/acme/widgets-go/widgets/jsii.Initialize",
		"github.com/acme/widgets-go/widgets/jsii.InitializeMore",
	}, "\x00") + "\x00"
	got := parseNames([]byte(names))
	if want := []string{"kmskey", "provider", "s3bucket"}; !reflect.DeepEqual(got.Packages, want) {
		t.Errorf("Packages = %v; want %v", got.Packages, want)
	}
	if want := []string{"github.com/acme/widgets-go/widgets/jsii"}; !reflect.DeepEqual(got.Foreign, want) {
		t.Errorf("Foreign = %v; want %v", got.Foreign, want)
	}
}

func TestScanLinkedSeesThisBinary(t *testing.T) {
	got, err := scanLinked()
	if err != nil {
		t.Fatalf("scanLinked: %v (go test binaries are ELF with a .gopclntab)", err)
	}
	// The test binary links bench/benchstack (identity_test.go), which uses
	// s3bucket directly and the provider through constructs/stack.
	has := map[string]bool{}
	for _, p := range got.Packages {
		has[p] = true
	}
	if !has["s3bucket"] || !has["provider"] || has["jsii"] || len(got.Foreign) != 0 {
		t.Errorf("scanLinked = %+v; want s3bucket and provider, no jsii, no foreign jsii packages", got)
	}
}

func TestCacheRoundTripAndCorruption(t *testing.T) {
	d := &derived{Name: "@x/p", Version: "1.2.3", Tarball: []byte("tarball bytes")}
	b := encodeCache(d, 7)
	got, n, err := decodeCache(b)
	if err != nil || n != 7 || got.Name != d.Name || got.Version != d.Version || !bytes.Equal(got.Tarball, d.Tarball) {
		t.Fatalf("decodeCache(encodeCache) = %+v, %d, %v", got, n, err)
	}
	for name, bad := range map[string][]byte{
		"truncated": b[:len(b)-2],
		"flipped":   append(append([]byte{}, b[:len(b)-1]...), 'X'),
		"no header": []byte("tarball bytes"),
		"empty":     nil,
	} {
		if _, _, err := decodeCache(bad); err == nil {
			t.Errorf("decodeCache(%s) = nil error; want a rebuild", name)
		}
	}
	path := filepath.Join(t.TempDir(), "sub", "f.tgz")
	if err := writeAtomic(path, b); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("writeAtomic left %d files; want only the target", len(entries))
	}
}

func TestTarballKeyChangesWithContent(t *testing.T) {
	a := bytes.Repeat([]byte("a"), 300<<10)
	b := append(append([]byte{}, a[:len(a)-1]...), 'b')
	c := append(append([]byte{}, a...), 'a')
	if tarballKey(a) == tarballKey(b) || tarballKey(a) == tarballKey(c) || tarballKey(a) != tarballKey(append([]byte{}, a...)) {
		t.Error("tarballKey must change with the last bytes and the length, and be stable")
	}
}

func TestEnabled(t *testing.T) {
	for v, want := range map[string]bool{"": true, "0": false, "off": false, "False": false, "no": false, "lazy": true, "debug": true, "1": true} {
		t.Setenv(EnvVar, v)
		if Enabled() != want {
			t.Errorf("%s=%q: Enabled() = %v; want %v", EnvVar, v, !want, want)
		}
	}
	t.Setenv(EnvVar, "0")
	if r := Preload(); r.Mode != Stock || r.Err != nil {
		t.Errorf("Preload with %s=0 = %+v; want stock without error", EnvVar, r)
	}
}

func TestPruneKeepsOnlyCurrentFiles(t *testing.T) {
	dir := t.TempDir()
	keep := []string{
		cacheFile(dir, "pkg", "k1", "lazy"),
		cacheFile(dir, "pkg", "k1", "trim-aaaa"),
		filepath.Join(dir, "other-k0-lazy-v1.tgz"), // another label
		filepath.Join(dir, ".tmp-fresh"),
		filepath.Join(dir, ".lock"),
	}
	drop := []string{
		cacheFile(dir, "pkg", "k0", "lazy"),           // older provider
		filepath.Join(dir, "pkg-k1-lazy-v0.tgz"),      // older format
		filepath.Join(dir, "pkg-k1-trim-aaaa-v0.tgz"), // older format
		filepath.Join(dir, ".tmp-stale"),              // dead writer
	}
	for _, f := range append(append([]string{}, keep...), drop...) {
		os.WriteFile(f, []byte("x"), 0o644)
	}
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(filepath.Join(dir, ".tmp-stale"), old, old)
	prune(dir, "pkg", "k1")
	for _, f := range keep {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("prune removed %s", filepath.Base(f))
		}
	}
	for _, f := range drop {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("prune kept %s", filepath.Base(f))
		}
	}
}

func TestPreloadWithoutCacheFolderUsesStock(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("os.UserCacheDir fails without HOME only on Linux")
	}
	t.Setenv(EnvVar, "")
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "")
	// Without HOME the kernel this starts keeps its package cache in
	// TMPDIR/aws-jsii-package-cache: give it a folder the test removes, and
	// end that kernel first (cleanups run last-registered first).
	t.Setenv("JSII_RUNTIME_PACKAGE_CACHE_ROOT", t.TempDir())
	t.Cleanup(jsii.Close)
	r := Preload()
	if r.Mode != Stock || r.Err == nil || !strings.Contains(r.Err.Error(), "no cache folder") {
		t.Errorf("Preload without a cache folder = %v; want stock, explaining there is no cache folder", r)
	}
}

func TestWritable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	if err := writable(dir); err != nil {
		t.Fatalf("writable(new folder) = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("writable left %d files", len(entries))
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if err := writable(filepath.Join(file, "sub")); err == nil {
		t.Error("writable(below a regular file) = nil; want an error")
	}
}

// TestTrimStockOnTheProviderTarball checks the one-pass trim on the embedded
// provider tarball: it must take the one pass (a provider release that moves
// the assembly or drops the symbol ids would make every first run three
// times slower) and give byte for byte what deriving and then trimming gives.
func TestTrimStockOnTheProviderTarball(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the 34 MB provider tarball three times (about 10 s of CPU)")
	}
	orig := awsPackage.tarball()
	pkgs := []string{"iamrole", "kmskey", "provider", "s3bucket"}
	got, kept, err := trimStock(orig, pkgs)
	if err != nil {
		t.Fatalf("trimStock on the embedded provider tarball: %v", err)
	}
	d, err := derive(orig)
	if err != nil {
		t.Fatal(err)
	}
	want, wantKept, err := trim(d, pkgs)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Tarball, want.Tarball) || !reflect.DeepEqual(kept, wantKept) {
		t.Errorf("trimStock: %d bytes, kept %v; trim(derive): %d bytes, kept %v; want the same bytes",
			len(got.Tarball), kept, len(want.Tarball), wantKept)
	}
}
