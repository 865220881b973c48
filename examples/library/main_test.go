package main

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/synthtest"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/tfrun"
)

var synth = synthtest.NewOnce(Build)

func TestLibraryStack(t *testing.T) {
	doc := synth.Get(t).Stack(t, StackID)

	_, bucket := doc.ByPath(t, "aws_s3_bucket", "raw/bucket")
	synthtest.Equal(t, "aws_s3_bucket (raw)", bucket, "bucket", "acme-dev-data-raw")

	name, param := doc.Only(t, "aws_ssm_parameter")
	synthtest.Equal(t, "aws_ssm_parameter."+name, param, "name", "/acme/dev/data/raw-bucket")
	if v, _ := param["value"].(string); v == "" || v[0] != '$' {
		t.Errorf("aws_ssm_parameter.%s: value = %q; want a reference to the bucket", name, v)
	}

	providers := doc.Raw["provider"].(map[string]any)["aws"].([]any)
	p := providers[0].(map[string]any)
	synthtest.Equal(t, "provider.aws", p, "region", "eu-west-1")
	synthtest.Equal(t, "provider.aws", p, "default_tags.0.tags.Project", "data-platform")
	synthtest.Equal(t, "provider.aws", p, "default_tags.0.tags.Team", "data")
}

func TestLibraryStackGuardClean(t *testing.T) {
	doc := synth.Get(t).Stack(t, StackID)
	rep, err := guard.CheckFile(doc.Path, guard.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		t.Errorf("guard: %s", f)
	}
}

func TestLibraryStackValidates(t *testing.T) {
	tfrun.Validate(t, synth.Get(t).Stack(t, StackID).Dir())
}
