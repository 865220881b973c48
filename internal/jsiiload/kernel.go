package jsiiload

import (
	"fmt"
	"os"
	"sync"

	"github.com/aws/jsii-runtime-go"
)

// How the kernel process is started and stopped without side effects
// outside these calls.
//
// jsii-runtime-go creates its client when the first generated package
// registers its types, during package initialization. The client captures
// the environment then (JSII_RUNTIME chooses the command that starts the
// kernel, and the kernel inherits the rest) but starts no process until the
// first request. Nothing can be passed to the kernel process except through
// the process environment at the moment a client is created, so the first
// Preload closes that client (its kernel has not started) and makes the
// next jsii call create one while the variables are set, and restores them
// right after that call.

// silenceVar lists the Node.js major versions for which jsii's wrapper does
// not print its end-of-life banner. The library is tested on Node 20 and
// supports 20, 22 and 24, so the output stays clean. The direct runtime
// never prints it (the banner is the wrapper's).
const silenceVar = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"

var firstUse sync.Once

// dropInitClient closes, once per process, the client that package
// initialization created, unless its kernel already runs (a jsii call came
// before the first Preload: closing would drop the caller's objects).
func dropInitClient() {
	firstUse.Do(func() {
		if pid, known := kernelPid(); pid == 0 || !known {
			jsii.Close()
		}
	})
}

// startKernel makes p's first jsii call (loading its dependencies, cdktf
// from the derived package cd when not nil), which creates the client and
// starts the kernel when there is none, with the variables that choose the
// kernel set only meanwhile. It returns why cd could not be loaded (the
// kernel is then restarted and the stock cdktf package loaded instead).
func startKernel(p pkgSpec, cd *derived) (cdErr error) {
	defer kernelEnv(DirectRuntime().Direct, runtimeCmd)()
	if cd != nil {
		func() {
			defer func() {
				if r := recover(); r != nil {
					Close() // the next call starts a clean kernel, still inside the window
					cdErr = fmt.Errorf("kernel rejected the derived cdktf package: %v", firstLine(fmt.Sprint(r)))
				}
			}()
			loadCdktf(cd)
		}()
	}
	p.deps()
	return cdErr
}

// kernelEnv sets the variables that choose the kernel process the next jsii
// client starts, and returns the function restoring the environment. It
// holds envMu until then: no other Preload changes the environment
// meanwhile.
func kernelEnv(direct bool, cmd string) (restore func()) {
	envMu.Lock()
	var w envWindow
	switch {
	case direct:
		if os.Getenv(runtimeVar) != cmd {
			w.set(runtimeVar, cmd)
			w.set(markerVar, cmd)
		}
	default:
		// A value inherited from a parent that used the direct runtime is
		// not the user's choice.
		if v := os.Getenv(runtimeVar); v != "" && v == os.Getenv(markerVar) {
			w.unset(runtimeVar)
			w.unset(markerVar)
		}
		if os.Getenv(silenceVar) == "" {
			w.set(silenceVar, "20")
		}
	}
	return func() {
		w.restore()
		envMu.Unlock()
	}
}

var envMu sync.Mutex

// envWindow remembers the values it changes, to restore them.
type envWindow struct {
	saved []savedVar
}

type savedVar struct {
	key, value string
	had        bool
}

func (w *envWindow) save(key string) {
	v, had := os.LookupEnv(key)
	w.saved = append(w.saved, savedVar{key, v, had})
}

func (w *envWindow) set(key, value string) {
	w.save(key)
	os.Setenv(key, value)
}

func (w *envWindow) unset(key string) {
	w.save(key)
	os.Unsetenv(key)
}

// restore puts back every saved value, last change first.
func (w *envWindow) restore() {
	for i := len(w.saved) - 1; i >= 0; i-- {
		if v := w.saved[i]; v.had {
			os.Setenv(v.key, v.value)
		} else {
			os.Unsetenv(v.key)
		}
	}
	w.saved = nil
}

// Close stops the jsii kernel and removes jsii's temporary folder, like
// jsii.Close, and leaves os.Stderr alone.
//
// jsii-runtime-go up to v1.141.0 waits for the kernel process twice at
// once (a goroutine started with the process, and Close itself); whichever
// loses gets "waitid: no child processes", and when that is the goroutine
// it prints "Runtime process exited abnormally: waitid: no child processes"
// on os.Stderr. Where /proc exists, Close first asks the kernel process to
// exit with the same request jsii.Close sends ({"exit":0}, written to the
// kernel's standard input through /proc/<pid>/fd/0) and waits until
// jsii's goroutine has reaped it; jsii.Close then finds the process gone
// and waits for nothing. Elsewhere, and when the kernel is not recognised
// (JSII_RUNTIME set by the user), it is jsii.Close alone.
func Close() {
	endKernel()
	jsii.Close()
}
