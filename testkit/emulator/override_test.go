package emulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeStack(t *testing.T, doc string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cdk.tf.json"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func readOverride(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, OverrideFile))
	if err != nil {
		t.Fatal(err)
	}
	var ov map[string]any
	if err := json.Unmarshal(b, &ov); err != nil {
		t.Fatalf("%s: %v", OverrideFile, err)
	}
	return ov
}

func TestWriteOverrideProviders(t *testing.T) {
	tests := []struct {
		name, provider string
		wantAliases    []string
	}{
		{"list", `[{"region":"us-east-1"}]`, []string{""}},
		{"object", `{"region":"us-east-1"}`, []string{""}},
		{"aliased", `[{"region":"us-east-1"},{"alias":"replica","region":"eu-west-1"},{"alias":"global","region":"us-east-1"}]`, []string{"", "global", "replica"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := `{"provider":{"aws":` + tc.provider + `},"resource":{}}`
			dir := writeStack(t, src)
			if err := WriteOverride(dir, "http://127.0.0.1:5000", nil); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "cdk.tf.json")); string(b) != src {
				t.Errorf("cdk.tf.json changed: %s", b)
			}
			ov := readOverride(t, dir)
			provs, _ := ov["provider"].(map[string]any)["aws"].([]any)
			var aliases []string
			for _, p := range provs {
				m := p.(map[string]any)
				a, _ := m["alias"].(string)
				aliases = append(aliases, a)
				for k, want := range map[string]any{"access_key": "test", "secret_key": "test", "max_retries": 3.0,
					"skip_credentials_validation": true, "skip_metadata_api_check": "true", "s3_use_path_style": true} {
					if !reflect.DeepEqual(m[k], want) {
						t.Errorf("provider aws alias %q: %s = %v; want %v", a, k, m[k], want)
					}
				}
				if _, ok := m["skip_requesting_account_id"]; ok {
					t.Errorf("provider aws alias %q: skip_requesting_account_id set; it makes referenced_security_group_id drift", a)
				}
				if _, ok := m["region"]; ok {
					t.Errorf("provider aws alias %q: region overridden; the stack's region must stay", a)
				}
				eps := m["endpoints"].([]any)[0].(map[string]any)
				for _, s := range DefaultServices {
					if eps[s] != "http://127.0.0.1:5000" {
						t.Errorf("provider aws alias %q: endpoints.%s = %v; want the emulator", a, s, eps[s])
					}
				}
			}
			if !reflect.DeepEqual(aliases, tc.wantAliases) {
				t.Errorf("override provider aliases = %q; want %q", aliases, tc.wantAliases)
			}
			be, _ := ov["terraform"].(map[string]any)["backend"].(map[string]any)["local"].(map[string]any)
			if be["path"] != "terraform.tfstate" {
				t.Errorf("override backend = %v; want local terraform.tfstate", ov["terraform"])
			}
		})
	}
}

func TestWriteOverrideNoProvider(t *testing.T) {
	dir := writeStack(t, `{"resource":{}}`)
	err := WriteOverride(dir, "http://127.0.0.1:5000", nil)
	if err == nil || !strings.Contains(err.Error(), `no provider "aws"`) {
		t.Errorf("WriteOverride without a provider block: err = %v; want one naming the missing provider", err)
	}
}

const tlsDeny = `{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"s3:*\"],\"Resource\":[\"${aws_s3_bucket.b.arn}\",\"${aws_s3_bucket.b.arn}/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":[\"false\"]}}}`
const trailAllow = `{\"Sid\":\"AWSCloudTrailWrite\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"cloudtrail.amazonaws.com\"]},\"Action\":[\"s3:PutObject\"],\"Resource\":[\"${aws_s3_bucket.b.arn}/AWSLogs/${data.aws_caller_identity.c.account_id}/*\"],\"Condition\":{\"StringEquals\":{\"aws:SourceArn\":[\"arn:${data.aws_partition.p.partition}:cloudtrail:us-east-1:${data.aws_caller_identity.c.account_id}:trail/acme-dev-trail\"],\"s3:x-amz-acl\":[\"bucket-owner-full-control\"]}}}`

