package rules

import "testing"

func TestS3006Cases(t *testing.T) {
	const bucket = `"aws_s3_bucket": {"logs": {"bucket": "acme-dev-logs"}, "other": {"bucket": "acme-dev-other"}}`
	trail := func(target string) string {
		return `"aws_cloudtrail": {"t": {"name": "acme-dev-trail", "s3_bucket_name": "` + target + `"}}`
	}
	doc := func(parts ...string) string {
		out := `{"resource": {`
		for i, p := range parts {
			if i > 0 {
				out += ", "
			}
			out += p
		}
		return out + `}}`
	}
	runRuleCases(t, "S3006", []ruleCase{
		{"by reference, no logging", doc(bucket, trail("${aws_s3_bucket.logs.id}")), []string{"aws_s3_bucket.logs: CloudTrail logs of aws_cloudtrail.t"}},
		{"by name, no logging", doc(bucket, trail("acme-dev-logs")), []string{"aws_s3_bucket.logs: no server access logging"}},
		{"through the bucket policy", doc(bucket, trail("${aws_s3_bucket_policy.p.bucket}"), `"aws_s3_bucket_policy": {"p": {"bucket": "${aws_s3_bucket.logs.id}", "policy": "{}"}}`), []string{"aws_s3_bucket.logs: no server access logging"}},
		{"logging of another bucket", doc(bucket, trail("${aws_s3_bucket.logs.id}"), `"aws_s3_bucket_logging": {"l": {"bucket": "${aws_s3_bucket.other.id}", "target_bucket": "acme-access-logs"}}`), []string{"aws_s3_bucket.logs: no server access logging"}},
		{"logging by reference", doc(bucket, trail("${aws_s3_bucket.logs.id}"), `"aws_s3_bucket_logging": {"l": {"bucket": "${aws_s3_bucket.logs.id}", "target_bucket": "${aws_s3_bucket.other.id}"}}`), nil},
		{"logging by name", doc(bucket, trail("acme-dev-logs"), `"aws_s3_bucket_logging": {"l": {"bucket": "acme-dev-logs", "target_bucket": "acme-access-logs"}}`), nil},
		{"inline logging", doc(`"aws_s3_bucket": {"logs": {"bucket": "acme-dev-logs", "logging": [{"target_bucket": "acme-access-logs"}]}}`, trail("${aws_s3_bucket.logs.id}")), nil},
		{"bucket outside the stack", doc(bucket, trail("central-org-trail-logs")), nil},
		{"bucket without a trail", doc(bucket), nil},
	})
}
