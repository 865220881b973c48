package testkit

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/controls"
)

func TestRequireControls(t *testing.T) {
	d := topics(t)
	tests := []struct {
		name string
		ids  []string
		want []string // substrings of the failures; none: the assertion passes
	}{
		{"met control", []string{"SNS.4"}, nil},
		{"failed control names the resource", []string{"SNS.1"}, []string{"compliance fsbp SNS.1 (SNS topics should be encrypted at-rest using AWS KMS): fail", "fail rule MON002: aws_sns_topic.loud_topic_1A2B3C4D: topic has no kms_master_key_id", "(reason: test topic, carries no data)"}},
		{"not-applicable is not met", []string{"RDS.8"}, []string{"compliance fsbp RDS.8", "not-applicable", "no aws_db_instance in the configuration"}},
		{"unknown control", []string{"SNS.99"}, []string{`no control "SNS.99"`}},
		{"every failed control", nil, []string{"SNS.1", "SNS.2", "Account.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			rep := RequireControls(rec, d, "fsbp", tt.ids...)
			got := rec.failures()
			if len(tt.want) == 0 && got != "" {
				t.Errorf("unexpected failures:\n%s", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("failures do not contain %q:\n%s", w, got)
				}
			}
			if rep == nil || rep.Framework != "fsbp" {
				t.Errorf("report = %v", rep)
			}
		})
	}
	rec := &recorder{}
	RequireControlsIn(rec, []*Doc{d}, controls.CheckOptions{BaselinedElsewhere: true}, "fsbp", "Account.1")
	if got := rec.failures(); !strings.Contains(got, "Account.1") || !strings.Contains(got, "manual") || !strings.Contains(got, "baselined in another configuration") {
		t.Errorf("baselined elsewhere: failures = %q; want Account.1 manual with the note", got)
	}
	rec = &recorder{}
	RequireControls(rec, d, "pci")
	if got := rec.failures(); !strings.Contains(got, `unknown framework "pci"`) {
		t.Errorf("unknown framework: failures = %q", got)
	}
}
