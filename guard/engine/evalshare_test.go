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
	pf, err := parseFile("main.tf.json", []byte(shareSrc))
	if err != nil {
		t.Fatal(err)
	}
	s, err := buildStack([]*parsedFile{pf})
	if err != nil {
		t.Fatal(err)
	}
	written := map[string]map[string]any{} // the bodies as written, by address
	for _, r := range s.Resources {
		written[r.Address] = r.Body
	}
	s.finish(nil, rootCtx("", 0))
	same := s.Lookup("aws_s3_bucket.same")
	if !sameObject(same.Body, written["aws_s3_bucket.same"]) {
		t.Errorf("aws_s3_bucket.same: the body evaluation left unchanged is a copy; want the body as written")
	}
	ch, chRaw := s.Lookup("aws_s3_bucket.changed"), written["aws_s3_bucket.changed"]
	if sameObject(ch.Body, chRaw) || ch.Body["bucket"] != "dev-b" || chRaw["bucket"] != "${var.env}-b" {
		t.Fatalf("aws_s3_bucket.changed: bucket = %v (as written %v); want dev-b in a new body", ch.Body["bucket"], chRaw["bucket"])
	}
	if !sameObject(ch.Body["tags"], chRaw["tags"]) {
		t.Errorf("aws_s3_bucket.changed tags: an unchanged object is a copy")
	}
	rules, rawRules := List(ch.Body["rule"]), List(chRaw["rule"])
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
	for _, key := range []string{"[0]", "[1]"} {
		sg := s.Lookup("aws_security_group.sg" + key)
		if sg == nil {
			t.Fatalf("aws_security_group.sg%s missing", key)
		}
		if n := len(Blocks(sg.Body["ingress"])); n != 3 {
			t.Errorf("aws_security_group.sg%s: %d ingress blocks; want 3 (one written, two from the dynamic block)", key, n)
		}
	}
	// the dynamic blocks of each instance are expanded into new objects and
	// lists: the bodies as written stay as they were (compare with a fresh parse)
	fresh, err := parseFile("main.tf.json", []byte(shareSrc))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range fresh.decls {
		if d.kind != "resource" {
			continue
		}
		addr := d.labels[0] + "." + d.labels[1]
		if !reflect.DeepEqual(written[addr], d.body) {
			t.Errorf("%s: evaluating changed the body as written:\n got %v\nwant %v", addr, written[addr], d.body)
		}
	}
}

// TestPlainTemplatesAndIterators: a template the memo knows as plain (only
// resource references) is left as written without being parsed again,
// unless a reference's root is an iterator of the instance named like a
// resource type.
func TestPlainTemplatesAndIterators(t *testing.T) {
	s, err := ParseFile("main.tf.json", []byte(`{"resource": {"aws_security_group": {"sg": {
  "name": "${aws_s3_bucket.b.id}",
  "dynamic": {"ingress": {"for_each": ["a", "b"], "iterator": "my_rule",
    "content": {"protocol": "${my_rule.value}", "cidr_blocks": ["${aws_vpc.v.cidr_block}"]}}}
}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	sg := s.Lookup("aws_security_group.sg")
	if got := sg.Body["name"]; got != "${aws_s3_bucket.b.id}" {
		t.Errorf("aws_security_group.sg name = %v; want the reference as written", got)
	}
	var got []string
	for _, b := range Blocks(sg.Body["ingress"]) {
		got = append(got, Str(b["protocol"])+" "+Strs(b["cidr_blocks"])[0])
	}
	want := []string{"a ${aws_vpc.v.cidr_block}", "b ${aws_vpc.v.cidr_block}"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("aws_security_group.sg ingress (protocol, cidr_blocks.0) = %q; want %q", got, want)
	}
}
