package rules

import (
	"reflect"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func TestRefsInString(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"${aws_s3_bucket.logs_bucket_1234.arn}", []string{"aws_s3_bucket.logs_bucket_1234"}},
		{"${aws_s3_bucket.logs.arn}/*", []string{"aws_s3_bucket.logs"}},
		{"arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.x.account_id}:root", []string{"data.aws_partition.p", "data.aws_caller_identity.x"}},
		{"${aws_subnet.private[0].id}", []string{"aws_subnet.private"}},
		{"${aws_subnet.private.*.id}", []string{"aws_subnet.private"}},
		{"${element(aws_subnet.private.*.id, 0)}", []string{"aws_subnet.private"}},
		{"${local.name}-${var.env}-${module.vpc.id}", []string{"local.name", "var.env", "module.vpc"}},
		{"${path.module}/x.zip ${count.index} ${self.id} ${terraform.workspace}", nil},
		{"${each.value.id}", []string{"each.value"}}, // linked through the resource's for_each
		{"${resource.aws_s3_bucket.b.id}", []string{"aws_s3_bucket.b"}},
		{"${aws_s3_bucket.b[*].arn}", []string{"aws_s3_bucket.b"}},
		{`${jsonencode({ Resource = "${aws_s3_bucket.b.arn}/*", Effect = "Allow" })}`, []string{"aws_s3_bucket.b"}},
		{`${[for s in aws_subnet.all : s.id]}`, []string{"aws_subnet.all"}},
		{`${[for k, my_v in aws_subnet.all : my_v.id]}`, []string{"aws_subnet.all"}},
		{`${lookup(var.m, "aws_x.y", 1.5)}`, []string{"var.m"}},
		{"$${aws_s3_bucket.not_a_ref.id} plain text aws_s3_bucket.x.id", nil},
		{"${provider::aws::arn_parse(var.a)}", []string{"var.a"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range engine.RefsInString(tt.in) {
			got = append(got, r.Addr)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("refsInString(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestNondeterministicCall(t *testing.T) {
	tests := map[string]string{
		"acme-${timestamp()}":                       "timestamp()",
		"acme-${formatdate(\"YYYY\", timestamp())}": "timestamp()",
		"acme-${uuid()}":                            "uuid()",
		"${bcrypt(var.p)}":                          "bcrypt()",
		"${plantimestamp()}":                        "plantimestamp()",
		"acme-dev-logs":                             "",
		"${var.timestamp}":                          "",
		"${format(\"%s-timestamp()\", var.x)}":      "",
		"${aws_x.y.uuid}":                           "",
		"${replace(\"a\", \"b\", \"${uuid()}\")}":   "uuid()",
	}
	for in, want := range tests {
		if got := engine.NondeterministicCall(in); got != want {
			t.Errorf("nondeterministicCall(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestReferenceResolution covers Target, Resolve, Refers and ResolveTarget
// on references between resources, data sources and locals.
func TestReferenceResolution(t *testing.T) {
	s, err := engine.ParseStack([]byte(`{
	  "locals": {"trail": "${local.prefix}-trail", "prefix": "acme-dev"},
	  "data": {"aws_region": {"r": {"name": "eu-west-1"}}, "aws_caller_identity": {"c": {}}},
	  "resource": {
	    "aws_s3_bucket": {"logs_bucket_1234": {"bucket": "acme-dev-logs", "//": {"metadata": {"path": "acme-dev/logs/bucket"}}}},
	    "aws_s3_bucket_versioning": {"by_ref": {"bucket": "${aws_s3_bucket.logs_bucket_1234.id}"}, "by_name": {"bucket": "acme-dev-logs"}, "other": {"bucket": "other"}},
	    "aws_cloudtrail": {"t": {"name": "${local.trail}", "s3_bucket_name": "${aws_s3_bucket.logs_bucket_1234.bucket}"}}
	  }}`))
	if err != nil {
		t.Fatal(err)
	}
	b := s.Lookup("aws_s3_bucket.logs_bucket_1234")
	if b == nil || b.Path != "acme-dev/logs/bucket" {
		t.Fatalf("Lookup: got %+v", b)
	}
	if r, a := s.Target("${aws_s3_bucket.logs_bucket_1234.arn}"); r != b || a != "arn" {
		t.Errorf("Target = %v, %q; want the bucket and arn", r, a)
	}
	if r, _ := s.Target("${aws_s3_bucket.logs_bucket_1234.arn}/*"); r != nil {
		t.Errorf("Target of a template with text must be nil, got %v", r.Address)
	}
	if r, a := s.Target("${data.aws_caller_identity.c.account_id}"); r == nil || r.Address != "data.aws_caller_identity.c" || a != "account_id" {
		t.Errorf("Target(data) = %v, %q", r, a)
	}
	if got := s.Resolve("${local.trail}"); got != "acme-dev-trail" {
		t.Errorf("Resolve(local chain) = %q", got)
	}
	if got := s.Resolve("logs.${data.aws_region.r.name}.amazonaws.com"); got != "logs.eu-west-1.amazonaws.com" {
		t.Errorf("Resolve(data attr) = %q", got)
	}
	if got := s.Resolve("${aws_s3_bucket.logs_bucket_1234.arn}"); got != "${aws_s3_bucket.logs_bucket_1234.arn}" {
		t.Errorf("Resolve(computed attr) must stay symbolic, got %q", got)
	}
	var linked []string
	for _, r := range s.Linked("aws_s3_bucket_versioning", "bucket", b, "bucket") {
		linked = append(linked, r.Address)
	}
	if want := []string{"aws_s3_bucket_versioning.by_name", "aws_s3_bucket_versioning.by_ref"}; !reflect.DeepEqual(linked, want) {
		t.Errorf("Linked = %v; want %v", linked, want)
	}
	if got := bucketOfTrail(s, s.Lookup("aws_cloudtrail.t")); got != b {
		t.Errorf("bucketOfTrail = %v", got)
	}
	if names := trailsByName(s); names["acme-dev-trail"] == nil {
		t.Errorf("trailsByName = %v; want acme-dev-trail resolved through locals", names)
	}
}

func TestTrailARNProblem(t *testing.T) {
	s, err := engine.ParseStack([]byte(`{"provider": {"aws": [{"region": "us-east-1"}]},
	  "resource": {"aws_cloudtrail": {"t": {"name": "acme-dev-trail"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	ok := []struct {
		v    string
		like bool
	}{
		{"arn:${data.aws_partition.p.partition}:cloudtrail:${data.aws_region.r.name}:${data.aws_caller_identity.c.account_id}:trail/acme-dev-trail", false},
		{"arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-dev-trail", false},
		{"arn:aws:cloudtrail:*:123456789012:trail/*", true},
		{"arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-*", true},
		{"${aws_cloudtrail.t.arn}", false},
		{"${var.trail_arn}", false},
	}
	for _, c := range ok {
		if p := trailARNProblem(s, c.v, c.like); p != "" {
			t.Errorf("%q (like=%v): unexpected problem %q", c.v, c.like, p)
		}
	}
	bad := []string{
		"arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-dev-trial",
		"arn:aws:cloudtrail:eu-west-1:123456789012:trail/acme-dev-trail",
		"arn:aws:s3:::acme-dev-trail",
		"arn:aws:cloudtrail:us-east-1:1234:trail/acme-dev-trail",
		"arn:aws:cloudtrail:us-east-1:123456789012:trail/*",
	}
	for _, v := range bad {
		if p := trailARNProblem(s, v, false); p == "" {
			t.Errorf("%q: want a problem, got none", v)
		}
	}
}

// TestResolveBounded: self-referencing, multiplying locals must not hang.
func TestResolveBounded(t *testing.T) {
	s, err := engine.ParseStack([]byte(`{"locals": {"a": "${local.a}${local.a}${local.a}${local.a}${local.a}${local.a}${local.a}${local.a}${local.a}${local.a}${local.a}${local.a}"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Resolve("${local.a}"); got == "" {
		t.Error("Resolve returned nothing")
	}
}
