package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "CT002",
		Title:    "aws:SourceArn does not match the declared trail",
		Severity: engine.Error,
		Doc: "A CloudTrail statement (principal cloudtrail.amazonaws.com) in a bucket or KMS key policy whose " +
			"aws:SourceArn or kms:EncryptionContext:aws:cloudtrail:arn condition names a trail that is not declared: " +
			"the ARN must be arn:<partition>:cloudtrail:<region>:<account>:trail/<name> where <name> equals the name " +
			"of an aws_cloudtrail in the stack. Partition, region and account may be tokens " +
			"(${data.aws_partition.x.partition}, ${data.aws_region.x.name}, ${data.aws_caller_identity.x.account_id}); " +
			"ArnLike/StringLike wildcards are honoured. A mismatch makes CloudTrail fail to create or to deliver logs. " +
			"Stacks without a trail are not judged.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			if len(s.OfType("aws_cloudtrail")) == 0 {
				return
			}
			check := func(src policySource, what string) {
				if src.policy == nil {
					return
				}
				for _, st := range src.policy.Statements {
					if !st.HasService(cloudTrailService(s)) {
						continue
					}
					for _, c := range st.Conditions {
						k := strings.ToLower(c.Key)
						if k != "aws:sourcearn" && k != "kms:encryptioncontext:aws:cloudtrail:arn" {
							continue
						}
						if strings.Contains(strings.ToLower(c.Operator), "not") || strings.EqualFold(c.Operator, "Null") {
							continue // a negated condition names what is excluded
						}
						for _, v := range c.Values {
							if prob := trailARNProblem(s, v, isLikeOperator(c.Operator)); prob != "" {
								p.Reportf(src.holder, "build the ARN from the trail's fixed name: arn:${data.aws_partition.X.partition}:cloudtrail:${data.aws_region.X.name}:${data.aws_caller_identity.X.account_id}:trail/<aws_cloudtrail name>",
									"%s: %s %s %s = %q %s", what, st, c.Operator, c.Key, v, prob)
							}
						}
					}
				}
			}
			for _, b := range s.OfType("aws_s3_bucket") {
				srcs, _ := bucketPolicies(s, b)
				for _, src := range srcs {
					check(src, "bucket policy of "+b.Address)
				}
			}
			for _, k := range s.OfType("aws_kms_key") {
				srcs, _ := keyPolicies(s, k)
				for _, src := range srcs {
					check(src, "key policy of "+k.Address)
				}
			}
		},
	})
}
