package storage

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucket"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketownershipcontrols"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketpublicaccessblock"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketserversideencryptionconfiguration"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketversioning"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Bucket is a hardened S3 bucket: versioned, SSE-KMS encrypted, private,
// owner-enforced, TLS-only, with lifecycle rules.
type Bucket struct {
	node     constructs.Construct
	fullName string
	// Terraform references to the bucket's attributes.
	name, arn, id string
	aws           *awscontext.Context
	key           *encryption.Key

	bucket s3bucket.S3Bucket
	policy s3bucketpolicy.S3BucketPolicy
	// versioning is what the lifecycle configuration depends on.
	versioning s3bucketversioning.S3BucketVersioningA
	deps       []cdktf.ITerraformDependable

	// service returns the statements a specialised bucket (LogsBucket) adds.
	service func() []policy.Statement
	extra   []policy.Statement
	readers int
	// accessLogs receives this bucket's server access logs (nil for the
	// access-logs bucket itself).
	accessLogs *AccessLogsBucket
}

// NewBucket creates a secure general-purpose bucket named
// "{company}-{environment}-{props.Name}".
func NewBucket(scope constructs.Construct, id string, props BucketProps) (*Bucket, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.withDefaults(id)
	b, err := newBucket(scope, id, p.Name, p.Key, p.ForceDestroy)
	if err != nil {
		return nil, err
	}
	rules := []lifecycleRule{expireNoncurrent(p.NoncurrentVersionExpirationDays), abortMultipart(p.AbortIncompleteMultipartUploadDays)}
	if err := b.addLifecycle(rules); err != nil {
		return nil, err
	}
	if err := b.logInto(); err != nil {
		return nil, err
	}
	return b, nil
}

// newBucket validates the full name and creates every hardening resource
// plus the bucket policy holding the TLS-only Deny statement. A nil key
// means SSE-S3 (AES256), for the access-logs bucket only.
func newBucket(scope constructs.Construct, id, suffix string, key *encryption.Key, forceDestroy bool) (*Bucket, error) {
	if id == "" {
		return nil, fmt.Errorf("id: must not be empty; name the bucket construct, e.g. %q", "artifacts")
	}
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	if err := encryption.CheckRegion("key", key, st.RegionName, "a bucket"); err != nil {
		return nil, err
	}
	full, err := st.Name(naming.S3Bucket, suffix)
	if err != nil {
		return nil, err
	}
	if err := st.Claim(naming.S3Bucket, full, scope, id); err != nil {
		return nil, err
	}
	b := &Bucket{fullName: full, aws: st.AWS, key: key}
	if cerr := stack.Catch(func() {
		b.node = st.NewNode(scope, id)
		b.bucket = s3bucket.NewS3Bucket(b.node, str("bucket"), &s3bucket.S3BucketConfig{
			Bucket:       str(full),
			ForceDestroy: forceDestroy,
		})
		bucketID := b.bucket.Id()
		b.name, b.arn, b.id = *b.bucket.Bucket(), *b.bucket.Arn(), *bucketID
		versioning := s3bucketversioning.NewS3BucketVersioningA(b.node, str("versioning"), &s3bucketversioning.S3BucketVersioningAConfig{
			Bucket: bucketID,
			// MFA delete is never set: Terraform cannot manage it (it needs the
			// root user's MFA device on every call).
			VersioningConfiguration: &s3bucketversioning.S3BucketVersioningVersioningConfiguration{Status: str("Enabled")},
		})
		sse := s3bucketserversideencryptionconfiguration.NewS3BucketServerSideEncryptionConfigurationA(b.node, str("encryption"),
			&s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationAConfig{
				Bucket: bucketID,
				Rule:   []*s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleA{sseRule(key)},
			})
		pab := s3bucketpublicaccessblock.NewS3BucketPublicAccessBlock(b.node, str("public-access-block"), &s3bucketpublicaccessblock.S3BucketPublicAccessBlockConfig{
			Bucket:                bucketID,
			BlockPublicAcls:       true,
			BlockPublicPolicy:     true,
			IgnorePublicAcls:      true,
			RestrictPublicBuckets: true,
		})
		ownership := s3bucketownershipcontrols.NewS3BucketOwnershipControls(b.node, str("ownership"), &s3bucketownershipcontrols.S3BucketOwnershipControlsConfig{
			Bucket: bucketID,
			Rule:   &s3bucketownershipcontrols.S3BucketOwnershipControlsRule{ObjectOwnership: str("BucketOwnerEnforced")},
		})
		js, perr := b.policyJSON()
		if perr != nil {
			err = perr
			return
		}
		b.policy = s3bucketpolicy.NewS3BucketPolicy(b.node, str("policy"), &s3bucketpolicy.S3BucketPolicyConfig{
			Bucket:    bucketID,
			Policy:    str(js),
			DependsOn: &[]cdktf.ITerraformDependable{pab},
		})
		b.versioning = versioning
		b.deps = []cdktf.ITerraformDependable{pab, b.policy, versioning, sse, ownership}
	}); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, err
	}
	return b, nil
}

// sseRule is SSE-KMS with key and an S3 bucket key, or SSE-S3 without a key.
func sseRule(key *encryption.Key) *s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleA {
	if key == nil {
		return &s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleA{
			ApplyServerSideEncryptionByDefault: &s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA{
				SseAlgorithm: str("AES256"),
			},
		}
	}
	return &s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleA{
		ApplyServerSideEncryptionByDefault: &s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA{
			SseAlgorithm:   str("aws:kms"),
			KmsMasterKeyId: str(key.Arn()),
		},
		BucketKeyEnabled: true,
	}
}

// Name is the bucket's name (a reference to aws_s3_bucket.bucket).
func (b *Bucket) Name() string { return b.name }

// FullName is the deterministic bucket name as plain text,
// "{company}-{environment}-{name}".
func (b *Bucket) FullName() string { return b.fullName }

// Arn is the bucket's ARN (a reference).
func (b *Bucket) Arn() string { return b.arn }

// ID is the bucket's Terraform id (its name, as a reference).
func (b *Bucket) ID() string { return b.id }

// KeyArn is the ARN of the KMS key that encrypts the bucket's objects (a
// Terraform reference); ""
// for the access-logs bucket (SSE-S3).
func (b *Bucket) KeyArn() string {
	if b.key == nil {
		return ""
	}
	return b.key.Arn()
}

// Key is the KMS key that encrypts the bucket's objects; nil for the
// access-logs bucket (SSE-S3).
func (b *Bucket) Key() *encryption.Key { return b.key }

// Construct is the bucket's construct node; its resources live under it.
func (b *Bucket) Construct() constructs.Construct { return b.node }

// PolicyDependable is the bucket policy resource, for the depends_on of a
// service that checks the policy when it is configured (e.g. a GuardDuty
// publishing destination).
func (b *Bucket) PolicyDependable() cdktf.ITerraformDependable { return b.policy }

// DependsOnTargets lists what a resource writing to the bucket must depend
// on: the public access block, the bucket policy, versioning, encryption and
// ownership controls, so nothing lands in the bucket before it is hardened
// and nothing (CloudTrail, AWS Config) is created before the policy lets it deliver.
func (b *Bucket) DependsOnTargets() []cdktf.ITerraformDependable {
	return append([]cdktf.ITerraformDependable(nil), b.deps...)
}

func str(s string) *string { return &s }
