package compute

import (
	"os"
	"testing"
)

// TestMain removes the changed handler copy the synthesis made.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.changedDir != "" {
		os.RemoveAll(built.changedDir)
	}
	os.Exit(code)
}
