package benchstack

import "github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiiload"

// Modes are the ways bench/cmd/synth can load the provider and run the kernel.
var Modes = []string{"fast", "nocache", "wrapper", "lazy", "stock"}

// ModeEnv returns the environment a process needs at start-up to synthesize
// in mode ("" means unset), and false for an unknown mode. The library
// decides once per process, in the first stack.NewApp, so these cannot be
// changed later in the process. "lib" leaves the environment alone.
//
//   - fast: the default: trimmed provider package, direct runtime (one node
//     process) with its V8 code cache;
//   - nocache: fast without the code cache;
//   - wrapper: trimmed, in jsii's own two-process runtime;
//   - lazy: the untrimmed lazy-loading package, direct runtime;
//   - stock: the bindings' own load in jsii's own runtime.
func ModeEnv(mode string) (map[string]string, bool) {
	switch mode {
	case "fast":
		return map[string]string{jsiiload.EnvVar: "", jsiiload.DirectEnvVar: "", jsiiload.CodeCacheEnvVar: ""}, true
	case "nocache":
		return map[string]string{jsiiload.EnvVar: "", jsiiload.DirectEnvVar: "", jsiiload.CodeCacheEnvVar: "0"}, true
	case "wrapper":
		return map[string]string{jsiiload.EnvVar: "", jsiiload.DirectEnvVar: "0", jsiiload.CodeCacheEnvVar: ""}, true
	case "lazy":
		return map[string]string{jsiiload.EnvVar: "lazy", jsiiload.DirectEnvVar: "", jsiiload.CodeCacheEnvVar: ""}, true
	case "stock":
		return map[string]string{jsiiload.EnvVar: "0", jsiiload.DirectEnvVar: "", jsiiload.CodeCacheEnvVar: ""}, true
	case "lib":
		return map[string]string{}, true
	}
	return nil, false
}
