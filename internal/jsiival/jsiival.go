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

// Once returns *cached, first setting it to *read() when it is empty. It
// keeps a resource attribute (a Terraform reference) read from the jsii
// kernel: every read is a round trip to the kernel and makes a new token
// for the same reference, so a construct reads each attribute once.
func Once(cached *string, read func() *string) string {
	if *cached == "" {
		*cached = *read()
	}
	return *cached
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
