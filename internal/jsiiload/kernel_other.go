//go:build !linux

package jsiiload

// kernelPid is unknown without /proc.
func kernelPid() (pid int, known bool) { return 0, false }

// endKernel leaves the kernel to jsii.Close without /proc.
func endKernel() {}
