package jsiival

import "testing"

func TestStrings(t *testing.T) {
	in := []string{"a", "b"}
	got := *Strings(in)
	in[0] = "changed"
	if len(got) != 2 || *got[0] != "a" || *got[1] != "b" {
		t.Fatalf("Strings = %v; want copies of [a b]", got)
	}
	if l := Strings(nil); l == nil || len(*l) != 0 {
		t.Fatalf("Strings(nil) = %v; want an empty list", l)
	}
}

func TestStringMap(t *testing.T) {
	got := *StringMap(map[string]string{"k": "v", "x": "y"})
	if len(got) != 2 || *got["k"] != "v" || *got["x"] != "y" {
		t.Fatalf("StringMap = %v", got)
	}
}