func TestGapOverrides(t *testing.T) {
	doc := `{"provider":{"aws":[{}]},
	"resource":{
	  "aws_cloudtrail":{"on":{"enable_logging":true},"default":{},"off":{"enable_logging":false}},
	  "aws_instance":{"mon":{"monitoring":true},"plain":{}},
	  "aws_lambda_function":{"enc":{"kms_key_arn":"${aws_kms_key.k.arn}","lifecycle":{"ignore_changes":["tags"]}},"plain":{}},
	  "aws_vpc_security_group_ingress_rule":{
	    "ref":{"referenced_security_group_id":"${aws_security_group.a.id}","description":"from a"},
	    "cidr":{"cidr_ipv4":"10.0.0.0/16","description":"from vpc"},
	    "all":{"referenced_security_group_id":"x","description":"d","lifecycle":{"ignore_changes":"all"}}},
	  "aws_vpc_security_group_egress_rule":{"ref":{"referenced_security_group_id":"${aws_security_group.a.id}","description":"to a"}},
	  "aws_s3_bucket_policy":{
	    "logs":{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[` + tlsDeny + `,` + trailAllow + `]}"},
	    "only":{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[` + tlsDeny + `]}"},
	    "none":{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[` + trailAllow + `]}"},
	    "ref":{"policy":"${data.aws_iam_policy_document.d.json}"}}
	},
	"data":{"aws_iam_policy_document":{"d":{"statement":[
	  {"sid":"TLS","effect":"Deny","actions":["s3:*"],"principals":[{"type":"*","identifiers":["*"]}],"resources":["x"],
	   "condition":[{"test":"Bool","variable":"aws:SecureTransport","values":["false"]}]},
	  {"sid":"Keep","effect":"Allow","actions":["s3:GetObject"],"resources":["x"]}]}}}}`
	var raw map[string]any
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		t.Fatal(err)
	}
	ov, err := buildOverride(raw, "http://127.0.0.1:1", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := ov["resource"].(map[string]any)
	get := func(block map[string]any, typ, name string) map[string]any {
		m, _ := block[typ].(map[string]any)
		b, _ := m[name].(map[string]any)
		return b
	}
	expect := func(addr string, got map[string]any, want string) {
		t.Helper()
		gj, _ := json.Marshal(got)
		if want == "" {
			if got != nil {
				t.Errorf("override %s = %s; want none", addr, gj)
			}
			return
		}
		if string(gj) != want {
			t.Errorf("override %s =\n  %s\nwant\n  %s", addr, gj, want)
		}
	}
	expect("aws_cloudtrail.on", get(res, "aws_cloudtrail", "on"), `{"enable_logging":false}`)
	expect("aws_cloudtrail.default", get(res, "aws_cloudtrail", "default"), `{"enable_logging":false}`)
	expect("aws_cloudtrail.off", get(res, "aws_cloudtrail", "off"), "")
	expect("aws_instance.mon", get(res, "aws_instance", "mon"), `{"monitoring":false}`)
	expect("aws_instance.plain", get(res, "aws_instance", "plain"), "")
	expect("aws_lambda_function.enc", get(res, "aws_lambda_function", "enc"), `{"lifecycle":{"ignore_changes":["tags","kms_key_arn"]}}`)
	expect("aws_lambda_function.plain", get(res, "aws_lambda_function", "plain"), "")
	expect("aws_vpc_security_group_ingress_rule.ref", get(res, "aws_vpc_security_group_ingress_rule", "ref"), `{"lifecycle":{"ignore_changes":["description"]}}`)
	expect("aws_vpc_security_group_ingress_rule.cidr", get(res, "aws_vpc_security_group_ingress_rule", "cidr"), "")
	expect("aws_vpc_security_group_ingress_rule.all", get(res, "aws_vpc_security_group_ingress_rule", "all"), "")
	expect("aws_vpc_security_group_egress_rule.ref", get(res, "aws_vpc_security_group_egress_rule", "ref"), `{"lifecycle":{"ignore_changes":["description"]}}`)
	expect("aws_s3_bucket_policy.logs", get(res, "aws_s3_bucket_policy", "logs"),
		`{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[`+trailAllow+`]}"}`)
	expect("aws_s3_bucket_policy.only", get(res, "aws_s3_bucket_policy", "only"), `{"count":0}`)
	expect("aws_s3_bucket_policy.none", get(res, "aws_s3_bucket_policy", "none"), "")
	expect("aws_s3_bucket_policy.ref", get(res, "aws_s3_bucket_policy", "ref"), "")
	data, _ := ov["data"].(map[string]any)
	expect("data.aws_iam_policy_document.d", get(data, "aws_iam_policy_document", "d"),
		`{"statement":[{"actions":["s3:GetObject"],"effect":"Allow","resources":["x"],"sid":"Keep"}]}`)
}

