package main

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// TestMain stops the jsii kernel after the tests, removing its temporary folder.
func TestMain(m *testing.M) { testkit.Main(m) }
