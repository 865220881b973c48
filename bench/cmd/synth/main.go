// Command synth synthesizes a benchmark stack once and prints figures as one
// JSON line. bench/run.sh and the Go benchmarks in bench run it as a fresh
// process per measurement, since the cost under study is a process's start.
//
//	go run ./bench/cmd/synth -stack reference -envs 4 -mode fast
//
// -mode fast loads the AWS provider through internal/jsiiload (trimmed when
// possible; stack.NewApp calls it) into a kernel run as one node process
// (the direct runtime, with its V8 code cache), nocache the same without the
// code cache, wrapper the same with jsii's own two-process runtime
// (CDKTF_SECURE_JSII_DIRECT=0), lazy the direct runtime without trimming,
// stock disables both (CDKTF_SECURE_JSII_FASTLOAD=0), lib leaves the
// environment as it is. Both are decided once per process, by the first
// stack.NewApp, so the helper re-executes itself when the environment does not match the
// mode (bench/run.sh sets it up front). -calls counts jsii round trips (requests the Go side
// sends to the kernel) from the kernel's JSII_DEBUG trace, which slows the run:
// take times from runs without it. Memory figures are peak resident set sizes
// of the Go process (getrusage) and of its node processes (VmHWM in /proc,
// read just before jsii.Close ends them).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/aws/jsii-runtime-go"

	"github.com/cdktf-secure-go/cdktf-secure-go/bench/benchstack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiiload"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/proctree"
)

// Report is the JSON line synth prints.
type Report struct {
	Stack     string   `json:"stack"`
	Envs      int      `json:"envs"`
	Mode      string   `json:"mode"`
	Preload   string   `json:"preload,omitempty"`
	Runtime   string   `json:"runtime,omitempty"`
	NodeFlags []string `json:"node_flags,omitempty"`
	Built     bool     `json:"built_cache,omitempty"`
	Out       string   `json:"out,omitempty"`
	Stacks    []string `json:"stacks"`
	Resources int      `json:"resources"`
	// Milliseconds from process start (approximately: from main) to the end
	// of each phase: the app created (the kernel started, the provider
	// package loaded), the stacks built, synthesized, the kernel closed.
	PreloadMS float64 `json:"preload_ms"`
	BuildMS   float64 `json:"build_ms"`
	SynthMS   float64 `json:"synth_ms"`
	CloseMS   float64 `json:"close_ms"`
	// Peak RSS in MiB: the Go process; all node processes summed (the
	// runtime wrapper and the kernel); the largest one (the kernel).
	GoPeakMiB     float64 `json:"go_peak_mib"`
	NodePeakMiB   float64 `json:"node_peak_mib"`
	KernelPeakMiB float64 `json:"kernel_peak_mib"`
	// NodeProcs is the number of node processes (2 with jsii's wrapper).
	NodeProcs int `json:"node_procs"`
	// CPU time (user+sys) in ms: the Go process, and its node processes
	// (counted once jsii.Close has reaped them).
	GoCPUMS   float64 `json:"go_cpu_ms"`
	NodeCPUMS float64 `json:"node_cpu_ms"`
	// JSIICalls is the number of requests sent to the kernel (-calls only).
	JSIICalls int    `json:"jsii_calls,omitempty"`
	Error     string `json:"error,omitempty"`
}

func main() {
	start := time.Now()
	kind := flag.String("stack", "reference", "stack kind: minimal or reference")
	envs := flag.Int("envs", 1, "environments (stacks) in the app")
	mode := flag.String("mode", "fast", "provider loading and runtime: fast, nocache, wrapper, lazy, stock or lib")
	out := flag.String("out", "", "output folder (default: a temporary folder, removed)")
	calls := flag.Bool("calls", false, "count jsii round trips (slow)")
	trace := flag.String("trace", "", "with -calls: also write every request to this file")
	cpuProfile := flag.String("cpuprofile", "", "write a Go CPU profile of the run to this file")
	flag.Parse()
	if err := ensureModeEnv(*mode); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(2)
	}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "error: -cpuprofile:", err)
			os.Exit(2)
		}
		defer pprof.StopCPUProfile() // os.Exit skips it: stopped below too
	}

	rep := Report{Stack: *kind, Envs: *envs, Mode: *mode}
	ms := func() float64 { return float64(time.Since(start).Microseconds()) / 1000 }

	var counter *callCounter
	if *calls {
		// The jsii client captured the environment when the first generated
		// package registered its types, during package initialization; its
		// kernel has not started yet, so closing it makes the next call start
		// one that sees JSII_DEBUG.
		os.Setenv("JSII_DEBUG", "1")
		jsii.Close()
		counter = countCalls(*trace)
	}
	code := func() int {
		dir := *out
		if dir == "" {
			d, err := os.MkdirTemp("", "bench-synth-*")
			if err != nil {
				rep.Error = err.Error()
				return 1
			}
			defer os.RemoveAll(d)
			dir = d
		} else {
			rep.Out = dir
		}
		app, err := stack.NewApp(stack.AppProps{Outdir: dir})
		if _, ok := jsiiload.Last(); !ok && *mode != "stock" && *mode != "lib" && err == nil {
			jsiiload.Preload() // stack.NewApp did not; no provider type is in use yet
		}
		if r, ok := jsiiload.Last(); ok {
			rep.Preload, rep.Built = string(r.Mode), r.Built
			if r.Err != nil {
				rep.Preload += ": " + r.Err.Error()
			}
		}
		rep.Runtime = "wrapper"
		if rt := jsiiload.DirectRuntime(); rt.Direct {
			rep.Runtime = "direct"
			rep.NodeFlags = rt.NodeFlags
		}
		rep.PreloadMS = ms()
		if err == nil {
			rep.Stacks, err = benchstack.Build(app, *kind, *envs)
		}
		rep.BuildMS = ms()
		if err == nil {
			err = app.Synthesize()
		}
		rep.SynthMS = ms()
		if err != nil {
			rep.Error = err.Error()
			return 1
		}
		for _, id := range rep.Stacks {
			n, err := countResources(app.StackFile(id))
			if err != nil {
				rep.Error = err.Error()
				return 1
			}
			rep.Resources += n
		}
		return 0
	}()

	pprof.StopCPUProfile()
	nodeSum, nodeMax, nodeProcs := nodePeaks()
	stack.Close()
	rep.CloseMS = ms()
	if counter != nil {
		rep.JSIICalls = counter.wait()
	}
	rep.GoPeakMiB, rep.NodePeakMiB, rep.KernelPeakMiB, rep.NodeProcs = maxRSS(syscall.RUSAGE_SELF), nodeSum, nodeMax, nodeProcs
	rep.GoCPUMS, rep.NodeCPUMS = cpuMS(syscall.RUSAGE_SELF), cpuMS(syscall.RUSAGE_CHILDREN)
	b, _ := json.Marshal(rep)
	fmt.Println(string(b))
	if rep.Error != "" {
		fmt.Fprintln(os.Stderr, "error:", rep.Error)
	}
	os.Exit(code)
}

