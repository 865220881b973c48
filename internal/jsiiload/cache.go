package jsiiload

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// formatVersion is part of every cache key: bump it whenever derive changes
// what it produces, so stale derived packages are never reused.
const formatVersion = "4"

// cacheDir is where derived packages are kept: <user cache dir>/cdktf-secure-go/jsii
// ($XDG_CACHE_HOME or ~/.cache on Linux).
func cacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "cdktf-secure-go", "jsii"), nil
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// tarballKey identifies a stock tarball without reading all of it (the
// embedded bytes are only paged in when a derived package is built): SHA-256
// of its length, first and last 64 KiB. A gzip stream ends with the CRC-32
// and length of everything it holds, so any change to the package changes
// the key.
func tarballKey(b []byte) string {
	const edge = 64 << 10
	h := sha256.New()
	fmt.Fprintf(h, "%d\n", len(b))
	if len(b) <= 2*edge {
		h.Write(b)
	} else {
		h.Write(b[:edge])
		h.Write(b[len(b)-edge:])
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// cacheFile names a cache file: label, stock tarball key, variant, format.
func cacheFile(dir, label, key, variant string) string {
	return filepath.Join(dir, fmt.Sprintf("%s-%s-%s-v%s.tgz",
		unsafeChars.ReplaceAllString(label, "-"), key, variant, formatVersion))
}

// setKey identifies a set of Go packages.
func setKey(pkgs []string) string {
	sum := sha256.Sum256([]byte(strings.Join(pkgs, "\n")))
	return hex.EncodeToString(sum[:8])
}

// A cache file is one header line, "<sha256 of the body> <name> <version>
// <namespaces>\n", then the derived tarball (the body). The hash catches
// truncated or corrupted files, which are then rebuilt.

func encodeCache(d *derived, namespaces int) []byte {
	sum := sha256.Sum256(d.Tarball)
	head := fmt.Sprintf("%s %s %s %d\n", hex.EncodeToString(sum[:]), d.Name, d.Version, namespaces)
	return append([]byte(head), d.Tarball...)
}

func decodeCache(b []byte) (*derived, int, error) {
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 || nl > 512 {
		return nil, 0, errors.New("cache: no header line")
	}
	f := strings.Fields(string(b[:nl]))
	if len(f) != 4 {
		return nil, 0, errors.New("cache: malformed header line")
	}
	n, err := strconv.Atoi(f[3])
	if err != nil {
		return nil, 0, errors.New("cache: malformed header line")
	}
	body := b[nl+1:]
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != f[0] {
		return nil, 0, errors.New("cache: checksum mismatch")
	}
	return &derived{Name: f[1], Version: f[2], Tarball: body}, n, nil
}

// prune removes cache files of label made from another stock tarball or by
// another format version (a provider upgrade or a new release of this
// package), and temporary files older than an hour (a writer that died).
// Trimmed variants of the current tarball stay: about 1 MB each, one per
// distinct set of linked provider packages.
func prune(dir, label, key string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := unsafeChars.ReplaceAllString(label, "-") + "-"
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, ".tmp-"):
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.Remove(filepath.Join(dir, name))
			}
		case strings.HasPrefix(name, prefix) && strings.HasSuffix(name, ".tgz"):
			if !strings.HasPrefix(name, prefix+key+"-") || !strings.HasSuffix(name, "-v"+formatVersion+".tgz") {
				os.Remove(filepath.Join(dir, name))
			}
		}
	}
}

// writable creates dir if needed and checks that files can be created in it.
func writable(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// writeAtomic writes b to path through a temporary file in the same folder
// and a rename, so readers see either nothing or the whole file.
func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
	}
	return werr
}
