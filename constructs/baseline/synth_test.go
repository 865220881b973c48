package baseline

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

var built struct {
	dev *Baseline
}

type parts struct {
	key    *encryption.Key
	logs   *storage.LogsBucket
	topic  *monitoring.Topic
	region string
}

func deps3(st *stack.Stack) (parts, error) {
	key, err := encryption.NewKey(st, "main", encryption.KeyProps{})
	if err != nil {
		return parts{}, err
	}
	logs, err := storage.NewLogsBucket(st, "logs", storage.LogsBucketProps{Key: key})
	if err != nil {
		return parts{}, err
	}
	topic, err := monitoring.NewTopic(st, "alarms", monitoring.TopicProps{Key: key})
	if err != nil {
		return parts{}, err
	}
	return parts{key, logs, topic, st.RegionName}, nil
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	d, err := deps3(st)
	if err != nil {
		return err
	}
	built.dev, err = New(st, "baseline", Props{Key: d.key, LogsBucket: d.logs, Topic: d.topic,
		SecurityContact: &Contact{Name: "Security team", Title: "SecOps", Email: "security@example.com", Phone: "+1 206-555-0100"}})
	if err != nil {
		return err
	}
	// A member account in us-west-2 under Landing Zone Accelerator: EC2
	// defaults only.
	st3, err := stack.New(app, "acme-stage", stack.Props{Company: "acme", Environment: "stage", Region: "us-west-2"})
	if err != nil {
		return err
	}
	if _, err = New(st3, "baseline", Props{Managed: LandingZoneAccelerator()}); err != nil {
		return err
	}
	// An account whose ECS tasks on Fargate may pull GuardDuty's agent.
	st4, err := stack.New(app, "acme-prod", stack.Props{Company: "acme", Environment: "prod", Region: "eu-west-1"})
	if err != nil {
		return err
	}
	d4, err := deps3(st4)
	if err != nil {
		return err
	}
	_, err = New(st4, "baseline", Props{Key: d4.key, LogsBucket: d4.logs, Topic: d4.topic, FargateRuntimeMonitoring: true})
	return err
})

func doc(t *testing.T) *testkit.Doc { return synth.Get(t).Stack(t, "acme-dev") }

func TestAccountControls(t *testing.T) {
	d := doc(t)
	pp := d.Find(t, "aws_iam_account_password_policy", "baseline/password-policy")
	pp.Equal(t, "minimum_password_length", 14.0)
	pp.Equal(t, "password_reuse_prevention", 24.0)
	pp.Equal(t, "max_password_age", 90.0)
	for _, a := range []string{"require_lowercase_characters", "require_uppercase_characters", "require_numbers", "require_symbols", "allow_users_to_change_password"} {
		pp.Equal(t, a, true)
	}
	bpa := d.Find(t, "aws_s3_account_public_access_block", "baseline/s3-public-access-block")
	for _, a := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
		bpa.Equal(t, a, true)
	}
	d.Find(t, "aws_ebs_encryption_by_default", "baseline/ebs-encryption").Equal(t, "enabled", true)
	key := d.Find(t, "aws_kms_key", "main/key")
	ebsKey := d.Find(t, "aws_ebs_default_kms_key", "baseline/ebs-default-key")
	ebsKey.Equal(t, "key_arn", key.Ref("arn"))
	md := d.Find(t, "aws_ec2_instance_metadata_defaults", "baseline/instance-metadata-defaults")
	md.Equal(t, "http_tokens", "required")
	md.Equal(t, "http_put_response_hop_limit", 1.0)
	d.Find(t, "aws_ebs_snapshot_block_public_access", "baseline/snapshot-block-public-access").Equal(t, "state", "block-all-sharing")
	d.Find(t, "aws_ec2_image_block_public_access", "baseline/ami-block-public-access").Equal(t, "state", "block-new-sharing")
	d.Find(t, "aws_ec2_serial_console_access", "baseline/serial-console-access").Equal(t, "enabled", false)
	c := d.Find(t, "aws_account_alternate_contact", "baseline/security-contact")
	c.Equal(t, "alternate_contact_type", "SECURITY")
	c.Equal(t, "email_address", "security@example.com")
}