func TestGapOverridesChainAndBeforeDestroy(t *testing.T) {
	logging := `{\"Sid\":\"S3ServerAccessLogsPolicy\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"logging.s3.amazonaws.com\"]},` +
		`\"Action\":[\"s3:PutObject\"],\"Resource\":[\"${aws_s3_bucket.a.arn}/*\"]}`
	doc := `{"provider":{"aws":[{}]},"resource":{
	  "aws_s3_bucket_policy":{"access":{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[` + tlsDeny + `,` + logging + `]}"}},
	  "aws_vpc_security_group_egress_rule":{"pl":{"prefix_list_id":"${aws_vpc_endpoint.s3.prefix_list_id}","description":"to s3"},
	    "plnodesc":{"prefix_list_id":"pl-12345678"}},
	  "aws_db_instance":{"prod":{"deletion_protection":true},"dev":{"deletion_protection":false}},
	  "aws_s3_bucket":{"kept":{"bucket":"k"},"emptied":{"bucket":"e","force_destroy":true}}}}`
	var raw map[string]any
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		t.Fatal(err)
	}
	for _, destroying := range []bool{false, true} {
		ov, err := buildOverride(raw, "http://127.0.0.1:1", nil, destroying)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := ov["resource"].(map[string]any)
		body := func(typ, name string) string {
			m, _ := res[typ].(map[string]any)
			b, _ := json.Marshal(m[name])
			return string(b)
		}
		// The logging gap rewrites the policy the TLS gap already rewrote:
		// no Deny, scalar Service and Resource, the reference verbatim.
		if got, want := body("aws_s3_bucket_policy", "access"), `{"policy":"{\"Statement\":[{\"Action\":[\"s3:PutObject\"],\"Effect\":\"Allow\",`+
			`\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},\"Resource\":\"${aws_s3_bucket.a.arn}/*\",\"Sid\":\"S3ServerAccessLogsPolicy\"}],\"Version\":\"2012-10-17\"}"}`; got != want {
			t.Errorf("aws_s3_bucket_policy.access override =\n  %s\nwant\n  %s", got, want)
		}
		if got := body("aws_vpc_security_group_egress_rule", "pl"); got != `{"lifecycle":{"ignore_changes":["description"]}}` {
			t.Errorf("prefix-list egress override = %s", got)
		}
		if got := body("aws_vpc_security_group_egress_rule", "plnodesc"); got != "null" {
			t.Errorf("prefix-list egress without description: override %s; want none", got)
		}
		want := "null"
		if destroying {
			want = `{"deletion_protection":false}`
		}
		if got := body("aws_db_instance", "prod"); got != want {
			t.Errorf("destroying=%v: aws_db_instance.prod override %s; want %s", destroying, got, want)
		}
		wantBucket := "null"
		if destroying {
			wantBucket = `{"force_destroy":true}`
		}
		if got := body("aws_s3_bucket", "kept"); got != wantBucket {
			t.Errorf("destroying=%v: aws_s3_bucket.kept override %s; want %s", destroying, got, wantBucket)
		}
		if got := body("aws_s3_bucket", "emptied"); got != "null" {
			t.Errorf("destroying=%v: aws_s3_bucket.emptied override %s; want none", destroying, got)
		}
		if got := body("aws_db_instance", "dev"); got != "null" {
			t.Errorf("destroying=%v: aws_db_instance.dev override %s; want none", destroying, got)
		}
	}
}

