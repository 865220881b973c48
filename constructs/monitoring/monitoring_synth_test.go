package monitoring

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchloggroup"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

const (
	fnName   = "acme-dev-processor"
	dbID     = "acme-dev-db"
	trailLog = "/acme/dev/trail"
	email    = "ops@example.com"
	hook     = "https://hooks.example.com/alarms"
)

// Values and errors recorded while building, checked by the tests.
var built struct {
	topic                                  *Topic
	alarms                                 *Alarms
	cis                                    *CISAlarms
	badTopicName, nilKey, dupAcrossCalls   error
	prefixedDup, secondCIS, sharedKeyTopic error
	dupTopic                               error
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(st, "alarms-key", encryption.KeyProps{})
	if err != nil {
		return err
	}
	if built.topic, err = NewTopic(st, "alarms", TopicProps{Key: key, EmailSubscriptions: []string{email}, HTTPSSubscriptions: []string{hook}}); err != nil {
		return err
	}
	// A second topic on the same key must not conflict on the key statement.
	_, built.sharedKeyTopic = NewTopic(st, "second", TopicProps{Key: key})
	_, built.badTopicName = NewTopic(st, "bad", TopicProps{Key: key, Name: "not valid!"})
	_, built.nilKey = NewTopic(st, "nokey", TopicProps{})
	// The same topic name twice, in an app of its own: the collision stays
	// recorded and fails that app's synth (stack.CheckNames).
	other, err := stack.NewApp(stack.AppProps{})
	if err != nil {
		return err
	}
	ost, err := stack.New(other, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	okey, err := encryption.NewKey(ost, "alarms-key", encryption.KeyProps{})
	if err != nil {
		return err
	}
	if _, err := NewTopic(ost, "alarms", TopicProps{Key: okey}); err != nil {
		return err
	}
	_, built.dupTopic = NewTopic(ost, "dup", TopicProps{Key: okey, Name: "alarms"})

	if built.alarms, err = NewAlarms(st, "app-alarms", AlarmsProps{
		Topic: built.topic, LambdaFunctions: []string{fnName}, DBInstances: []string{dbID},
	}); err != nil {
		return err
	}
	_, built.dupAcrossCalls = NewAlarms(st, "again", AlarmsProps{Topic: built.topic, LambdaFunctions: []string{fnName}})
	_, built.prefixedDup = NewAlarms(st, "prefixed", AlarmsProps{Topic: built.topic, LambdaFunctions: []string{"acme-dev-x", "x"}})

	// Stand-in for the trail's log group (encrypted, so guard stays silent).
	if err := key.AllowCloudWatchLogs(); err != nil {
		return err
	}
	var group cloudwatchloggroup.CloudwatchLogGroup
	if err := stack.Catch(func() {
		group = cloudwatchloggroup.NewCloudwatchLogGroup(st, str("trail-logs"), &cloudwatchloggroup.CloudwatchLogGroupConfig{
			Name: str(trailLog), KmsKeyId: str(key.Arn()), RetentionInDays: f64(365),
		})
	}); err != nil {
		return err
	}
	if built.cis, err = NewCISAlarms(st, "cis", CISProps{
		Topic: built.topic, LogGroupName: trailLog, DependsOn: []cdktf.ITerraformDependable{group},
	}); err != nil {
		return err
	}
	_, built.secondCIS = NewCISAlarms(st, "cis-again", CISProps{Topic: built.topic, LogGroupName: trailLog})
	return nil
})

func stackDoc(t *testing.T) *testkit.Doc { return synth.Get(t).Stack(t, "acme-dev") }

func topicRef(t *testing.T, doc *testkit.Doc) string {
	t.Helper()
	name, _ := doc.ByPath(t, "aws_sns_topic", "alarms/topic")
	return testkit.Ref("aws_sns_topic", name, "arn")
}

