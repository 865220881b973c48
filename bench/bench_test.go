// Package bench holds the synthesis benchmarks (issue 9). Each iteration runs
// bench/cmd/synth as a fresh process, because the cost under study is a
// process's: starting the jsii kernel and loading the provider assembly.
//
//	go test -run '^$' -bench . -benchtime 5x ./bench/
//	bench/run.sh            # the full table, the JavaScript twin and the checks
//
// Besides ns/op (wall time of the whole process), every benchmark reports
// go-MiB and node-MiB (peak resident set of the Go process and of its node
// kernel, from getrusage) and resources (in the synthesized stacks).
package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/bench/benchstack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

var (
	buildOnce sync.Once
	helper    string
	helperDir string
	buildErr  error
)

// TestMain removes the helper binary's folder after the benchmarks, and
// the runtime jsii-runtime-go extracted into TMPDIR when the generated
// packages benchstack links registered their types (stack.Close removes it
// even though this binary never starts a kernel).
func TestMain(m *testing.M) {
	code := m.Run()
	if helperDir != "" {
		os.RemoveAll(helperDir)
	}
	stack.Close()
	os.Exit(code)
}

// synthHelper builds bench/cmd/synth once per test binary.
func synthHelper(b *testing.B) string {
	b.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "bench-helper-*")
		if err != nil {
			buildErr = err
			return
		}
		helperDir, helper = dir, filepath.Join(dir, "synth")
		out, err := exec.Command("go", "build", "-o", helper, "github.com/cdktf-secure-go/cdktf-secure-go/bench/cmd/synth").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		b.Fatal(buildErr)
	}
	return helper
}

// report is the part of the helper's JSON line the benchmarks read.
type report struct {
	Preload     string  `json:"preload"`
	Resources   int     `json:"resources"`
	GoPeakMiB   float64 `json:"go_peak_mib"`
	NodePeakMiB float64 `json:"node_peak_mib"`
	JSIICalls   int     `json:"jsii_calls"`
	Error       string  `json:"error"`
}

func runHelper(b *testing.B, args ...string) report {
	b.Helper()
	cmd := exec.Command(synthHelper(b), args...)
	// The mode's environment, set here so the helper need not re-execute
	// itself inside the measurement.
	cmd.Env = os.Environ()
	for i, a := range args {
		if a == "-mode" && i+1 < len(args) {
			env, ok := benchstack.ModeEnv(args[i+1])
			if !ok {
				b.Fatalf("unknown mode %q", args[i+1])
			}
			for k, v := range env {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
		}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("synth %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
	}
	var r report
	if err := json.Unmarshal(bytes.TrimSpace(out), &r); err != nil {
		b.Fatalf("synth %s printed %q: %v", strings.Join(args, " "), out, err)
	}
	return r
}

// measure runs the helper b.N times (after one untimed warm-up run that
// fills the caches) and reports the averages.
func measure(b *testing.B, args ...string) {
	runHelper(b, args...) // warm: derived tarball and jsii package caches
	var goMiB, nodeMiB float64
	var last report
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		last = runHelper(b, args...)
		goMiB += last.GoPeakMiB
		nodeMiB += last.NodePeakMiB
	}
	b.StopTimer()
	b.ReportMetric(goMiB/float64(b.N), "go-MiB")
	b.ReportMetric(nodeMiB/float64(b.N), "node-MiB")
	b.ReportMetric(float64(last.Resources), "resources")
}

// BenchmarkSynth is the warm synthesis of one environment, per stack and
// provider loading mode.
func BenchmarkSynth(b *testing.B) {
	for _, stack := range []string{"minimal", "reference"} {
		for _, mode := range benchstack.Modes {
			b.Run(stack+"/"+mode, func(b *testing.B) {
				measure(b, "-stack", stack, "-mode", mode)
			})
		}
	}
}

// BenchmarkScaling synthesizes 1, 2, 4 and 8 reference environments in one
// app (one kernel).
func BenchmarkScaling(b *testing.B) {
	for _, envs := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("envs=%d", envs), func(b *testing.B) {
			measure(b, "-stack", "reference", "-envs", fmt.Sprint(envs))
		})
	}
}

// BenchmarkJSIICalls counts the requests the Go side sends the kernel per
// synthesis (reported as calls; the timing includes the kernel's debug
// trace and is not a synthesis time).
func BenchmarkJSIICalls(b *testing.B) {
	for _, stack := range []string{"minimal", "reference"} {
		b.Run(stack, func(b *testing.B) {
			var r report
			for i := 0; i < b.N; i++ {
				r = runHelper(b, "-stack", stack, "-calls")
			}
			b.ReportMetric(float64(r.JSIICalls), "calls")
		})
	}
}
