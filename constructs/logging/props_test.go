package logging

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// fakeKey implements Key without jsii.
type fakeKey struct {
	calls int
	err   error
}

func (f *fakeKey) Arn() string { return "arn:aws:kms:us-east-1:123456789012:key/x" }
func (f *fakeKey) AllowCloudWatchLogs() error {
	f.calls++
	return f.err
}

func TestLogGroupPropsValidate(t *testing.T) {
	k := &fakeKey{}
	tests := []struct {
		name  string
		props LogGroupProps
		want  []string // nil = valid
	}{
		{"key only", LogGroupProps{Key: k}, nil},
		{"lambda name", LogGroupProps{Key: k, Name: "/aws/lambda/acme-dev-fn", RetentionDays: 30}, nil},
		{"every retention value", LogGroupProps{Key: k, RetentionDays: 3653}, nil},
		{"missing key", LogGroupProps{}, []string{"key: required"}},
		{"typed nil key", LogGroupProps{Key: (*fakeKey)(nil)}, []string{"key: required"}},
		{"invalid retention", LogGroupProps{Key: k, RetentionDays: 10}, []string{"retentionDays: 10 is not a CloudWatch retention value; use one of 1, 3, 5"}},
		{"negative retention", LogGroupProps{Key: k, RetentionDays: -1}, []string{"retentionDays: -1 is not"}},
		{"invalid characters", LogGroupProps{Key: k, Name: "/acme/dev/my group"}, []string{`name: CloudWatch log group name "/acme/dev/my group" is invalid`}},
		{"too long", LogGroupProps{Key: k, Name: "/" + strings.Repeat("a", 512)}, []string{"name: CloudWatch log group name", "must be 1-512"}},
		{"reserved prefix", LogGroupProps{Key: k, Name: "aws/x"}, []string{`name: "aws/x" starts with "aws/"`}},
		{"all errors joined", LogGroupProps{RetentionDays: 2, Name: "a b"}, []string{"key: required", "retentionDays: 2", "name: "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errtest.Contains(t, "Validate()", tc.props.Validate(), tc.want...)
		})
	}
	if k.calls != 0 {
		t.Errorf("Validate called Key.AllowCloudWatchLogs %d times; want 0", k.calls)
	}
}

func TestRetentionDefault(t *testing.T) {
	if got := (LogGroupProps{}).retention(); got != 365 {
		t.Errorf("default retention = %d; want 365", got)
	}
	if got := (LogGroupProps{RetentionDays: 7}).retention(); got != 7 {
		t.Errorf("retention(7) = %d; want 7", got)
	}
}
