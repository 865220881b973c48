package jsiiload

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// NodeFlagsEnvVar replaces the V8 flags the direct runtime starts the
// kernel with (KernelFlags): a space-separated list of node options, used
// as given; set it to "" for node's own defaults.
const NodeFlagsEnvVar = "CDKTF_SECURE_JSII_NODE_FLAGS"

// KernelFlags returns the V8 flags the direct runtime starts node with
// unless NodeFlagsEnvVar says otherwise. A synthesis is a short run that
// allocates a lot and executes little code many times, so:
//
//   - --max-semi-space-size=8 caps each of the young generation's
//     semi-spaces at 8 MiB (V8's default on 64-bit is 16 MiB): the kernel's
//     peak falls by about a third at no CPU cost;
//   - --no-opt leaves out TurboFan, V8's optimizing compiler, whose
//     background compilations a run of a few seconds never earns back.
//
// Measured on the 199-resource reference stack (docs/performance.md,
// node 20, 9 interleaved rounds): node peak 156 -> 108 MiB, CPU 1,580 ->
// 1,377 ms; at 8 environments (1,592 resources) peak 178 -> 127 MiB with
// CPU unchanged within noise. Node versions that refuse one of the flags
// run without them (see acceptedFlags).
func KernelFlags() []string { return []string{"--max-semi-space-size=8", "--no-opt"} }

// nodeFlagsDir is the folder, inside the runtime folder, that remembers
// whether a node binary accepts KernelFlags.
const nodeFlagsDir = "node-flags"

// kernelFlags returns the flags to start node with: the user's
// NodeFlagsEnvVar when set, else KernelFlags when the node binary at
// nodePath (as exec.LookPath found it) accepts them, else none. The user's
// flags are asked about like KernelFlags (once per node binary); flags
// node refuses are an error naming the variable, as node would otherwise
// refuse to start the kernel.
func kernelFlags(runtimeDir, nodePath string) ([]string, error) {
	if v, ok := os.LookupEnv(NodeFlagsEnvVar); ok {
		f := strings.Fields(v)
		if len(f) == 0 {
			return nil, nil
		}
		if acceptedFlags(runtimeDir, nodePath, f) == nil {
			return nil, fmt.Errorf("%s=%q: %s refuses these options (run `%s %s -e 0` to see which); "+
				"correct them, set it to \"\" for node's defaults, or unset it for %q",
				NodeFlagsEnvVar, v, nodePath, nodePath, strings.Join(f, " "), strings.Join(KernelFlags(), " "))
		}
		return f, nil
	}
	return acceptedFlags(runtimeDir, nodePath, KernelFlags()), nil
}

// acceptedFlags returns flags when the node binary at nodePath starts with
// them, nil otherwise.
// Node refuses an option it does not know ("bad option", exit 9) rather
// than ignoring it, and V8 renames flags between versions, so a node binary
// is asked once: `node FLAGS -e 0`. The answer is kept in the runtime
// folder under a key of the binary's path, size and modification time and
// the flags, so an upgraded node is asked again; every later run costs one
// stat and one small read.
func acceptedFlags(runtimeDir, nodePath string, flags []string) []string {
	path := nodePath
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d\n%d\n%s", path, st.Size(), st.ModTime().UnixNano(), strings.Join(flags, "\x00"))
	file := filepath.Join(runtimeDir, nodeFlagsDir, hex.EncodeToString(h.Sum(nil))[:32])
	if b, err := os.ReadFile(file); err == nil {
		if string(b) == "yes" {
			return flags
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, append(append([]string(nil), flags...), "-e", "0")...)
	cmd.Env = append(os.Environ(), "NODE_OPTIONS=")
	answer := "no"
	if cmd.Run() == nil {
		answer = "yes"
	} else if ctx.Err() != nil {
		return nil // not an answer: ask again next time
	}
	// A run that cannot record the answer still uses it.
	_ = writeAtomic(file, []byte(answer))
	if answer == "yes" {
		return flags
	}
	return nil
}
