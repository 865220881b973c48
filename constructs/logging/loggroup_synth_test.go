package logging

import (
	"errors"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

var built struct {
	failingKey    *fakeKey
	keyErr, idErr error
	dflt, named   *LogGroup
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(st, "logs", encryption.KeyProps{})
	if err != nil {
		return err
	}
	if _, err := encryption.NewKey(st, "unused", encryption.KeyProps{}); err != nil {
		return err
	}
	if built.dflt, err = NewLogGroup(st, "app", LogGroupProps{Key: key}); err != nil {
		return err
	}
	if built.named, err = NewLogGroup(st, "fn", LogGroupProps{Key: key, Name: "/aws/lambda/acme-dev-fn", RetentionDays: 30}); err != nil {
		return err
	}
	built.failingKey = &fakeKey{err: errors.New("boom")}
	_, built.keyErr = NewLogGroup(st, "failing", LogGroupProps{Key: built.failingKey})
	_, built.idErr = NewLogGroup(st, "bad id", LogGroupProps{Key: key})
	return nil
})

func TestLogGroupDefaults(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	keyName, _ := doc.ByPath(t, "aws_kms_key", "logs/key")
	name, body := doc.ByPath(t, "aws_cloudwatch_log_group", "app/group")
	addr := "aws_cloudwatch_log_group." + name
	testkit.Equal(t, addr, body, "name", "/acme/dev/app")
	testkit.Equal(t, addr, body, "kms_key_id", testkit.Ref("aws_kms_key", keyName, "arn"))
	testkit.Equal(t, addr, body, "retention_in_days", 365)
	testkit.Equal(t, addr, body, "skip_destroy", false)
	if got := built.dflt.Name(); got != "/acme/dev/app" {
		t.Errorf("LogGroup.Name() = %q; want /acme/dev/app", got)
	}
	if got := built.dflt.Arn(); !strings.Contains(got, "${") {
		t.Errorf("LogGroup.Arn() = %q; want a Terraform token", got)
	}
	if built.dflt.DependsOnTarget() == nil || built.dflt.Construct() == nil {
		t.Errorf("DependsOnTarget()/Construct() returned nil")
	}
}

func TestLogGroupNameAndRetention(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	name, body := doc.ByPath(t, "aws_cloudwatch_log_group", "fn/group")
	addr := "aws_cloudwatch_log_group." + name
	testkit.Equal(t, addr, body, "name", "/aws/lambda/acme-dev-fn")
	testkit.Equal(t, addr, body, "retention_in_days", 30)
}

func TestLogGroupKeyAllowsCloudWatchLogs(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	name, body := doc.ByPath(t, "aws_kms_key", "logs/key")
	addr := "aws_kms_key." + name
	stmts := testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, body, "policy"))
	s, ok := stmts[encryption.SidCloudWatchLogs]
	if !ok {
		t.Fatalf("%s: policy has no %s statement although log groups use the key", addr, encryption.SidCloudWatchLogs)
	}
	if len(stmts) != 2 {
		t.Errorf("%s: policy has %d statements; want 2 (root + one logs statement for two log groups)", addr, len(stmts))
	}
	svc, _ := testkit.Attr(s, "Principal.Service.0")
	if str, _ := svc.(string); !strings.HasPrefix(str, "logs.") {
		t.Errorf("%s: %s Principal.Service = %v; want logs.<region>.amazonaws.com", addr, encryption.SidCloudWatchLogs, svc)
	}

	name, body = doc.ByPath(t, "aws_kms_key", "unused/key")
	addr = "aws_kms_key." + name
	stmts = testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, body, "policy"))
	if _, ok := stmts[encryption.SidCloudWatchLogs]; ok {
		t.Errorf("%s: policy has %s although no log group uses the key", addr, encryption.SidCloudWatchLogs)
	}
}

func TestLogGroupErrors(t *testing.T) {
	synth.Get(t)
	if built.keyErr == nil || !strings.HasPrefix(built.keyErr.Error(), "key: ") || !strings.Contains(built.keyErr.Error(), "boom") {
		t.Errorf("NewLogGroup with a failing key = %v; want a \"key: ...boom\" error", built.keyErr)
	}
	if built.idErr == nil || !strings.Contains(built.idErr.Error(), `name: CloudWatch log group name "/acme/dev/bad id" is invalid`) {
		t.Errorf("NewLogGroup with id %q = %v; want a name error", "bad id", built.idErr)
	}
	doc := synth.Get(t).Stack(t, "acme-dev")
	if n := len(doc.Resources("aws_cloudwatch_log_group")); n != 2 {
		t.Errorf("aws_cloudwatch_log_group: %d resources; want 2 (failed constructors must create nothing)", n)
	}
}

func TestLogGroupStackValidates(t *testing.T) {
	tfrun.Validate(t, synth.Get(t).Stack(t, "acme-dev").Dir())
}
