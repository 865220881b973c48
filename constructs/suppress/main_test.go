package suppress

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/synthtest"
)

// TestMain removes the synthesized output and stops the jsii kernel after the tests.
func TestMain(m *testing.M) { synthtest.Main(m) }
