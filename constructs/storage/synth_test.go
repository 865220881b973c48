package storage

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

const (
	trailName = "acme-dev-trail"
	trailArn  = "arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-dev-trail"
	otherArn  = "arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-dev-org"
	roleArn   = "arn:aws:iam::123456789012:role/acme-dev-reader"
)

// built records values and errors from the build, checked by the tests.
var built struct {
	logs, logs2                *LogsBucket
	artifacts, custom          *Bucket
	callErrs                   []error
	mismatchedTrail, noTrail   error
	badTrailArn                error
	publicAllow, noPrincipal   error
	longName, nilKey, badDays  error
	wildcardRead, duplicateSid error
	anyAccount, awsStar        error
	reservedName               error
	prodLogs                   *AccessLogsBucket
	secondAccessLogs           error
	badAccessLogs              error
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(st, "data", encryption.KeyProps{})
	if err != nil {
		return err
	}
	if built.artifacts, err = NewBucket(st, "artifacts", BucketProps{Key: key}); err != nil {
		return err
	}
	if built.custom, err = NewBucket(st, "custom", BucketProps{Key: key, Name: "lambda-code", ForceDestroy: true,
		NoncurrentVersionExpirationDays: 30, AbortIncompleteMultipartUploadDays: 2}); err != nil {
		return err
	}
	if built.logs, err = NewLogsBucket(st, "logs", LogsBucketProps{Key: key}); err != nil {
		return err
	}
	// A second logs bucket that is never opened to services: no service statements.
	if built.logs2, err = NewLogsBucket(st, "archive", LogsBucketProps{Key: key, TransitionToIADays: 30, TransitionToGlacierDays: 60, ExpirationDays: 400}); err != nil {
		return err
	}
	built.callErrs = append(built.callErrs,
		built.logs.AllowCloudTrail(trailArn, trailName),
		built.logs.AllowCloudTrail(trailArn, trailName), // idempotent
		built.logs.AllowCloudTrail(otherArn, "acme-dev-org"),
		built.logs.AllowConfig(),
		built.logs.AllowConfig(), // idempotent
		built.custom.GrantRead(roleArn),
		built.custom.GrantRead(roleArn), // idempotent
		built.custom.AddStatements(policy.Statement{
			Sid: "AllowLambdaService", Principals: []policy.Principal{policy.Service("lambda.amazonaws.com")},
			Actions: []string{"s3:GetObject"}, Resources: []string{built.custom.Arn() + "/*"},
			// A service principal needs a source condition tying it to the
			// account, else the access tier reports external access.
			Conditions: []policy.Condition{{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{"123456789012"}}},
		}),
	)
	built.mismatchedTrail = built.logs.AllowCloudTrail(trailArn, "acme-dev-other")
	built.noTrail = built.logs.AllowCloudTrail("", "")
	built.badTrailArn = built.logs.AllowCloudTrail("arn:aws:s3:::acme-dev-trail", "acme-dev-trail")
	built.publicAllow = built.custom.AddStatements(policy.Statement{
		Sid: "Public", Principals: []policy.Principal{policy.Anyone()}, Actions: []string{"s3:GetObject"}, Resources: []string{"*"},
	})
	built.duplicateSid = built.custom.AddStatements(policy.Statement{
		Sid: SidDenyInsecureTransport, Effect: policy.Deny, Principals: []policy.Principal{policy.Anyone()}, Actions: []string{"s3:*"}, Resources: []string{"*"},
	})
	built.noPrincipal = built.custom.AddStatements(policy.Statement{Actions: []string{"s3:GetObject"}, Resources: []string{"*"}})
	built.wildcardRead = built.custom.GrantRead("arn:aws:iam::*:root")
	built.anyAccount = built.custom.AddStatements(policy.Statement{
		Sid: "AnyAccount", Principals: []policy.Principal{policy.AWS("arn:aws:iam::*:root")}, Actions: []string{"s3:*"}, Resources: []string{built.custom.Arn() + "/*"},
	})
	built.awsStar = built.custom.AddStatements(policy.Statement{
		Sid: "AwsStar", Principals: []policy.Principal{policy.AWS("*")}, Actions: []string{"s3:GetObject"}, Resources: []string{built.custom.Arn() + "/*"},
	})
	_, built.reservedName = NewBucket(st, "alias", BucketProps{Key: key, Name: "x-s3alias"})
	_, built.longName = NewBucket(st, "long", BucketProps{Key: key, Name: "this-suffix-makes-the-bucket-name-longer-than-sixty-three-chars"})
	_, built.nilKey = NewLogsBucket(st, "nokey", LogsBucketProps{})
	_, built.badDays = NewLogsBucket(st, "baddays", LogsBucketProps{Key: key, TransitionToIADays: 5})

	// prod chooses its access-logs bucket's settings before its first bucket.
	prod, err := stack.New(app, "acme-prod", stack.Props{Company: "acme", Environment: "prod", Region: "us-east-1"})
	if err != nil {
		return err
	}
	_, built.badAccessLogs = NewAccessLogsBucket(prod, AccessLogsBucketProps{Name: "Bad_Name", ExpirationDays: -1})
	if built.prodLogs, err = NewAccessLogsBucket(prod, AccessLogsBucketProps{Name: "s3-access", ExpirationDays: 90, ForceDestroy: true}); err != nil {
		return err
	}
	_, built.secondAccessLogs = NewAccessLogsBucket(prod, AccessLogsBucketProps{})
	pkey, err := encryption.NewKey(prod, "data", encryption.KeyProps{})
	if err != nil {
		return err
	}
	if _, err := NewBucket(prod, "artifacts", BucketProps{Key: pkey}); err != nil {
		return err
	}
	return nil
})

