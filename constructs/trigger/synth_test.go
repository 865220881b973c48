package trigger

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/compute"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/database"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/queue"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/secret"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/suppress"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/table"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// The three app shapes share this stack: an upload bucket whose new
// objects trigger a function writing a table; an hourly function reading a
// secret (Scheduler) and one on a rule; a queue-fed function; failure
// handling; a database with a replica.
var built struct {
	callErrs []error
	wantErrs map[string]error
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	built.wantErrs = map[string]error{}
	must := func(err error) {
		if err != nil {
			built.callErrs = append(built.callErrs, err)
		}
	}
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(st, "key", encryption.KeyProps{})
	if err != nil {
		return err
	}
	uploads, err := storage.NewBucket(st, "uploads", storage.BucketProps{Key: key})
	if err != nil {
		return err
	}
	artifacts, err := storage.NewBucket(st, "artifacts", storage.BucketProps{Key: key})
	if err != nil {
		return err
	}
	fn := func(id string) *compute.Function {
		f, err := compute.NewFunction(st, id, compute.FunctionProps{
			Handler: "app.handler", Code: compute.CodeFromS3Object("acme-dev-artifacts", "fn.zip", "v1"), Key: key,
		})
		must(err)
		if f != nil {
			must(suppress.Rule(f.Construct(), "LMB003", "test stack: the triggers do not depend on a VPC"))
		}
		return f
	}
	ingest, hourly, nightly, worker, rotator := fn("ingest"), fn("hourly"), fn("nightly"), fn("worker"), fn("rotator")
	_ = artifacts
	topic, err := monitoring.NewTopic(st, "alerts", monitoring.TopicProps{Key: key})
	must(err)

	items, err := table.New(st, "items", table.Props{Key: key, PartitionKey: table.Attribute{Name: "pk"},
		SortKey: &table.Attribute{Name: "sk", Type: table.Number}, TTLAttribute: "expires", Stream: table.NewImage})
	must(err)
	must(items.GrantWrite(ingest))
	must(items.GrantStreamRead(worker))
	must(items.GrantRead(hourly))

	_, err = NewBucketNotification(st, "uploads-to-ingest", BucketNotificationProps{Bucket: uploads,
		Functions: []FunctionTarget{{Function: ingest, Prefix: "incoming/", Suffix: ".csv"}}})
	must(err)

	apiKey, err := secret.New(st, "api-key", secret.Props{Key: key, Rotation: &secret.Rotation{Function: rotator}})
	must(err)
	must(apiKey.GrantRead(hourly))
	built.wantErrs["grant by name"] = hourly.GrantReadSecret(apiKey.FullName())

	_, err = NewSchedule(st, "hourly-schedule", ScheduleProps{Function: hourly, Expression: "rate(1 hour)"})
	must(err)
	_, err = NewSchedule(st, "nightly-rule", ScheduleProps{Function: nightly, Expression: "cron(0 3 * * ? *)", UseRule: true})
	must(err)
	_, built.wantErrs["bad rate"] = NewSchedule(st, "bad", ScheduleProps{Function: nightly, Expression: "rate(1 hours)"})

	dlq, err := queue.New(st, "ingest-failures", queue.Props{Key: key})
	must(err)
	if ingest != nil && dlq != nil {
		_, err = ingest.HandleFailures(compute.FailureProps{Queue: dlq, Topic: topic, MaxEventAgeSeconds: 900})
		must(err)
		_, built.wantErrs["failures twice"] = ingest.HandleFailures(compute.FailureProps{Queue: dlq, Topic: topic})
	}
	work, err := queue.New(st, "work", queue.Props{Key: key, VisibilityTimeoutSeconds: 180, DeadLetter: dlq})
	must(err)
	_, err = NewQueueSource(st, "work-source", QueueSourceProps{Queue: work, Function: worker, ReportBatchItemFailures: true})
	must(err)
	short, err := queue.New(st, "short", queue.Props{Key: key, VisibilityTimeoutSeconds: 10})
	must(err)
	_, built.wantErrs["short visibility"] = NewQueueSource(st, "short-source", QueueSourceProps{Queue: short, Function: worker})

	vpc, err := network.NewVPC(st, "vpc", network.VPCProps{AZCount: 2, FlowLogKey: key})
	must(err)
	db, err := database.NewInstance(st, "db", database.InstanceProps{Key: key, VPC: vpc, MaxAllocatedStorageGB: 100})
	must(err)
	_, err = database.NewReplica(st, "db-replica", database.ReplicaProps{Primary: db})
	must(err)
	_, err = monitoring.NewAlarms(st, "alarms", monitoring.AlarmsProps{Topic: topic,
		LambdaFunctions: []string{ingest.Name()}, DBInstances: []string{db.Identifier()}})
	must(err)
	return nil
})

func doc(t *testing.T) *testkit.Doc { return synth.Get(t).Stack(t, "acme-dev") }

