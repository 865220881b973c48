package compute

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// zipEpoch is the modification time of every entry: the earliest time the
// zip format can store, so no entry carries the time it was packaged.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Package is a source folder packaged as a deterministic zip: the same files
// give the same bytes on every machine and every run.
type Package struct {
	// Bytes is the zip archive.
	Bytes []byte
	// Files are the packaged paths, slash-separated and sorted.
	Files []string
}

// SHA256Hex is the hex SHA-256 of the zip: the S3 key and source_hash carry it.
func (p *Package) SHA256Hex() string {
	sum := sha256.Sum256(p.Bytes)
	return hex.EncodeToString(sum[:])
}

// Base64SHA256 is the base64 SHA-256 of the zip, the form Lambda's
// source_code_hash (filebase64sha256) uses.
func (p *Package) Base64SHA256() string {
	sum := sha256.Sum256(p.Bytes)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// skipped reports whether a file or folder name is left out of packages:
// hidden entries (.env, .git, .venv, ...) so secrets kept beside the code
// never ship, and Python bytecode caches, which differ per machine.
func skipped(name string, dir bool) bool {
	if strings.HasPrefix(name, ".") || name == "__pycache__" {
		return true
	}
	return !dir && (strings.HasSuffix(name, ".pyc") || strings.HasSuffix(name, ".pyo"))
}

// SourceFiles lists the files PackageDir would package, slash-separated and
// sorted. It fails when dir is missing, not a folder, holds a symbolic link
// or special file, or has no files to package.
func SourceFiles(dir string) ([]string, error) {
	info, err := os.Stat(dir)
	switch {
	case err != nil && os.IsNotExist(err):
		return nil, fmt.Errorf("code: source folder %q does not exist; pass the folder holding the handler, relative to the working directory (the project root for cdktf synth)", dir)
	case err != nil:
		return nil, fmt.Errorf("code: source folder %q: %v", dir, err)
	case !info.IsDir():
		return nil, fmt.Errorf("code: %q is a file; pass the folder that holds it", dir)
	}
	var files []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path == dir {
			return nil
		}
		if skipped(d.Name(), d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			return fmt.Errorf("code: %s in %q is a symbolic link; copy the file into the folder so the package is self-contained", rel, dir)
		case !d.Type().IsRegular():
			return fmt.Errorf("code: %s in %q is not a regular file", rel, dir)
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		if strings.HasPrefix(err.Error(), "code: ") {
			return nil, err
		}
		return nil, fmt.Errorf("code: reading source folder %q: %v", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("code: source folder %q has no files to package (hidden files and __pycache__ are skipped); put the handler in it", dir)
	}
	sort.Strings(files)
	return files, nil
}

// MaxUnzippedBytes is Lambda's limit on a function's deployment package
// unzipped, layers included: 250 MB (262,144,000 bytes; AWS Lambda
// Developer Guide, "Lambda quotas", checked 2026-11-30).
const MaxUnzippedBytes = 262144000

// PackageDir zips the files of dir deterministically: entries sorted by
// path, no folder entries, every entry stored uncompressed (so the bytes do
// not depend on the Go version's compressor) with mode 0644 and the
// modification time 1980-01-01T00:00:00Z.
//
// The files may hold at most MaxUnzippedBytes in all (Lambda's limit on a
// function's unzipped code); the sizes are summed before anything is read.
func PackageDir(dir string) (*Package, error) {
	files, err := SourceFiles(dir)
	if err != nil {
		return nil, err
	}
	var total int64
	for _, name := range files {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, fmt.Errorf("code: packaging %s: %v", name, err)
		}
		total += fi.Size()
	}
	if total > MaxUnzippedBytes {
		return nil, fmt.Errorf("code: source folder %q holds %d bytes (%.1f MB) unzipped; Lambda allows at most %d (250 MB) per function including layers: move dependencies into a container image or trim the folder", dir, total, float64(total)/(1<<20), MaxUnzippedBytes)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range files {
		h := &zip.FileHeader{Name: name, Method: zip.Store, Modified: zipEpoch}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, fmt.Errorf("code: packaging %s: %v", name, err)
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, fmt.Errorf("code: packaging %s: %v", name, err)
		}
		_, err = io.Copy(w, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("code: packaging %s: %v", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("code: packaging %q: %v", dir, err)
	}
	return &Package{Bytes: buf.Bytes(), Files: files}, nil
}

// writeCached writes the package to a content-addressed file in the user
// cache folder ("<cache>/cdktf-secure-go/assets/<sha256>/code.zip", the
// system temporary folder only when there is no cache folder) and returns its
// absolute path. The same content always maps to the same path, so concurrent
// or repeated synths agree, and a synth leaves nothing in the temporary
// folder; cdktf copies the file into the stack's assets.
func (p *Package) writeCached() (string, error) {
	dir := filepath.Join(assetCacheRoot(), p.SHA256Hex())
	path := filepath.Join(dir, "code.zip")
	if b, err := os.ReadFile(path); err == nil && bytes.Equal(b, p.Bytes) {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("code: writing package: %v", err)
	}
	tmp, err := os.CreateTemp(dir, "code-*.zip")
	if err != nil {
		return "", fmt.Errorf("code: writing package: %v", err)
	}
	_, werr := tmp.Write(p.Bytes)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("code: writing package: %v", firstErr(werr, cerr))
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("code: writing package: %v", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("code: writing package: %v", err)
	}
	return path, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// assetCacheRoot is where packaged assets are cached: $CDKTF_SECURE_ASSET_CACHE,
// else <user cache dir>/cdktf-secure-go/assets, else the temporary folder.
func assetCacheRoot() string {
	if d := os.Getenv("CDKTF_SECURE_ASSET_CACHE"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "cdktf-secure-go", "assets")
	}
	return filepath.Join(os.TempDir(), "cdktf-secure-go-assets")
}