// resource returns the resource of type typ under the construct path prefix/leaf and its address.
func resource(t *testing.T, typ, path string) (string, map[string]any) {
	t.Helper()
	doc := synth.Get(t).Stack(t, "acme-dev")
	name, body := doc.ByPath(t, typ, path)
	return typ + "." + name, body
}

// ref returns the Terraform reference to attr of the resource typ at path.
func ref(t *testing.T, typ, path, attr string) string {
	t.Helper()
	doc := synth.Get(t).Stack(t, "acme-dev")
	name, _ := doc.ByPath(t, typ, path)
	return testkit.Ref(typ, name, attr)
}

// bucketStatements returns the parsed statements of the bucket policy of construct id.
func bucketStatements(t *testing.T, id string) (string, map[string]map[string]any) {
	t.Helper()
	addr, body := resource(t, "aws_s3_bucket_policy", id+"/policy")
	return addr, testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, body, "policy"))
}

func TestBuildCallsSucceed(t *testing.T) {
	synth.Get(t)
	for i, err := range built.callErrs {
		if err != nil {
			t.Errorf("call %d: unexpected error: %v", i, err)
		}
	}
}

func TestBucketNamesAndForceDestroy(t *testing.T) {
	tests := []struct {
		id, name string
		force    bool
	}{
		{"artifacts", "acme-dev-artifacts", false},
		{"custom", "acme-dev-lambda-code", true},
		{"logs", "acme-dev-logs", false},
		{"archive", "acme-dev-archive", false},
	}
	for _, tc := range tests {
		addr, body := resource(t, "aws_s3_bucket", tc.id+"/bucket")
		testkit.Equal(t, addr, body, "bucket", tc.name)
		testkit.Equal(t, addr, body, "force_destroy", tc.force)
		for _, attr := range []string{"bucket_prefix", "acl", "versioning", "server_side_encryption_configuration", "lifecycle_rule", "policy"} {
			if _, ok := testkit.Attr(body, attr); ok {
				t.Errorf("%s: %s is set inline; the separate resources own it", addr, attr)
			}
		}
	}
	if got := built.custom.FullName(); got != "acme-dev-lambda-code" {
		t.Errorf("custom.FullName() = %q; want %q", got, "acme-dev-lambda-code")
	}
}

