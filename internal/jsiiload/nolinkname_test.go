//go:build cdktf_secure_nofastload

package jsiiload

import (
	"errors"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

// Built with -tags cdktf_secure_nofastload, nothing reaches into other
// modules: the provider loads the stock way and jsii's own runtime runs,
// each saying why.
func TestNoFastLoadUsesStockPaths(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Cleanup(Close)
	r := Preload()
	if r.Mode != Stock || !errors.Is(r.Err, errNoFastLoad) {
		t.Errorf("Preload = %s; want stock, built with the tag", r)
	}
	if r.Runtime.Direct || !errors.Is(r.Runtime.Err, errNoFastLoad) {
		t.Errorf("runtime = %+v; want jsii's own, built with the tag", r.Runtime)
	}
	// The kernel works: the stock provider package loads.
	awsPackage.stock()
	_ = jsii.String("")
}