func TestBuildCallsSucceed(t *testing.T) {
	synth.Get(t)
	if err := errors.Join(built.callErrs...); err != nil {
		t.Fatal(err)
	}
}

func TestRefusals(t *testing.T) {
	synth.Get(t)
	want := map[string][]string{
		"grant by name":    {`"acme-dev-api-key" is a secret name`, "Arn()"},
		"bad rate":         {"expression", "plural"},
		"failures twice":   {"already called"},
		"short visibility": {"visibility timeout 10 s", "180"},
	}
	for name, subs := range want {
		err := built.wantErrs[name]
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		for _, s := range subs {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: error %q does not mention %q", name, err, s)
			}
		}
	}
}

// TestSecondNotificationNamesBoth builds an app of its own (a collision
// stays recorded and fails that app's synth).
func TestSecondNotificationNamesBoth(t *testing.T) {
	app, err := stack.NewApp(stack.AppProps{Outdir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	key, err := encryption.NewKey(st, "key", encryption.KeyProps{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := storage.NewBucket(st, "uploads", storage.BucketProps{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	f, err := compute.NewFunction(st, "f", compute.FunctionProps{Handler: "app.handler", Code: compute.CodeFromS3Object("acme-dev-artifacts", "k.zip", "v"), Key: key})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewBucketNotification(st, "first", BucketNotificationProps{Bucket: b, Functions: []FunctionTarget{{Function: f}}}); err != nil {
		t.Fatal(err)
	}
	_, err = NewBucketNotification(st, "second", BucketNotificationProps{Bucket: b, Functions: []FunctionTarget{{Function: f, Prefix: "x/"}}})
	for _, s := range []string{"acme-dev/first", "acme-dev/second", "one notification configuration per bucket"} {
		if err == nil || !strings.Contains(err.Error(), s) {
			t.Errorf("second notification: error %v; want it to mention %q", err, s)
		}
	}
}

func TestS3PermissionBoundAndOrdered(t *testing.T) {
	d := doc(t)
	perm := d.Find(t, "aws_lambda_permission", "uploads-to-ingest/permission-0")
	perm.Equal(t, "principal", "s3.amazonaws.com")
	perm.Equal(t, "source_arn", d.Find(t, "aws_s3_bucket", "uploads/bucket").Ref("arn"))
	perm.Equal(t, "source_account", accountRef(t, d))
	n := d.Find(t, "aws_s3_bucket_notification", "uploads-to-ingest/notification")
	if !contains(n.DependsOn(), perm.Address()) {
		t.Errorf("%s: depends_on %v; want %s (S3 validates the destination on write)", n.Address(), n.DependsOn(), perm.Address())
	}
	n.Equal(t, "lambda_function.0.filter_prefix", "incoming/")
}

func TestSchedules(t *testing.T) {
	d := doc(t)
	sch := d.Find(t, "aws_scheduler_schedule", "hourly-schedule/schedule")
	sch.Equal(t, "schedule_expression", "rate(1 hour)")
	role := d.Find(t, "aws_iam_role", "hourly-schedule/role/role")
	sch.Equal(t, "target.role_arn", role.Ref("arn"))
	trust := role.Policy(t, "assume_role_policy")
	if !strings.Contains(jsonText(trust), "aws:SourceAccount") || !strings.Contains(jsonText(trust), "scheduler.amazonaws.com") {
		t.Errorf("%s: trust %s; want scheduler.amazonaws.com with aws:SourceAccount", role.Address(), jsonText(trust))
	}
	perm := d.Find(t, "aws_lambda_permission", "nightly-rule/permission")
	perm.Equal(t, "principal", "events.amazonaws.com")
	perm.Equal(t, "source_arn", d.Find(t, "aws_cloudwatch_event_rule", "nightly-rule/rule").Ref("arn"))
	target := d.Find(t, "aws_cloudwatch_event_target", "nightly-rule/target")
	if !contains(target.DependsOn(), perm.Address()) {
		t.Errorf("%s: depends_on %v; want %s", target.Address(), target.DependsOn(), perm.Address())
	}
}

func TestTableHardened(t *testing.T) {
	d := doc(t)
	tb := d.Find(t, "aws_dynamodb_table", "items/table")
	tb.Equal(t, "server_side_encryption.enabled", true)
	tb.Equal(t, "server_side_encryption.kms_key_arn", d.Find(t, "aws_kms_key", "key/key").Ref("arn"))
	tb.Equal(t, "point_in_time_recovery.enabled", true)
	tb.Equal(t, "deletion_protection_enabled", false) // dev
	tb.Equal(t, "ttl.attribute_name", "expires")
	tb.Equal(t, "stream_view_type", "NEW_IMAGE")
	pol := d.Find(t, "aws_iam_role_policy", "ingest/role/policy").String(t, "policy")
	if !strings.Contains(pol, "dynamodb:PutItem") || strings.Contains(pol, "dynamodb:GetItem") || strings.Contains(pol, "dynamodb:*") {
		t.Errorf("ingest role policy: %s; want write actions only", pol)
	}
}

func TestSecretHardened(t *testing.T) {
	d := doc(t)
	s := d.Find(t, "aws_secretsmanager_secret", "api-key/secret")
	s.Equal(t, "kms_key_id", d.Find(t, "aws_kms_key", "key/key").Ref("arn"))
	s.Equal(t, "recovery_window_in_days", 30)
	p := d.Find(t, "aws_secretsmanager_secret_policy", "api-key/policy")
	if pol := p.String(t, "policy"); !strings.Contains(pol, "aws:PrincipalAccount") || !strings.Contains(pol, `"Deny"`) {
		t.Errorf("%s: %s; want a Deny of other accounts", p.Address(), pol)
	}
	perm := d.Find(t, "aws_lambda_permission", "api-key/rotation-permission")
	perm.Equal(t, "source_arn", s.Ref("arn"))
	rot := d.Find(t, "aws_secretsmanager_secret_rotation", "api-key/rotation")
	if !contains(rot.DependsOn(), perm.Address()) {
		t.Errorf("%s: depends_on %v; want %s", rot.Address(), rot.DependsOn(), perm.Address())
	}
}

func TestFailureHandling(t *testing.T) {
	d := doc(t)
	q := d.Find(t, "aws_sqs_queue", "ingest-failures/queue")
	q.Equal(t, "kms_master_key_id", d.Find(t, "aws_kms_key", "key/key").Ref("arn"))
	cfg := d.Find(t, "aws_lambda_function_event_invoke_config", "ingest/async")
	cfg.Equal(t, "maximum_retry_attempts", 2)
	cfg.Equal(t, "maximum_event_age_in_seconds", 900)
	cfg.Equal(t, "destination_config.on_failure.destination", q.Ref("arn"))
	a := d.Find(t, "aws_cloudwatch_metric_alarm", "ingest-failures/depth-alarm")
	a.Equal(t, "metric_name", "ApproximateNumberOfMessagesVisible")
	a.Equal(t, "dimensions.QueueName", "acme-dev-ingest-failures")
}

func TestReplicaCopiesHardening(t *testing.T) {
	d := doc(t)
	prim := d.Find(t, "aws_db_instance", "db/instance")
	rep := d.Find(t, "aws_db_instance", "db-replica/instance")
	rep.Equal(t, "replicate_source_db", prim.Ref("identifier"))
	for _, attr := range []string{"db_subnet_group_name", "vpc_security_group_ids", "kms_key_id", "monitoring_role_arn", "enabled_cloudwatch_logs_exports", "max_allocated_storage", "performance_insights_enabled"} {
		rep.Equal(t, attr, prim.Get(t, attr))
	}
	rep.Equal(t, "parameter_group_name", d.Find(t, "aws_db_parameter_group", "db/parameters").Ref("name"))
	rep.Equal(t, "storage_encrypted", true)
	rep.Equal(t, "publicly_accessible", false)
}

func TestAlarmsAcceptReferences(t *testing.T) {
	d := doc(t)
	d.Find(t, "aws_cloudwatch_metric_alarm", "alarms/lambda-ingest-errors").Equal(t, "dimensions.FunctionName", "acme-dev-ingest")
	d.Find(t, "aws_cloudwatch_metric_alarm", "alarms/rds-db-cpu").Equal(t, "dimensions.DBInstanceIdentifier", "acme-dev-db")
}

func TestGuardReportsNothing(t *testing.T) { testkit.Guard(t, doc(t)) }

func TestStackValidates(t *testing.T) { tfrun.Validate(t, doc(t).Dir()) }

func jsonText(v any) string { b, _ := json.Marshal(v); return string(b) }

func accountRef(t *testing.T, d *testkit.Doc) string {
	for name := range d.DataSources("aws_caller_identity") {
		return "${data.aws_caller_identity." + name + ".account_id}"
	}
	t.Fatal("no aws_caller_identity data source")
	return ""
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestAccess proves the integrations offline: S3 and EventBridge invoke
// the functions only for this account's bucket and rule, Scheduler assumes
// its role only for this account, the ingest function writes the table,
// outsiders read neither the table nor the secret.
func TestAccess(t *testing.T) {
	reps := testkit.AccessProof(t, doc(t).Path, access.Binding{})
	seen := map[string]int{}
	for _, r := range reps {
		for _, res := range r.Results {
			seen[res.Kind]++
		}
	}
	for _, k := range []string{"s3notification.lambda-invoke", "s3notification.lambda-invoke.other-account", "events.lambda-invoke",
		"events.lambda-invoke.other-account", "scheduler.assume-role", "scheduler.assume-role.other-account", "scheduler.lambda-invoke",
		"dynamodb.other-account", "secretsmanager.other-account"} {
		if seen[k] == 0 {
			t.Errorf("access: no %s expectation; have %v", k, seen)
		}
	}
}