func TestHardeningOnEveryBucket(t *testing.T) {
	for _, id := range []string{"artifacts", "custom", "logs", "archive"} {
		bucketID := ref(t, "aws_s3_bucket", id+"/bucket", "id")
		keyArn := ref(t, "aws_kms_key", "data/key", "arn")

		addr, v := resource(t, "aws_s3_bucket_versioning", id+"/versioning")
		testkit.Equal(t, addr, v, "bucket", bucketID)
		testkit.Equal(t, addr, v, "versioning_configuration.status", "Enabled")
		if m, ok := testkit.Attr(v, "versioning_configuration.mfa_delete"); ok {
			t.Errorf("%s: versioning_configuration.mfa_delete = %v; MFA delete cannot be managed by Terraform and must not be set", addr, m)
		}
		if m, ok := testkit.Attr(v, "mfa"); ok {
			t.Errorf("%s: mfa = %v; must not be set", addr, m)
		}

		addr, e := resource(t, "aws_s3_bucket_server_side_encryption_configuration", id+"/encryption")
		testkit.Equal(t, addr, e, "bucket", bucketID)
		testkit.Equal(t, addr, e, "rule.0.apply_server_side_encryption_by_default.sse_algorithm", "aws:kms")
		testkit.Equal(t, addr, e, "rule.0.apply_server_side_encryption_by_default.kms_master_key_id", keyArn)
		testkit.Equal(t, addr, e, "rule.0.bucket_key_enabled", true)

		addr, p := resource(t, "aws_s3_bucket_public_access_block", id+"/public-access-block")
		testkit.Equal(t, addr, p, "bucket", bucketID)
		for _, flag := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
			testkit.Equal(t, addr, p, flag, true)
		}

		addr, o := resource(t, "aws_s3_bucket_ownership_controls", id+"/ownership")
		testkit.Equal(t, addr, o, "bucket", bucketID)
		testkit.Equal(t, addr, o, "rule.object_ownership", "BucketOwnerEnforced")
	}
}

func TestPolicyDependsOnPublicAccessBlock(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	for _, id := range []string{"artifacts", "custom", "logs", "archive"} {
		addr, pol := resource(t, "aws_s3_bucket_policy", id+"/policy")
		testkit.Equal(t, addr, pol, "bucket", ref(t, "aws_s3_bucket", id+"/bucket", "id"))
		pabName, _ := doc.ByPath(t, "aws_s3_bucket_public_access_block", id+"/public-access-block")
		want := "aws_s3_bucket_public_access_block." + pabName
		if deps := testkit.DependsOn(pol); !slices.Contains(deps, want) {
			t.Errorf("%s: depends_on = %v; want it to include %s (bucket -> public access block -> policy)", addr, deps, want)
		}
		// The public access block itself must not wait for the policy (that would invert the order).
		pabAddr, pab := resource(t, "aws_s3_bucket_public_access_block", id+"/public-access-block")
		for _, d := range testkit.DependsOn(pab) {
			if strings.HasPrefix(d, "aws_s3_bucket_policy.") {
				t.Errorf("%s: depends_on %s; the policy must come after the public access block", pabAddr, d)
			}
		}
	}
}

func TestTLSOnlyDenyOnEveryBucket(t *testing.T) {
	for _, id := range []string{"artifacts", "custom", "logs", "archive"} {
		arn := ref(t, "aws_s3_bucket", id+"/bucket", "arn")
		addr, stmts := bucketStatements(t, id)
		s, ok := stmts[SidDenyInsecureTransport]
		if !ok {
			t.Errorf("%s: policy has no %s statement; have %v", addr, SidDenyInsecureTransport, sids(stmts))
			continue
		}
		where := addr + " policy statement " + SidDenyInsecureTransport
		testkit.EqualJSON(t, where, "Effect", s["Effect"], "Deny")
		testkit.EqualJSON(t, where, "Principal", s["Principal"], "*")
		testkit.EqualJSON(t, where, "Action", s["Action"], []string{"s3:*"})
		testkit.EqualJSON(t, where, "Resource", s["Resource"], []string{arn, arn + "/*"})
		testkit.EqualJSON(t, where, "Condition", s["Condition"], map[string]any{"Bool": map[string]any{"aws:SecureTransport": []string{"false"}}})
	}
}

