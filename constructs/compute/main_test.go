package compute

import (
	"os"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// TestMain removes the changed handler copy and the synthesized output,
// and stops the jsii kernel.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.changedDir != "" {
		os.RemoveAll(built.changedDir)
	}
	testkit.Cleanup()
	os.Exit(code)
}
