package waf

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

type fakeKey struct{}

func (fakeKey) Arn() string                { return "arn:aws:kms:us-east-1:123456789012:key/x" }
func (fakeKey) AllowCloudWatchLogs() error { return nil }

func TestPropsValidate(t *testing.T) {
	tests := []struct {
		name  string
		props Props
		want  []string
	}{
		{"defaults", Props{Key: fakeKey{}}, nil},
		{"tuned", Props{Key: fakeKey{}, RateLimit: 100, RateWindowSeconds: 60, LogRetentionDays: 30}, nil},
		{"no key", Props{}, []string{"key: required"}},
		{"rate too low", Props{Key: fakeKey{}, RateLimit: 5}, []string{"rateLimit: 5 is out of range; WAF accepts 10 to 2000000000"}},
		{"window", Props{Key: fakeKey{}, RateWindowSeconds: 30}, []string{"rateWindowSeconds: 30 is not a WAF evaluation window"}},
		{"retention", Props{Key: fakeKey{}, LogRetentionDays: 2}, []string{"logRetentionDays: 2 is not a CloudWatch retention value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { errtest.Contains(t, "Validate()", tt.props.Validate(), tt.want...) })
	}
}
