package rules

import (
	"reflect"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// policyForms is one bucket policy written three ways: a JSON string with
// interpolations, a data.aws_iam_policy_document, and ${jsonencode(...)}.
const policyForms = `{
  "data": {
    "aws_caller_identity": {"c": {}},
    "aws_iam_policy_document": {"doc": {
      "statement": [
        {"sid": "DenyInsecureTransport", "effect": "Deny",
         "principals": [{"type": "*", "identifiers": ["*"]}],
         "actions": ["s3:*"], "resources": ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"],
         "condition": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}]},
        {"sid": "AWSCloudTrailWrite",
         "principals": [{"type": "Service", "identifiers": ["cloudtrail.amazonaws.com"]}],
         "actions": ["s3:PutObject"], "resources": ["${aws_s3_bucket.b.arn}/AWSLogs/${data.aws_caller_identity.c.account_id}/*"],
         "condition": [{"test": "StringEquals", "variable": "s3:x-amz-acl", "values": ["bucket-owner-full-control"]}]}
      ]}}
  },
  "resource": {
    "aws_s3_bucket": {"b": {"bucket": "acme-dev-b"}},
    "aws_s3_bucket_policy": {
      "json_form": {"bucket": "${aws_s3_bucket.b.id}", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"${aws_s3_bucket.b.arn}\",\"${aws_s3_bucket.b.arn}/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":false}}},{\"Sid\":\"AWSCloudTrailWrite\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":[\"s3:PutObject\"],\"Resource\":\"${aws_s3_bucket.b.arn}/AWSLogs/${data.aws_caller_identity.c.account_id}/*\",\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}}]}"},
      "doc_form": {"bucket": "${aws_s3_bucket.b.id}", "policy": "${data.aws_iam_policy_document.doc.json}"},
      "enc_form": {"bucket": "${aws_s3_bucket.b.id}", "policy": "${jsonencode({\n  Version = \"2012-10-17\"\n  Statement = [\n    {\n      Sid = \"DenyInsecureTransport\"\n      Effect = \"Deny\"\n      Principal = \"*\"\n      Action = \"s3:*\"\n      Resource = [aws_s3_bucket.b.arn, \"${aws_s3_bucket.b.arn}/*\"]\n      Condition = { Bool = { \"aws:SecureTransport\" = false } }\n    },\n    {\n      Sid = \"AWSCloudTrailWrite\", Effect = \"Allow\"\n      Principal = { Service = \"cloudtrail.amazonaws.com\" }\n      Action = [\"s3:PutObject\"]\n      # comment\n      Resource = \"${aws_s3_bucket.b.arn}/AWSLogs/${data.aws_caller_identity.c.account_id}/*\"\n      Condition = {\n        StringEquals = { \"s3:x-amz-acl\" = \"bucket-owner-full-control\" }\n      }\n    },\n  ]\n})}"}
    }
  }
}`

func TestPolicyForms(t *testing.T) {
	s, err := engine.ParseStack([]byte(policyForms))
	if err != nil {
		t.Fatal(err)
	}
	want := []engine.Statement{
		{Sid: "DenyInsecureTransport", Effect: "Deny", Principals: map[string][]string{"*": {"*"}}, Actions: []string{"s3:*"},
			Resources:  []string{"${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"},
			Conditions: []engine.Condition{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}}}, Index: 1},
		{Sid: "AWSCloudTrailWrite", Effect: "Allow", Principals: map[string][]string{"Service": {"cloudtrail.amazonaws.com"}}, Actions: []string{"s3:PutObject"},
			Resources:  []string{"${aws_s3_bucket.b.arn}/AWSLogs/${data.aws_caller_identity.c.account_id}/*"},
			Conditions: []engine.Condition{{Operator: "StringEquals", Key: "s3:x-amz-acl", Values: []string{"bucket-owner-full-control"}}}, Index: 2},
	}
	for _, name := range []string{"json_form", "doc_form", "enc_form"} {
		r := s.Lookup("aws_s3_bucket_policy." + name)
		p, ok := s.Policy(r.Body["policy"])
		if !ok {
			t.Errorf("%s: policy not decoded", r.Address)
			continue
		}
		if !reflect.DeepEqual(p.Statements, want) {
			t.Errorf("%s: statements\n got %#v\nwant %#v", r.Address, p.Statements, want)
		}
	}
	// All three sit on the same bucket: S3004 must be satisfied.
	rep, err := CheckStack(s, Options{Now: testNow, Rules: []string{"S3004"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("S3004 fired on a TLS-only policy:%s", dump(rep.Findings))
	}
}

func TestPolicyUndecodable(t *testing.T) {
	s, err := engine.ParseStack([]byte(`{
	  "data": {"aws_iam_policy_document": {"dyn": {"dynamic": {"statement": {"for_each": "${var.x}"}}}}},
	  "resource": {"aws_s3_bucket": {"b": {"bucket": "acme-dev-b"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{
		"${jsonencode(local.policy)}",
		`{"Version":"2012-10-17","Statement":${jsonencode(var.statements)}}`,
		"${data.aws_iam_policy_document.dyn.json}",
		"${jsonencode({ Statement = [for s in var.x : s] })}",
		"${jsonencode({ Statement = var.a == \"b\" ? [] : [] })}",
		"${var.policy}",
		"not json",
	} {
		if p, ok := s.Policy(v); ok {
			t.Errorf("Policy(%q) decoded to %+v; want unknown", v, p)
		}
	}
}

// TestUnknownPolicyNoFalsePositive: rules that need a policy stay silent when it cannot be decoded.
func TestUnknownPolicyNoFalsePositive(t *testing.T) {
	s, err := engine.ParseStack([]byte(`{
	  "resource": {
	    "aws_s3_bucket": {"logs": {"bucket": "acme-dev-logs"}},
	    "aws_s3_bucket_policy": {"logs": {"bucket": "${aws_s3_bucket.logs.id}", "policy": "${var.bucket_policy}"}},
	    "aws_kms_key": {"k": {"enable_key_rotation": true, "policy": "${jsonencode(local.key_policy)}"}},
	    "aws_cloudwatch_log_group": {"g": {"name": "g", "kms_key_id": "${aws_kms_key.k.arn}"}},
	    "aws_cloudtrail": {"t": {"name": "acme-dev-trail", "s3_bucket_name": "${aws_s3_bucket.logs.id}", "kms_key_id": "${aws_kms_key.k.arn}", "depends_on": ["aws_s3_bucket_policy.logs"]}}
	  },
	  "variable": {"bucket_policy": {}, "statements": {}},
	  "locals": {"key_policy": {"Statement": "${var.statements}"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := CheckStack(s, Options{Now: testNow, Rules: []string{"CT001", "CT002", "CT003", "CT004", "S3004", "KMS001", "KMS003", "KMS004", "TF002"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("findings on undecodable policies:%s", dump(rep.Findings))
	}
}
