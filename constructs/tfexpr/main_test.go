package tfexpr_test

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// TestMain stops the jsii client the imported construct packages set up, so
// nothing is left in TMPDIR.
func TestMain(m *testing.M) { testkit.Main(m) }
