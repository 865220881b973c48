package waf

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// TestMain stops the jsii kernel and removes jsii-runtime-go's extracted
// runtime after the tests.
func TestMain(m *testing.M) { testkit.Main(m) }
