// Package storage creates hardened S3 buckets.
//
// Bucket is a secure general-purpose bucket (for example Lambda artifacts);
// LogsBucket adds log-archive lifecycle rules and the bucket-policy statements
// CloudTrail and AWS Config need to deliver to it.
//
// Every bucket gets, with no option to turn them off: versioning (never MFA
// delete, which Terraform cannot manage), SSE-KMS with a customer managed key
// and an S3 bucket key, all four public-access-block flags, BucketOwnerEnforced
// object ownership, a TLS-only Deny statement in the bucket policy,
// lifecycle rules that expire noncurrent versions and abort incomplete
// multipart uploads, and S3 server access logging (CIS AWS 3.6) into the
// stack's AccessLogsBucket. That bucket is made once per stack, under the
// stack as "access-logs" (NewAccessLogsBucket to choose its settings, or
// lazily by the first bucket with the defaults); it is SSE-S3, because S3
// cannot deliver access logs to an SSE-KMS bucket, expires its logs (365
// days by default), admits logging.s3.amazonaws.com only for this account's
// listed source buckets, and is not logged itself. Resources are ordered bucket -> public access block ->
// bucket policy, so the policy is never written before public access is blocked.
package storage
