package main

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// synth builds the app's stacks once for every test of the package.
var synth = testkit.NewOnce(Build)

// TestMain removes the synthesized output and stops the jsii kernel after the tests.
func TestMain(m *testing.M) { testkit.Main(m) }

// TestNoPlainResources is the figure: the number of plain provider
// resources each app still needs. A plain resource is one the app creates
// with the provider bindings itself: in the synthesized JSON its construct
// path is "<stack>/<id>", directly under the stack, where every resource of
// a construct of this library lives under the construct's node
// ("<stack>/<construct>/..."). The module must not import the bindings either.
func TestNoPlainResources(t *testing.T) {
	res := synth.Get(t)
	for _, id := range Stacks {
		doc := res.Stack(t, id)
		total, plain := 0, map[string]int{}
		for _, typ := range doc.ResourceTypes() {
			for _, r := range doc.All(typ) {
				total++
				if p := r.Path(); strings.Count(p, "/") < 2 {
					plain[typ]++
					t.Errorf("%s: %s (path %q) is a plain provider resource", id, r.Address(), p)
				}
			}
		}
		t.Logf("%s: %d resources, %d kinds of plain provider resources", id, total, len(plain))
	}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			if strings.Contains(imp.Path.Value, "cdktf-provider-aws-go") {
				t.Errorf("%s imports the provider bindings %s", f, imp.Path.Value)
			}
		}
	}
}

// TestShapes asserts the wiring each app relies on.
func TestShapes(t *testing.T) {
	res := synth.Get(t)
	up := res.Stack(t, UploadStack)
	fn := up.Find(t, "aws_lambda_function", "ingest/function")
	fn.Equal(t, "environment.variables.TABLE_NAME", up.Find(t, "aws_dynamodb_table", "items/table").Ref("name"))
	perm := up.Find(t, "aws_lambda_permission", "uploads-to-ingest/permission-0")
	perm.Equal(t, "source_arn", up.Find(t, "aws_s3_bucket", "uploads/bucket").Ref("arn"))
	up.Find(t, "aws_lambda_function_event_invoke_config", "ingest/async")

	hr := res.Stack(t, HourlyStack)
	hr.Find(t, "aws_scheduler_schedule", "hourly-report/schedule").Equal(t, "schedule_expression", "rate(1 hour)")
	hr.Find(t, "aws_lambda_function", "report/function").Equal(t, "environment.variables.SECRET_ARN",
		hr.Find(t, "aws_secretsmanager_secret", "api-token/secret").Ref("arn"))

	if n := len(res.Stack(t, DBDevStack).All("aws_db_instance")); n != 1 {
		t.Errorf("%s: %d aws_db_instance; want 1 (no replica in dev)", DBDevStack, n)
	}
	prod := res.Stack(t, DBProdStack)
	prod.Find(t, "aws_db_instance", "db-replica/instance").Equal(t, "replicate_source_db",
		prod.Find(t, "aws_db_instance", "db/instance").Ref("identifier"))
}

// TestGuard fails on any guard finding in any stack.
func TestGuard(t *testing.T) {
	for _, id := range Stacks {
		t.Run(id, func(t *testing.T) { testkit.Guard(t, synth.Get(t).Stack(t, id)) })
	}
}

// TestValidate runs terraform validate offline on every stack.
func TestValidate(t *testing.T) {
	for _, id := range Stacks {
		t.Run(id, func(t *testing.T) { tfrun.Validate(t, synth.Get(t).Stack(t, id).Dir()) })
	}
}

// TestAccess fails on any access expectation that does not hold, and on
// an integration the proof did not cover: each one's allowed request and
// the same request from another account (or by an outsider), denied.
func TestAccess(t *testing.T) {
	want := map[string][]string{
		UploadStack: {"s3notification.lambda-invoke", "s3notification.lambda-invoke.other-account",
			"lambda.dynamodb-put-item", "dynamodb.other-account"},
		HourlyStack: {"scheduler.assume-role", "scheduler.assume-role.other-account", "scheduler.lambda-invoke",
			"lambda.secret-read", "lambda.secret-kms-decrypt", "secretsmanager.other-account"},
	}
	for _, id := range []string{UploadStack, HourlyStack} {
		t.Run(id, func(t *testing.T) {
			doc := synth.Get(t).Stack(t, id)
			reps := testkit.AccessProof(t, doc.Path, access.Binding{})
			seen := map[string]int{}
			for _, r := range reps {
				for _, res := range r.Results {
					seen[res.Kind]++
				}
			}
			for _, k := range want[id] {
				if seen[k] == 0 {
					t.Errorf("%s: no %s expectation; the proof covered %v", id, k, seen)
				}
			}
		})
	}
}

// TestEmulatorCycle applies the upload and the hourly app to moto, checks
// the deployed state, re-plans expecting no changes and destroys them.
func TestEmulatorCycle(t *testing.T) {
	want := map[string][]string{
		UploadStack: {"aws_dynamodb_table", "aws_lambda_function", "aws_lambda_permission", "aws_s3_bucket_notification",
			"aws_sqs_queue", "aws_lambda_function_event_invoke_config", "aws_cloudwatch_metric_alarm"},
		HourlyStack: {"aws_secretsmanager_secret", "aws_secretsmanager_secret_policy", "aws_scheduler_schedule", "aws_lambda_function", "aws_sqs_queue"},
	}
	for _, id := range []string{UploadStack, HourlyStack} {
		t.Run(id, func(t *testing.T) {
			doc := synth.Get(t).Stack(t, id)
			fig := emulator.Run(t, doc.Dir(), emulator.Options{
				Name: id, Region: Region,
				AfterApply: func(t testing.TB, d *emulator.Deployed) {
					var missing []string
					for _, typ := range want[id] {
						if len(d.Resources(typ)) == 0 {
							missing = append(missing, typ)
						}
					}
					sort.Strings(missing)
					if len(missing) > 0 {
						t.Errorf("state of %s: no %v", id, missing)
					}
				},
			})
			t.Log(fig)
		})
	}
}