func TestEveryAlarmNotifiesTopic(t *testing.T) {
	doc := stackDoc(t)
	arn := topicRef(t, doc)
	alarms := doc.Resources("aws_cloudwatch_metric_alarm")
	if want := 2 + 3 + len(cisControls); len(alarms) != want {
		t.Errorf("aws_cloudwatch_metric_alarm: %d resources; want %d (Lambda 2 + RDS 3 + CIS %d); failed calls must create none", len(alarms), want, len(cisControls))
	}
	for name, body := range alarms {
		addr := "aws_cloudwatch_metric_alarm." + name
		testkit.Equal(t, addr, body, "alarm_actions", []string{arn})
		testkit.Equal(t, addr, body, "ok_actions", []string{arn})
		testkit.Equal(t, addr, body, "actions_enabled", true)
		testkit.Equal(t, addr, body, "period", PeriodSeconds)
		if n, _ := body["alarm_name"].(string); !strings.HasPrefix(n, "acme-dev-") {
			t.Errorf("%s: alarm_name = %q; want the acme-dev- prefix (the topic and key policies only admit alarms with it)", addr, n)
		}
	}
}

func TestTopicEncryptedWithKey(t *testing.T) {
	doc := stackDoc(t)
	keyName, _ := doc.ByPath(t, "aws_kms_key", "alarms-key/key")
	name, body := doc.ByPath(t, "aws_sns_topic", "alarms/topic")
	addr := "aws_sns_topic." + name
	testkit.Equal(t, addr, body, "kms_master_key_id", testkit.Ref("aws_kms_key", keyName, "arn"))
	testkit.Equal(t, addr, body, "name", "acme-dev-alarms")
	testkit.Equal(t, addr, body, "signature_version", 2)
	if got := built.topic.Name(); got != "acme-dev-alarms" {
		t.Errorf("Topic.Name() = %q; want acme-dev-alarms", got)
	}
	if !strings.Contains(built.topic.Arn(), "${") || !strings.Contains(built.topic.KeyArn(), "${") || built.topic.Construct() == nil {
		t.Errorf("Topic.Arn()/KeyArn() = %q/%q; want Terraform tokens, and a construct node", built.topic.Arn(), built.topic.KeyArn())
	}
}

func TestKeyPolicyLetsCloudWatchUseKey(t *testing.T) {
	doc := stackDoc(t)
	name, body := doc.ByPath(t, "aws_kms_key", "alarms-key/key")
	addr := "aws_kms_key." + name
	stmts := testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, body, "policy"))
	s, ok := stmts[SidKeyCloudWatchAlarms]
	if !ok {
		t.Fatalf("%s: policy has no %s statement; CloudWatch alarms could not publish to the encrypted topic", addr, SidKeyCloudWatchAlarms)
	}
	testkit.Equal(t, addr, s, "Effect", "Allow")
	testkit.Equal(t, addr, s, "Principal.Service", []string{"cloudwatch.amazonaws.com"})
	testkit.Equal(t, addr, s, "Action", []string{"kms:Decrypt", "kms:GenerateDataKey*"})
	checkAlarmConditions(t, addr, s)
	for sid, st := range stmts {
		if strings.Contains(mustJSON(st["Principal"]), "sns.amazonaws.com") {
			t.Errorf("%s: statement %s grants sns.amazonaws.com; SNS uses the publisher's key permissions and needs none", addr, sid)
		}
	}
}

func checkAlarmConditions(t *testing.T, addr string, s map[string]any) {
	t.Helper()
	acct, _ := testkit.Attr(s, "Condition.StringEquals.aws:SourceAccount")
	if j := mustJSON(acct); !strings.Contains(j, "${data.aws_caller_identity.") {
		t.Errorf("%s: %v Condition StringEquals aws:SourceAccount = %s; want this account", addr, s["Sid"], j)
	}
	src, _ := testkit.Attr(s, "Condition.ArnLike.aws:SourceArn")
	if j := mustJSON(src); !strings.Contains(j, ":cloudwatch:${data.aws_region.") || !strings.HasSuffix(j, `:alarm:acme-dev-*"]`) {
		t.Errorf("%s: %v Condition ArnLike aws:SourceArn = %s; want arn:<partition>:cloudwatch:<region>:<account>:alarm:acme-dev-*", addr, s["Sid"], j)
	}
}

