//go:build cdktf_secure_nofastload

package jsiiload

import "embed"

// Built with -tags cdktf_secure_nofastload: no go:linkname (see
// linkname.go). Both are empty, so Preload reports the stock mode and the
// kernel runs in jsii's own runtime.
var (
	jsiiRuntimeFS embed.FS
	awsTarball    []byte
	cdktfTarball  []byte
)

// linked is false when built with -tags cdktf_secure_nofastload.
const linked = false
