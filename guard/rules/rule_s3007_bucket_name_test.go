package rules

import (
	"strings"
	"testing"
)

func TestBucketNameProblem(t *testing.T) {
	tests := []struct {
		name   string
		prefix bool
		want   string // "" = accepted
	}{
		{"acme-dev-logs", false, ""},
		{"acme.dev.logs", false, ""},
		{"abc", false, ""},
		{"${var.company}-logs", false, ""},
		{"acme-${var.env}-logs", false, ""},
		{"acme-dev-", true, ""},
		{"xn--acme", false, `reserved prefix "xn--"`},
		{"sthree-dev-logs", false, `reserved prefix "sthree-"`},
		{"sthree-configurator-x", false, `reserved prefix "sthree-"`},
		{"amzn-s3-demo-bucket", false, `reserved prefix "amzn-s3-demo-"`},
		{"sthree-${var.env}", false, `reserved prefix "sthree-"`},
		{"sthree-", true, `reserved prefix "sthree-"`},
		{"x-s3alias", false, `reserved suffix "-s3alias"`},
		{"acme--ol-s3", false, `reserved suffix "--ol-s3"`},
		{"acme.mrap", false, `reserved suffix ".mrap"`},
		{"acme--use1-az4--x-s3", false, `reserved suffix "--x-s3"`},
		{"acme--table-s3", false, `reserved suffix "--table-s3"`},
		{"${var.name}-s3alias", false, `reserved suffix "-s3alias"`},
		{"Acme-logs", false, `contains 'A'`},
		{"acme_logs", false, `contains '_'`},
		{"${var.company}_logs", false, `contains '_'`},
		{"acme..logs", false, `".."`},
		{"ab", false, "minimum is 3"},
		{strings.Repeat("a", 64), false, "64 characters long; the limit is 63"},
		{strings.Repeat("a", 38), true, "38 characters long; the limit is 37"},
		{strings.Repeat("a", 60) + "-${var.env}-logs", false, "limit is 63"},
		{"-acme", false, "does not start with a letter or digit"},
		{"acme-", false, "does not end with a letter or digit"},
		{"acme-${var.env}-", false, "does not end with a letter or digit"},
		{"192.168.5.4", false, "IP address"},
	}
	for _, tt := range tests {
		got := bucketNameProblem(tt.name, tt.prefix)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("bucketNameProblem(%q, prefix=%v) = %q; want %q", tt.name, tt.prefix, got, tt.want)
		}
	}
}
