//go:build !unix

package jsiiload

// lockFile does nothing where flock is unavailable: concurrent first runs
// then each build the derived tarball, and the atomic rename keeps the cache
// consistent.
func lockFile(string) (func(), error) { return func() {}, nil }
