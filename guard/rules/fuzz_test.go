package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// FuzzCheck feeds arbitrary JSON to every rule: parsing may fail, but a
// rule must never panic (CheckStack reports a rule panic as an error).
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*", "cdk.tf.json"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"resource": {"aws_s3_bucket": {"x": [{"bucket": null}], "y": 3}, "aws_cloudtrail": {"t": {"s3_bucket_name": ["${aws_s3_bucket.x.id}"], "name": {"a": 1}}}}, "locals": [{"a": "${local.a}"}], "module": {"m": {"source": 4}}}`))
	f.Add([]byte(`{"resource": {"aws_kms_key": {"k": {"policy": "${jsonencode({Statement = [{Principal = {AWS = [\"*\"]}, Effect = \"Allow\"}]}"}}}}`))
	f.Add([]byte(`{"resource": {"aws_s3_bucket_policy": {"p": {"bucket": "${", "policy": "{\"Statement\": [{\"Condition\": {\"Bool\": 7}}]}"}}}}`))
	// evaluation: policy documents' json, Terraform's functions beyond go-cty's (issue 28)
	f.Add([]byte(`{"data": {"aws_iam_policy_document": {"d": {"count": 1, "source_policy_documents": ["${jsonencode({Statement = {Sid = 1}})}"], "statement": [{"principals": {"type": "*", "identifiers": ["*"]}, "condition": [{"test": "Bool", "variable": 3, "values": [null]}]}]}}}, "locals": {"a": "${data.aws_iam_policy_document.d[0].json}", "b": "${one([])}", "c": "${sum([])}", "d": "${transpose({a = [null]})}", "e": "${index([1], null)}", "f": "${templatestring(local.a, {})}", "g": "${cidrsubnet("10.0.0.0/8", 40, 1)}", "h": "${matchkeys([1], [2, 3], [])}", "i": "${length(null)}"}, "resource": {"aws_s3_bucket_policy": {"p": {"bucket": "b", "policy": "${local.a}"}}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := engine.ParseStack(b)
		if err != nil {
			return
		}
		s.File, s.Dir = "fuzz/cdk.tf.json", t.TempDir()
		if _, err := CheckStack(s, Options{Now: testNow}); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzExpressions(f *testing.F) {
	for _, s := range []string{"${a.b.c}", "${jsonencode({a = \"${x.y}\"})}", "$${x}", "${\"}\"}", "%{ if a }x%{ endif }", "${[for k, v in x : v]}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = engine.RefsInString(s)
		_ = engine.NondeterministicCall(s)
		_, _ = engine.ParseJSONEncode(s)
		if e, ok := engine.SingleInterp(s); ok {
			_, _ = engine.ParseJSONEncode(e)
		}
		_ = withoutInterps(s)
		_ = snapshotIDProblem(s)
	})
}
