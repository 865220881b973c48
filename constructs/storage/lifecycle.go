package storage

import (
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketlifecycleconfiguration"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

type lc = s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRule

// lifecycleRule is one rule applying to every object in the bucket.
type lifecycleRule struct {
	id    string
	apply func(r *lc)
}

func expireNoncurrent(days int) lifecycleRule {
	return lifecycleRule{"expire-noncurrent-versions", func(r *lc) {
		r.NoncurrentVersionExpiration = &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration{
			{NoncurrentDays: num(days)},
		}
	}}
}

// expireCurrent deletes current objects days after they are written.
func expireCurrent(days int) lifecycleRule {
	return lifecycleRule{"expire-objects", func(r *lc) {
		r.Expiration = &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleExpiration{
			{Days: num(days)},
		}
	}}
}

func abortMultipart(days int) lifecycleRule {
	return lifecycleRule{"abort-incomplete-multipart-uploads", func(r *lc) {
		r.AbortIncompleteMultipartUpload = &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload{
			{DaysAfterInitiation: num(days)},
		}
	}}
}

// archive moves current objects to STANDARD_IA, then GLACIER, then expires them.
func archive(iaDays, glacierDays, expireDays int) lifecycleRule {
	return lifecycleRule{"archive-and-expire", func(r *lc) {
		r.Transition = &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleTransition{
			{Days: num(iaDays), StorageClass: str("STANDARD_IA")},
			{Days: num(glacierDays), StorageClass: str("GLACIER")},
		}
		r.Expiration = &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleExpiration{
			{Days: num(expireDays)},
		}
	}}
}

// addLifecycle creates the bucket's lifecycle configuration. It depends on
// the versioning resource, as the provider requires for noncurrent-version rules.
func (b *Bucket) addLifecycle(rules []lifecycleRule) error {
	return stack.Catch(func() {
		list := make([]*lc, 0, len(rules))
		for _, rule := range rules {
			r := &lc{
				Id:     str(rule.id),
				Status: str("Enabled"),
				// An explicit empty prefix: the rule applies to every object.
				Filter: &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleFilter{{Prefix: str("")}},
			}
			rule.apply(r)
			list = append(list, r)
		}
		s3bucketlifecycleconfiguration.NewS3BucketLifecycleConfiguration(b.node, str("lifecycle"), &s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationConfig{
			Bucket:    str(b.id),
			Rule:      &list,
			DependsOn: &[]cdktf.ITerraformDependable{b.versioning},
		})
	})
}

func num(n int) *float64 { f := float64(n); return &f }
