package guard

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCyclePath(t *testing.T) {
	s, err := ParseStack([]byte(`{
	  "locals": {"n": "${aws_iam_role.r.name}"},
	  "resource": {
	    "aws_s3_bucket_policy": {"p": {"bucket": "b", "policy": "{\"Statement\":[{\"Condition\":{\"StringEquals\":{\"aws:SourceArn\":\"${aws_cloudtrail.t.arn}\"}}}]}"}},
	    "aws_cloudtrail": {"t": {"name": "t", "s3_bucket_name": "b", "depends_on": ["aws_s3_bucket_policy.p"]}},
	    "aws_iam_role": {"r": {"name": "x", "description": "${local.n}"}},
	    "aws_security_group": {"self_ref": {"name": "s", "description": "${aws_security_group.self_ref.id}"}},
	    "aws_sns_topic": {"ok": {"name": "${aws_iam_role.z.name}"}, "via_module": {"name": "${module.m.name}"}}
	  },
	  "module": {"m": {"source": "terraform-aws-modules/x/aws", "topic": "${aws_sns_topic.via_module.arn}"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	got := s.Graph().Cycles()
	want := [][]string{
		{"aws_cloudtrail.t", "aws_s3_bucket_policy.p", "aws_cloudtrail.t"},
		{"aws_iam_role.r", "local.n", "aws_iam_role.r"},
		{"aws_security_group.self_ref", "aws_security_group.self_ref"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Cycles() = %v; want %v", got, want)
	}
	rep, err := CheckStack(s, Options{Now: testNow, Rules: []string{"TF001", "TF002"}})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range rep.Findings {
		msgs = append(msgs, f.RuleID+" "+f.Address+": "+f.Message)
	}
	wantMsgs := []string{
		"TF001 aws_cloudtrail.t: dependency cycle: aws_cloudtrail.t -> aws_s3_bucket_policy.p -> aws_cloudtrail.t",
		"TF001 aws_iam_role.r: dependency cycle: aws_iam_role.r -> local.n -> aws_iam_role.r",
		"TF001 aws_security_group.self_ref: dependency cycle: aws_security_group.self_ref -> aws_security_group.self_ref",
		"TF002 aws_sns_topic.ok: refers to resource aws_iam_role.z, which is not declared in this stack",
	}
	if !reflect.DeepEqual(msgs, wantMsgs) {
		t.Errorf("findings:\n got %q\nwant %q", msgs, wantMsgs)
	}
}

func TestCycleThreeNodes(t *testing.T) {
	s, err := ParseStack([]byte(`{"resource": {"null_resource": {
	  "a": {"triggers": {"x": "${null_resource.b.id}"}},
	  "b": {"triggers": {"x": "${null_resource.c.id}"}},
	  "c": {"depends_on": ["null_resource.a"]},
	  "d": {"depends_on": ["null_resource.a"]}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"null_resource.a", "null_resource.b", "null_resource.c", "null_resource.a"}}
	if got := s.Graph().Cycles(); !reflect.DeepEqual(got, want) {
		t.Errorf("Cycles() = %v; want %v", got, want)
	}
}

// writeStack writes a cdk.tf.json under dir/rel and returns its path.
func writeStack(t *testing.T, dir, rel, body string) string {
	t.Helper()
	p := filepath.Join(dir, rel, "cdk.tf.json")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const suppressedStack = `{
  "//": {"guard": {"suppressions": [
    {"rule": "MON002", "path": "acme-dev/alerts", "reason": "test topic carries no data"},
    {"rule": "MON003", "path": "acme-dev/alarms", "reason": ""},
    {"rule": "MON001", "path": "acme-dev/logs/group", "reason": "exact path"}
  ]}},
  "resource": {
    "aws_sns_topic": {
      "alerts_topic_ABC": {"name": "a", "//": {"metadata": {"path": "acme-dev/alerts/topic"}}},
      "alerts2_topic_DEF": {"name": "b", "//": {"metadata": {"path": "acme-dev/alerts2/topic"}}}
    },
    "aws_cloudwatch_metric_alarm": {"x": {"alarm_name": "x", "//": {"metadata": {"path": "acme-dev/alarms/x"}}}},
    "aws_cloudwatch_log_group": {"g": {"name": "g", "//": {"metadata": {"path": "acme-dev/logs/group"}}}}
  }
}`

// TestSuppressionsFromJSON: a suppression covers its path and descendants
// (not siblings sharing a prefix), needs a reason, and suppressed findings
// stay visible in Report.Suppressed with the reason.
func TestSuppressionsFromJSON(t *testing.T) {
	dir := t.TempDir()
	file := writeStack(t, dir, "", suppressedStack)
	rep, err := CheckFile(file, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var active, suppressed []string
	for _, f := range rep.Findings {
		active = append(active, f.RuleID+" "+f.Address)
	}
	for _, f := range rep.Suppressed {
		suppressed = append(suppressed, f.RuleID+" "+f.Address+" ("+f.Reason+")")
	}
	wantActive := []string{"MON003 aws_cloudwatch_metric_alarm.x", "MON002 aws_sns_topic.alerts2_topic_DEF"}
	wantSupp := []string{"MON001 aws_cloudwatch_log_group.g (exact path)", "MON002 aws_sns_topic.alerts_topic_ABC (test topic carries no data)"}
	if !reflect.DeepEqual(active, wantActive) {
		t.Errorf("findings = %q; want %q", active, wantActive)
	}
	if !reflect.DeepEqual(suppressed, wantSupp) {
		t.Errorf("suppressed = %q; want %q", suppressed, wantSupp)
	}
}

// TestCheckDirLayouts: a stack folder, a cdktf.out folder, a file; ordering is deterministic.
func TestCheckDirLayouts(t *testing.T) {
	out := t.TempDir()
	topic := `{"resource": {"aws_sns_topic": {"t": {"name": "t"}}, "aws_cloudwatch_metric_alarm": {"a": {"alarm_name": "a"}}}}`
	writeStack(t, out, "stacks/b-stack", topic)
	fileA := writeStack(t, out, "stacks/a-stack", topic)

	rep, err := CheckDir(out, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, filepath.Base(filepath.Dir(f.File))+" "+f.Address+" "+f.RuleID)
	}
	want := []string{
		"a-stack aws_cloudwatch_metric_alarm.a MON003", "a-stack aws_sns_topic.t MON002",
		"b-stack aws_cloudwatch_metric_alarm.a MON003", "b-stack aws_sns_topic.t MON002",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CheckDir(cdktf.out) = %q; want %q", got, want)
	}
	one, err := CheckDir(filepath.Dir(fileA), Options{Now: testNow})
	if err != nil || len(one.Findings) != 2 {
		t.Errorf("CheckDir(stack folder) = %d findings, %v; want 2", len(one.Findings), err)
	}
	if _, err := CheckDir(t.TempDir(), Options{}); err == nil || !strings.Contains(err.Error(), "no *.tf, *.tf.json, *.tofu or *.tofu.json files") {
		t.Errorf("CheckDir(empty) error = %v; want one naming the missing configuration files", err)
	}
	bad := writeStack(t, t.TempDir(), "", "{not json")
	if _, err := CheckFile(bad, Options{}); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("CheckFile(invalid JSON) error = %v; want one naming the file", err)
	}
	if _, err := CheckFile(fileA, Options{Rules: []string{"NOPE1"}}); err == nil {
		t.Error("CheckFile with an unknown rule ID: want an error")
	}
}

func TestParseSeverity(t *testing.T) {
	for in, want := range map[string]Severity{"info": Info, "WARNING": Warning, "warn": Warning, " error ": Error} {
		if got, err := ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal): want an error")
	}
	if !(Info < Warning && Warning < Error) {
		t.Error("severities are not ordered")
	}
}

// TestCleanStack: a stack written to the DESIGN.md defaults has no finding at any severity.
func TestCleanStack(t *testing.T) {
	rep, err := CheckDir(filepath.Join("rules", "testdata", "clean"), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("clean stack has findings:%s", dump(rep.Findings))
	}
}

// TestNoFalseUndeclared: dynamic block iterators and files Terraform creates are not problems.
func TestNoFalseUndeclared(t *testing.T) {
	dir := t.TempDir()
	file := writeStack(t, dir, "", `{
	  "data": {"archive_file": {"code": {"type": "zip", "source_dir": "src", "output_path": "build/code.zip"}}},
	  "variable": {"rules": {}},
	  "resource": {
	    "aws_lambda_function": {"f": {"function_name": "f", "runtime": "python3.13", "handler": "h", "role": "r",
	      "filename": "${data.archive_file.code.output_path}", "source_code_hash": "${data.archive_file.code.output_base64sha256}",
	      "vpc_config": {"subnet_ids": ["s"], "security_group_ids": ["g"]}}},
	    "aws_security_group": {"g": {"name": "g",
	      "dynamic": {"ingress": {"for_each": "${var.rules}", "iterator": "my_rule",
	        "content": {"from_port": "${my_rule.value.port}", "to_port": "${my_rule.value.port}", "protocol": "tcp"}}}}},
	    "aws_network_acl": {"n": {"vpc_id": "v", "dynamic": {"ingress_rule": {"for_each": "${var.rules}",
	        "content": {"rule_no": "${ingress_rule.key}"}}}}}
	  }}`)
	rep, err := CheckFile(file, Options{Now: testNow, Rules: []string{"TF001", "TF002", "LMB001"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("false positives:%s", dump(rep.Findings))
	}
}

// TestOpenTofuModule: an OpenTofu module folder is checked as OpenTofu
// loads it: main.tofu replaces main.tf (whose insecure bucket is not
// reported), and OpenTofu-only constructs (the terraform block's encryption
// block with key_provider and method references, in native syntax and in
// the JSON form stack.StateEncryption writes; a provider with for_each and
// a resource choosing one of its instances; lifecycle's enabled) load
// without an error or a false finding; a finding in main.tofu names it.
// Both variants pass `tofu validate` (OpenTofu v1.11.5).
func TestOpenTofuModule(t *testing.T) {
	common := map[string]string{
		"main.tf": `resource "aws_s3_bucket" "shadowed" { bucket = "read-by-terraform-only" }`,
		"main.tofu": `
variable "regions" {
  type    = set(string)
  default = ["us-east-1", "eu-west-1"]
}

provider "aws" {
  alias    = "by_region"
  for_each = var.regions
  region   = each.value
}

resource "aws_sns_topic" "alerts" {
  for_each          = var.regions
  provider          = aws.by_region[each.key]
  name              = "alerts-${each.key}"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "optional" {
  name = "optional"
  lifecycle {
    enabled = length(var.regions) > 1
  }
}
`,
	}
	variants := map[string]string{
		"encryption.tofu": `
terraform {
  encryption {
    key_provider "aws_kms" "state" {
      kms_key_id = "alias/acme-tofu-state"
      region     = "us-east-1"
      key_spec   = "AES_256"
    }
    method "aes_gcm" "state" {
      keys = key_provider.aws_kms.state
    }
    state {
      method   = method.aes_gcm.state
      enforced = true
    }
    plan {
      method   = method.aes_gcm.state
      enforced = true
    }
  }
}
`,
		"encryption.tofu.json": `{"terraform": {"encryption": {
		  "key_provider": {"aws_kms": {"state": {"kms_key_id": "alias/acme-tofu-state", "region": "us-east-1", "key_spec": "AES_256"}}},
		  "method": {"aes_gcm": {"state": {"keys": "${key_provider.aws_kms.state}"}}},
		  "state": {"method": "method.aes_gcm.state", "enforced": true},
		  "plan": {"method": "method.aes_gcm.state", "enforced": true}}}}`,
	}
	for variant, text := range variants {
		dir := t.TempDir()
		for name, text := range common {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, variant), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err := CheckDir(dir, Options{Now: testNow})
		if err != nil {
			t.Fatalf("%s: CheckDir(OpenTofu module): %v", variant, err)
		}
		var got []string
		for _, f := range rep.Findings {
			got = append(got, filepath.Base(f.File)+" "+f.Address+" "+f.RuleID)
		}
		want := []string{"main.tofu aws_sns_topic.optional MON002"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: CheckDir(OpenTofu module) = %q; want %q (main.tf's bucket is not what OpenTofu loads)%s", variant, got, want, dump(rep.Findings))
		}
	}
}
