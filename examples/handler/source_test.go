package handler

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirHoldsTheHandler(t *testing.T) {
	if _, err := os.Stat(filepath.Join(Dir(), "app.py")); err != nil {
		t.Fatalf("Dir() = %q has no app.py: %v", Dir(), err)
	}
}