func TestNoServiceStatementsUntilAllowed(t *testing.T) {
	for _, id := range []string{"artifacts", "archive"} {
		addr, stmts := bucketStatements(t, id)
		if len(stmts) != 1 {
			t.Errorf("%s: policy has statements %v; want only %s", addr, sids(stmts), SidDenyInsecureTransport)
		}
	}
}

func TestLogsBucketCloudTrailStatements(t *testing.T) {
	arn := ref(t, "aws_s3_bucket", "logs/bucket", "arn")
	account := accountRef(t)
	addr, stmts := bucketStatements(t, "logs")
	sourceArn := []string{trailArn, otherArn}

	acl := stmts[SidCloudTrailACLCheck]
	where := addr + " policy statement " + SidCloudTrailACLCheck
	testkit.EqualJSON(t, where, "Effect", acl["Effect"], "Allow")
	testkit.EqualJSON(t, where, "Principal", acl["Principal"], map[string]any{"Service": []string{"cloudtrail.amazonaws.com"}})
	testkit.EqualJSON(t, where, "Action", acl["Action"], []string{"s3:GetBucketAcl"})
	testkit.EqualJSON(t, where, "Resource", acl["Resource"], []string{arn})
	testkit.EqualJSON(t, where, "Condition", acl["Condition"], map[string]any{"StringEquals": map[string]any{"aws:SourceArn": sourceArn}})

	w := stmts[SidCloudTrailWrite]
	where = addr + " policy statement " + SidCloudTrailWrite
	testkit.EqualJSON(t, where, "Effect", w["Effect"], "Allow")
	testkit.EqualJSON(t, where, "Principal", w["Principal"], map[string]any{"Service": []string{"cloudtrail.amazonaws.com"}})
	testkit.EqualJSON(t, where, "Action", w["Action"], []string{"s3:PutObject"})
	testkit.EqualJSON(t, where, "Resource", w["Resource"], []string{arn + "/AWSLogs/" + account + "/*"})
	testkit.EqualJSON(t, where, "Condition", w["Condition"], map[string]any{"StringEquals": map[string]any{
		"aws:SourceArn": sourceArn, "s3:x-amz-acl": []string{"bucket-owner-full-control"},
	}})
	if got := built.logs.TrailArns(); len(got) != 2 {
		t.Errorf("logs.TrailArns() = %v; want the two allowed trails once each", got)
	}
}

func TestLogsBucketConfigStatements(t *testing.T) {
	arn := ref(t, "aws_s3_bucket", "logs/bucket", "arn")
	account := accountRef(t)
	addr, stmts := bucketStatements(t, "logs")
	cond := map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": []string{account}}}
	tests := []struct {
		sid, action, resource string
		cond                  map[string]any
	}{
		{SidConfigPermissionsCheck, "s3:GetBucketAcl", arn, cond},
		{SidConfigExistenceCheck, "s3:ListBucket", arn, cond},
		{SidConfigDelivery, "s3:PutObject", arn + "/AWSLogs/" + account + "/Config/*", map[string]any{"StringEquals": map[string]any{
			"aws:SourceAccount": []string{account}, "s3:x-amz-acl": []string{"bucket-owner-full-control"},
		}}},
	}
	for _, tc := range tests {
		s, ok := stmts[tc.sid]
		where := addr + " policy statement " + tc.sid
		if !ok {
			t.Errorf("%s: missing; have %v", where, sids(stmts))
			continue
		}
		testkit.EqualJSON(t, where, "Effect", s["Effect"], "Allow")
		testkit.EqualJSON(t, where, "Principal", s["Principal"], map[string]any{"Service": []string{"config.amazonaws.com"}})
		testkit.EqualJSON(t, where, "Action", s["Action"], []string{tc.action})
		testkit.EqualJSON(t, where, "Resource", s["Resource"], []string{tc.resource})
		testkit.EqualJSON(t, where, "Condition", s["Condition"], tc.cond)
	}
	if len(stmts) != 6 {
		t.Errorf("%s: policy has %d statements %v; want 6 (TLS deny, 2 CloudTrail, 3 Config; repeated calls add nothing)", addr, len(stmts), sids(stmts))
	}
}

