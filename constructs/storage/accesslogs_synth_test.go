package storage

import (
	"slices"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

func TestAccessLogsBucketIsHardenedSSES3AndNotLogged(t *testing.T) {
	d := synth.Get(t).Stack(t, "acme-dev")
	name, b := d.ByPath(t, "aws_s3_bucket", "acme-dev/access-logs/bucket")
	addr := "aws_s3_bucket." + name
	testkit.Equal(t, addr, b, "bucket", "acme-dev-access-logs")
	testkit.Equal(t, addr, b, "force_destroy", false)
	bucketRef := testkit.Ref("aws_s3_bucket", name, "id")
	linked := func(typ string) (string, map[string]any) {
		t.Helper()
		for n, r := range d.Resources(typ) {
			if r["bucket"] == bucketRef {
				return typ + "." + n, r
			}
		}
		t.Fatalf("%s: no %s", addr, typ)
		return "", nil
	}
	a, sse := linked("aws_s3_bucket_server_side_encryption_configuration")
	testkit.Equal(t, a, sse, "rule.0.apply_server_side_encryption_by_default.sse_algorithm", "AES256")
	if _, ok := testkit.Attr(sse, "rule.0.apply_server_side_encryption_by_default.kms_master_key_id"); ok {
		t.Errorf("%s: a KMS key on the access-logs bucket; S3 server access logging needs SSE-S3", a)
	}
	a, own := linked("aws_s3_bucket_ownership_controls")
	testkit.Equal(t, a, own, "rule.object_ownership", "BucketOwnerEnforced")
	a, pab := linked("aws_s3_bucket_public_access_block")
	for _, f := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
		testkit.Equal(t, a, pab, f, true)
	}
	a, lc := linked("aws_s3_bucket_lifecycle_configuration")
	testkit.Equal(t, a, lc, "rule.0.id", "expire-objects")
	testkit.Equal(t, a, lc, "rule.0.expiration.0.days", DefaultAccessLogsExpirationDays)
	for n, l := range d.Resources("aws_s3_bucket_logging") {
		if l["bucket"] == bucketRef {
			t.Errorf("aws_s3_bucket_logging.%s: the access-logs bucket logs into itself", n)
		}
	}

	// Policy: TLS-only Deny, and delivery for this account's source buckets only.
	a, pol := linked("aws_s3_bucket_policy")
	stmts := testkit.Statements(t, a, testkit.PolicyDoc(t, a, pol, "policy"))
	if _, ok := stmts[SidDenyInsecureTransport]; !ok {
		t.Errorf("%s: no %s statement", a, SidDenyInsecureTransport)
	}
	st := stmts[SidServerAccessLogs]
	arn := testkit.Ref("aws_s3_bucket", name, "arn")
	testkit.Equal(t, a, st, "Principal.Service", []string{"logging.s3.amazonaws.com"})
	testkit.Equal(t, a, st, "Action", []string{"s3:PutObject"})
	testkit.Equal(t, a, st, "Resource", []string{arn + "/*"})
	var sources []string
	for n := range d.Resources("aws_s3_bucket") {
		if n != name {
			sources = append(sources, testkit.Ref("aws_s3_bucket", n, "arn"))
		}
	}
	got, _ := testkit.Attr(st, "Condition.ArnLike.aws:SourceArn")
	var gotS []string
	for _, g := range got.([]any) {
		gotS = append(gotS, g.(string))
	}
	slices.Sort(sources)
	slices.Sort(gotS)
	if !slices.Equal(gotS, sources) {
		t.Errorf("%s: aws:SourceArn = %v; want exactly the stack's other buckets %v", a, gotS, sources)
	}
	if c, _ := testkit.Attr(st, "Condition.StringEquals.aws:SourceAccount"); len(c.([]any)) != 1 || !strings.Contains(c.([]any)[0].(string), "aws_caller_identity") {
		t.Errorf("%s: aws:SourceAccount = %v; want the caller identity's account", a, c)
	}
	if len(built.artifacts.AccessLogs().Sources()) != 4 || built.artifacts.AccessLogs().AccessLogs() != nil {
		t.Errorf("Sources() = %v; want the 4 buckets, and the access-logs bucket itself unlogged", built.artifacts.AccessLogs().Sources())
	}
}

func TestEveryBucketLogsToTheAccessLogsBucket(t *testing.T) {
	d := synth.Get(t).Stack(t, "acme-dev")
	logsName, _ := d.ByPath(t, "aws_s3_bucket", "acme-dev/access-logs/bucket")
	polName, _ := d.ByPath(t, "aws_s3_bucket_policy", "acme-dev/access-logs/policy")
	for n, b := range d.Resources("aws_s3_bucket") {
		if n == logsName {
			continue
		}
		var found map[string]any
		for _, l := range d.Resources("aws_s3_bucket_logging") {
			if l["bucket"] == testkit.Ref("aws_s3_bucket", n, "id") {
				found = l
			}
		}
		addr := "aws_s3_bucket." + n
		if found == nil {
			t.Errorf("%s: no aws_s3_bucket_logging", addr)
			continue
		}
		testkit.Equal(t, addr+" logging", found, "target_bucket", testkit.Ref("aws_s3_bucket", logsName, "bucket"))
		testkit.Equal(t, addr+" logging", found, "target_prefix", b["bucket"].(string)+"/")
		if !slices.Contains(testkit.DependsOn(found), "aws_s3_bucket_policy."+polName) {
			t.Errorf("%s logging: depends_on %v; want the access-logs bucket policy", addr, testkit.DependsOn(found))
		}
	}
}

func TestAccessLogsBucketPropsAndOnePerStack(t *testing.T) {
	d := synth.Get(t).Stack(t, "acme-prod")
	name, b := d.ByPath(t, "aws_s3_bucket", "acme-prod/access-logs/bucket")
	testkit.Equal(t, "aws_s3_bucket."+name, b, "bucket", "acme-prod-s3-access")
	testkit.Equal(t, "aws_s3_bucket."+name, b, "force_destroy", true)
	_, lc := d.ByPath(t, "aws_s3_bucket_lifecycle_configuration", "acme-prod/access-logs/lifecycle")
	testkit.Equal(t, "access-logs lifecycle", lc, "rule.0.expiration.0.days", 90)
	if n := len(d.Resources("aws_s3_bucket")); n != 2 {
		t.Errorf("acme-prod: %d buckets; want the access-logs bucket and artifacts", n)
	}
	for what, c := range map[string]struct {
		err  error
		want []string
	}{
		"second":    {built.secondAccessLogs, []string{"scope: stack acme-prod already has its access-logs bucket"}},
		"bad props": {built.badAccessLogs, []string{`name: "Bad_Name" is not a valid S3 bucket name suffix`, "expirationDays: -1 is negative"}},
	} {
		for _, w := range c.want {
			if c.err == nil || !strings.Contains(c.err.Error(), w) {
				t.Errorf("%s: error = %v; want it to contain %q", what, c.err, w)
			}
		}
	}
}
