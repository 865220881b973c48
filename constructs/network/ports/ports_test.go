package ports

import (
	"sort"
	"testing"
)

func TestCoverInternet(t *testing.T) {
	tests := []struct {
		name  string
		cidrs []string
		want  string
	}{
		{"ipv4 everyone", []string{"0.0.0.0/0"}, "0.0.0.0/0"},
		{"ipv6 everyone", []string{"::/0"}, "::/0"},
		{"halves", []string{"0.0.0.0/1", "128.0.0.0/1"}, "0.0.0.0/0"},
		{"halves reversed with overlap", []string{"128.0.0.0/1", "10.0.0.0/8", "0.0.0.0/1"}, "0.0.0.0/0"},
		{"quarters", []string{"0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"}, "0.0.0.0/0"},
		{"host bits ignored", []string{"1.2.3.4/0"}, "0.0.0.0/0"},
		{"one half", []string{"0.0.0.0/1"}, ""},
		{"gap", []string{"0.0.0.0/2", "128.0.0.0/1"}, ""},
		{"upper end missing", []string{"0.0.0.0/1", "128.0.0.0/2"}, ""},
		{"private", []string{"10.0.0.0/8", "172.16.0.0/12"}, ""},
		{"ipv6 halves", []string{"::/1", "8000::/1"}, "::/0"},
		{"ipv6 one half", []string{"::/1"}, ""},
		{"reference", []string{"${aws_vpc.main.cidr_block}"}, ""},
		{"garbage", []string{"", "x"}, ""},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CoverInternet(tt.cidrs); got != tt.want {
				t.Errorf("CoverInternet(%q) = %q; want %q", tt.cidrs, got, tt.want)
			}
		})
	}
}

func TestEveryone(t *testing.T) {
	for c, want := range map[string]bool{"0.0.0.0/0": true, "::/0": true, " 0.0.0.0/0 ": true, "0.0.0.0/1": false, "10.0.0.0/8": false, "x": false} {
		if got := Everyone(c); got != want {
			t.Errorf("Everyone(%q) = %v; want %v", c, got, want)
		}
	}
}

func TestInRange(t *testing.T) {
	tests := []struct {
		from, to int
		all      bool
		want     []int
	}{
		{22, 22, false, []int{22}},
		{20, 25, false, []int{20, 21, 22, 23, 25}},
		{80, 80, false, nil},
		{443, 443, false, nil},
		{0, 0, true, nil}, // filled below: every port
		{9000, 9300, false, []int{9042, 9092, 9200, 9300}},
	}
	for _, tt := range tests {
		var got []int
		for _, p := range InRange(tt.from, tt.to, tt.all) {
			got = append(got, p.Number)
		}
		want := tt.want
		if tt.all {
			for _, p := range Sensitive {
				want = append(want, p.Number)
			}
		}
		if len(got) != len(want) {
			t.Errorf("InRange(%d, %d, %v) = %v; want %v", tt.from, tt.to, tt.all, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("InRange(%d, %d, %v) = %v; want %v", tt.from, tt.to, tt.all, got, want)
				break
			}
		}
	}
}

// The issue that created this list named these ports as ones the constructs
// and the guard both let through; each must be on it.
func TestSensitiveCoversTheRequiredPorts(t *testing.T) {
	for _, n := range []int{21, 22, 23, 135, 445, 1433, 1521, 2375, 3306, 3389, 5432, 5900, 5985, 6379, 9200, 11211, 27017} {
		if _, ok := Lookup(n); !ok {
			t.Errorf("Sensitive lacks port %d", n)
		}
	}
	if !sort.SliceIsSorted(Sensitive, func(i, j int) bool { return Sensitive[i].Number < Sensitive[j].Number }) {
		t.Error("Sensitive is not sorted by number")
	}
	seen := map[int]bool{}
	for _, p := range Sensitive {
		if seen[p.Number] {
			t.Errorf("port %d listed twice", p.Number)
		}
		seen[p.Number] = true
		if p.Service == "" || p.Kind == "" {
			t.Errorf("port %d lacks a service or kind", p.Number)
		}
	}
}

func TestDescribe(t *testing.T) {
	if got := Describe(InRange(22, 23, false)); got != "22 (SSH), 23 (Telnet)" {
		t.Errorf("Describe = %q", got)
	}
}
