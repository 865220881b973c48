package baseline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// mutation weakens the synthesized baseline the way a hand-written stack
// would; the access tier (or the guard) must reject the result, naming
// what it rejects.
type mutation struct {
	name string
	// edit changes the cdk.tf.json document in place.
	edit func(t *testing.T, doc map[string]any)
	// kind is the access expectation that must fail (a denial that is now
	// allowed), when the access tier rejects the mutation.
	kind string
	// rule and address are the guard finding that must appear, when the
	// guard rejects the mutation.
	rule, address string
}

// setAttr sets attribute attr of the only resource of typ at path.
func setAttr(typ, path, attr string, v any) func(*testing.T, map[string]any) {
	return func(t *testing.T, doc map[string]any) {
		t.Helper()
		resourceAt(t, doc, typ, path)[attr] = v
	}
}

// deleteResource removes the resource of typ at path.
func deleteResource(typ, path string) func(*testing.T, map[string]any) {
	return func(t *testing.T, doc map[string]any) {
		t.Helper()
		delete(doc["resource"].(map[string]any)[typ].(map[string]any), nameAt(t, doc, typ, path))
	}
}

// withStatement edits the statement sid of the JSON policy attribute attr
// of the only resource of typ whose construct path ends with path.
func withStatement(typ, path, attr, sid string, edit func(st map[string]any)) func(*testing.T, map[string]any) {
	return func(t *testing.T, doc map[string]any) {
		t.Helper()
		body := resourceAt(t, doc, typ, path)
		var pol map[string]any
		if err := json.Unmarshal([]byte(body[attr].(string)), &pol); err != nil {
			t.Fatalf("%s %s: %s is not JSON: %v", typ, path, attr, err)
		}
		found := false
		for _, raw := range pol["Statement"].([]any) {
			st := raw.(map[string]any)
			if st["Sid"] == sid {
				edit(st)
				found = true
			}
		}
		if !found {
			t.Fatalf("%s %s: no statement %s", typ, path, sid)
		}
		js, _ := json.Marshal(pol)
		body[attr] = string(js)
	}
}

func resourceAt(t *testing.T, doc map[string]any, typ, path string) map[string]any {
	t.Helper()
	return doc["resource"].(map[string]any)[typ].(map[string]any)[nameAt(t, doc, typ, path)].(map[string]any)
}

// nameAt is the Terraform name of the only resource of typ whose construct
// path ends with path.
func nameAt(t *testing.T, doc map[string]any, typ, path string) string {
	t.Helper()
	all, _ := doc["resource"].(map[string]any)[typ].(map[string]any)
	for name, raw := range all {
		meta, _ := raw.(map[string]any)["//"].(map[string]any)
		md, _ := meta["metadata"].(map[string]any)
		if p, _ := md["path"].(string); strings.HasSuffix(p, path) {
			return name
		}
	}
	t.Fatalf("no %s at %s", typ, path)
	return ""
}

// dropCondition removes one condition key from a statement.
func dropCondition(key string) func(map[string]any) {
	return func(st map[string]any) {
		for op, raw := range st["Condition"].(map[string]any) {
			m := raw.(map[string]any)
			delete(m, key)
			if len(m) == 0 {
				delete(st["Condition"].(map[string]any), op)
			}
		}
	}
}

