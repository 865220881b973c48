//go:build !cdktf_secure_nofastload

package jsiiload

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// cacheLab is a folder with the code cache script, packages linked into
// node_modules from folders elsewhere (as the jsii kernel links packages
// from its package cache), and programs that load one package each.
type cacheLab struct {
	t                 *testing.T
	node, dir, caches string
}

func newCacheLab(t *testing.T) *cacheLab {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "code-cache.js"), codeCacheJS)
	return &cacheLab{t: t, node: node, dir: dir, caches: filepath.Join(dir, "cache")}
}

// pkg makes package name (modules files, each about size bytes of
// JavaScript) in real/<name>, linked as node_modules/<name>, and a program
// load-<name>.js that loads all of it through the code cache.
func (l *cacheLab) pkg(name string, modules, size int) {
	l.t.Helper()
	real := filepath.Join(l.dir, "real", name)
	if err := os.MkdirAll(real, 0o755); err != nil {
		l.t.Fatal(err)
	}
	var index strings.Builder
	fmt.Fprintf(&index, "// %s\n", name)
	for i := 0; i < modules; i++ {
		var body strings.Builder
		fmt.Fprintf(&body, "'use strict';\n// %s module %d\n", name, i)
		for j := 0; body.Len() < size; j++ {
			fmt.Fprintf(&body, "exports.f%d = function (x) { return x * %d + %q.length; };\n", j, j, name)
		}
		write(l.t, filepath.Join(real, fmt.Sprintf("m%d.js", i)), body.String())
		fmt.Fprintf(&index, "require('./m%d.js');\n", i)
	}
	write(l.t, filepath.Join(real, "index.js"), index.String())
	nm := filepath.Join(l.dir, "node_modules")
	os.MkdirAll(nm, 0o755)
	if err := os.Symlink(real, filepath.Join(nm, name)); err != nil {
		l.t.Fatal(err)
	}
	// With a barrier file, the program waits (after loading, before exit)
	// until it exists, so that several programs write at once.
	write(l.t, filepath.Join(l.dir, "load-"+name+".js"), `const [cache, limit, ready, barrier] = process.argv.slice(2);
require('./code-cache.js').install(cache, { limit: Number(limit) || undefined });
require('./node_modules/`+name+`');
if (ready) require('fs').writeFileSync(ready, '');
if (barrier) { const sab = new Int32Array(new SharedArrayBuffer(4)); while (!require('fs').existsSync(barrier)) Atomics.wait(sab, 0, 0, 2); }
`)
}

// cmd returns the command running load-<name>.js.
func (l *cacheLab) cmd(name string, limit int, ready, barrier string) *exec.Cmd {
	return exec.Command(l.node, filepath.Join(l.dir, "load-"+name+".js"), l.caches, fmt.Sprint(limit), ready, barrier)
}

func (l *cacheLab) run(name string, limit int) {
	l.t.Helper()
	if out, err := l.cmd(name, limit, "", "").CombinedOutput(); err != nil {
		l.t.Fatalf("load %s: %v\n%s", name, err, out)
	}
}

// cacheStats is what the cache file holds.
type cacheStats struct {
	Entries int
	Bytes   int
	// Origins maps each package folder (base name) to its entries.
	Origins map[string]int
	// File is the cache file's size, Left the other files in its folder.
	File int64
	Left []string
}

func (l *cacheLab) stats() cacheStats {
	l.t.Helper()
	files, _ := filepath.Glob(filepath.Join(l.caches, "v8-*.bin"))
	if len(files) != 1 {
		l.t.Fatalf("cache files %v; want one", files)
	}
	out, err := exec.Command(l.node, "-e", `const cc = require(process.argv[1]); const path = require('path');
const s = { Entries: 0, Bytes: 0, Origins: {} };
for (const e of cc.read(process.argv[2]).values()) {
  s.Entries++; s.Bytes += e.data.length;
  for (const o of e.origins) s.Origins[path.basename(o)] = (s.Origins[path.basename(o)] || 0) + 1;
}
console.log(JSON.stringify(s));`, filepath.Join(l.dir, "code-cache.js"), files[0]).CombinedOutput()
	if err != nil {
		l.t.Fatalf("node -e: %v\n%s", err, out)
	}
	var s cacheStats
	if err := json.Unmarshal(out, &s); err != nil {
		l.t.Fatalf("%s: %v", out, err)
	}
	info, _ := os.Stat(files[0])
	s.File = info.Size()
	all, _ := os.ReadDir(l.caches)
	for _, e := range all {
		if e.Name() != filepath.Base(files[0]) {
			s.Left = append(s.Left, e.Name())
		}
	}
	return s
}

