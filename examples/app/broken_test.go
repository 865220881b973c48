package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// brokenCase is a plain version of what a construct builds, broken the way
// the issue lists (what the constructs now make impossible), and what the
// guard or the access tier must say about it.
type brokenCase struct {
	name  string
	stack string
	// path is the construct path (under the stack) of the resource edited.
	typ, path string
	edit      func(body map[string]any)
	// rule is the guard rule that must report the edited resource; kind,
	// when set, the access expectation that must stop holding.
	rule, kind string
	// also are other rules the edit rightly trips.
	also []string
}

var brokenCases = []brokenCase{
	{name: "S3 may invoke the function for any bucket (no source_arn, no source_account)", stack: UploadStack,
		typ: "aws_lambda_permission", path: "uploads-to-ingest/permission-0",
		edit: func(b map[string]any) { delete(b, "source_arn"); delete(b, "source_account") },
		rule: "LMB004", kind: "s3notification.lambda-invoke.other-account"},
	{name: "S3 notification not ordered after its permission (no depends_on)", stack: UploadStack,
		typ: "aws_s3_bucket_notification", path: "uploads-to-ingest/notification",
		edit: func(b map[string]any) { delete(b, "depends_on") },
		rule: "LMB005"},
	{name: "DynamoDB table without a customer key", stack: UploadStack,
		typ: "aws_dynamodb_table", path: "items/table",
		edit: func(b map[string]any) { delete(b, "server_side_encryption") },
		rule: "DDB001"},
	{name: "DynamoDB table without point-in-time recovery", stack: UploadStack,
		typ: "aws_dynamodb_table", path: "items/table",
		edit: func(b map[string]any) { delete(b, "point_in_time_recovery") },
		rule: "DDB002"},
	{name: "secret without a customer key", stack: HourlyStack,
		typ: "aws_secretsmanager_secret", path: "api-token/secret",
		edit: func(b map[string]any) { delete(b, "kms_key_id") },
		rule: "SEC001"},
	{name: "replica copied by hand: public, no subnet group, no security groups", stack: DBProdStack,
		typ: "aws_db_instance", path: "db-replica/instance",
		edit: func(b map[string]any) {
			delete(b, "db_subnet_group_name")
			delete(b, "vpc_security_group_ids")
			b["publicly_accessible"] = true
		},
		rule: "RDS007", also: []string{"RDS001"}},
}

// TestBrokenPlainVersions is the second figure: each broken plain
// version, written into a copy of the app's synthesized stack, and what the
// guard and the access tier say about it. The unbroken stacks are clean
// (TestGuard, TestAccess), so every finding here comes from the edit.
func TestBrokenPlainVersions(t *testing.T) {
	res := synth.Get(t)
	for _, c := range brokenCases {
		t.Run(c.rule, func(t *testing.T) {
			src := res.Stack(t, c.stack).Path
			raw, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]any
			if err := json.Unmarshal(raw, &doc); err != nil {
				t.Fatal(err)
			}
			addr := editResource(t, doc, c.stack+"/"+c.path, c.typ, c.edit)
			out, _ := json.MarshalIndent(doc, "", "  ")
			dir := t.TempDir()
			file := filepath.Join(dir, "cdk.tf.json")
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			// The functions' packages stay where the synthesis wrote them.
			if assets := filepath.Join(filepath.Dir(src), "assets"); exists(assets) {
				if err := os.Symlink(assets, filepath.Join(dir, "assets")); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := guard.CheckFile(file, guard.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var said []string
			for _, f := range rep.Findings {
				said = append(said, f.RuleID+" "+f.Address+": "+f.Message)
			}
			sort.Strings(said)
			hit := false
			for _, f := range rep.Findings {
				switch {
				case f.RuleID == c.rule && f.Address == addr:
					hit = true
				case f.RuleID != c.rule && !slices.Contains(c.also, f.RuleID):
					t.Errorf("%s: unexpected %s finding on %s: %s", c.name, f.RuleID, f.Address, f.Message)
				}
			}
			if !hit {
				t.Errorf("%s: guard has no %s finding on %s; it says %q", c.name, c.rule, addr, said)
			}
			t.Logf("broken: %s (%s)", c.name, addr)
			for _, s := range said {
				t.Logf("  guard: %s", s)
			}
			arep, err := access.CheckFile(file, access.Binding{})
			if err != nil {
				t.Fatal(err)
			}
			failed := false
			for _, r := range arep.Failed() {
				t.Logf("  access: %s does not hold: %s %s on %s decided %v (%s)", r.ID(), r.Request.Principal, r.Request.Action, r.Request.Resource, r.Decision.Allowed, r.Decision.Reason)
				if r.Kind == c.kind {
					failed = true
				}
			}
			for _, f := range arep.Findings {
				t.Logf("  access: external access: %s: %s may %s (%s)", f.Statement, f.Who, strings.Join(f.Actions, ", "), f.Why)
			}
			if c.kind != "" && !failed {
				t.Errorf("%s: access expectation %s still holds", c.name, c.kind)
			}
		})
	}
}

// editResource applies edit to the resource of type typ whose construct
// path is path, and returns its address.
func editResource(t *testing.T, doc map[string]any, path, typ string, edit func(map[string]any)) string {
	t.Helper()
	resources, _ := doc["resource"].(map[string]any)
	byName, _ := resources[typ].(map[string]any)
	for name, v := range byName {
		body, _ := v.(map[string]any)
		meta, _ := body["//"].(map[string]any)
		md, _ := meta["metadata"].(map[string]any)
		if p, _ := md["path"].(string); p == path {
			edit(body)
			return typ + "." + name
		}
	}
	var have []string
	for name := range byName {
		have = append(have, name)
	}
	t.Fatalf("no %s at %s; have %s", typ, path, strings.Join(have, ", "))
	return ""
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
