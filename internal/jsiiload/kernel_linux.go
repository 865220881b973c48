package jsiiload

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/proctree"
)

// kernelPid returns the pid of this process's jsii kernel child: node
// running the direct runtime's lib/direct.js or jsii's wrapper
// bin/jsii-runtime.js. It is 0 when there is none or more than one; known
// is false where there is no /proc.
func kernelPid() (pid int, known bool) {
	children, ok := proctree.Children(os.Getpid())
	if !ok {
		return 0, false
	}
	for _, c := range children {
		if isKernel(proctree.Args(c)) {
			if pid != 0 {
				return 0, true
			}
			pid = c
		}
	}
	return pid, true
}

// isKernel reports whether a command line starts a jsii kernel.
func isKernel(args []string) bool {
	for _, a := range args {
		if strings.HasSuffix(a, "/lib/direct.js") && strings.Contains(a, "/jsii-runtime-") ||
			strings.HasSuffix(a, "/bin/jsii-runtime.js") {
			return true
		}
	}
	return false
}

// endKernel asks the kernel process to exit and waits until jsii's own
// goroutine has reaped it (see Close).
func endKernel() {
	pid, _ := kernelPid()
	if pid == 0 {
		return
	}
	// Non-blocking: the open fails rather than waits when the kernel no
	// longer reads; 11 bytes go into a pipe at once or not at all.
	f, err := os.OpenFile("/proc/"+strconv.Itoa(pid)+"/fd/0", os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return
	}
	_, err = f.Write([]byte("{\"exit\":0}\n"))
	f.Close()
	if err != nil {
		return
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if c, _ := proctree.Children(os.Getpid()); !slices.Contains(c, pid) {
			return
		}
		time.Sleep(time.Millisecond)
	}
}
