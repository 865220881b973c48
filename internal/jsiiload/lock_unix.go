//go:build unix

package jsiiload

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock on path, waiting while another
// process holds it (the kernel releases it if that process dies). Builds
// are serialized this way so that parallel test binaries on a cold cache
// build the derived tarball once instead of each at once.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return func() {}, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return func() {}, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
