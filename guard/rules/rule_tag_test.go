package rules

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// tagsJSON builds n tags Label00..Label<n-1>, plus extra.
func tagsJSON(n int, extra map[string]string) string { return namedTagsJSON("Label", n, extra) }

// defaultTagsJSON builds n tags Default00..Default<n-1>.
func defaultTagsJSON(n int) string { return namedTagsJSON("Default", n, nil) }

func namedTagsJSON(prefix string, n int, extra map[string]string) string {
	m := map[string]string{}
	for i := 0; i < n; i++ {
		m[fmt.Sprintf("%s%02d", prefix, i)] = "x"
	}
	for k, v := range extra {
		m[k] = v
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// tagDoc is a stack with a default provider (defaults tags) and an alias "w" (wDefaults).
func tagDoc(defaults, wDefaults, resources string) string {
	return `{"provider": {"aws": [{"region": "us-east-1", "default_tags": {"tags": ` + defaults + `}}, {"alias": "w", "region": "us-west-2", "default_tags": [{"tags": ` + wDefaults + `}]}]}, "resource": {` + resources + `}}`
}

func TestTAG001Cases(t *testing.T) {
	runRuleCases(t, "TAG001", []ruleCase{
		{"46 own + 5 default", tagDoc(defaultTagsJSON(5), `{}`, `"aws_s3_bucket": {"b": {"tags": `+tagsJSON(46, map[string]string{"Own": "1"})+`}}`), []string{"aws_s3_bucket.b: has 52 tags (47 of its own, 5 from the default_tags of provider.aws)"}},
		{"alias defaults counted", tagDoc(`{}`, defaultTagsJSON(10), `"aws_iam_role": {"r": {"provider": "aws.w", "tags": `+tagsJSON(41, map[string]string{"Own": "1"})+`}}`), []string{"aws_iam_role.r: 10 from the default_tags of provider.aws.w"}},
		{"defaults alone", tagDoc(tagsJSON(51, nil), `{}`, `"aws_s3_bucket": {"b": {"tags": {"Name": "b"}}}`), []string{"provider.aws: default_tags has 51 tags"}},
		{"overrides are one tag", tagDoc(tagsJSON(10, nil), `{}`, `"aws_s3_bucket": {"b": {"tags": `+tagsJSON(50, nil)+`}}`), nil},
		{"other alias's defaults do not apply", tagDoc(`{}`, defaultTagsJSON(10), `"aws_s3_bucket": {"b": {"tags": `+tagsJSON(50, nil)+`}}`), nil},
		{"aws: keys are not counted", tagDoc(`{}`, `{}`, `"aws_s3_bucket": {"b": {"tags": `+tagsJSON(50, map[string]string{"aws:x": "y"})+`}}`), nil},
		{"tags from an expression", tagDoc(tagsJSON(10, nil), `{}`, `"aws_s3_bucket": {"b": {"tags": "${var.tags}"}}`), nil},
		{"default tags from an expression, 51 own", `{"provider": {"aws": [{"default_tags": {"tags": "${var.tags}"}}]}, "resource": {"aws_s3_bucket": {"b": {"tags": ` + tagsJSON(51, nil) + `}}}}`,
			[]string{"aws_s3_bucket.b: has 51 tags; AWS allows 50"}},
		{"default tags from an expression, 50 own", `{"provider": {"aws": [{"default_tags": {"tags": "${var.tags}"}}]}, "resource": {"aws_s3_bucket": {"b": {"tags": ` + tagsJSON(50, nil) + `}}}}`, nil},
	})
}

func TestTAG002Cases(t *testing.T) {
	e := func(n int) string { return strings.Repeat("é", n) }
	runRuleCases(t, "TAG002", []ruleCase{
		{"129-character key", tagDoc(`{}`, `{}`, `"aws_s3_bucket": {"b": {"tags": {"`+e(129)+`": "x"}}}`), []string{"aws_s3_bucket.b: is 129 characters long; the limit is 128"}},
		{"257-character value", tagDoc(`{}`, `{}`, `"aws_s3_bucket": {"b": {"tags": {"k": "`+e(257)+`"}}}`), []string{"aws_s3_bucket.b: value of \"k\" is 257 characters long"}},
		{"value from a local", `{"locals": {"long": "` + strings.Repeat("a", 300) + `"}, "resource": {"aws_s3_bucket": {"b": {"tags": {"k": "${local.long}"}}}}}`, []string{"aws_s3_bucket.b: 300 characters"}},
		{"default tag", tagDoc(`{"aws:created-by": "me"}`, `{}`, ``), []string{"provider.aws: starts with aws:"}},
		{"128 characters in 256 bytes", tagDoc(`{}`, `{}`, `"aws_s3_bucket": {"b": {"tags": {"`+e(128)+`": "`+e(256)+`"}}}`), nil},
		{"unresolved value", tagDoc(`{}`, `{}`, `"aws_s3_bucket": {"b": {"tags": {"k": "${var.v}"}}}`), nil},
	})
}

func TestTAG003Cases(t *testing.T) {
	runRuleCases(t, "TAG003", []ruleCase{
		{"ampersand from defaults", tagDoc(`{"Department": "R&D"}`, `{}`, `"aws_iam_role": {"r": {"name": "r"}}`), []string{"aws_iam_role.r: tag Department = \"R&D\" (from the default_tags of provider.aws) has '&'"}},
		{"angle brackets own", tagDoc(`{}`, `{}`, `"aws_iam_policy": {"p": {"tags": {"k": "a>b"}}}`), []string{"aws_iam_policy.p: has '>'"}},
		{"key", tagDoc(`{}`, `{}`, `"aws_iam_user": {"u": {"tags": {"cost#center": "1"}}}`), []string{"aws_iam_user.u: key \"cost#center\" has '#'"}},
		{"alias defaults", tagDoc(`{}`, `{"Team": "a,b"}`, `"aws_iam_role": {"r": {"provider": "aws.w"}}`), []string{"aws_iam_role.r: provider.aws.w) has ','"}},
		{"override with an allowed value", tagDoc(`{"Department": "R&D"}`, `{}`, `"aws_iam_role": {"r": {"tags": {"Department": "R and D"}}}`), nil},
		{"not IAM", tagDoc(`{"Department": "R&D"}`, `{}`, `"aws_s3_bucket": {"b": {}}`), nil},
		{"letters of any script, spaces and symbols", tagDoc(`{}`, `{}`, `"aws_iam_role": {"r": {"tags": {"Name": "Überprüfung 東京 _.:/=+-@ 42"}}}`), nil},
	})
}