// TestCodeCacheDropsEntriesOfRemovedPackages: entries record the real
// folder of their package; once it is gone (jsii prunes its package cache),
// the next rewrite drops them.
func TestCodeCacheDropsEntriesOfRemovedPackages(t *testing.T) {
	l := newCacheLab(t)
	for _, p := range []string{"alpha", "beta", "gamma"} {
		l.pkg(p, 3, 2000)
	}
	l.run("alpha", 0)
	l.run("beta", 0)
	s := l.stats()
	if s.Origins["alpha"] != 4 || s.Origins["beta"] != 4 {
		t.Fatalf("after alpha and beta the cache has entries per package %v; want 4 each (index.js and 3 modules)", s.Origins)
	}
	if err := os.RemoveAll(filepath.Join(l.dir, "real", "alpha")); err != nil {
		t.Fatal(err)
	}
	l.run("gamma", 0)
	s = l.stats()
	if s.Origins["alpha"] != 0 || s.Origins["beta"] != 4 || s.Origins["gamma"] != 4 || s.Entries != 8 {
		t.Errorf("after alpha's folder was removed and gamma ran: %d entries, per package %v; want beta's 4 and gamma's 4", s.Entries, s.Origins)
	}
}

// TestCodeCacheStaysWithinItsLimit: the data kept never exceeds the limit,
// and the entries dropped are the least recently used.
func TestCodeCacheStaysWithinItsLimit(t *testing.T) {
	l := newCacheLab(t)
	names := []string{"p1", "p2", "p3", "p4", "p5", "p6"}
	for _, p := range names {
		l.pkg(p, 4, 20000)
	}
	l.run("p1", 0)
	one := l.stats().Bytes
	limit := one*3 + one/2 // room for three packages' data
	for _, p := range names {
		time.Sleep(5 * time.Millisecond) // distinct use times
		l.run(p, limit)
		if s := l.stats(); s.Bytes > limit {
			t.Fatalf("after %s the cache holds %d bytes of data; limit %d", p, s.Bytes, limit)
		}
	}
	s := l.stats()
	if s.Origins["p6"] != 5 || s.Origins["p5"] != 5 || s.Origins["p4"] != 5 || s.Origins["p1"]+s.Origins["p2"] != 0 || s.Origins["p3"] == 5 {
		t.Errorf("cache keeps entries per package %v; want the three most recent (p4, p5, p6: 5 each), part of p3 at most, nothing older", s.Origins)
	}
}

// TestCodeCacheConcurrentWriters: programs that exit at the same moment
// each add their entries; none is lost to another's rename.
func TestCodeCacheConcurrentWriters(t *testing.T) {
	l := newCacheLab(t)
	names := []string{"w1", "w2", "w3", "w4"}
	for _, p := range names {
		l.pkg(p, 5, 5000)
	}
	barrier := filepath.Join(l.dir, "go")
	var cmds []*exec.Cmd
	var readies []string
	for _, p := range names {
		ready := filepath.Join(l.dir, "ready-"+p)
		c := l.cmd(p, 0, ready, barrier)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, readies = append(cmds, c), append(readies, ready)
	}
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		n := 0
		for _, r := range readies {
			if _, err := os.Stat(r); err == nil {
				n++
			}
		}
		if n == len(readies) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the programs did not all load their packages within a minute")
		}
	}
	write(t, barrier, "") // all exit now
	var wg sync.WaitGroup
	errs := make([]error, len(cmds))
	for i, c := range cmds {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = c.Wait() }()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
	}
	s := l.stats()
	for _, p := range names {
		if s.Origins[p] != 6 {
			t.Errorf("after four programs wrote at once the cache has entries per package %v; want 6 of each", s.Origins)
			break
		}
	}
	if len(s.Left) != 0 {
		t.Errorf("left in the cache folder: %v", s.Left)
	}
}

// TestCodeCacheWriterKilledHalfway: a writer killed while it holds the lock
// and has half written its temporary file leaves the cache file as it was;
// the next writer breaks the lock, removes the temporary file and merges.
func TestCodeCacheWriterKilledHalfway(t *testing.T) {
	l := newCacheLab(t)
	l.pkg("before", 3, 3000)
	l.pkg("after", 3, 3000)
	l.run("before", 0)
	file, _ := filepath.Glob(filepath.Join(l.caches, "v8-*.bin"))

	victim := exec.Command(l.node, "-e", `const cc = require(process.argv[1]); const fs = require('fs'); const file = process.argv[2];
cc.lock(file);
const fd = fs.openSync(file + '.' + process.pid + '.tmp', 'w');
fs.writeSync(fd, Buffer.alloc(4096, 1));
console.log('ready');
setInterval(() => {}, 1000);`, filepath.Join(l.dir, "code-cache.js"), file[0])
	stdout, _ := victim.StdoutPipe()
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("victim said %q (%v)", line, err)
	}
	victim.Process.Signal(syscall.SIGKILL)
	victim.Wait()
	if s := l.stats(); s.Origins["before"] != 4 || len(s.Left) != 2 {
		t.Fatalf("after the kill: entries %v, other files %v; want before's 4 entries, a lock and a temporary file", s.Origins, s.Left)
	}

	start := time.Now()
	l.run("after", 0)
	if took := time.Since(start); took > 20*time.Second {
		t.Logf("the next run took %s", took)
	}
	s := l.stats()
	if s.Origins["before"] != 4 || s.Origins["after"] != 4 {
		t.Errorf("after the next run the cache has entries per package %v; want before's 4 and after's 4", s.Origins)
	}
	if len(s.Left) != 0 {
		t.Errorf("left in the cache folder after the next run: %v (the dead writer's lock and temporary file must go)", s.Left)
	}
}
