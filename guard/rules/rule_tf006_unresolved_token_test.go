package rules

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"testing"
)

func TestTF006Cases(t *testing.T) {
	gz := func(s string) string {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return base64.StdEncoding.EncodeToString(b.Bytes())
	}
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	runRuleCases(t, "TF006", []ruleCase{
		{"in a nested block", `{"resource": {"aws_lambda_function": {"f": {"environment": {"variables": {"BUCKET": "${TfToken[TOKEN.3]}"}}}}}}`,
			[]string{"aws_lambda_function.f: environment.variables.BUCKET (${TfToken[TOKEN.3]})"}},
		{"list token in a list", `{"resource": {"aws_lambda_function": {"f": {"vpc_config": {"subnet_ids": ["#{TfToken[TOKEN.8]}"]}}}}}`,
			[]string{"aws_lambda_function.f: vpc_config.subnet_ids[0] (#{TfToken[TOKEN.8]})"}},
		{"aws cdk token", `{"resource": {"aws_sns_topic": {"t": {"name": "alarms-${Token[Stack.Name.123]}"}}}}`, []string{"aws_sns_topic.t: name (${Token[Stack.Name.123]})"}},
		{"number token", `{"resource": {"aws_sqs_queue": {"q": {"delay_seconds": -1.8881545897087626e+289}}}}`, []string{"aws_sqs_queue.q: delay_seconds"}},
		{"object key", `{"resource": {"aws_s3_bucket": {"b": {"tags": {"${TfToken[TOKEN.1]}": "x"}}}}}`, []string{"aws_s3_bucket.b: tags.${TfToken[TOKEN.1]}"}},
		{"base64 user data", `{"resource": {"aws_instance": {"i": {"user_data_base64": "` + b64("#!/bin/sh\necho ${TfToken[TOKEN.5]}\n") + `"}}}}`,
			[]string{"aws_instance.i: user_data_base64, once base64-decoded (${TfToken[TOKEN.5]})"}},
		{"gzip base64 user data through a local", `{"locals": {"ud": "` + gz("#!/bin/sh\necho ${TfToken[TOKEN.6]}\n") + `"}, "resource": {"aws_instance": {"i": {"user_data_base64": "${local.ud}"}}}}`,
			[]string{"aws_instance.i: user_data_base64, once base64-decoded"}},
		{"base64 in user_data", `{"resource": {"aws_instance": {"i": {"user_data": "` + b64("echo ${TfToken[TOKEN.2]}") + `"}}}}`, []string{"aws_instance.i: user_data, once base64-decoded"}},
		{"a local", `{"locals": {"name": "x-${TfToken[TOKEN.1]}"}}`, []string{"local.name: value"}},
		{"a provider", `{"provider": {"aws": [{"region": "${TfToken[TOKEN.1]}"}]}}`, []string{"provider.aws: region"}},
		{"references are not tokens", `{"resource": {"aws_s3_bucket": {"b": {"bucket": "${var.name}-Token-${aws_s3_bucket.c.id}"}}}}`, nil},
		{"an ordinary negative number", `{"resource": {"aws_sqs_queue": {"q": {"delay_seconds": -1}}}}`, nil},
		{"plain base64 user data", `{"resource": {"aws_instance": {"i": {"user_data_base64": "` + gz("#!/bin/sh\necho hi\n") + `"}}}}`, nil},
		{"metadata is not checked", `{"resource": {"aws_s3_bucket": {"b": {"//": {"metadata": {"path": "${TfToken[TOKEN.1]}"}}}}}}`, nil},
	})
}
