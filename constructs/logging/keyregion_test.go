package logging

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// TestKeyRegion: a log group refuses a literal key ARN of another region.
func TestKeyRegion(t *testing.T) {
	tests := []struct {
		arn  string
		want []string // nil: accepted
	}{
		{"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", []string{`key: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" is a key in region eu-west-1; a log group in us-east-1 can only use a KMS key of its own region`}},
		{"arn:aws:kms:us-west-2:123456789012:alias/logs", []string{"region us-west-2"}},
		{"${aws_kms_key.k.arn", []string{"key:", "unclosed"}},
		{"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", nil},
		{"${aws_kms_key.k.arn}", nil},
	}
	for _, tt := range tests {
		errtest.Contains(t, "checkKeyRegion("+tt.arn+")", checkKeyRegion(tt.arn, "us-east-1"), tt.want...)
	}
}
