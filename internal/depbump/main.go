// Command depbump is the probe scripts/depbump.sh builds against each
// jsii-runtime-go version it checks: it starts the jsii kernel the way
// stack.NewApp does, makes one round trip through it (a constructs tree),
// stops it the way stack.Close does, and prints one line: the
// jsii-runtime-go version, the runtime used (direct or jsii's wrapper, and
// why) and the round trip's result. It exits 1 when the kernel fails or
// the direct runtime is not used, and links no provider package, so it
// builds in seconds.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiiload"
)

func main() {
	version := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/aws/jsii-runtime-go" {
				version = d.Version
			}
		}
	}
	r := jsiiload.Preload()
	rt := "direct"
	if !r.Runtime.Direct {
		rt = "wrapper"
		if r.Runtime.Err != nil {
			rt += " (" + r.Runtime.Err.Error() + ")"
		}
	}
	path, err := roundTrip()
	jsiiload.Close()
	fmt.Printf("jsii-runtime-go %s: %s runtime, ", version, rt)
	if err != nil {
		fmt.Printf("kernel FAILED: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("kernel round trip ok (%s)\n", path)
	if !r.Runtime.Direct {
		os.Exit(1)
	}
}

// roundTrip builds a two-node constructs tree in the kernel and reads a path
// back.
func roundTrip() (path string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	root := constructs.NewRootConstruct(jsii.String("root"))
	child := constructs.NewConstruct(root, jsii.String("child"))
	return *child.Node().Path(), nil
}
