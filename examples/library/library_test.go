package main

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// synth builds the app's stack once for every test of the package.
var synth = testkit.NewOnce(Build)

// TestMain removes the synthesized output and stops the jsii kernel after the tests.
func TestMain(m *testing.M) { testkit.Main(m) }

// TestStack asserts on the synthesized Terraform JSON: the library's bucket
// and the team's own SSM parameter that publishes its name.
func TestStack(t *testing.T) {
	doc := synth.Get(t).Stack(t, StackID)

	bucket := doc.Find(t, "aws_s3_bucket", "raw/bucket")
	bucket.Equal(t, "bucket", "acme-dev-data-raw")
	doc.Find(t, "aws_s3_bucket_versioning", "raw/versioning").Equal(t, "versioning_configuration.status", "Enabled")

	param := doc.Find(t, "aws_ssm_parameter", "raw-bucket-name")
	param.Equal(t, "name", "/acme/dev/data/raw-bucket")
	param.Equal(t, "value", bucket.Ref("bucket"))

	provider := doc.Provider(t, "aws")
	provider.Equal(t, "region", "eu-west-1")
	provider.Equal(t, "default_tags.0.tags.Project", "data-platform")
	provider.Equal(t, "default_tags.0.tags.Team", "data")
}

// TestGuard fails on any guard finding the stack's suppressions do not cover.
func TestGuard(t *testing.T) {
	testkit.Guard(t, synth.Get(t).Stack(t, StackID))
}

// TestValidate runs terraform init -backend=false and terraform validate
// offline against the provider mirror.
func TestValidate(t *testing.T) {
	tfrun.Validate(t, synth.Get(t).Stack(t, StackID).Dir())
}

// TestEmulatorCycle applies the stack to moto on 127.0.0.1, checks the
// deployed state, re-plans expecting no changes and destroys it to an empty
// state (or runs against a real account: see testkit/emulator).
func TestEmulatorCycle(t *testing.T) {
	doc := synth.Get(t).Stack(t, StackID)
	fig := emulator.Run(t, doc.Dir(), emulator.Options{
		Name:   StackID,
		Region: "eu-west-1",
		AfterApply: func(t testing.TB, d *emulator.Deployed) {
			// The raw bucket, and the stack's access-logs bucket it logs into.
			buckets, params := d.Resources("aws_s3_bucket"), d.Resources("aws_ssm_parameter")
			if len(buckets) != 2 || len(params) != 1 {
				t.Fatalf("state: %d aws_s3_bucket and %d aws_ssm_parameter; want 2 (raw, access logs) and 1", len(buckets), len(params))
			}
			addrs := map[string]string{} // bucket name -> address
			for _, b := range buckets {
				n, _ := b.AttributeValues["bucket"].(string)
				addrs[n] = b.Address
			}
			for _, want := range []string{"acme-dev-data-raw", "acme-dev-access-logs"} {
				if addrs[want] == "" {
					t.Errorf("state: no aws_s3_bucket named %q; have %v", want, addrs)
				}
			}
			if value, _ := params[0].AttributeValues["value"].(string); value != "acme-dev-data-raw" {
				t.Errorf("%s: value = %q; want the raw bucket's name acme-dev-data-raw (%s)", params[0].Address, value, addrs["acme-dev-data-raw"])
			}
		},
	})
	t.Log(fig)
}

// TestAccess fails on any access expectation that does not hold.
func TestAccess(t *testing.T) {
	doc := synth.Get(t).Stack(t, StackID)
	rep := testkit.AccessProof(t, doc.Path, access.Binding{})[0]
	if len(rep.Results) == 0 {
		t.Error("the access tier found no expectation for the library stack (a bucket and a key)")
	}
}
