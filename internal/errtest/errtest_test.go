package errtest

import (
	"errors"
	"testing"
)

// recorder records failures instead of failing the test.
type recorder struct {
	testing.TB
	failed, fatal bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed, r.fatal = true, true }

func TestContains(t *testing.T) {
	boom := errors.New("name: too long\nkey: required")
	tests := []struct {
		name  string
		err   error
		want  []string
		fails bool
		fatal bool
	}{
		{"nil wanted, nil got", nil, nil, false, false},
		{"nil wanted, error got", boom, nil, true, false},
		{"error wanted, nil got", nil, []string{"name:"}, true, true},
		{"every part present", boom, []string{"name: too long", "key: required"}, false, false},
		{"a part missing", boom, []string{"name:", "region:"}, true, false},
	}
	for _, tt := range tests {
		r := &recorder{TB: t}
		Contains(r, "Validate()", tt.err, tt.want...)
		if r.failed != tt.fails || r.fatal != tt.fatal {
			t.Errorf("%s: failed=%v fatal=%v; want %v %v", tt.name, r.failed, r.fatal, tt.fails, tt.fatal)
		}
	}
}