var mutations = []mutation{
	{name: "GuardDuty's bucket statement without aws:SourceArn (any detector of the account may write)",
		edit: withStatement("aws_s3_bucket_policy", "/logs/policy", "policy", storage.SidGuardDutyWrite, dropCondition("aws:SourceArn")),
		kind: "guardduty.s3-put-object.other-detector"},
	{name: "GuardDuty's key statement without aws:SourceArn",
		edit: withStatement("aws_kms_key", "/main/key", "policy", SidKeyGuardDuty, dropCondition("aws:SourceArn")),
		kind: "guardduty.kms-generate-data-key.other-detector"},
	{name: "the topic's EventBridge statement without aws:SourceArn (any rule of the account may publish)",
		edit: withStatement("aws_sns_topic_policy", "/alarms/policy", "policy", monitoring.SidEventBridgePublish, dropCondition("aws:SourceArn")),
		kind: "events.sns-publish.other-rule"},
	{name: "the key's EventBridge statement without aws:SourceArn",
		edit: withStatement("aws_kms_key", "/main/key", "policy", encryption.SidEventBridge, dropCondition("aws:SourceArn")),
		kind: "events.kms-generate-data-key.other-rule"},
	{name: "the EBS default key's Auto Scaling statement without kms:ViaService (usable outside EC2)",
		edit: withStatement("aws_kms_key", "/main/key", "policy", encryption.SidEBSAutoScaling, dropCondition("kms:ViaService")),
		kind: "ebs.autoscaling-kms-decrypt.not-through-ec2"},
	// What a hand-written baseline would weaken; the guard names the resource.
	{name: "password policy of length 8",
		edit: setAttr("aws_iam_account_password_policy", "/baseline/password-policy", "minimum_password_length", 8), rule: "ACC001"},
	{name: "account Block Public Access with restrict_public_buckets off",
		edit: setAttr("aws_s3_account_public_access_block", "/baseline/s3-public-access-block", "restrict_public_buckets", false), rule: "ACC002"},
	{name: "EBS default key replaced by the AWS managed aws/ebs",
		edit: setAttr("aws_ebs_default_kms_key", "/baseline/ebs-default-key", "key_arn", "arn:aws:kms:us-east-1:123456789012:alias/aws/ebs"), rule: "ACC003"},
	{name: "instance-metadata defaults allowing IMDSv1",
		edit: setAttr("aws_ec2_instance_metadata_defaults", "/baseline/instance-metadata-defaults", "http_tokens", "optional"), rule: "ACC004"},
	{name: "snapshot block public access only for new sharing",
		edit: setAttr("aws_ebs_snapshot_block_public_access", "/baseline/snapshot-block-public-access", "state", "block-new-sharing"), rule: "ACC005"},
	{name: "GuardDuty without RDS login events",
		edit: deleteResource("aws_guardduty_detector_feature", "/baseline/feature-RDS_LOGIN_EVENTS"), rule: "ACC006"},
	{name: "Security Hub without the CIS v5.0.0 subscription",
		edit: deleteResource("aws_securityhub_standards_subscription", "/baseline/standard-1"), rule: "ACC007"},
}

// TestMutationsAreRejected: each weakened baseline fails the named access
// expectation, and the unchanged one passes them all.
func TestMutationsAreRejected(t *testing.T) {
	d := doc(t)
	raw, err := os.ReadFile(d.Path)
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, doc map[string]any) *access.Report {
		t.Helper()
		s, err := access.NewStack(filepath.Join(t.TempDir(), "cdk.tf.json"), doc, access.Binding{})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := access.Check(s)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	fresh := func() map[string]any {
		var doc map[string]any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	if failed := check(t, fresh()).Failed(); len(failed) != 0 {
		t.Fatalf("the unchanged baseline fails %d expectations, first %s", len(failed), failed[0].ID())
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			doc := fresh()
			m.edit(t, doc)
			if m.rule != "" {
				js, err := json.MarshalIndent(doc, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(t.TempDir(), "cdk.tf.json")
				if err := os.WriteFile(file, js, 0o644); err != nil {
					t.Fatal(err)
				}
				rep, err := guard.CheckFile(file, guard.Options{})
				if err != nil {
					t.Fatal(err)
				}
				var ids []string
				for _, f := range rep.Findings {
					ids = append(ids, f.RuleID+" "+f.Address)
					if f.RuleID == m.rule {
						t.Logf("rejected: %s %s: %s", f.RuleID, f.Address, f.Message)
						return
					}
				}
				t.Errorf("mutation %q: no %s finding; findings: %v", m.name, m.rule, ids)
				return
			}
			var names []string
			for _, r := range check(t, doc).Failed() {
				names = append(names, r.Kind)
				if r.Kind == m.kind {
					t.Logf("rejected: %s: %s %s on %s is now %v (%s)", r.ID(), r.Request.Principal, r.Request.Action, r.Request.Resource, r.Decision.Allowed, r.Decision.Reason)
					return
				}
			}
			t.Errorf("mutation %q: access expectation %s still holds; failures: %v", m.name, m.kind, names)
		})
	}
}
