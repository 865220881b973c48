package compute

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/isnil"
)

// ArtifactBucket is the S3 bucket packaged code is uploaded to, e.g. a
// *storage.Bucket. Name is the bucket name, Arn its ARN.
type ArtifactBucket interface {
	Name() string
	Arn() string
}

// Code is where a function's code comes from: always an S3 object. Build it
// with CodeFromAsset or CodeFromS3Object; the zero value is invalid.
type Code struct {
	// asset form
	dir    string
	bucket ArtifactBucket
	// existing-object form
	s3Bucket, s3Key, s3Version string
}

// CodeFromAsset packages the source folder dir at synth time into a
// deterministic zip, copies it into the stack's assets and uploads it to
// bucket as "lambda/<function name>/<sha256>.zip". dir is relative to the
// working directory (the project root under cdktf synth) or absolute.
func CodeFromAsset(dir string, bucket ArtifactBucket) Code {
	return Code{dir: dir, bucket: bucket}
}

// CodeFromS3Object uses an object that already exists. version is the
// object's version id: required, so that uploading new code under the same
// key redeploys the function and nothing drifts.
func CodeFromS3Object(bucket, key, version string) Code {
	return Code{s3Bucket: bucket, s3Key: key, s3Version: version}
}

// IsAsset reports whether the code is a packaged source folder.
func (c Code) IsAsset() bool { return c.dir != "" || c.bucket != nil }

// Dir is the source folder of an asset ("" otherwise).
func (c Code) Dir() string { return c.dir }

func isToken(s string) bool { return strings.Contains(s, "${") }

// validate checks the code's form; the handler is checked against the files
// of an asset by FunctionProps.Validate.
func (c Code) validate() error {
	switch {
	case c.IsAsset():
		var errs []error
		if c.dir == "" {
			errs = append(errs, errors.New("code: source folder is empty; pass the folder holding the handler to CodeFromAsset"))
		}
		if isnil.Is(c.bucket) {
			errs = append(errs, errors.New("code: artifact bucket is nil; pass the bucket the package is uploaded to"))
		}
		return errors.Join(errs...)
	case c.s3Bucket == "" && c.s3Key == "" && c.s3Version == "":
		return errors.New("code: must be set; use compute.CodeFromAsset(dir, bucket) or compute.CodeFromS3Object(bucket, key, version)")
	}
	var errs []error
	if c.s3Bucket == "" {
		errs = append(errs, errors.New("code: S3 bucket must not be empty"))
	} else if isToken(c.s3Bucket) {
		if err := tfexpr.Check("code: S3 bucket", c.s3Bucket); err != nil {
			errs = append(errs, err)
		}
	} else {
		if err := naming.S3Bucket.Check(c.s3Bucket); err != nil {
			errs = append(errs, fmt.Errorf("code: S3 bucket: %w", err))
		}
	}
	switch {
	case c.s3Key == "":
		errs = append(errs, errors.New("code: S3 key must not be empty; pass the key of the zip"))
	case strings.HasPrefix(c.s3Key, "/"):
		errs = append(errs, fmt.Errorf("code: S3 key %q must not start with '/'", c.s3Key))
	case len(c.s3Key) > 1024:
		errs = append(errs, fmt.Errorf("code: S3 key is %d bytes; S3 allows at most 1024", len(c.s3Key)))
	}
	if c.s3Version == "" {
		errs = append(errs, errors.New("code: S3 object version must not be empty; pass the version id so a new upload redeploys the function (the bucket must have versioning), or use CodeFromAsset"))
	}
	return errors.Join(errs...)
}