func TestGrantReadAndAddStatements(t *testing.T) {
	arn := ref(t, "aws_s3_bucket", "custom/bucket", "arn")
	addr, stmts := bucketStatements(t, "custom")
	s, ok := stmts["AllowRead1"]
	where := addr + " policy statement AllowRead1"
	if !ok {
		t.Fatalf("%s: missing; have %v", where, sids(stmts))
	}
	testkit.EqualJSON(t, where, "Principal", s["Principal"], map[string]any{"AWS": []string{roleArn}})
	testkit.EqualJSON(t, where, "Action", s["Action"], []string{"s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"})
	testkit.EqualJSON(t, where, "Resource", s["Resource"], []string{arn, arn + "/*"})
	if _, ok := stmts["AllowLambdaService"]; !ok {
		t.Errorf("%s: AddStatements statement AllowLambdaService missing; have %v", addr, sids(stmts))
	}
	if len(stmts) != 3 {
		t.Errorf("%s: statements %v; want DenyInsecureTransport, AllowRead1, AllowLambdaService (refused statements must not be added)", addr, sids(stmts))
	}
	keyAddr, key := resource(t, "aws_kms_key", "data/key")
	ks := testkit.Statements(t, keyAddr, testkit.PolicyDoc(t, keyAddr, key, "policy"))
	testkit.EqualJSON(t, keyAddr+" policy statement GrantDecrypt", "Principal", ks["GrantDecrypt"]["Principal"], map[string]any{"AWS": []string{roleArn}})
}

func TestLifecycleRules(t *testing.T) {
	type rule struct {
		id   string
		path string
		want any
	}
	tests := []struct {
		bucket string
		rules  []rule
	}{
		{"artifacts", []rule{
			{"expire-noncurrent-versions", "noncurrent_version_expiration.0.noncurrent_days", 90},
			{"abort-incomplete-multipart-uploads", "abort_incomplete_multipart_upload.0.days_after_initiation", 7},
		}},
		{"custom", []rule{
			{"expire-noncurrent-versions", "noncurrent_version_expiration.0.noncurrent_days", 30},
			{"abort-incomplete-multipart-uploads", "abort_incomplete_multipart_upload.0.days_after_initiation", 2},
		}},
		{"logs", []rule{
			{"archive-and-expire", "transition", []map[string]any{{"days": 90, "storage_class": "STANDARD_IA"}, {"days": 365, "storage_class": "GLACIER"}}},
			{"archive-and-expire", "expiration.0.days", 2555},
			{"expire-noncurrent-versions", "noncurrent_version_expiration.0.noncurrent_days", 90},
			{"abort-incomplete-multipart-uploads", "abort_incomplete_multipart_upload.0.days_after_initiation", 7},
		}},
		{"archive", []rule{
			{"archive-and-expire", "transition", []map[string]any{{"days": 30, "storage_class": "STANDARD_IA"}, {"days": 60, "storage_class": "GLACIER"}}},
			{"archive-and-expire", "expiration.0.days", 400},
		}},
	}
	doc := synth.Get(t).Stack(t, "acme-dev")
	for _, tc := range tests {
		addr, lc := resource(t, "aws_s3_bucket_lifecycle_configuration", tc.bucket+"/lifecycle")
		testkit.Equal(t, addr, lc, "bucket", ref(t, "aws_s3_bucket", tc.bucket+"/bucket", "id"))
		vName, _ := doc.ByPath(t, "aws_s3_bucket_versioning", tc.bucket+"/versioning")
		if deps := testkit.DependsOn(lc); !slices.Contains(deps, "aws_s3_bucket_versioning."+vName) {
			t.Errorf("%s: depends_on = %v; want aws_s3_bucket_versioning.%s (noncurrent rules need versioning first)", addr, deps, vName)
		}
		rules, _ := testkit.MustAttr(t, addr, lc, "rule").([]any)
		byID := map[string]map[string]any{}
		for _, r := range rules {
			m, _ := r.(map[string]any)
			id, _ := m["id"].(string)
			byID[id] = m
			testkit.Equal(t, addr+" rule "+id, m, "status", "Enabled")
			testkit.Equal(t, addr+" rule "+id, m, "filter.0.prefix", "")
		}
		for _, want := range tc.rules {
			r, ok := byID[want.id]
			if !ok {
				t.Errorf("%s: no lifecycle rule %q; have %v", addr, want.id, slices.Sorted(maps.Keys(byID)))
				continue
			}
			testkit.Equal(t, addr+" rule "+want.id, r, want.path, want.want)
		}
	}
}