func TestWriteDestroyOverrideReportsWhetherAnApplyIsNeeded(t *testing.T) {
	for doc, want := range map[string]bool{
		`{"provider":{"aws":[{}]},"resource":{"aws_db_instance":{"db":{"deletion_protection":true}}}}`:  true,
		`{"provider":{"aws":[{}]},"resource":{"aws_db_instance":{"db":{"deletion_protection":false}}}}`: false,
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "cdk.tf.json"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		changed, err := WriteDestroyOverride(dir, "http://127.0.0.1:1", nil)
		if err != nil || changed != want {
			t.Errorf("WriteDestroyOverride(%s) = %v, %v; want %v", doc, changed, err, want)
		}
		b, _ := os.ReadFile(filepath.Join(dir, OverrideFile))
		if got := strings.Contains(string(b), `"deletion_protection": false`); got != want {
			t.Errorf("%s: override file has deletion_protection = false: %v; want %v", doc, got, want)
		}
	}
}

func TestGapsDocumented(t *testing.T) {
	for _, g := range Gaps {
		if g.Block != "resource" && g.Block != "data" {
			t.Errorf("gap %s %s: block %q; want resource or data", g.Type, g.Setting, g.Block)
		}
		if !strings.HasPrefix(g.Type, "aws_") || g.Setting == "" || g.Symptom == "" || g.Why == "" {
			t.Errorf("gap %+v: type, setting, symptom and why are all required", g)
		}
	}
}

// TestLeaveOut: the resources of a LeftOut type go, with what refers to them
// (a reference inside an expression, depends_on, transitively, outputs);
// the rest stays.
func TestLeaveOut(t *testing.T) {
	doc := map[string]any{
		"resource": map[string]any{
			"aws_guardduty_detector": map[string]any{"d": map[string]any{"enable": true}},
			"aws_guardduty_publishing_destination": map[string]any{"x": map[string]any{
				"detector_id": "${aws_guardduty_detector.d.id}"}},
			"aws_s3_object": map[string]any{
				"marker": map[string]any{"content": "${jsonencode(aws_guardduty_publishing_destination.x.id)}"},
				"after":  map[string]any{"depends_on": []any{"aws_s3_object.marker"}},
				"kept":   map[string]any{"content": "${aws_guardduty_detector.d.id}"},
			},
		},
		"output": map[string]any{
			"dest": map[string]any{"value": "${aws_guardduty_publishing_destination.x.arn}"},
			"det":  map[string]any{"value": "${aws_guardduty_detector.d.id}"},
		},
	}
	got := leaveOut(doc, []Gap{{Block: "resource", Type: "aws_guardduty_publishing_destination", LeftOut: true}})
	want := []string{"aws_guardduty_publishing_destination.x", "aws_s3_object.after", "aws_s3_object.marker", "output.dest"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("leaveOut removed %v; want %v", got, want)
	}
	res := doc["resource"].(map[string]any)
	if _, ok := res["aws_guardduty_publishing_destination"]; ok {
		t.Error("the left-out type is still in the document")
	}
	if _, ok := res["aws_s3_object"].(map[string]any)["kept"]; !ok {
		t.Error("aws_s3_object.kept (refers only to the detector) was removed")
	}
	if _, ok := doc["output"].(map[string]any)["det"]; !ok {
		t.Error("output.det was removed")
	}
}

// TestLeftOutGapsSayWhatProvesThem: a left-out resource names the access
// expectations or tests that prove it instead, and has no override.
func TestLeftOutGapsSayWhatProvesThem(t *testing.T) {
	for _, g := range Gaps {
		if !g.LeftOut {
			continue
		}
		if g.Override != nil || g.Setting != LeftOutSetting {
			t.Errorf("left-out gap %s: Override must be nil and Setting %q", g.Type, LeftOutSetting)
		}
		if len(g.ProvenBy)+len(g.TestedBy) == 0 {
			t.Errorf("left-out gap %s names no access expectation or test that proves it", g.Type)
		}
	}
}
