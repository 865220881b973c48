package tfrun

import (
	"os"
	"testing"
)

// TestMain removes the generated CLI configuration after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	Cleanup()
	os.Exit(code)
}