// TestEBSKeyPolicy: the stack key admits EBS only through EC2, for this
// account's principals and the Auto Scaling service-linked role, which the
// baseline creates (the policy references it, so it exists first).
func TestEBSKeyPolicy(t *testing.T) {
	d := doc(t)
	key := d.Find(t, "aws_kms_key", "main/key")
	slr := d.Find(t, "aws_iam_service_linked_role", "baseline/autoscaling-role")
	slr.Equal(t, "aws_service_name", "autoscaling.amazonaws.com")
	stmts := testkit.Statements(t, key.Address(), key.Policy(t, "policy"))
	for _, sid := range []string{encryption.SidEBSViaEC2, encryption.SidEBSAutoScaling, encryption.SidEBSAutoScalingGrant} {
		s, ok := stmts[sid]
		if !ok {
			t.Fatalf("%s: policy: no statement %s", key.Address(), sid)
		}
		js, _ := json.Marshal(s["Condition"])
		if !strings.Contains(string(js), `"kms:ViaService":["ec2.${data.aws_region.`) || !strings.Contains(string(js), `"kms:CallerAccount"`) {
			t.Errorf("%s: policy: %s: condition %s; want kms:ViaService ec2.<region> and kms:CallerAccount", key.Address(), sid, js)
		}
		if sid != encryption.SidEBSViaEC2 {
			p, _ := json.Marshal(s["Principal"])
			if !strings.Contains(string(p), slr.Ref("arn")) {
				t.Errorf("%s: policy: %s: principal %s; want the Auto Scaling role %s", key.Address(), sid, p, slr.Ref("arn"))
			}
		}
	}
}

// TestGuardDuty: detector, the six plans, and the export under guardduty/
// with bucket and key statements conditioned on this account and detector.
func TestGuardDuty(t *testing.T) {
	d := doc(t)
	det := d.Find(t, "aws_guardduty_detector", "baseline/detector")
	det.Equal(t, "enable", true)
	det.Equal(t, "finding_publishing_frequency", "FIFTEEN_MINUTES")
	for _, f := range Features {
		r := d.Find(t, "aws_guardduty_detector_feature", "baseline/feature-"+f.Name)
		r.Equal(t, "status", "ENABLED")
		r.Equal(t, "detector_id", det.Ref("id"))
		if len(f.Additional) > 0 {
			r.Equal(t, "additional_configuration", enabled(f.Additional...))
		}
	}
	rm := d.Find(t, "aws_guardduty_detector_feature", "baseline/feature-RUNTIME_MONITORING")
	rm.Equal(t, "additional_configuration", enabled("EC2_AGENT_MANAGEMENT", "EKS_ADDON_MANAGEMENT"))
	d.Find(t, "aws_guardduty_detector_feature", "baseline/feature-EKS_AUDIT_LOGS").Equal(t, "status", "ENABLED")
	bucket := d.Find(t, "aws_s3_bucket", "logs/bucket")
	key := d.Find(t, "aws_kms_key", "main/key")
	exp := d.Find(t, "aws_guardduty_publishing_destination", "baseline/findings-export")
	exp.Equal(t, "destination_arn", bucket.Ref("arn")+"/guardduty")
	exp.Equal(t, "kms_key_arn", key.Ref("arn"))
	bp := d.Find(t, "aws_s3_bucket_policy", "logs/policy")
	if !contains(exp.DependsOn(), bp.Address()) {
		t.Errorf("%s: depends_on %v; want the bucket policy %s (GuardDuty checks it when the destination is created)", exp.Address(), exp.DependsOn(), bp.Address())
	}
	for _, sid := range []string{storage.SidGuardDutyLocation, storage.SidGuardDutyWrite} {
		s := testkit.Statements(t, bp.Address(), bp.Policy(t, "policy"))[sid]
		eq, _ := s["Condition"].(map[string]any)["StringEquals"].(map[string]any)
		testkit.EqualJSON(t, bp.Address()+": "+sid, "Condition.StringEquals.aws:SourceArn", eq["aws:SourceArn"], []any{det.Ref("arn")})
		if acct, _ := json.Marshal(eq["aws:SourceAccount"]); !strings.Contains(string(acct), "data.aws_caller_identity.") {
			t.Errorf("%s: %s: aws:SourceAccount = %s; want this account (aws_caller_identity)", bp.Address(), sid, acct)
		}
	}
	ks := testkit.Statements(t, key.Address(), key.Policy(t, "policy"))[SidKeyGuardDuty]
	testkit.EqualJSON(t, key.Address()+": "+SidKeyGuardDuty, "Action", ks["Action"], []any{"kms:GenerateDataKey"})
}

