//go:build !cdktf_secure_nofastload

package jsiiload

import "testing"

// BenchmarkPrepareRuntime is what every process pays at start-up to check
// (and, the first time, write) the cached direct runtime.
func BenchmarkPrepareRuntime(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if info, _ := prepareRuntime(); !info.Direct {
			b.Fatal(info.Err)
		}
	}
}
