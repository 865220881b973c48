package service_test

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// TestMain removes the synthesized output and stops the jsii kernel after the tests.
func TestMain(m *testing.M) { testkit.Main(m) }
