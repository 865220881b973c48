package tfexpr

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// TestCheck is issue 16's class "malformed Terraform expressions in string
// props": every malformed sequence is refused naming the field.
func TestCheck(t *testing.T) {
	tests := []struct {
		in   string
		want []string // nil: valid
	}{
		{"plain", nil},
		{"${aws_vpc.x.id}", nil},
		{"arn:${data.aws_partition.p.partition}:s3:::b/*", nil},
		{`${jsonencode({"a" = "}"})}`, nil},
		{"${TfToken[TOKEN.12]}", nil},
		{"$${not.a.reference", nil},
		{"%%{ literal", nil},
		{`${format("%s", "x")}`, nil},
		{"${aws_vpc.x.id", []string{"vpcId:", "unclosed template sequence", "at character 1"}},
		{"subnet-${aws_subnet.a.id", []string{"vpcId:", "unclosed"}},
		{"${aws_vpc.x.id}-${aws_vpc.y.id", []string{"unclosed", "at character 17"}},
		{"${ }", []string{"empty template sequence"}},
		{"${}", []string{"empty template sequence"}},
		{"${lookup({a = 1}, \"a\"}", []string{"unbalanced brackets"}},
		{`${"abc}`, []string{"unterminated string literal"}},
		{"%{ if true }", nil},
		{"%{ if true ", []string{"unclosed"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			errtest.Contains(t, "Check(vpcId, "+tt.in+")", Check("vpcId", tt.in), tt.want...)
		})
	}
}

func TestIsReference(t *testing.T) {
	for s, want := range map[string]bool{"${a.b}": true, "x%{ if }": true, "$${a}": false, "plain": false, "": false, "$": false} {
		if got := IsReference(s); got != want {
			t.Errorf("IsReference(%q) = %v; want %v", s, got, want)
		}
	}
}

func TestCheckAll(t *testing.T) {
	errtest.Contains(t, "CheckAll", CheckAll("subnetIds", []string{"subnet-12345678", "${aws_subnet.a.id"}), "subnetIds[1]:", "unclosed")
	errtest.Contains(t, "CheckAll", CheckAll("subnetIds", []string{"${aws_subnet.a.id}"}))
}
