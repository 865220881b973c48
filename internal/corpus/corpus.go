// Package corpus finds the third-party Terraform JSON corpus that the guard
// and the access tier are checked on. The files are read in place and never
// copied into this repository.
package corpus

import (
	"os"
	"path/filepath"
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