// ensureModeEnv re-executes the helper with the mode's environment unless
// it already has it.
func ensureModeEnv(mode string) error {
	want, ok := benchstack.ModeEnv(mode)
	if !ok {
		return fmt.Errorf("-mode %q: want fast, nocache, wrapper, lazy, stock or lib", mode)
	}
	env := os.Environ()
	changed := false
	for k, v := range want {
		if os.Getenv(k) == v {
			continue
		}
		changed = true
		env = append(env, k+"="+v)
	}
	if !changed {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(exe, os.Args, env)
}

// nodePeaks returns the peak resident set (VmHWM) summed over all live
// descendants of this process, the largest single one and how many there
// are, read before jsii.Close ends them. jsii's own runtime starts node on
// jsii-runtime.js, which starts the kernel (program.js) as its own child;
// the direct runtime (internal/jsiiload) runs the kernel alone. (RUSAGE_CHILDREN is
// not used: a child spawned with CLONE_VM is charged the Go process's memory
// until it execs.)
func nodePeaks() (sum, max float64, n int) {
	pids, _ := proctree.Descendants(os.Getpid())
	for _, pid := range pids {
		if mib := vmHWM(pid); mib > 0 {
			n++
			sum += mib
			if mib > max {
				max = mib
			}
		}
	}
	return sum, max, n
}

// vmHWM reads a process's peak resident set in MiB.
func vmHWM(pid int) float64 {
	st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(st), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kib, _ := strconv.ParseFloat(f[1], 64)
			return kib / 1024
		}
	}
	return 0
}

func cpuMS(who int) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	ms := func(tv syscall.Timeval) float64 { return float64(tv.Sec)*1000 + float64(tv.Usec)/1000 }
	return ms(ru.Utime) + ms(ru.Stime)
}

func maxRSS(who int) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // KiB on Linux
}

// countResources counts resource instances in a cdk.tf.json.
func countResources(path string) (int, error) {
	b, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		return 0, err
	}
	var doc struct {
		Resource map[string]map[string]json.RawMessage `json:"resource"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return 0, err
	}
	n := 0
	for _, byName := range doc.Resource {
		n += len(byName)
	}
	return n, nil
}

// callCounter counts the "> {request}" lines the kernel traces under
// JSII_DEBUG (and writes them, with the "< {response}" lines, to the trace);
// the jsii runtime copies the kernel's stderr to os.Stderr, which is
// swapped for a pipe here.
type callCounter struct {
	w  *os.File
	wg sync.WaitGroup
	n  int
}

func countCalls(trace string) *callCounter {
	r, w, err := os.Pipe()
	if err != nil {
		return nil
	}
	var tf io.Writer = io.Discard
	if trace != "" {
		f, err := os.Create(trace)
		if err == nil {
			tf = f // closed at exit
		}
	}
	c := &callCounter{w: w}
	os.Stderr = w
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		br := bufio.NewReaderSize(r, 1<<20)
		for {
			line, err := br.ReadString('\n')
			switch {
			case strings.HasPrefix(line, "> "):
				c.n++
				io.WriteString(tf, line)
			case strings.HasPrefix(line, "< "):
				io.WriteString(tf, line) // a response: calls.js counts its bytes
			}
			if err == io.EOF || err != nil {
				return
			}
		}
	}()
	return c
}

func (c *callCounter) wait() int {
	c.w.Close()
	c.wg.Wait()
	return c.n
}
