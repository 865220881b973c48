package e2e

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
)

// TestDeployMinimal proves the machinery on a hand-written stack: apply
// (including an object upload under a TLS-only bucket policy, which needs the
// bucket policy gap), SDK access to the emulator, a zero-change re-plan,
// destroy and an empty state.
func TestDeployMinimal(t *testing.T) {
	fig := emulator.Run(t, "testdata/minimal", emulator.Options{
		AfterApply: func(t testing.TB, d *emulator.Deployed) {
			ctx := context.Background()
			if got := len(d.Resources("aws_s3_object")); got != 1 {
				t.Fatalf("state: %d aws_s3_object; want 1", got)
			}
			out, err := s3.NewFromConfig(sdkConfig(d), func(o *s3.Options) { o.UsePathStyle = true }).
				HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("acme-test-deploytest-minimal"), Key: aws.String("README.txt")})
			if err != nil {
				t.Fatalf("s3 HeadObject acme-test-deploytest-minimal/README.txt: %v", err)
			}
			if out.ContentLength == nil || *out.ContentLength == 0 {
				t.Errorf("s3 object README.txt: empty; want the uploaded content")
			}
			keys := d.Resources("aws_kms_key")
			if len(keys) != 1 {
				t.Fatalf("state: %d aws_kms_key; want 1", len(keys))
			}
			id, _ := keys[0].AttributeValues["key_id"].(string)
			rot, err := kms.NewFromConfig(sdkConfig(d)).GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(id)})
			if err != nil {
				t.Fatalf("kms GetKeyRotationStatus %s: %v", id, err)
			}
			if !rot.KeyRotationEnabled {
				t.Errorf("%s: key rotation disabled; want enabled", keys[0].Address)
			}
		},
	})
	if !t.Skipped() && fig.Resources != 6 {
		t.Errorf("deploy minimal: %d resources applied; want 6", fig.Resources)
	}
}
