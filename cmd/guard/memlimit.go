package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// The guard's memory (issue 26). A loaded configuration takes about six
// times its size in the Go heap (the converted bodies, most of them four
// times the JSON text they come from, the resources, the template memo,
// the indexes), seven once checked, and with the Go runtime's default
// (GOGC=100) the heap may grow to twice what is live before a collection
// runs, plus the garbage of evaluation and checking: about 16 times the
// input at the peak. The guard binary therefore gives the runtime a soft
// memory limit from the size of its input (debug.SetMemoryLimit): the
// collector then runs more often as the heap nears it, instead of
// doubling. It is soft:
// a configuration that needs more gets more (never an out-of-memory error
// from the limit), at the price of more collection. A GOMEMLIMIT set by the
// user wins. Only this command sets it; the guard library never does.

const (
	// memLimitTenthsPerByte is the limit per byte of input, in tenths of a
	// byte: 9.5 bytes, just above the floor of a large stack (under a lower
	// limit the peak goes no lower: 462 MiB for a 50 MB file under 447 MiB),
	// so that the peak stays at about ten times the input for a third to
	// a half more CPU than without a limit (docs/performance.md).
	memLimitTenthsPerByte = 95
	// memLimitBase is added to it (the runtime, the rule pack, small inputs).
	memLimitBase = 16 << 20
)

// limitMemory applies the soft memory limit for the inputs at paths; main
// sets it (the tests share one process and leave it nil).
var limitMemory func(paths []string)

// setMemoryLimit sets the soft memory limit for checking paths, unless
// GOMEMLIMIT is set.
func setMemoryLimit(paths []string) {
	if limit, ok := memoryLimit(paths, os.Getenv("GOMEMLIMIT")); ok {
		debug.SetMemoryLimit(limit)
	}
}

// memoryLimit returns the soft memory limit for checking paths, and false
// when GOMEMLIMIT (gomemlimit) is set: the user's limit stands.
func memoryLimit(paths []string, gomemlimit string) (int64, bool) {
	if gomemlimit != "" {
		return 0, false
	}
	return memLimitBase + memLimitTenthsPerByte*inputBytes(paths)/10, true
}

// inputBytes sums the sizes of the configuration files at paths: a file,
// or the Terraform and OpenTofu files under a folder (modules called from
// outside the paths are not counted).
func inputBytes(paths []string) int64 {
	var n int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			n += fi.Size()
			continue
		}
		filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !configFile(d.Name()) {
				return nil
			}
			if i, err := d.Info(); err == nil && i.Mode().IsRegular() {
				n += i.Size()
			}
			return nil
		})
	}
	return n
}

// configFile reports whether name is a file the guard may read.
func configFile(name string) bool {
	for _, ext := range []string{".tf", ".tf.json", ".tofu", ".tofu.json", ".json", ".tfvars"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}
