package storage

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
)

// Lifecycle defaults.
const (
	// DefaultNoncurrentVersionExpirationDays is how long replaced or deleted
	// object versions are kept.
	DefaultNoncurrentVersionExpirationDays = 90
	// DefaultAbortIncompleteMultipartUploadDays is when unfinished multipart
	// uploads are removed.
	DefaultAbortIncompleteMultipartUploadDays = 7
	// DefaultLogsTransitionToIADays moves log objects to STANDARD_IA.
	DefaultLogsTransitionToIADays = 90
	// DefaultLogsTransitionToGlacierDays moves log objects to GLACIER.
	DefaultLogsTransitionToGlacierDays = 365
	// DefaultLogsExpirationDays deletes log objects after about seven years
	// (2555 days), a common audit retention requirement.
	DefaultLogsExpirationDays = 2555
)

// BucketProps configures a secure general-purpose bucket.
type BucketProps struct {
	// Name is the bucket name suffix: the bucket is named
	// "{company}-{environment}-{Name}" (3-63 lower-case letters, digits and
	// hyphens in all). Default: the construct id.
	Name string
	// Key encrypts every object (SSE-KMS with an S3 bucket key). Required.
	Key *encryption.Key
	// ForceDestroy lets `terraform destroy` delete the bucket while it still
	// holds objects, deleting them too. Default: false (destroy fails on a
	// non-empty bucket, so data is never deleted by accident). Use it only for
	// throw-away environments.
	ForceDestroy bool
	// NoncurrentVersionExpirationDays deletes object versions this many days
	// after they stop being current. Default: 90.
	NoncurrentVersionExpirationDays int
	// AbortIncompleteMultipartUploadDays removes unfinished multipart uploads
	// this many days after they start. Default: 7.
	AbortIncompleteMultipartUploadDays int
}

// Validate reports every problem with the props, each error naming the field.
func (p BucketProps) Validate() error {
	return errors.Join(
		validateSuffix(p.Name),
		validateKey(p.Key),
		validateDays("noncurrentVersionExpirationDays", p.NoncurrentVersionExpirationDays, 1),
		validateDays("abortIncompleteMultipartUploadDays", p.AbortIncompleteMultipartUploadDays, 1),
	)
}

func (p BucketProps) withDefaults(id string) BucketProps {
	if p.Name == "" {
		p.Name = id
	}
	if p.NoncurrentVersionExpirationDays == 0 {
		p.NoncurrentVersionExpirationDays = DefaultNoncurrentVersionExpirationDays
	}
	if p.AbortIncompleteMultipartUploadDays == 0 {
		p.AbortIncompleteMultipartUploadDays = DefaultAbortIncompleteMultipartUploadDays
	}
	return p
}

// LogsBucketProps configures a bucket that receives CloudTrail and AWS Config
// logs. Current log objects move to STANDARD_IA, then GLACIER, then expire.
type LogsBucketProps struct {
	// Name is the bucket name suffix ("{company}-{environment}-{Name}").
	// Default: the construct id.
	Name string
	// Key encrypts every object (SSE-KMS with an S3 bucket key). Required.
	Key *encryption.Key
	// ForceDestroy lets `terraform destroy` delete a non-empty bucket and its
	// logs. Default: false. Never set it where logs are evidence.
	ForceDestroy bool
	// TransitionToIADays moves objects to STANDARD_IA after this many days
	// (at least 30, an S3 rule). Default: 90.
	TransitionToIADays int
	// TransitionToGlacierDays moves objects to GLACIER after this many days;
	// at least 30 days after TransitionToIADays. Default: 365.
	TransitionToGlacierDays int
	// ExpirationDays deletes objects after this many days; later than
	// TransitionToGlacierDays. Default: 2555 (about seven years).
	ExpirationDays int
	// NoncurrentVersionExpirationDays deletes replaced versions after this
	// many days. Default: 90.
	NoncurrentVersionExpirationDays int
	// AbortIncompleteMultipartUploadDays removes unfinished multipart uploads.
	// Default: 7.
	AbortIncompleteMultipartUploadDays int
}

// Validate reports every problem with the props, each error naming the field.
func (p LogsBucketProps) Validate() error {
	errs := []error{
		validateSuffix(p.Name),
		validateKey(p.Key),
		validateDays("transitionToIADays", p.TransitionToIADays, 30),
		validateDays("transitionToGlacierDays", p.TransitionToGlacierDays, 1),
		validateDays("expirationDays", p.ExpirationDays, 1),
		validateDays("noncurrentVersionExpirationDays", p.NoncurrentVersionExpirationDays, 1),
		validateDays("abortIncompleteMultipartUploadDays", p.AbortIncompleteMultipartUploadDays, 1),
	}
	d := p.withDefaults("x")
	if d.TransitionToIADays >= 30 && d.TransitionToGlacierDays > 0 && d.TransitionToGlacierDays < d.TransitionToIADays+30 {
		errs = append(errs, fmt.Errorf("transitionToGlacierDays: %d must be at least 30 days after transitionToIADays (%d); use %d or more", d.TransitionToGlacierDays, d.TransitionToIADays, d.TransitionToIADays+30))
	}
	if d.ExpirationDays > 0 && d.TransitionToGlacierDays > 0 && d.ExpirationDays <= d.TransitionToGlacierDays {
		errs = append(errs, fmt.Errorf("expirationDays: %d must be later than transitionToGlacierDays (%d); use %d or more", d.ExpirationDays, d.TransitionToGlacierDays, d.TransitionToGlacierDays+1))
	}
	return errors.Join(errs...)
}

func (p LogsBucketProps) withDefaults(id string) LogsBucketProps {
	if p.Name == "" {
		p.Name = id
	}
	if p.TransitionToIADays == 0 {
		p.TransitionToIADays = DefaultLogsTransitionToIADays
	}
	if p.TransitionToGlacierDays == 0 {
		p.TransitionToGlacierDays = DefaultLogsTransitionToGlacierDays
	}
	if p.ExpirationDays == 0 {
		p.ExpirationDays = DefaultLogsExpirationDays
	}
	if p.NoncurrentVersionExpirationDays == 0 {
		p.NoncurrentVersionExpirationDays = DefaultNoncurrentVersionExpirationDays
	}
	if p.AbortIncompleteMultipartUploadDays == 0 {
		p.AbortIncompleteMultipartUploadDays = DefaultAbortIncompleteMultipartUploadDays
	}
	return p
}

var suffixPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9]|-[a-z0-9])*$`)

// validateSuffix checks a bucket name suffix; "" means the default (the id).
func validateSuffix(name string) error {
	if name == "" {
		return nil
	}
	if !suffixPattern.MatchString(name) {
		return fmt.Errorf("name: %q is not a valid S3 bucket name suffix; use lower-case letters, digits and single hyphens, not starting or ending with a hyphen", name)
	}
	return nil
}

func validateKey(k *encryption.Key) error {
	if k == nil {
		return errors.New("key: must be set; create a customer managed key with encryption.NewKey and pass it")
	}
	return nil
}

// validateDays accepts 0 (the default) or a value >= min.
func validateDays(field string, v, min int) error {
	if v == 0 || v >= min {
		return nil
	}
	if v < 0 {
		return fmt.Errorf("%s: %d is negative; leave it 0 for the default or use a number of days >= %d", field, v, min)
	}
	return fmt.Errorf("%s: %d is too short; S3 requires at least %d days", field, v, min)
}
