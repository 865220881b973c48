package suppress

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopic"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard/controls"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// ruleErrs collects the Rule results of the one synthesis, checked in the test.
var ruleErrs []error

// synth builds the only jsii stack of this package: two unencrypted topics
// and an alarm without actions, with suppressions declared next to them.
var synth = testkit.NewOnce(func(app *stack.App) error {
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	var quiet, loud, alarms constructs.Construct
	err = stack.Catch(func() {
		quiet = constructs.NewConstruct(st, str2("quiet"))
		snstopic.NewSnsTopic(quiet, str2("topic"), &snstopic.SnsTopicConfig{Name: str2("acme-dev-quiet")})
		loud = constructs.NewConstruct(st, str2("loud"))
		snstopic.NewSnsTopic(loud, str2("topic"), &snstopic.SnsTopicConfig{Name: str2("acme-dev-loud")})
		alarms = constructs.NewConstruct(st, str2("alarms"))
		cloudwatchmetricalarm.NewCloudwatchMetricAlarm(alarms, str2("cpu"), &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
			AlarmName: str2("acme-dev-cpu"), ComparisonOperator: str2("GreaterThanThreshold"), EvaluationPeriods: f64(1),
			MetricName: str2("CPUUtilization"), Namespace: str2("AWS/EC2"), Period: f64(300), Statistic: str2("Average"), Threshold: f64(80),
		})
	})
	if err != nil {
		return err
	}
	ruleErrs = []error{
		Rule(quiet, "MON002", "test topic, carries no data"),
		Rule(alarms, "MON003", "dashboard-only alarm"),
		Rule(quiet, "MON002", "test topic, carries no data (reviewed)"), // same rule and path: reason replaced
		Rule(quiet, "MON002", "  "),
		Rule(quiet, "NOPE01", "why"),
		Rule(nil, "MON002", "why"),
		Fact(quiet, "sns-delivery-status-logging", "test topic, no subscribers"),
		Fact(quiet, "no-such-fact", "why"),
		Fact(quiet, "sns-delivery-status-logging", ""),
	}
	return partnerStack(app)
})

// testNow fixes the date runtime deprecations are judged against.
var testNow = time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC)

func str2(s string) *string  { return &s }
func f64(f float64) *float64 { return &f }

func TestRule(t *testing.T) {
	res := synth.Get(t)
	doc := res.Stack(t, "acme-dev")

	for i, err := range ruleErrs[:3] {
		if err != nil {
			t.Errorf("Rule #%d: %v", i+1, err)
		}
	}
	for i, want := range []string{"reason: must not be empty", `ruleID: unknown rule "NOPE01"`, "scope: must not be nil"} {
		if err := ruleErrs[3+i]; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Rule #%d error = %v; want one containing %q", 4+i, err, want)
		}
	}

	if err := ruleErrs[6]; err != nil {
		t.Errorf("Fact: %v", err)
	}
	for i, want := range []string{`factID: unknown fact "no-such-fact"`, "reason: must not be empty"} {
		if err := ruleErrs[7+i]; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Fact #%d error = %v; want one containing %q", 2+i, err, want)
		}
	}

	got, ok := testkit.Attr(doc.Raw, guard.SuppressionsKey)
	want := []any{
		map[string]any{"path": "acme-dev/alarms", "reason": "dashboard-only alarm", "rule": "MON003"},
		map[string]any{"path": "acme-dev/quiet", "reason": "test topic, carries no data (reviewed)", "rule": "MON002"},
		map[string]any{"path": "acme-dev/quiet", "reason": "test topic, no subscribers", "rule": "sns-delivery-status-logging"},
	}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf(`top-level "//".guard.suppressions = %v; want %v`, got, want)
	}
	if name, _ := testkit.Attr(doc.Raw, "//.metadata.stackName"); name != "acme-dev" {
		t.Errorf(`"//".metadata.stackName = %v after the override; want "acme-dev" (the override must merge, not replace)`, name)
	}

	rep, err := guard.CheckDir(doc.Dir(), guard.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var active, suppressed []string
	for _, f := range rep.Findings {
		active = append(active, f.RuleID+" "+f.Path)
	}
	for _, f := range rep.Suppressed {
		suppressed = append(suppressed, f.RuleID+" "+f.Path+": "+f.Reason)
	}
	if want := []string{"MON002 acme-dev/loud/topic"}; !reflect.DeepEqual(active, want) {
		t.Errorf("findings = %q; want %q", active, want)
	}
	if want := []string{"MON003 acme-dev/alarms/cpu: dashboard-only alarm", "MON002 acme-dev/quiet/topic: test topic, carries no data (reviewed)"}; !reflect.DeepEqual(suppressed, want) {
		t.Errorf("suppressed = %q; want %q", suppressed, want)
	}

	// The fact suppression excepts the quiet topic's SNS.2 failure, not the loud one's.
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	reps, _, err := cat.CheckPaths([]string{doc.Dir()}, controls.CheckOptions{Guard: guard.Options{Now: testNow}}, "fsbp")
	if err != nil {
		t.Fatal(err)
	}
	var sns2 []string
	for _, c := range reps[0].Controls {
		if c.Control == "SNS.2" {
			for _, ev := range c.Evidence {
				sns2 = append(sns2, ev.Outcome+" "+ev.Address+" "+ev.Reason)
			}
			if c.Status != controls.Fail {
				t.Errorf("SNS.2 status = %s; want fail (the loud topic has no suppression)", c.Status)
			}
		}
	}
	if want := []string{"fail aws_sns_topic.loud_topic_3C492EF1 ", "excepted aws_sns_topic.quiet_topic_C7F8874A test topic, no subscribers"}; !reflect.DeepEqual(sns2, want) {
		t.Errorf("SNS.2 evidence = %q; want %q", sns2, want)
	}

	// Terraform ignores "//" keys: the stack must still validate.
	tfrun.Validate(t, doc.Dir())
}
