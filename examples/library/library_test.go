package main

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

var synth = testkit.NewOnce(Build)

func TestLibraryStack(t *testing.T) {
	doc := synth.Get(t).Stack(t, StackID)

	_, bucket := doc.ByPath(t, "aws_s3_bucket", "raw/bucket")
	testkit.Equal(t, "aws_s3_bucket (raw)", bucket, "bucket", "acme-dev-data-raw")

	name, param := doc.Only(t, "aws_ssm_parameter")
	testkit.Equal(t, "aws_ssm_parameter."+name, param, "name", "/acme/dev/data/raw-bucket")
	if v, _ := param["value"].(string); v == "" || v[0] != '$' {
		t.Errorf("aws_ssm_parameter.%s: value = %q; want a reference to the bucket", name, v)
	}

	providers := doc.Raw["provider"].(map[string]any)["aws"].([]any)
	p := providers[0].(map[string]any)
	testkit.Equal(t, "provider.aws", p, "region", "eu-west-1")
	testkit.Equal(t, "provider.aws", p, "default_tags.0.tags.Project", "data-platform")
	testkit.Equal(t, "provider.aws", p, "default_tags.0.tags.Team", "data")
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

// TestLibraryStackDeploys applies the example against the emulator (or real
// AWS, see testkit/emulator), re-plans with no changes and destroys it.
func TestLibraryStackDeploys(t *testing.T) {
	if testing.Short() {
		t.Skip("deploy tier skipped with -short")
	}
	doc := synth.Get(t).Stack(t, StackID)
	emulator.Run(t, doc.Dir(), emulator.Options{
		Name:   StackID,
		Region: "eu-west-1",
		AfterApply: func(t testing.TB, d *emulator.Deployed) {
			buckets, params := d.Resources("aws_s3_bucket"), d.Resources("aws_ssm_parameter")
			if len(buckets) != 1 || len(params) != 1 {
				t.Fatalf("state: %d buckets and %d SSM parameters; want 1 and 1", len(buckets), len(params))
			}
			bucket, _ := buckets[0].AttributeValues["bucket"].(string)
			value, _ := params[0].AttributeValues["value"].(string)
			if bucket != "acme-dev-data-raw" || value != bucket {
				t.Errorf("%s: value = %q; want the bucket name %q (bucket is %q)", params[0].Address, value, "acme-dev-data-raw", bucket)
			}
		},
	})
}

func TestLibraryStackAccess(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-data-dev")
	rep := testkit.AccessProof(t, doc.Path, access.Binding{})[0]
	if len(rep.Results) == 0 {
		t.Error("the access tier found no expectation for the library stack (a bucket and a key)")
	}
}
