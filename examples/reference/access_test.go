package reference_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// mustHold lists the expectation kinds the reference stack must prove in
// both environments (issue 19's list).
var mustHold = []string{
	"cloudtrail.s3-get-bucket-acl", "cloudtrail.s3-put-object", "cloudtrail.kms-generate-data-key",
	"cloudtrail.assume-logs-role", "cloudtrail.logs-create-log-stream", "cloudtrail.logs-put-log-events",
	"config.s3-get-bucket-acl", "config.s3-list-bucket", "config.s3-put-object",
	"logs.kms-generate-data-key", "logs.kms-decrypt",
	"flowlogs.assume-role", "flowlogs.logs-put-log-events",
	"lambda.assume-role", "lambda.s3-get-code", "lambda.secret-read", "lambda.secret-kms-decrypt",
	"rds.monitoring-assume-role", "rds.monitoring-logs-put-log-events",
	"alarm.sns-publish", "alarm.kms-generate-data-key", "alarm.kms-decrypt",
	"s3.anonymous", "s3.other-account", "s3.insecure-transport",
	"sns.anonymous", "sns.other-account", "sns.insecure-transport",
	"cloudtrail.s3-put-object.other-trail", "cloudtrail.s3-put-object.other-account",
	"config.s3-put-object.other-account", "kms.unnamed-service", "kms.other-account",
	"s3logging.s3-put-object", "s3logging.s3-put-object.other-source",
}

// TestAccessProof runs the access tier on both environments: every
// integration allowed, every outsider denied.
func TestAccessProof(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) {
		rep := testkit.AccessProof(t, doc.Path, access.Binding{Region: "us-east-1"})[0]
		kinds := map[string]int{}
		for _, r := range rep.Results {
			kinds[r.Kind]++
		}
		for _, g := range emulator.Gaps {
			for _, k := range g.ProvenBy {
				if kinds[k] == 0 {
					t.Errorf("emulator gap %s %s says %s proves it, but the reference stack has no such expectation", g.Block, g.Type, k)
				}
			}
		}
		for _, k := range mustHold {
			if kinds[k] == 0 {
				t.Errorf("the reference stack has no %q expectation", k)
			}
		}
		if len(rep.Unresolved) != 0 {
			t.Errorf("references bound to nothing: %v", rep.Unresolved)
		}
	})
}

// mutation is a policy mistake that looks right: the access tier must
// reject it, naming the request it denies.
type mutation struct {
	name string
	// typ and name of the resource whose policy attribute changes.
	typ, attr string
	old, new  string
	// denied is the expectation kind that must fail.
	denied string
}

// mutations are five policy mistakes the emulator tier cannot see: moto
// stores bucket, key, topic and trust policies but does not evaluate them
// for service principals, conditions or TLS (see the emulator-gap list).
var mutations = []mutation{
	{name: "CloudTrail write statement names the trail in another region", typ: "aws_s3_bucket_policy", attr: "policy",
		old:    `"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":["cloudtrail.amazonaws.com"]},"Action":["s3:PutObject"],"Resource":["${aws_s3_bucket.logs_bucket_5A22438C.arn}/AWSLogs/${data.aws_caller_identity.context_caller_CB9F32B7.account_id}/*"],"Condition":{"StringEquals":{"aws:SourceArn":["arn:${data.aws_partition.context_partition_B73F2326.partition}:cloudtrail:${data.aws_region.context_region_3F66BB3A.name}:`,
		new:    `"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":["cloudtrail.amazonaws.com"]},"Action":["s3:PutObject"],"Resource":["${aws_s3_bucket.logs_bucket_5A22438C.arn}/AWSLogs/${data.aws_caller_identity.context_caller_CB9F32B7.account_id}/*"],"Condition":{"StringEquals":{"aws:SourceArn":["arn:${data.aws_partition.context_partition_B73F2326.partition}:cloudtrail:us-west-2:`,
		denied: "cloudtrail.s3-put-object"},
	{name: "CloudWatch Logs key statement matches the log group with StringEquals (no wildcards)", typ: "aws_kms_key", attr: "policy",
		old: `"Condition":{"ArnLike":{"kms:EncryptionContext:aws:logs:arn"`, new: `"Condition":{"StringEquals":{"kms:EncryptionContext:aws:logs:arn"`,
		denied: "logs.kms-generate-data-key"},
	{name: "TLS-only Deny covers the logs bucket but not its objects", typ: "aws_s3_bucket_policy", attr: "policy",
		old:    `"Resource":["${aws_s3_bucket.logs_bucket_5A22438C.arn}","${aws_s3_bucket.logs_bucket_5A22438C.arn}/*"],"Condition":{"Bool":{"aws:SecureTransport":["false"]}}`,
		new:    `"Resource":["${aws_s3_bucket.logs_bucket_5A22438C.arn}"],"Condition":{"Bool":{"aws:SecureTransport":["false"]}}`,
		denied: "s3.insecure-transport"},
	{name: "alarm topic lets EventBridge publish instead of CloudWatch", typ: "aws_sns_topic_policy", attr: "policy",
		old:    `"Sid":"AllowCloudWatchAlarmsPublish","Effect":"Allow","Principal":{"Service":["cloudwatch.amazonaws.com"]}`,
		new:    `"Sid":"AllowCloudWatchAlarmsPublish","Effect":"Allow","Principal":{"Service":["events.amazonaws.com"]}`,
		denied: "alarm.sns-publish"},
	{name: "flow-logs trust policy checks the account id against aws:SourceArn", typ: "aws_iam_role", attr: "assume_role_policy",
		old:    `"Principal":{"Service":["vpc-flow-logs.amazonaws.com"]},"Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"aws:SourceAccount"`,
		new:    `"Principal":{"Service":["vpc-flow-logs.amazonaws.com"]},"Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"aws:SourceArn"`,
		denied: "flowlogs.assume-role"},
}

