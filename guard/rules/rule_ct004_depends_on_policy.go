package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "CT004",
		Title:    "trail does not depend on its bucket policy",
		Severity: engine.Error,
		Doc: "The trail references the bucket, and so does the bucket policy, but nothing orders the policy " +
			"before the trail: Terraform creates them in parallel and CloudTrail fails with " +
			"InsufficientS3BucketPolicyException when it wins the race. Add depends_on (direct or transitive).",
		Check: func(p *engine.Pass) {
			s := p.Stack
			g := s.Graph()
			for _, trail := range s.OfType("aws_cloudtrail") {
				bucket := bucketOfTrail(s, trail)
				if bucket == nil {
					continue
				}
				for _, pol := range s.Linked("aws_s3_bucket_policy", "bucket", bucket, "bucket") {
					if !g.DependsOn(trail.Address, pol.Address) {
						p.Reportf(trail, "add depends_on = [\""+pol.Address+"\"] to the trail",
							"trail does not depend on %s, the policy of its bucket %s; the trail may be created first and fail with InsufficientS3BucketPolicyException", pol.Address, bucket.Address)
					}
				}
			}
		},
	})
}
