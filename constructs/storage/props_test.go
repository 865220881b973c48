package storage

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// key is a non-nil placeholder: validation only checks that a key is given.
var key = &encryption.Key{}

func TestBucketPropsValidate(t *testing.T) {
	tests := []struct {
		name  string
		props BucketProps
		want  []string // substrings; none means valid
	}{
		{"defaults with key", BucketProps{Key: key}, nil},
		{"all set", BucketProps{Key: key, Name: "artifacts-2", ForceDestroy: true, NoncurrentVersionExpirationDays: 30, AbortIncompleteMultipartUploadDays: 1}, nil},
		{"nil key", BucketProps{}, []string{"key: must be set"}},
		{"upper-case name", BucketProps{Key: key, Name: "Artifacts"}, []string{`name: "Artifacts" is not a valid S3 bucket name suffix`}},
		{"underscore name", BucketProps{Key: key, Name: "my_bucket"}, []string{`name: "my_bucket"`}},
		{"trailing hyphen", BucketProps{Key: key, Name: "logs-"}, []string{`name: "logs-"`}},
		{"double hyphen", BucketProps{Key: key, Name: "a--b"}, []string{`name: "a--b"`}},
		{"negative noncurrent days", BucketProps{Key: key, NoncurrentVersionExpirationDays: -1}, []string{"noncurrentVersionExpirationDays: -1 is negative"}},
		{"negative multipart days", BucketProps{Key: key, AbortIncompleteMultipartUploadDays: -3}, []string{"abortIncompleteMultipartUploadDays: -3 is negative"}},
		{"every error at once", BucketProps{Name: "X"}, []string{"key: must be set", `name: "X"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errtest.Contains(t, "Validate()", tc.props.Validate(), tc.want...)
		})
	}
}

func TestLogsBucketPropsValidate(t *testing.T) {
	tests := []struct {
		name  string
		props LogsBucketProps
		want  []string
	}{
		{"defaults with key", LogsBucketProps{Key: key}, nil},
		{"custom schedule", LogsBucketProps{Key: key, TransitionToIADays: 30, TransitionToGlacierDays: 60, ExpirationDays: 61}, nil},
		{"nil key", LogsBucketProps{}, []string{"key: must be set"}},
		{"bad name", LogsBucketProps{Key: key, Name: "Logs!"}, []string{`name: "Logs!"`}},
		{"IA below S3 minimum", LogsBucketProps{Key: key, TransitionToIADays: 10}, []string{"transitionToIADays: 10 is too short; S3 requires at least 30 days"}},
		{"glacier too soon after IA", LogsBucketProps{Key: key, TransitionToIADays: 90, TransitionToGlacierDays: 100}, []string{"transitionToGlacierDays: 100 must be at least 30 days after transitionToIADays (90); use 120 or more"}},
		{"glacier before default IA", LogsBucketProps{Key: key, TransitionToGlacierDays: 60}, []string{"transitionToGlacierDays: 60 must be at least 30 days after transitionToIADays (90)"}},
		{"expiry before glacier", LogsBucketProps{Key: key, ExpirationDays: 365}, []string{"expirationDays: 365 must be later than transitionToGlacierDays (365); use 366 or more"}},
		{"negative expiry", LogsBucketProps{Key: key, ExpirationDays: -1}, []string{"expirationDays: -1 is negative"}},
		{"negative noncurrent", LogsBucketProps{Key: key, NoncurrentVersionExpirationDays: -5}, []string{"noncurrentVersionExpirationDays: -5 is negative"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errtest.Contains(t, "Validate()", tc.props.Validate(), tc.want...)
		})
	}
}

func TestDefaultsDoNotModifyProps(t *testing.T) {
	p := LogsBucketProps{Key: key}
	d := p.withDefaults("logs")
	if p.Name != "" || p.ExpirationDays != 0 {
		t.Errorf("withDefaults modified the caller's props: %+v", p)
	}
	if d.Name != "logs" || d.TransitionToIADays != 90 || d.TransitionToGlacierDays != 365 || d.ExpirationDays != 2555 ||
		d.NoncurrentVersionExpirationDays != 90 || d.AbortIncompleteMultipartUploadDays != 7 {
		t.Errorf("withDefaults(%q) = %+v; want name logs and 90/365/2555/90/7 days", "logs", d)
	}
	b := BucketProps{Key: key}.withDefaults("artifacts")
	if b.Name != "artifacts" || b.NoncurrentVersionExpirationDays != 90 || b.AbortIncompleteMultipartUploadDays != 7 || b.ForceDestroy {
		t.Errorf("BucketProps.withDefaults = %+v; want name artifacts, 90/7 days, no force destroy", b)
	}
}