func TestErrorsAreClearAndCreateNothing(t *testing.T) {
	synth.Get(t)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"trail ARN and name disagree", built.mismatchedTrail, `trailArn: "` + trailArn + `" does not end with ":trail/acme-dev-other"`},
		{"empty trail", built.noTrail, "trailName: must not be empty"},
		{"not a trail ARN", built.badTrailArn, `trailArn: "arn:aws:s3:::acme-dev-trail" is not a CloudTrail trail ARN`},
		{"public allow", built.publicAllow, `statements[0] ("Public"): principals: an Allow for everyone ("*") would make the bucket public`},
		{"duplicate sid", built.duplicateSid, `statement "DenyInsecureTransport": sid: duplicate of statement 0`},
		{"no principal", built.noPrincipal, "statements[0]: principals: a bucket policy statement needs a principal"},
		{"wildcard reader", built.wildcardRead, "principalArn"},
		{"name too long", built.longName, "name: S3 bucket name \"acme-dev-this-suffix-makes-the-bucket-name-longer-than-sixty-three-chars\" is 72 characters; it must be 3-63"},
		{"nil key", built.nilKey, "key: must be set"},
		{"bad days", built.badDays, "transitionToIADays: 5 is too short"},
		{"every account's root with s3:*", built.anyAccount, `statement "AnyAccount": principals[0].identifiers: "arn:aws:iam::*:root" names every AWS account`},
		{"AWS(*)", built.awsStar, `statement "AwsStar": principals[0].identifiers: AWS "*" is every caller`},
		{"reserved suffix", built.reservedName, `name: S3 bucket name "acme-dev-x-s3alias" ends with "-s3alias", a suffix AWS reserves`},
	}
	for _, tc := range tests {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: error = %v; want it to contain %q", tc.name, tc.err, tc.want)
		}
	}
	doc := synth.Get(t).Stack(t, "acme-dev")
	for _, typ := range doc.ResourceTypes() {
		for name, body := range doc.Resources(typ) {
			p := testkit.ConstructPath(body)
			for _, failed := range []string{"/long/", "/nokey/", "/baddays/"} {
				if strings.Contains(p, failed) {
					t.Errorf("%s.%s: created although its constructor failed (path %s)", typ, name, p)
				}
			}
		}
	}
}

func TestStackValidates(t *testing.T) {
	tfrun.Validate(t, synth.Get(t).Stack(t, "acme-dev").Dir())
}

// accountRef is the reference to the account id data source.
func accountRef(t *testing.T) string {
	t.Helper()
	doc := synth.Get(t).Stack(t, "acme-dev")
	ids := doc.DataSources("aws_caller_identity")
	if len(ids) != 1 {
		t.Fatalf("data.aws_caller_identity: want 1, have %d", len(ids))
	}
	for name := range ids {
		return "${data.aws_caller_identity." + name + ".account_id}"
	}
	return ""
}

func sids(m map[string]map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

func TestGuardReportsNothing(t *testing.T) {
	rep, err := guard.CheckDir(synth.Get(t).Stack(t, "acme-dev").Dir(), guard.Options{})
	if err != nil {
		t.Fatalf("guard: %v", err)
	}
	for _, f := range rep.Findings {
		t.Errorf("guard: %s", f)
	}
}
