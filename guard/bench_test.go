package guard

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchStack writes a Terraform JSON stack of n buckets, each with the
// resources that make it pass the bucket rules (versioning, public access
// block, encryption, a TLS-only bucket policy referring to it) plus a log
// group, and returns its path and size. The bucket rules look each
// bucket's companions up, so this is where quadratic time would show.
func benchStack(b *testing.B, n int) (string, int64) {
	b.Helper()
	var buf bytes.Buffer
	buf.WriteString(`{"data": {"aws_caller_identity": {"c": {}}, "aws_partition": {"p": {}}},` + "\n" + `"resource": {`)
	section := func(typ string, body func(i int) string) {
		fmt.Fprintf(&buf, "%q: {\n", typ)
		for i := 0; i < n; i++ {
			if i > 0 {
				buf.WriteString(",\n")
			}
			fmt.Fprintf(&buf, "  \"b%d\": %s", i, body(i))
		}
		buf.WriteString("}")
	}
	section("aws_s3_bucket", func(i int) string {
		return fmt.Sprintf(`{"bucket": "acme-dev-data-%d", "tags": {"Name": "acme-dev-data-%d", "Environment": "dev"}, "//": {"metadata": {"path": "acme-dev/data%d/bucket"}}}`, i, i, i)
	})
	buf.WriteString(",\n")
	section("aws_s3_bucket_versioning", func(i int) string {
		return fmt.Sprintf(`{"bucket": "${aws_s3_bucket.b%d.id}", "versioning_configuration": {"status": "Enabled"}}`, i)
	})
	buf.WriteString(",\n")
	section("aws_s3_bucket_public_access_block", func(i int) string {
		return fmt.Sprintf(`{"bucket": "${aws_s3_bucket.b%d.id}", "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}`, i)
	})
	buf.WriteString(",\n")
	section("aws_s3_bucket_server_side_encryption_configuration", func(i int) string {
		return fmt.Sprintf(`{"bucket": "${aws_s3_bucket.b%d.id}", "rule": [{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": "alias/data"}, "bucket_key_enabled": true}]}`, i)
	})
	buf.WriteString(",\n")
	section("aws_s3_bucket_policy", func(i int) string {
		return fmt.Sprintf(`{"bucket": "${aws_s3_bucket.b%d.id}", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TLSOnly\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"${aws_s3_bucket.b%d.arn}\",\"${aws_s3_bucket.b%d.arn}/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}},{\"Sid\":\"Account\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.c.account_id}:root\"},\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"${aws_s3_bucket.b%d.arn}/*\"}]}"}`, i, i, i, i)
	})
	buf.WriteString(",\n")
	section("aws_cloudwatch_log_group", func(i int) string {
		return fmt.Sprintf(`{"name": "/acme/dev/app-%d", "retention_in_days": 365, "kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/%08d-0000-0000-0000-000000000000"}`, i, i)
	})
	buf.WriteString("}}\n")
	dir := os.Getenv("GUARD_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("buckets-%d.tf.json", n))
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path, int64(buf.Len())
}

// benchCheck checks the generated stack b.N times and fails on any finding
// (the stack is built to pass), so the figures are for a full, clean run.
func benchCheck(b *testing.B, n int) {
	path, size := benchStack(b, n)
	b.SetBytes(size)
	b.ReportMetric(float64(size)/(1<<20), "MiB/stack")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := CheckFile(path, Options{Now: testNow})
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Findings) != 0 {
			b.Fatalf("%d findings on the generated stack, e.g. %s", len(rep.Findings), rep.Findings[0])
		}
	}
}

// BenchmarkBuckets5000: 5,000 buckets with their policies (about 7 MB).
func BenchmarkBuckets5000(b *testing.B) { benchCheck(b, 5000) }

// BenchmarkStack4MB: about 4 MB of buckets and companions.
func BenchmarkStack4MB(b *testing.B) { benchCheck(b, 2900) }

// BenchmarkStack20MB: about 20 MB (skipped with -short).
func BenchmarkStack20MB(b *testing.B) {
	if testing.Short() {
		b.Skip("20 MB stack")
	}
	benchCheck(b, 14400)
}

// BenchmarkStack50MB: about 50 MB (skipped with -short).
func BenchmarkStack50MB(b *testing.B) {
	if testing.Short() {
		b.Skip("50 MB stack")
	}
	benchCheck(b, 36000)
}
