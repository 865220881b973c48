package compute

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTree creates files (slash paths -> content) under a new temp folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var sample = map[string]string{
	"app.py":             "def handler(event, context):\n    return 1\n",
	"lib/util.py":        "X = 1\n",
	"lib/__init__.py":    "",
	".env":               "SECRET=1\n",
	".git/config":        "x",
	"__pycache__/a.pyc":  "bytecode",
	"lib/__pycache__/b":  "bytecode",
	"lib/stale.pyc":      "bytecode",
	"data/z.json":        "{}",
	"data/nested/a.json": "[]",
}

func TestPackageDirDeterministic(t *testing.T) {
	a := writeTree(t, sample)
	b := writeTree(t, sample)
	// Different modification times and permissions must not change the bytes.
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(b, "app.py"), old, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(b, "app.py"), 0o755); err != nil {
		t.Fatal(err)
	}
	pa, err := PackageDir(a)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := PackageDir(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pa.Bytes, pb.Bytes) {
		t.Fatalf("packages of identical trees differ: %s vs %s", pa.SHA256Hex(), pb.SHA256Hex())
	}
	again, _ := PackageDir(a)
	if again.SHA256Hex() != pa.SHA256Hex() || again.Base64SHA256() != pa.Base64SHA256() {
		t.Fatalf("repackaging changed the hash: %s -> %s", pa.SHA256Hex(), again.SHA256Hex())
	}
	want := []string{"app.py", "data/nested/a.json", "data/z.json", "lib/__init__.py", "lib/util.py"}
	if strings.Join(pa.Files, ",") != strings.Join(want, ",") {
		t.Fatalf("files = %v; want %v (hidden files, __pycache__ and .pyc left out, sorted)", pa.Files, want)
	}
}

func TestPackageDirEntries(t *testing.T) {
	p, err := PackageDir(writeTree(t, sample))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(p.Bytes), int64(len(p.Bytes)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(zipEpoch) {
			t.Errorf("%s: modified %v; want %v", f.Name, f.Modified, zipEpoch)
		}
		if f.Mode().Perm() != 0o644 || f.Mode().IsDir() {
			t.Errorf("%s: mode %v; want -rw-r--r--", f.Name, f.Mode())
		}
		if f.Method != zip.Store {
			t.Errorf("%s: method %d; want Store", f.Name, f.Method)
		}
	}
	if strings.Join(names, ",") != strings.Join(p.Files, ",") {
		t.Fatalf("zip entries %v; want exactly the files %v (no folder entries)", names, p.Files)
	}
	rc, _ := zr.File[0].Open()
	var buf bytes.Buffer
	buf.ReadFrom(rc)
	rc.Close()
	if buf.String() != sample["app.py"] {
		t.Fatalf("app.py content = %q", buf.String())
	}
}

func TestPackageHashChangesWithContent(t *testing.T) {
	dir := writeTree(t, sample)
	before, _ := PackageDir(dir)
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("def handler(event, context):\n    return 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	after, _ := PackageDir(dir)
	if before.SHA256Hex() == after.SHA256Hex() {
		t.Fatal("changing app.py did not change the package hash")
	}
	// Renaming a file changes it too.
	os.Rename(filepath.Join(dir, "data/z.json"), filepath.Join(dir, "data/y.json"))
	renamed, _ := PackageDir(dir)
	if renamed.SHA256Hex() == after.SHA256Hex() {
		t.Fatal("renaming a file did not change the package hash")
	}
}

func TestSourceFilesErrors(t *testing.T) {
	onlyHidden := writeTree(t, map[string]string{".env": "x", "__pycache__/a.pyc": "x"})
	file := filepath.Join(writeTree(t, map[string]string{"app.py": "x"}), "app.py")
	withLink := writeTree(t, map[string]string{"app.py": "x"})
	if err := os.Symlink("/etc/hostname", filepath.Join(withLink, "link")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, dir, want string }{
		{"missing", filepath.Join(t.TempDir(), "nope"), "does not exist"},
		{"empty", t.TempDir(), "has no files to package"},
		{"only hidden", onlyHidden, "has no files to package"},
		{"file", file, "is a file; pass the folder"},
		{"symlink", withLink, "is a symbolic link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := SourceFiles(tc.dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "code: ") {
				t.Fatalf("SourceFiles(%s) = %v; want an error starting with \"code: \" containing %q", tc.name, err, tc.want)
			}
		})
	}
}

func TestWriteCachedIsContentAddressed(t *testing.T) {
	t.Setenv("CDKTF_SECURE_ASSET_CACHE", t.TempDir())
	p, _ := PackageDir(writeTree(t, sample))
	path, err := p.writeCached()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(filepath.Dir(path)) != p.SHA256Hex() || filepath.Base(path) != "code.zip" {
		t.Fatalf("cached path %s; want .../%s/code.zip", path, p.SHA256Hex())
	}
	b, _ := os.ReadFile(path)
	if !bytes.Equal(b, p.Bytes) {
		t.Fatal("cached file differs from the package")
	}
	if again, _ := p.writeCached(); again != path {
		t.Fatalf("second write went to %s; want %s", again, path)
	}
}
