package catalog

import (
	"os"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

// TestMain stops the jsii kernel after the tests: the tests import
// awscontext, whose provider bindings extract jsii-runtime-go's runtime into
// TMPDIR, which only Close removes (.ci/run's leftovers check). testkit.Main
// would be an import cycle (testkit, access, catalog).
func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}
