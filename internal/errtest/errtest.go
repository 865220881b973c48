// Package errtest checks the errors of validation code in table-driven
// tests. It has no dependencies beyond the standard library, so pure unit
// tests can use it without linking jsii.
package errtest

import (
	"strings"
	"testing"
)

// Contains fails t unless err is nil when want is empty, or is an error
// whose message contains every string in want. call names what returned
// err in the failure messages, e.g. "Validate()".
func Contains(t testing.TB, call string, err error, want ...string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Errorf("%s = %v; want nil", call, err)
		}
		return
	}
	if err == nil {
		t.Fatalf("%s = nil; want errors containing %q", call, want)
		return // for a testing.TB whose Fatalf returns
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s = %q; want it to contain %q", call, err, w)
		}
	}
}
