package compute

import "sort"

func str(s string) *string { return &s }
func boolp(b bool) *bool   { return &b }
func f64(i int) *float64   { f := float64(i); return &f }

func strList(list []string) *[]*string {
	out := make([]*string, len(list))
	for i := range list {
		out[i] = str(list[i])
	}
	return &out
}

// strMap converts a map for jsii; keys are visited in sorted order so the
// output never depends on map iteration.
func strMap(m map[string]string) *map[string]*string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string]*string, len(m))
	for _, k := range keys {
		out[k] = str(m[k])
	}
	return &out
}
