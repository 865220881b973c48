// Package testkit tests CDKTF stacks built with this library (or any CDKTF
// Go stack) without an AWS account. It synthesizes a stack once per test
// package, gives tests the parsed Terraform JSON with lookups by resource
// type and construct path, and reports failed assertions with the resource
// address and the attribute. Guard runs the guard rules on a stack;
// AccessProof runs the access tier (package access): every service
// integration allowed, every outsider denied, offline.
//
// The slower tiers are subpackages:
//
//	testkit/tfrun     terraform init -backend=false + terraform validate, offline against a provider mirror
//	testkit/emulator  the emulator cycle: moto on 127.0.0.1, apply with the documented
//	                  emulator-gap overrides, zero-change re-plan, destroy to an empty state
//
// Neither subpackage links jsii, cdktf or the AWS SDK: they take a stack
// folder, so they test hand-written Terraform JSON too.
//
// Where terraform, the provider mirror or moto_server is missing, those tiers
// skip the test with a message saying what to install, and fail it instead
// when CI=true. Under `go test -short` the emulator cycle skips.
//
// A test file of an app whose Build(app *stack.App) error adds the stack
// "acme-data-dev" (examples/library in the repository is this app):
//
//	package main
//
//	import (
//		"testing"
//
//		"github.com/cdktf-secure-go/cdktf-secure-go/access"
//		"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
//		"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
//		"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
//	)
//
//	var synth = testkit.NewOnce(Build) // synthesized at most once per test binary
//
//	func TestMain(m *testing.M) { testkit.Main(m) } // removes the output, stops the jsii kernel
//
//	func TestStack(t *testing.T) {
//		doc := synth.Get(t).Stack(t, "acme-data-dev")
//		bucket := doc.Find(t, "aws_s3_bucket", "raw/bucket") // by construct path
//		bucket.Equal(t, "bucket", "acme-dev-data-raw")
//		// on failure: aws_s3_bucket.raw_bucket_B8DCEC09: bucket = "acme-dev-raw"; want "acme-dev-data-raw"
//		doc.Find(t, "aws_ssm_parameter", "raw-bucket-name").Equal(t, "value", bucket.Ref("bucket"))
//		testkit.Guard(t, doc)        // fails on each unsuppressed finding
//		testkit.AccessProof(t, doc.Path, access.Binding{}) // fails on each expectation that does not hold
//		tfrun.Validate(t, doc.Dir()) // offline, against the provider mirror
//	}
//
//	func TestEmulatorCycle(t *testing.T) {
//		doc := synth.Get(t).Stack(t, "acme-data-dev")
//		fig := emulator.Run(t, doc.Dir(), emulator.Options{
//			Region: "eu-west-1",
//			AfterApply: func(t testing.TB, d *emulator.Deployed) {
//				if n := len(d.Resources("aws_ssm_parameter")); n != 1 {
//					t.Errorf("state: %d aws_ssm_parameter; want 1", n)
//				}
//			},
//		})
//		t.Log(fig) // deploy: stack=acme-data-dev resources=17 apply=...s plan=...s destroy=...s
//	}
//
// # Adding a tier
//
// A tier takes a testing.TB and a *Doc (or a stack folder), fails the test
// with messages naming the resource address, and skips when a tool it needs
// is missing unless CI=true (tfrun.InCI), as Guard and AccessProof do.
package testkit
