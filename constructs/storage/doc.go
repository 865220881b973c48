// Package storage creates hardened S3 buckets.
//
// Bucket is a secure general-purpose bucket (for example Lambda artifacts);
// LogsBucket adds log-archive lifecycle rules and the bucket-policy statements
// CloudTrail and AWS Config need to deliver to it.
//
// Every bucket gets, with no option to turn them off: versioning (never MFA
// delete, which Terraform cannot manage), SSE-KMS with a customer managed key
// and an S3 bucket key, all four public-access-block flags, BucketOwnerEnforced
// object ownership, a TLS-only Deny statement in the bucket policy, and
// lifecycle rules that expire noncurrent versions and abort incomplete
// multipart uploads. Resources are ordered bucket -> public access block ->
// bucket policy, so the policy is never written before public access is blocked.
package storage
