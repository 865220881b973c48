package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "S3006",
		Title:    "CloudTrail bucket without server access logging",
		Severity: engine.Warning,
		Doc: "The bucket a trail writes to (aws_cloudtrail.s3_bucket_name naming a bucket declared in the stack, by " +
			"reference or by name) has no server access logging: no aws_s3_bucket_logging for it and no inline " +
			"logging block. Why: CIS AWS Foundations 3.6 (Security Hub CloudTrail.7); without it nobody can tell who " +
			"read or deleted the audit logs. Fix: add aws_s3_bucket_logging with bucket = the trail bucket and " +
			"target_bucket = an access-logs bucket (SSE-S3, its policy admitting logging.s3.amazonaws.com with " +
			"aws:SourceAccount and the source bucket ARNs). Trails writing to buckets outside the stack are not judged.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			seen := map[*engine.Resource]bool{}
			for _, tr := range s.OfType("aws_cloudtrail") {
				b := bucketOfTrail(s, tr)
				if b == nil || seen[b] {
					continue
				}
				seen[b] = true
				if hasAccessLogging(s, b) {
					continue
				}
				p.Reportf(b, "add aws_s3_bucket_logging with bucket = this bucket and target_bucket = an access-logs bucket (CIS AWS Foundations 3.6)",
					"bucket receives the CloudTrail logs of %s but has no server access logging", tr.Address)
			}
		},
	})
}

// hasAccessLogging reports whether a bucket has server access logging: an
// inline logging block with a target bucket, or an aws_s3_bucket_logging for it.
func hasAccessLogging(s *engine.Stack, b *engine.Resource) bool {
	for _, l := range engine.Blocks(b.Body["logging"]) {
		if engine.Str(l["target_bucket"]) != "" {
			return true
		}
	}
	for _, l := range s.Linked("aws_s3_bucket_logging", "bucket", b, "bucket") {
		if engine.Str(l.Body["target_bucket"]) != "" {
			return true
		}
	}
	return false
}
