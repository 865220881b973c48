package main

import (
	"os"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

// TestMain removes the jsii runtime's temporary folder after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}
