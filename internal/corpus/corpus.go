// Package corpus finds the third-party Terraform JSON corpus that the guard
// and the access tier are checked on. The files are read in place and never
// copied into this repository.
package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Dir returns the corpus folder: $GUARD_CORPUS, shared/guard-corpus beside
// the repository (where CI lays shared/; the path is relative to the folder
// of a test's package, one level below the repository root), or
// /work/shared/guard-corpus. It returns "" when none exists, so tests skip.
func Dir() string {
	for _, d := range []string{os.Getenv("GUARD_CORPUS"), filepath.Join("..", "..", "shared", "guard-corpus"), "/work/shared/guard-corpus"} {
		if d == "" {
			continue
		}
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	return ""
}

// HCLDir returns the folder of real Terraform modules in native syntax:
// $GUARD_CORPUS_HCL, shared/guard-corpus-hcl beside the repository (as Dir)
// or /work/shared/guard-corpus-hcl; "" when none exists, so tests skip.
func HCLDir() string {
	for _, d := range []string{os.Getenv("GUARD_CORPUS_HCL"), filepath.Join("..", "..", "shared", "guard-corpus-hcl"), "/work/shared/guard-corpus-hcl"} {
		if d == "" {
			continue
		}
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	return ""
}

// HCLFolders lists the module folders of the HCL corpus (every folder
// holding a *.tf file, .terraform folders left out), relative to dir, sorted.
func HCLFolders(dir string) ([]string, error) {
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".terraform" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".tf") {
			rel, err := filepath.Rel(dir, filepath.Dir(p))
			if err != nil {
				return err
			}
			seen[rel] = true
		}
		return nil
	})
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, err
}