func TestSecurityHubAndAnalyzer(t *testing.T) {
	d := doc(t)
	hub := d.Find(t, "aws_securityhub_account", "baseline/security-hub")
	hub.Equal(t, "enable_default_standards", false)
	hub.Equal(t, "control_finding_generator", "SECURITY_CONTROL")
	var arns []string
	for _, r := range d.All("aws_securityhub_standards_subscription") {
		a := r.String(t, "standards_arn")
		if i := strings.Index(a, ":securityhub:"); strings.HasPrefix(a, "arn:${data.aws_partition.") && i > 0 {
			a = a[i:]
		}
		arns = append(arns, a)
		if !contains(r.DependsOn(), hub.Address()) {
			t.Errorf("%s: depends_on %v; want %s", r.Address(), r.DependsOn(), hub.Address())
		}
	}
	want := []string{
		":securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
		":securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/5.0.0",
	}
	testkit.EqualJSON(t, "aws_securityhub_standards_subscription", "standards_arn", arns, want)
	a := d.Find(t, "aws_accessanalyzer_analyzer", "baseline/analyzer-external")
	a.Equal(t, "type", "ACCOUNT")
	a.Equal(t, "analyzer_name", "acme-dev-external-access")
	if n := len(d.All("aws_accessanalyzer_analyzer")); n != 1 {
		t.Errorf("aws_accessanalyzer_analyzer: %d analyzers; want 1 (unused access is opt-in)", n)
	}
}

// TestFindingsReachTheTopic: three rules, each targeting the topic; topic
// and key policies admit events.amazonaws.com only from those rules.
func TestFindingsReachTheTopic(t *testing.T) {
	d := doc(t)
	topic := d.Find(t, "aws_sns_topic", "alarms/topic")
	rules := d.All("aws_cloudwatch_event_rule")
	if len(rules) != 3 {
		t.Fatalf("aws_cloudwatch_event_rule: %d rules; want 3", len(rules))
	}
	for _, r := range built.dev.RuleNames() {
		if !strings.HasPrefix(r, "acme-dev-") {
			t.Errorf("rule name %q: want the acme-dev- prefix", r)
		}
	}
	for _, tgt := range d.All("aws_cloudwatch_event_target") {
		tgt.Equal(t, "arn", topic.Ref("arn"))
	}
	gd := d.Find(t, "aws_cloudwatch_event_rule", "baseline/guardduty-findings")
	var pattern map[string]any
	_ = json.Unmarshal([]byte(gd.String(t, "event_pattern")), &pattern)
	testkit.EqualJSON(t, gd.Address(), "event_pattern.detail", pattern["detail"], map[string]any{"severity": []any{map[string]any{"numeric": []any{">=", 7.0}}}})

	tp := d.Find(t, "aws_sns_topic_policy", "alarms/policy")
	s := testkit.Statements(t, tp.Address(), tp.Policy(t, "policy"))[monitoring.SidEventBridgePublish]
	cond, _ := json.Marshal(s["Condition"])
	for _, name := range built.dev.RuleNames() {
		if !strings.Contains(string(cond), ":events:${data.aws_region.") || !strings.Contains(string(cond), `:rule/`+name+`"`) {
			t.Errorf("%s: %s: condition %s; want aws:SourceArn of rule %s in this region", tp.Address(), monitoring.SidEventBridgePublish, cond, name)
		}
	}
	key := d.Find(t, "aws_kms_key", "main/key")
	ks := testkit.Statements(t, key.Address(), key.Policy(t, "policy"))[encryption.SidEventBridge]
	kc, _ := json.Marshal(ks["Condition"])
	if string(kc) != string(cond) {
		t.Errorf("%s: %s: condition %s; want the topic's %s", key.Address(), encryption.SidEventBridge, kc, cond)
	}
}