func TestTopicPolicy(t *testing.T) {
	doc := stackDoc(t)
	arn := topicRef(t, doc)
	name, body := doc.ByPath(t, "aws_sns_topic_policy", "alarms/policy")
	addr := "aws_sns_topic_policy." + name
	testkit.Equal(t, addr, body, "arn", arn)
	stmts := testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, body, "policy"))
	if len(stmts) != 3 {
		t.Errorf("%s: statements %v; want %s, %s, %s", addr, slices.Sorted(maps.Keys(stmts)), SidOwnerAccess, SidCloudWatchPublish, SidDenyInsecureTransport)
	}
	deny, ok := stmts[SidDenyInsecureTransport]
	if !ok {
		t.Fatalf("%s: no %s statement", addr, SidDenyInsecureTransport)
	}
	testkit.Equal(t, addr, deny, "Effect", "Deny")
	testkit.Equal(t, addr, deny, "Principal", "*")
	testkit.Equal(t, addr, deny, "Action", []string{"sns:Publish"})
	testkit.Equal(t, addr, deny, "Resource", []string{arn})
	testkit.Equal(t, addr, deny, "Condition.Bool.aws:SecureTransport", []string{"false"})

	cw := stmts[SidCloudWatchPublish]
	testkit.Equal(t, addr, cw, "Effect", "Allow")
	testkit.Equal(t, addr, cw, "Principal.Service", []string{"cloudwatch.amazonaws.com"})
	testkit.Equal(t, addr, cw, "Action", []string{"sns:Publish"})
	testkit.Equal(t, addr, cw, "Resource", []string{arn})
	checkAlarmConditions(t, addr, cw)

	owner := stmts[SidOwnerAccess]
	principal := mustJSON(owner["Principal"])
	if !strings.Contains(principal, "${data.aws_caller_identity.") || !strings.Contains(principal, ":root") {
		t.Errorf("%s: %s Principal = %s; want this account's root", addr, SidOwnerAccess, principal)
	}
	testkit.Equal(t, addr, owner, "Action", ownerActions)
	if p := mustJSON(body["policy"]); strings.Contains(p, `"AWS":["*"]`) || strings.Contains(p, "::*:") {
		t.Errorf("%s: policy allows every account: %s", addr, p)
	}
}

func TestSubscriptions(t *testing.T) {
	doc := stackDoc(t)
	arn := topicRef(t, doc)
	for _, tc := range []struct{ path, protocol, endpoint string }{
		{"alarms/email-" + shortHash(email), "email", email},
		{"alarms/https-" + shortHash(hook), "https", hook},
	} {
		name, body := doc.ByPath(t, "aws_sns_topic_subscription", tc.path)
		addr := "aws_sns_topic_subscription." + name
		testkit.Equal(t, addr, body, "topic_arn", arn)
		testkit.Equal(t, addr, body, "protocol", tc.protocol)
		testkit.Equal(t, addr, body, "endpoint", tc.endpoint)
	}
	if n := len(doc.Resources("aws_sns_topic_subscription")); n != 2 {
		t.Errorf("aws_sns_topic_subscription: %d resources; want 2", n)
	}
}

