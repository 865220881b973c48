package tfrun

import (
	"context"
	"errors"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

func TestValidateTestdataStack(t *testing.T) {
	Validate(t, "testdata/s3bucket")
}

func TestValidateDirReportsDiagnostics(t *testing.T) {
	env := Require(t)
	dir := t.TempDir()
	if err := CopyStack("testdata/invalid", dir); err != nil {
		t.Fatal(err)
	}
	err := ValidateDir(context.Background(), env, dir)
	var ve ValidateError
	if !errors.As(err, &ve) {
		t.Fatalf("ValidateDir(testdata/invalid): err = %v; want a ValidateError", err)
	}
	msg := ve.Error()
	t.Log(msg)
	for _, want := range []string{"no_such_argument", "cdk.tf.json:", "error"} {
		if !strings.Contains(msg, want) {
			t.Errorf("ValidateError does not mention %q:\n%s", want, msg)
		}
	}
}

func TestFormatDiagnostic(t *testing.T) {
	ctx := `resource "aws_s3_bucket" "logs"`
	d := tfjson.Diagnostic{
		Severity: tfjson.DiagnosticSeverityError,
		Address:  "aws_s3_bucket.logs",
		Summary:  "Extraneous JSON object property",
		Detail:   "No argument or block type is named \"x\".\nSecond line.",
		Range:    &tfjson.Range{Filename: "cdk.tf.json", Start: tfjson.Pos{Line: 12, Column: 40}},
		Snippet:  &tfjson.DiagnosticSnippet{Context: &ctx},
	}
	got := FormatDiagnostic(d)
	want := "error: [aws_s3_bucket.logs cdk.tf.json:12:40 in resource \"aws_s3_bucket\" \"logs\"] Extraneous JSON object property: No argument or block type is named \"x\".\n    Second line."
	if got != want {
		t.Errorf("FormatDiagnostic:\n got %q\nwant %q", got, want)
	}
}