// TestOnePerAccountAndRegion: a second baseline for acme-dev in us-east-1
// is refused naming both paths; a weak password policy names the control; a
// key of another region is refused.
func TestRefusals(t *testing.T) {
	app, err := stack.NewApp(stack.AppProps{Outdir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := deps3(st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(st, "baseline", Props{Key: d.key, LogsBucket: d.logs, Topic: d.topic}); err != nil {
		t.Fatal(err)
	}
	// A second baseline for the same account and region, in another stack.
	st2, err := stack.New(app, "acme-dev-extra", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	_, second := New(st2, "baseline", Props{Managed: LandingZoneAccelerator()})
	_, weak := New(st2, "weak", Props{Managed: LandingZoneAccelerator(), PasswordPolicy: PasswordPolicy{MinimumLength: 8}})
	st3, err := stack.New(app, "acme-stage", stack.Props{Company: "acme", Environment: "stage", Region: "us-west-2"})
	if err != nil {
		t.Fatal(err)
	}
	m := LandingZoneAccelerator()
	m.EBSEncryption = false
	_, otherRegionKey := New(st3, "cross", Props{Key: d.key, Managed: m})
	built := struct{ second, weak, otherRegionKey error }{second, weak, otherRegionKey}
	errtest.Contains(t, "second baseline", built.second, "acme-dev/baseline and acme-dev-extra/baseline both create an account baseline for acme-dev in us-east-1")
	errtest.Contains(t, "weak policy", built.weak, "passwordPolicy.minimumLength: 8", "CIS AWS Foundations v5.0.0 1.7", "IAM.7")
	errtest.Contains(t, "other region's key", built.otherRegionKey, "key: the key alias/acme-dev-main is in region us-east-1", "us-west-2")
	errtest.Contains(t, "app.Synthesize", app.Synthesize(), "acme-dev/baseline and acme-dev-extra/baseline both create an account baseline")
}

// TestMemberAccount: under Landing Zone Accelerator only the EC2 defaults
// remain (no detector, no hub, no analyzer, no rules, no password policy).
func TestMemberAccount(t *testing.T) {
	d := synth.Get(t).Stack(t, "acme-stage")
	for _, typ := range []string{"aws_iam_account_password_policy", "aws_s3_account_public_access_block", "aws_ebs_encryption_by_default",
		"aws_guardduty_detector", "aws_securityhub_account", "aws_accessanalyzer_analyzer", "aws_cloudwatch_event_rule", "aws_iam_service_linked_role"} {
		if n := len(d.All(typ)); n != 0 {
			t.Errorf("acme-stage: %d %s; want none (managed by Landing Zone Accelerator)", n, typ)
		}
	}
	d.Find(t, "aws_ec2_instance_metadata_defaults", "baseline/instance-metadata-defaults").Equal(t, "http_tokens", "required")
}

func TestGuardAndValidate(t *testing.T) {
	d := doc(t)
	testkit.Guard(t, d)
	testkit.AccessProof(t, d.Dir(), access.Binding{})
	tfrun.Validate(t, d.Dir())
}

// TestFargateRuntimeMonitoring: FargateRuntimeMonitoring adds GuardDuty's
// Fargate agent (GuardDuty.12) to Runtime Monitoring, after EC2's and EKS's.
func TestFargateRuntimeMonitoring(t *testing.T) {
	d := synth.Get(t).Stack(t, "acme-prod")
	rm := d.Find(t, "aws_guardduty_detector_feature", "baseline/feature-RUNTIME_MONITORING")
	rm.Equal(t, "additional_configuration", enabled("EC2_AGENT_MANAGEMENT", "EKS_ADDON_MANAGEMENT", FargateAgent))
	for _, f := range Features {
		for _, a := range f.Additional {
			if a == FargateAgent {
				t.Errorf("FargateRuntimeMonitoring changed the package's Features: %s has %v", f.Name, f.Additional)
			}
		}
	}
}

// enabled is the additional_configuration list with each name ENABLED.
func enabled(names ...string) []any {
	var out []any
	for _, n := range names {
		out = append(out, map[string]any{"name": n, "status": "ENABLED"})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
