package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "CT001",
		Title:    "CloudTrail bucket policy does not let CloudTrail write",
		Severity: engine.Error,
		Doc: "CloudTrail checks the bucket policy when the trail is created and fails with " +
			"InsufficientS3BucketPolicyException unless it allows cloudtrail.amazonaws.com s3:GetBucketAcl on the " +
			"bucket and s3:PutObject with the condition s3:x-amz-acl = bucket-owner-full-control. The trail's " +
			"s3_bucket_name must resolve to a bucket declared in the stack (by reference or by literal name); " +
			"buckets outside the stack and undecodable policies are not judged.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, trail := range s.OfType("aws_cloudtrail") {
				bucket := bucketOfTrail(s, trail)
				if bucket == nil {
					continue
				}
				srcs, known := bucketPolicies(s, bucket)
				if !known {
					continue
				}
				fix := "attach an aws_s3_bucket_policy to " + bucket.Address + " allowing Service cloudtrail.amazonaws.com " +
					"s3:GetBucketAcl on the bucket ARN and s3:PutObject on <bucket ARN>/AWSLogs/<account>/* with " +
					"StringEquals s3:x-amz-acl = bucket-owner-full-control, both with aws:SourceArn = the trail ARN"
				if len(srcs) == 0 {
					p.Reportf(bucket, fix, "bucket is the log bucket of %s but has no bucket policy, so CloudTrail cannot write to it and the trail fails to create", trail.Address)
					continue
				}
				var acl, put, putACL bool
				for _, st := range statements(srcs) {
					if !st.Allow() || !st.HasService(cloudTrailService(s)) {
						continue
					}
					acl = acl || st.AllowsAction("s3:GetBucketAcl")
					if st.AllowsAction("s3:PutObject") {
						put = true
						for _, c := range st.Cond("s3:x-amz-acl") {
							for _, v := range c.Values {
								putACL = putACL || v == "bucket-owner-full-control"
							}
						}
					}
				}
				var missing []string
				if !acl {
					missing = append(missing, "s3:GetBucketAcl for cloudtrail.amazonaws.com")
				}
				if !put {
					missing = append(missing, "s3:PutObject for cloudtrail.amazonaws.com")
				} else if !putACL {
					missing = append(missing, "the s3:x-amz-acl = bucket-owner-full-control condition on PutObject")
				}
				if len(missing) > 0 {
					p.Reportf(srcs[0].holder, fix, "policy of %s (log bucket of %s) lacks %s; CloudTrail will fail with InsufficientS3BucketPolicyException",
						bucket.Address, trail.Address, strings.Join(missing, " and "))
				}
			}
		},
	})
}
