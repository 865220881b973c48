//go:build !cdktf_secure_nofastload

package jsiiload

import (
	"bytes"
	"path"
	"strings"
	"testing"
)

func TestDeriveCdktfChangesOnlyThePatchedLines(t *testing.T) {
	fs := "\"use strict\";\nconst crypto = require(\"crypto\");\n" + archiverEager + "\nconst x = 1;\n"
	st := "\"use strict\";\n" + stackTraceEager + "\n    below = below || captureStackTrace;\n}\n"
	orig := fakePackage(t, map[string]string{
		"package.json":                `{"name": "cdktf", "version": "0.20.12", "main": "lib/index.js"}`,
		archiverFile:                  fs,
		stackTraceFile:                st,
		"lib/index.js":                "require('./private/fs');",
		"node_modules/a.js":           "// archiver",
		"node_modules/a.d.ts":         "export {}",
		"node_modules/a.js.map":       "{}",
		"node_modules/x/README.md":    "# x",
		"node_modules/x/.eslintrc":    "{}",
		"node_modules/x/LICENSE":      "MIT",
		"node_modules/x/package.json": "{}",
		"lib/index.d.ts":              "export {}",
	})
	d, err := deriveCdktf(orig)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "cdktf" || d.Version != "0.20.12" {
		t.Errorf("derived package is %s@%s; want cdktf@0.20.12 (the bindings load that name and version)", d.Name, d.Version)
	}
	in, out := untar(t, orig), untar(t, d.Tarball)
	for _, gone := range []string{"node_modules/a.d.ts", "node_modules/a.js.map", "node_modules/x/README.md", "node_modules/x/.eslintrc", "lib/index.d.ts"} {
		if _, ok := out[gone]; ok {
			t.Errorf("derived package ships %s, which node never reads", gone)
		}
		delete(in, gone)
	}
	if len(in) != len(out) {
		t.Errorf("derived package has %d files; want the stock %d less the never-read ones: %d", len(out), len(in)+5, len(in))
	}
	for name, want := range in {
		got := out[name]
		switch name {
		case archiverFile:
			want = strings.Replace(want, archiverEager, archiverLazy, 1)
		case stackTraceFile:
			want = strings.Replace(want, stackTraceEager, stackTraceEmpty, 1)
		}
		if got != want {
			t.Errorf("%s = %q; want %q", name, got, want)
		}
	}
	again, _ := deriveCdktf(orig)
	if !bytes.Equal(again.Tarball, d.Tarball) {
		t.Error("deriveCdktf is not deterministic: the kernel's package cache would miss")
	}

	for _, bad := range []map[string]string{
		{archiverFile: "no archiver here", stackTraceFile: st},
		{archiverFile: archiverEager + "\n" + archiverEager, stackTraceFile: st},
		{archiverFile: fs, stackTraceFile: "function captureStackTrace() {"},
		{archiverFile: fs},
	} {
		bad["package.json"] = `{"name": "cdktf", "version": "1"}`
		if _, err := deriveCdktf(fakePackage(t, bad)); err == nil || !strings.Contains(err.Error(), "exactly once") {
			t.Errorf("deriveCdktf with %v = %v; want an error saying the line must occur exactly once", bad, err)
		}
	}
}

// TestDeriveCdktfFromEmbeddedTarball fails when a cdktf upgrade moves the
// archiver require or the stack capture (the stock package would then be
// used, a bit slower), or when creation stacks gain a use beyond error
// messages.
func TestDeriveCdktfFromEmbeddedTarball(t *testing.T) {
	d, err := deriveCdktf(cdktfTarball)
	if err != nil {
		t.Fatalf("the embedded cdktf tarball cannot be derived (the stock one would be loaded): %v", err)
	}
	files := untar(t, d.Tarball)
	dropped := 0
	for name := range untar(t, cdktfTarball) {
		if _, ok := files[name]; ok {
			continue
		}
		dropped++
		switch path.Ext(name) {
		case ".js", ".cjs", ".mjs", ".json", ".node":
			if !strings.HasSuffix(name, ".d.ts") {
				t.Errorf("the derived cdktf package leaves out %s, which node may load", name)
			}
		}
	}
	if dropped == 0 {
		t.Error("the derived cdktf package leaves out no file; cdktf 0.20.12 has 543 node never reads (see neverLoaded)")
	}
	t.Logf("derived cdktf package: %d files, %d left out", len(files), dropped)
	fs := files[archiverFile]
	if !strings.Contains(fs, archiverLazy) || strings.Contains(fs, archiverEager) {
		t.Errorf("%s of the derived package does not load archiver lazily:\n%s", archiverFile, fs)
	}
	if !strings.Contains(fs, `archiver("zip"`) {
		t.Errorf("%s no longer calls archiver(\"zip\", ...): check that the lazy wrapper still fits", archiverFile)
	}
	st := files[stackTraceFile]
	if !strings.Contains(st, stackTraceEmpty) || strings.Count(st, "function captureStackTrace(") != 1 {
		t.Errorf("%s of the derived package still captures stacks:\n%s", stackTraceFile, st)
	}
	// A creation stack is only ever printed in an error: cdktf reads it in
	// errors.js (argToIntrinsicMustBePlainValue, intrinsicNewError) and in
	// resolvable.js's message; anything else reading it would change.
	for name, body := range files {
		if !strings.HasPrefix(name, "lib/") || !strings.HasSuffix(name, ".js") {
			continue
		}
		for _, line := range strings.Split(body, "\n") {
			l := strings.TrimSpace(line)
			if !strings.Contains(l, "creationStack") || strings.HasPrefix(l, "//") {
				continue
			}
			ok := strings.Contains(l, "this.creationStack = (0, stack_trace_1.captureStackTrace)()") ||
				strings.Contains(l, "argToIntrinsicMustBePlainValue") || strings.Contains(l, "intrinsicNewError") ||
				strings.Contains(l, "t.creationStack")
			if !ok {
				t.Errorf("%s reads a creation stack beyond error messages: %s", name, l)
			}
		}
	}
	// Nothing else in cdktf's own code may require archiver eagerly.
	for name, body := range files {
		if strings.HasPrefix(name, "lib/") && strings.HasSuffix(name, ".js") && name != archiverFile && strings.Contains(body, `require("archiver")`) {
			t.Errorf("%s requires archiver too", name)
		}
	}
}
