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

func TestOnce(t *testing.T) {
	reads := 0
	read := func() *string { reads++; s := "${aws_x.y.arn}"; return &s }
	var cached string
	for i := 0; i < 3; i++ {
		if got := Once(&cached, read); got != "${aws_x.y.arn}" {
			t.Fatalf("Once = %q; want the value read", got)
		}
	}
	if reads != 1 {
		t.Errorf("read called %d times; want once", reads)
	}
}
