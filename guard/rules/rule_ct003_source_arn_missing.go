package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "CT003",
		Title:    "CloudTrail bucket statement without aws:SourceArn",
		Severity: engine.Warning,
		Doc: "An Allow statement for cloudtrail.amazonaws.com in a bucket policy without an aws:SourceArn " +
			"condition lets any trail in any account write to the bucket (confused deputy). Restrict it to the " +
			"trail's ARN.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, b := range s.OfType("aws_s3_bucket") {
				srcs, _ := bucketPolicies(s, b)
				for _, src := range srcs {
					if src.policy == nil {
						continue
					}
					for _, st := range src.policy.Statements {
						if !st.Allow() || !st.HasService(cloudTrailService(s)) || len(st.Cond("aws:SourceArn")) > 0 {
							continue
						}
						p.Reportf(src.holder, "add Condition StringEquals aws:SourceArn = arn:<partition>:cloudtrail:<region>:<account>:trail/<trail name>",
							"bucket policy of %s: %s allows cloudtrail.amazonaws.com without an aws:SourceArn condition, so any account's trail can write to the bucket", b.Address, st)
					}
				}
			}
		},
	})
}
