//go:build !cdktf_secure_nofastload

package jsiiload

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// codeCacheProgram is a small module tree loaded through lib/code-cache.js:
// a.js (with a hashbang) checks what node's own loader gives a CommonJS
// module, b.js exports a value the test changes, and d.js loads an ES module
// with import() (so it is left to node's own loader).
var codeCacheProgram = map[string]string{
	"main.js": `require('./code-cache.js').install(process.argv[2], { limit: Number(process.argv[3]) || undefined });
const a = require('./a.js');
require('./d.js').dyn().then((c) => console.log(JSON.stringify({ ...a, c: c.x })));
`,
	"a.js": `#!/usr/bin/env node
'use strict';
const path = require('path');
const b = require('./b');
module.exports = {
  self: this === module.exports,
  file: path.basename(__filename),
  dir: __dirname === path.dirname(__filename),
  resolved: path.basename(require.resolve('./b')),
  paths: Array.isArray(require.resolve.paths('x')),
  main: require.main === process.mainModule,
  cache: require.cache === require('module')._cache,
  stack: new Error('here').stack.split('\n')[1].includes('a.js:'),
  b: b.value,
};
`,
	"b.js": `exports.value = 42;
`,
	"d.js": `exports.dyn = () => import('./c.mjs');
`,
	"c.mjs": `export const x = 1;
`,
}

const codeCacheWant = `{"self":true,"file":"a.js","dir":true,"resolved":"b.js","paths":true,"main":true,"cache":true,"stack":true,"b":%B%,"c":1}`

// TestCodeCache runs the code cache script under node through a cold run,
// a warm one, a changed module, a damaged cache file, pruning and an
// unwritable folder: every run must print what node's own loader gives.
func TestCodeCache(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := t.TempDir()
	for name, src := range codeCacheProgram {
		write(t, filepath.Join(dir, name), src)
	}
	write(t, filepath.Join(dir, "code-cache.js"), codeCacheJS)
	cacheDir := filepath.Join(dir, "cache")

	run := func(step, cache, b string) {
		t.Helper()
		out, err := exec.Command(node, filepath.Join(dir, "main.js"), cache).CombinedOutput()
		if want := strings.Replace(codeCacheWant, "%B%", b, 1); err != nil || strings.TrimSpace(string(out)) != want {
			t.Fatalf("%s: node printed %s (%v); want %s", step, out, err, want)
		}
	}
	// eval runs a script with the code cache module as cc and the cache
	// file's path as file, and returns what it prints.
	eval := func(script string) string {
		t.Helper()
		files, _ := filepath.Glob(filepath.Join(cacheDir, "v8-*.bin"))
		if len(files) != 1 {
			t.Fatalf("cache files %v; want one", files)
		}
		out, err := exec.Command(node, "-e", `const cc = require(process.argv[1]); const file = process.argv[2];`+script,
			filepath.Join(dir, "code-cache.js"), files[0]).CombinedOutput()
		if err != nil {
			t.Fatalf("node -e: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	entries := func() string { return eval(`console.log(cc.read(file).size)`) }
	inode := func() uint64 {
		t.Helper()
		files, _ := filepath.Glob(filepath.Join(cacheDir, "v8-*.bin"))
		if len(files) != 1 {
			t.Fatalf("cache files %v; want one", files)
		}
		info, err := os.Stat(files[0])
		if err != nil {
			t.Fatal(err)
		}
		return info.Sys().(*syscall.Stat_t).Ino
	}

	run("cold", cacheDir, "42")
	if got := entries(); got != "2" {
		t.Fatalf("after the cold run the cache holds %s entries; want 2 (a.js, b.js)", got)
	}
	written := inode()
	run("warm", cacheDir, "42")
	if inode() != written {
		t.Fatal("the warm run rewrote the cache: some module's data was missing or rejected")
	}

	write(t, filepath.Join(dir, "b.js"), strings.Replace(codeCacheProgram["b.js"], "42", "43", 1))
	run("b.js changed", cacheDir, "43")
	if got := entries(); got != "3" {
		t.Fatalf("after b.js changed the cache holds %s entries; want 3 (the old b.js is kept for a week)", got)
	}

	// Entries not used for over a week go at the next rewrite.
	eval(`const e = cc.read(file); for (const v of e.values()) v.used = 1; cc.write(file, e);`)
	write(t, filepath.Join(dir, "b.js"), strings.Replace(codeCacheProgram["b.js"], "42", "44", 1))
	run("b.js changed again", cacheDir, "44")
	if got := entries(); got != "2" {
		t.Fatalf("after pruning the cache holds %s entries; want 2 (a.js used this run, the new b.js)", got)
	}

	files, _ := filepath.Glob(filepath.Join(cacheDir, "v8-*.bin"))
	write(t, files[0], "not a code cache")
	run("damaged cache", cacheDir, "44")
	if got := entries(); got != "2" {
		t.Fatalf("after a damaged cache file the cache holds %s entries; want 2", got)
	}
	if left, _ := filepath.Glob(filepath.Join(cacheDir, "*.tmp")); len(left) != 0 {
		t.Fatalf("temporary files left in the cache folder: %v", left)
	}

	// A folder that cannot be created (its parent is a file) costs speed only.
	notADir := filepath.Join(dir, "file")
	write(t, notADir, "")
	run("unwritable", filepath.Join(notADir, "cache"), "44")
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