func TestLambdaAndRDSAlarms(t *testing.T) {
	doc := stackDoc(t)
	lambda := map[string]string{"FunctionName": fnName}
	rds := map[string]string{"DBInstanceIdentifier": dbID}
	for _, tc := range []struct {
		path, name, ns, metric, stat, op, missing string
		threshold                                 float64
		dims                                      map[string]string
	}{
		// Construct ids drop the "acme-dev-" prefix: the same in every environment.
		{"lambda-processor-errors", "acme-dev-processor-errors", "AWS/Lambda", "Errors", "Sum", GreaterThanOrEqual, "notBreaching", 1, lambda},
		{"lambda-processor-throttles", "acme-dev-processor-throttles", "AWS/Lambda", "Throttles", "Sum", GreaterThanOrEqual, "notBreaching", 1, lambda},
		{"rds-db-cpu", "acme-dev-db-cpu", "AWS/RDS", "CPUUtilization", "Average", GreaterThan, "missing", 80, rds},
		{"rds-db-free-storage", "acme-dev-db-free-storage", "AWS/RDS", "FreeStorageSpace", "Average", LessThan, "missing", 2147483648, rds},
		{"rds-db-connections", "acme-dev-db-connections", "AWS/RDS", "DatabaseConnections", "Average", GreaterThan, "missing", 100, rds},
	} {
		name, body := doc.ByPath(t, "aws_cloudwatch_metric_alarm", "app-alarms/"+tc.path)
		addr := "aws_cloudwatch_metric_alarm." + name
		testkit.Equal(t, addr, body, "alarm_name", tc.name)
		testkit.Equal(t, addr, body, "namespace", tc.ns)
		testkit.Equal(t, addr, body, "metric_name", tc.metric)
		testkit.Equal(t, addr, body, "statistic", tc.stat)
		testkit.Equal(t, addr, body, "comparison_operator", tc.op)
		testkit.Equal(t, addr, body, "threshold", tc.threshold)
		testkit.Equal(t, addr, body, "evaluation_periods", 1)
		testkit.Equal(t, addr, body, "treat_missing_data", tc.missing)
		testkit.Equal(t, addr, body, "dimensions", tc.dims)
	}
	list := built.alarms.List()
	if len(list) != 5 || list[0].Name() != "acme-dev-processor-errors" || list[0].MetricName() != "Errors" || list[0].Namespace() != "AWS/Lambda" || !strings.Contains(list[0].Arn(), "${") {
		t.Errorf("Alarms.List() = %d alarms, first %q; want 5, the first acme-dev-processor-errors on AWS/Lambda Errors", len(list), list[0].Name())
	}
}

func TestEveryMetricFilterHasAlarm(t *testing.T) {
	doc := stackDoc(t)
	type metric struct{ ns, name string }
	alarmed := map[metric]string{}
	for name, body := range doc.Resources("aws_cloudwatch_metric_alarm") {
		ns, _ := body["namespace"].(string)
		m, _ := body["metric_name"].(string)
		alarmed[metric{ns, m}] = name
	}
	filters := doc.Resources("aws_cloudwatch_log_metric_filter")
	if len(filters) != len(cisControls) {
		t.Errorf("aws_cloudwatch_log_metric_filter: %d resources; want %d (one per CIS control)", len(filters), len(cisControls))
	}
	groupName, _ := doc.Only(t, "aws_cloudwatch_log_group")
	for _, c := range cisControls {
		name, body := doc.ByPath(t, "aws_cloudwatch_log_metric_filter", "cis/"+c.Suffix+"-filter")
		addr := "aws_cloudwatch_log_metric_filter." + name
		testkit.Equal(t, addr, body, "pattern", c.Pattern)
		testkit.Equal(t, addr, body, "log_group_name", trailLog)
		testkit.Equal(t, addr, body, "name", "acme-dev-cis-"+c.Suffix)
		mt := transformation(t, addr, body)
		testkit.Equal(t, addr, mt, "value", "1")
		testkit.Equal(t, addr, mt, "name", c.MetricName)
		testkit.Equal(t, addr, mt, "namespace", DefaultCISNamespace)
		if deps := testkit.DependsOn(body); len(deps) != 1 || deps[0] != "aws_cloudwatch_log_group."+groupName {
			t.Errorf("%s: depends_on = %v; want [aws_cloudwatch_log_group.%s] (the filter needs its log group to exist)", addr, deps, groupName)
		}
		ns, _ := mt["namespace"].(string)
		m, _ := mt["name"].(string)
		alarm, ok := alarmed[metric{ns, m}]
		if !ok {
			t.Errorf("%s: no aws_cloudwatch_metric_alarm watches metric %s/%s", addr, ns, m)
			continue
		}
		aaddr := "aws_cloudwatch_metric_alarm." + alarm
		ab := doc.Resource(t, "aws_cloudwatch_metric_alarm", alarm)
		testkit.Equal(t, aaddr, ab, "statistic", "Sum")
		testkit.Equal(t, aaddr, ab, "comparison_operator", GreaterThanOrEqual)
		testkit.Equal(t, aaddr, ab, "threshold", 1)
		testkit.Equal(t, aaddr, ab, "treat_missing_data", "notBreaching")
		testkit.Equal(t, aaddr, ab, "alarm_name", "acme-dev-cis-"+c.Suffix)
		if _, ok := ab["dimensions"]; ok {
			t.Errorf("%s: has dimensions; the metric filter emits none, so the alarm would never see data", aaddr)
		}
	}
	if got := len(built.cis.List()); got != len(cisControls) || len(built.cis.Controls()) != got {
		t.Errorf("CISAlarms.List() has %d alarms; want %d", got, len(cisControls))
	}
}

