package stack_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

const closeChildEnv = "STACK_TEST_CLOSE_CHILD"

// NewApp leaves the environment as it found it, Close leaves os.Stderr the
// same *os.File, and jsii-runtime-go's spurious
// "Runtime process exited abnormally: waitid: no child processes" (a race
// between its two waits for the kernel, 10-30% of runs with v1.119.0)
// does not appear, with either runtime. Each run is a child process: Close
// ends this package's shared kernel.
func TestCloseLeavesStderrAlone(t *testing.T) {
	if out := os.Getenv(closeChildEnv); out != "" {
		closeChild(t, out)
		return
	}
	if testing.Short() {
		t.Skip("starts 10 kernels (-short)")
	}
	for _, direct := range []string{"1", "0"} {
		for i := 0; i < 5; i++ {
			cmd := exec.Command(os.Args[0], "-test.run=^TestCloseLeavesStderrAlone$", "-test.count=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			cmd.Env = append(os.Environ(), closeChildEnv+"="+t.TempDir(), "CDKTF_SECURE_JSII_DIRECT="+direct)
			err := cmd.Run()
			if err != nil || strings.Contains(stderr.String(), "exited abnormally") || !strings.Contains(stderr.String(), "written after Close") {
				t.Fatalf("CDKTF_SECURE_JSII_DIRECT=%s, run %d: %v\nstdout:\n%s\nstderr:\n%s", direct, i+1, err, stdout.String(), stderr.String())
			}
		}
	}
}

func closeChild(t *testing.T, out string) {
	stderr := os.Stderr
	env := os.Environ()
	app, err := stack.NewApp(stack.AppProps{Outdir: out})
	if after := os.Environ(); !slices.Equal(env, after) {
		t.Errorf("NewApp changed the environment:\nbefore %q\nafter  %q", env, after)
	}
	if err == nil {
		_, err = stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	}
	if err == nil {
		err = app.Synthesize()
	}
	if err != nil {
		t.Fatal(err)
	}
	stack.Close()
	if os.Stderr != stderr {
		t.Fatalf("Close replaced os.Stderr (%v) with %v", stderr.Name(), os.Stderr.Name())
	}
	fmt.Fprintln(os.Stderr, "written after Close")
}