// mutate applies mutations to a synthesized cdk.tf.json, failing the test
// when one no longer matches exactly one policy.
func mutate(t *testing.T, orig []byte, ms ...mutation) []byte {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal(orig, &raw); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		changed := 0
		for _, body := range raw["resource"].(map[string]any)[m.typ].(map[string]any) {
			b := body.(map[string]any)
			p, _ := b[m.attr].(string)
			if strings.Contains(p, m.old) {
				b[m.attr] = strings.Replace(p, m.old, m.new, 1)
				changed++
			}
		}
		if changed != 1 {
			t.Fatalf("mutation %q matched %d %s policies; want 1 (has the construct changed?)", m.name, changed, m.typ)
		}
	}
	data, err := json.MarshalIndent(raw, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rejected checks that the access tier fails on file with each mutation's
// denied request.
func rejected(t *testing.T, file string, ms ...mutation) {
	t.Helper()
	rep, err := access.CheckFile(file, access.Binding{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		var failed []string
		named := false
		for _, r := range rep.Failed() {
			failed = append(failed, r.ID())
			if r.Kind == m.denied && !named {
				named = true
				t.Logf("%s: rejected: %s (%s %s %s: %s)", m.name, r.ID(), r.Request.Principal, r.Request.Action, r.Request.Resource, r.Decision.Reason)
			}
		}
		if !named {
			t.Errorf("the access tier did not reject %q with %s; failing expectations: %v", m.name, m.denied, failed)
		}
	}
}

// TestAccessRejectsMutations mutates the synthesized dev stack five ways
// and requires the access tier to fail on each, naming the denied request.
func TestAccessRejectsMutations(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	orig, err := os.ReadFile(doc.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "cdk.tf.json")
			if err := os.WriteFile(file, mutate(t, orig, m), 0o644); err != nil {
				t.Fatal(err)
			}
			rejected(t, file, m)
		})
	}
}

// TestEmulatorPassesMutations deploys the dev stack with all five mutations
// to moto: apply, zero-change re-plan and destroy succeed, so only the
// access tier catches them. Opt-in (about four minutes of CPU):
// CDKTF_SECURE_ACCESS_EMULATOR=1 go test -run EmulatorPassesMutations ./examples/reference/
func TestEmulatorPassesMutations(t *testing.T) {
	if os.Getenv("CDKTF_SECURE_ACCESS_EMULATOR") == "" {
		t.Skip("set CDKTF_SECURE_ACCESS_EMULATOR=1 to deploy the mutated reference stack to the emulator (about 4 minutes)")
	}
	doc := synth.Get(t).Stack(t, "acme-dev")
	orig, err := os.ReadFile(doc.Path)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "acme-dev-mutated")
	if err := tfrun.CopyStack(doc.Dir(), dir); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "cdk.tf.json")
	if err := os.WriteFile(file, mutate(t, orig, mutations...), 0o644); err != nil {
		t.Fatal(err)
	}
	rejected(t, file, mutations...)
	// moto 5.2.1 refuses PutBucketLogging unless the target bucket policy
	// names logging.s3.amazonaws.com and the Resource as plain strings (AWS
	// accepts the lists the construct writes); that gap is not on the list
	// yet, and it has nothing to do with the mutations, so this run leaves
	// the access-logging resources out.
	dropLogging(t, file)
	fig := emulator.Run(t, dir, emulator.Options{Name: "acme-dev-mutated"})
	t.Logf("the emulator tier passes the stack with all five mutations: %s", fig)
}

func dropLogging(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	delete(raw["resource"].(map[string]any), "aws_s3_bucket_logging")
	if data, err = json.MarshalIndent(raw, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
