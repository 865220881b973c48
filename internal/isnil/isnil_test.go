package isnil

import "testing"

type key struct{}

func (*key) Arn() string { return "" }

type arner interface{ Arn() string }

func TestIs(t *testing.T) {
	var typed *key
	var iface arner = typed
	tests := []struct {
		name string
		v    any
		want bool
	}{
		{"nil", nil, true},
		{"typed nil pointer", typed, true},
		{"interface holding a typed nil", iface, true},
		{"nil map", map[string]string(nil), true},
		{"pointer", &key{}, false},
		{"string", "", false},
		{"int", 0, false},
	}
	for _, tt := range tests {
		if got := Is(tt.v); got != tt.want {
			t.Errorf("Is(%s) = %v; want %v", tt.name, got, tt.want)
		}
	}
}
