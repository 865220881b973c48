package controls

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// TestGuardDutyFeature: the detector feature, its additional configuration
// and the older datasources block each decide a protection plan; an
// expression stays undecided.
func TestGuardDutyFeature(t *testing.T) {
	cat := mustCatalogue(t)
	feature := func(name, status, extra string) string {
		return `{"aws_guardduty_detector_feature":{"f":{"detector_id":"${aws_guardduty_detector.d.id}","name":"` + name + `","status":"` + status + `"` + extra + `}},"aws_guardduty_detector":{"d":{"enable":true}}}`
	}
	detector := func(ds string) string {
		return `{"aws_guardduty_detector":{"d":{"enable":true,"datasources":` + ds + `}}}`
	}
	cases := []struct {
		name, fact, res string
		want            outcome
		msg             string
	}{
		{"feature on", "account-guardduty-s3", feature("S3_DATA_EVENTS", "ENABLED", ""), holds, "S3_DATA_EVENTS is ENABLED"},
		{"another feature only", "account-guardduty-s3", feature("RDS_LOGIN_EVENTS", "ENABLED", ""), fails, "no aws_guardduty_detector_feature S3_DATA_EVENTS"},
		{"datasources s3_logs on", "account-guardduty-s3", detector(`{"s3_logs":{"enable":true}}`), holds, "datasources.s3_logs.enable = true"},
		{"datasources s3_logs off", "account-guardduty-s3", detector(`{"s3_logs":{"enable":false}}`), fails, "datasources.s3_logs.enable = false"},
		{"datasources malware (list form)", "account-guardduty-malware", detector(`[{"malware_protection":[{"scan_ec2_instance_with_findings":[{"ebs_volumes":[{"enable":true}]}]}]}]`), holds, "datasources.malware_protection"},
		{"status from a variable", "account-guardduty-lambda", feature("LAMBDA_NETWORK_LOGS", "${var.status}", ""), unknown, "not known before apply"},
		{"runtime without the EC2 agent", "account-guardduty-ec2-runtime", feature("RUNTIME_MONITORING", "ENABLED", ""), fails, "EC2_AGENT_MANAGEMENT is not set"},
		{"runtime with the EC2 agent", "account-guardduty-ec2-runtime", feature("RUNTIME_MONITORING", "ENABLED", `,"additional_configuration":[{"name":"EKS_ADDON_MANAGEMENT","status":"ENABLED"},{"name":"EC2_AGENT_MANAGEMENT","status":"ENABLED"}]`), holds, "EC2_AGENT_MANAGEMENT ENABLED"},
		{"EKS runtime through the older feature", "account-guardduty-eks-runtime", feature("EKS_RUNTIME_MONITORING", "ENABLED", `,"additional_configuration":[{"name":"EKS_ADDON_MANAGEMENT","status":"ENABLED"}]`), holds, "EKS_RUNTIME_MONITORING is ENABLED with EKS_ADDON_MANAGEMENT"},
		{"EKS runtime without the add-on", "account-guardduty-eks-runtime", feature("RUNTIME_MONITORING", "ENABLED", `,"additional_configuration":[{"name":"EC2_AGENT_MANAGEMENT","status":"ENABLED"}]`), fails, "EKS_ADDON_MANAGEMENT is not set"},
		{"EKS audit logs through datasources", "account-guardduty-eks-audit", detector(`{"kubernetes":{"audit_logs":{"enable":true}}}`), holds, "datasources.kubernetes.audit_logs.enable = true"},
		{"Fargate agent disabled", "account-guardduty-ecs-runtime", feature("RUNTIME_MONITORING", "ENABLED", `,"additional_configuration":[{"name":"ECS_FARGATE_AGENT_MANAGEMENT","status":"DISABLED"}]`), fails, `ECS_FARGATE_AGENT_MANAGEMENT is "DISABLED"`},
		{"runtime monitoring off", "account-guardduty-runtime", feature("RUNTIME_MONITORING", "DISABLED", ""), fails, `status = "DISABLED"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, _ := cat.Fact(c.fact)
			got := evalFact(f, account{stacks: []*guard.Stack{parseFixture(t, c.res)}})
			if len(got) == 0 {
				t.Fatal("no verdict")
			}
			if got[0].Outcome != c.want || !strings.Contains(got[0].Message, c.msg) {
				t.Errorf("%s: got outcome %d %q; want %d containing %q", c.fact, got[0].Outcome, got[0].Message, c.want, c.msg)
			}
		})
	}
}

// TestTagSARIFPatterns: in the guard's SARIF, ACC006's finding on a
// suspended detector is tagged GuardDuty.1 only, and its finding on a
// detector missing plans is tagged with those plans' controls only.
func TestTagSARIFPatterns(t *testing.T) {
	cat := mustCatalogue(t)
	rep, err := guard.CheckDir(filepath.Join("..", "rules", "testdata", "ACC006", "fail"), guard.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WriteSARIF(&buf); err != nil {
		t.Fatal(err)
	}
	out, err := cat.TagSARIF(buf.Bytes(), []string{"fsbp"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Properties struct {
					Tags []string `json:"tags"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"aws_guardduty_detector.off:":  "fsbp/GuardDuty.1",
		"aws_guardduty_detector.thin:": "fsbp/GuardDuty.6 fsbp/GuardDuty.8 fsbp/GuardDuty.9 fsbp/GuardDuty.13",
	}
	seen := 0
	for _, r := range log.Runs[0].Results {
		for prefix, tags := range want {
			if strings.HasPrefix(r.Message.Text, prefix) {
				seen++
				if got := strings.Join(r.Properties.Tags, " "); got != tags {
					t.Errorf("%s tags = %q; want %q", prefix, got, tags)
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of the %d findings in the SARIF log", seen, len(want))
	}
}
