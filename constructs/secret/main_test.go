package secret

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// TestMain stops the jsii kernel after the tests: importing the provider
// bindings extracts jsii-runtime-go's runtime into TMPDIR, which only Close
// removes (.ci/run's leftovers check).
func TestMain(m *testing.M) { testkit.Main(m) }
