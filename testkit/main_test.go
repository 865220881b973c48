package testkit

import "testing"

// TestMain stops the jsii kernel after the tests: importing the bindings
// makes jsii-runtime-go unpack its runtime into TMPDIR, and only Close
// removes it.
func TestMain(m *testing.M) { Main(m) }
