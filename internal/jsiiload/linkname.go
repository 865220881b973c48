//go:build !cdktf_secure_nofastload

package jsiiload

import (
	"embed"
	_ "unsafe" // for go:linkname
)

// This file is the only one that reaches into other modules' unexported
// variables. None is exported in any form: jsii-runtime-go extracts its
// runtime only into a temporary folder of its own (internal/kernel/process,
// started at package initialization), and the provider's generated package
// only passes its tarball to the kernel (jsii.Initialize -> runtime.Load,
// which writes it to a temporary file the kernel deletes after loading).
//
// The linker resolves them at build time: if a release renames one, the
// build fails with "relocation target ... not defined". Building with
// -tags cdktf_secure_nofastload leaves this file out (nolinkname.go takes
// its place): the provider is then loaded the stock way and the kernel runs
// in jsii's own two-process runtime. Go's -checklinkname restricts such
// references only into the standard library.

// jsiiRuntimeFS is the runtime that jsii-runtime-go embeds.
//
//go:linkname jsiiRuntimeFS github.com/aws/jsii-runtime-go/internal/embedded.embeddedFS
var jsiiRuntimeFS embed.FS

// awsTarball is the AWS provider's npm tarball that the Go bindings embed.
//
//go:linkname awsTarball github.com/cdktf/cdktf-provider-aws-go/aws/v19/jsii.tarball
var awsTarball []byte

// cdktfTarball is the cdktf npm tarball that the cdktf Go bindings embed
// (the derived cdktf package, cdktf.go, is made from it).
//
//go:linkname cdktfTarball github.com/hashicorp/terraform-cdk-go/cdktf/jsii.tarball
var cdktfTarball []byte

// linked is false when built with -tags cdktf_secure_nofastload.
const linked = true
