package emulator

import (
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
)

func TestFormatChanges(t *testing.T) {
	p := &tfjson.Plan{ResourceChanges: []*tfjson.ResourceChange{
		{Address: "aws_s3_bucket.same", Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionNoop}}},
		{Address: "aws_lambda_function.fn", Change: &tfjson.Change{
			Actions:      tfjson.Actions{tfjson.ActionUpdate},
			Before:       map[string]any{"kms_key_arn": nil, "memory_size": 128.0, "tags": map[string]any{"a": "1"}, "vpc_config": []any{map[string]any{"subnet_ids": []any{"s1"}}}},
			After:        map[string]any{"kms_key_arn": "arn:k", "memory_size": 128.0, "tags": map[string]any{"a": "2"}, "vpc_config": []any{map[string]any{"subnet_ids": []any{"s2"}}}},
			AfterUnknown: map[string]any{"version": true},
		}},
		{Address: "aws_db_instance.db", ActionReason: tfjson.ActionReasonReplaceBecauseCannotUpdate, Change: &tfjson.Change{
			Actions:      tfjson.Actions{tfjson.ActionDelete, tfjson.ActionCreate},
			Before:       map[string]any{"identifier": "a"},
			After:        map[string]any{"identifier": "b"},
			ReplacePaths: []any{[]any{"identifier"}},
		}},
	}}
	got := FormatChanges(p)
	for _, want := range []string{
		"aws_lambda_function.fn: update\n",
		"kms_key_arn: null -> \"arn:k\"",
		"tags.a: \"1\" -> \"2\"",
		"vpc_config[0].subnet_ids[0]: \"s1\" -> \"s2\"",
		"version: null -> (known after apply)",
		"aws_db_instance.db: delete,create (replace_because_cannot_update)",
		"identifier: \"a\" -> \"b\"",
		"forces replacement: [identifier]",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("FormatChanges: missing %q in\n%s", want, got)
		}
	}
	for _, bad := range []string{"aws_s3_bucket.same", "memory_size"} {
		if strings.Contains(got, bad) {
			t.Errorf("FormatChanges: lists unchanged %q:\n%s", bad, got)
		}
	}
}

func TestFiguresString(t *testing.T) {
	f := Figures{Stack: "acme-dev", Engine: "terraform", Resources: 90, Apply: 105200 * time.Millisecond, Plan: 7 * time.Second, Destroy: 80 * time.Second, LeftOut: 3}
	want := "deploy: stack=acme-dev engine=terraform resources=90 apply=105.2s plan=7.0s destroy=80.0s left_out=3"
	if got := f.String(); got != want {
		t.Errorf("Figures.String() = %q; want %q", got, want)
	}
}
