package awscontext

import (
	"os"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

// TestMain closes the jsii client the generated packages created while
// registering their types: it extracted a runtime folder into TMPDIR, which
// only jsii.Close removes. (These tests use no jsii object; constructs/stack,
// which does that for programs, cannot be imported here.)
func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}
