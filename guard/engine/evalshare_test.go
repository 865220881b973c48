package engine

import (
	"reflect"
	"testing"
)

// sameObject reports whether a and b are the same map or the same slice
// (not merely equal ones).
func sameObject(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() != vb.Kind() || (va.Kind() != reflect.Map && va.Kind() != reflect.Slice) {
		return false
	}
	return va.UnsafePointer() == vb.UnsafePointer() && (va.Kind() == reflect.Map || va.Len() == vb.Len())
}

const shareSrc = `{
  "variable": {"env": {"default": "dev"}},
  "resource": {
    "aws_s3_bucket": {
      "same": {"bucket": "x", "tags": {"Name": "n"}, "versioning": [{"enabled": true}]},
      "changed": {
        "bucket": "${var.env}-b",
        "tags": {"Name": "n"},
        "rule": [{"x": {"y": "${var.env}"}, "z": {"k": "v"}}, {"z": "k"}],
        "list": ["a", "${var.env}", "c"]
      }
    },
    "aws_security_group": {
      "sg": {
        "count": 2,
        "name": "sg-${count.index}",
        "ingress": [{"from_port": 22, "cidr_blocks": ["10.0.0.0/8"]}],
        "dynamic": {"ingress": {"for_each": ["a", "b"], "content": {"description": "${ingress.value}", "from_port": 443}}},
        "egress": {"to_port": 0, "dynamic": {"x": {"for_each": "${var.unknown}", "content": {"y": 1}}}}
      }
    }
  }
}`

// TestEvaluationSharesUnchangedValues: an evaluated body holds anew only
// what evaluation changed; the rest is the body as written (issue 26).
func TestEvaluationSharesUnchangedValues(t *testing.T) {
	s, err := ParseFile("main.tf.json", []byte(shareSrc))
	if err != nil {
		t.Fatal(err)
	}
	same := s.Lookup("aws_s3_bucket.same")
	if !sameObject(same.Body, same.raw) {
		t.Errorf("aws_s3_bucket.same: the body evaluation left unchanged is a copy; want the body as written")
	}
	ch := s.Lookup("aws_s3_bucket.changed")
	if sameObject(ch.Body, ch.raw) || ch.Body["bucket"] != "dev-b" || ch.raw["bucket"] != "${var.env}-b" {
		t.Fatalf("aws_s3_bucket.changed: bucket = %v (as written %v); want dev-b in a new body", ch.Body["bucket"], ch.raw["bucket"])
	}
	if !sameObject(ch.Body["tags"], ch.raw["tags"]) {
		t.Errorf("aws_s3_bucket.changed tags: an unchanged object is a copy")
	}
	rules, rawRules := List(ch.Body["rule"]), List(ch.raw["rule"])
	if len(rules) != 2 || sameObject(rules, rawRules) {
		t.Fatalf("aws_s3_bucket.changed rule = %v; want a new list of two blocks", rules)
	}
	if sameObject(rules[0], rawRules[0]) || Str(Map(Map(rules[0])["x"])["y"]) != "dev" {
		t.Errorf("aws_s3_bucket.changed rule.0 = %v; want a new block with x.y = dev", rules[0])
	}
	if !sameObject(Map(rules[0])["z"], Map(rawRules[0])["z"]) {
		t.Errorf("aws_s3_bucket.changed rule.0.z: an unchanged object inside a changed block is a copy")
	}
	if !sameObject(rules[1], rawRules[1]) {
		t.Errorf("aws_s3_bucket.changed rule.1: an unchanged block is a copy")
	}
	if got := ch.Body["list"]; !reflect.DeepEqual(got, []any{"a", "dev", "c"}) {
		t.Errorf("aws_s3_bucket.changed list = %v; want [a dev c]", got)
	}
	// the dynamic blocks of each instance are expanded into new lists: the
	// body as written stays as it was (compare with a fresh parse)
	for _, key := range []string{"[0]", "[1]"} {
		sg := s.Lookup("aws_security_group.sg" + key)
		if sg == nil {
			t.Fatalf("aws_security_group.sg%s missing", key)
		}
		if n := len(Blocks(sg.Body["ingress"])); n != 3 {
			t.Errorf("aws_security_group.sg%s: %d ingress blocks; want 3 (one written, two from the dynamic block)", key, n)
		}
	}
	fresh, err := parseFile("main.tf.json", []byte(shareSrc))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range fresh.decls {
		if d.kind != "resource" {
			continue
		}
		r := s.Lookup(d.labels[0] + "." + d.labels[1])
		if r == nil {
			r = s.Lookup(d.labels[0] + "." + d.labels[1] + "[0]")
		}
		if !reflect.DeepEqual(r.raw, d.body) {
			t.Errorf("%s: evaluating changed the body as written:\n got %v\nwant %v", r.Address, r.raw, d.body)
		}
	}
}