// transformation returns the metric_transformation block (an object or a one-element list).
func transformation(t *testing.T, addr string, body map[string]any) map[string]any {
	t.Helper()
	switch v := body["metric_transformation"].(type) {
	case map[string]any:
		return v
	case []any:
		if len(v) == 1 {
			if m, ok := v[0].(map[string]any); ok {
				return m
			}
		}
	}
	t.Fatalf("%s: metric_transformation = %v; want one block", addr, body["metric_transformation"])
	return nil
}

func TestConstructionErrors(t *testing.T) {
	synth.Get(t)
	if built.sharedKeyTopic != nil {
		t.Errorf("second topic on the same key: %v; want nil (the key statement is the same)", built.sharedKeyTopic)
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"invalid topic name", built.badTopicName, `name: SNS topic name "acme-dev-not valid!" is invalid`},
		{"nil key", built.nilKey, "key: must not be nil"},
		{"same topic name twice", built.dupTopic, `name: SNS topic "acme-dev-alarms" of acme-dev/dup is already used by acme-dev/alarms; AWS needs it unique in region us-east-1`},
		{"same function in two NewAlarms", built.dupAcrossCalls, `id: alarm name "acme-dev-processor-errors" is already created by acme-dev/app-alarms`},
		{"prefixed and bare name collide", built.prefixedDup, `lambdaFunctions[1]: alarm name "acme-dev-x-errors" is also derived from lambdaFunctions[0]`},
		{"two CIS sets in one stack", built.secondCIS, `id: alarm name "acme-dev-cis-root-account-usage" is already created by acme-dev/cis`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Errorf("error = %v; want it to contain %q", tc.err, tc.want)
			}
		})
	}
	doc := stackDoc(t)
	for _, typ := range []string{"aws_sns_topic", "aws_cloudwatch_metric_alarm", "aws_cloudwatch_log_metric_filter"} {
		for name, body := range doc.Resources(typ) {
			p := testkit.ConstructPath(body)
			for _, failed := range []string{"/bad/", "/nokey/", "/dup/", "/again/", "/prefixed/", "/cis-again/"} {
				if strings.Contains(p, failed) {
					t.Errorf("%s.%s: created at %s although its constructor failed", typ, name, p)
				}
			}
		}
	}
}

func TestGuardReportsNothing(t *testing.T) {
	rep, err := guard.CheckDir(stackDoc(t).Dir(), guard.Options{})
	if err != nil {
		t.Fatalf("guard: %v", err)
	}
	for _, f := range rep.Findings {
		t.Errorf("guard: %s %v %s: %s (fix: %s)", f.RuleID, f.Severity, f.Address, f.Message, f.Fix)
	}
}

func TestStackValidates(t *testing.T) {
	tfrun.Validate(t, stackDoc(t).Dir())
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
