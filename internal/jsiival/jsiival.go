// Package jsiival converts plain Go values into the pointer forms the jsii
// bindings take, in one place, so constructs keep plain Go at their edges.
package jsiival

// Strings converts a list for jsii (nil stays an empty list).
func Strings(list []string) *[]*string {
	out := make([]*string, len(list))
	for i := range list {
		s := list[i]
		out[i] = &s
	}
	return &out
}

// StringMap converts a map for jsii.
func StringMap(m map[string]string) *map[string]*string {
	out := make(map[string]*string, len(m))
	for k, v := range m {
		v := v
		out[k] = &v
	}
	return &out
}
