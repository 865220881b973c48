package monitoring

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

func TestCISControlsTable(t *testing.T) {
	controls := CISControls()
	if len(controls) != 15 {
		t.Fatalf("CISControls() has %d controls; want Security Hub CloudWatch.1-14 and CIS 4.15", len(controls))
	}
	metrics, suffixes, hub := map[string]bool{}, map[string]bool{}, map[string]bool{}
	suffixPattern := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for i, c := range controls {
		label := fmt.Sprintf("control %d (%s)", i, c.MetricName)
		if metrics[c.MetricName] || suffixes[c.Suffix] {
			t.Errorf("%s: metric name or suffix %q is not unique", label, c.Suffix)
		}
		metrics[c.MetricName], suffixes[c.Suffix] = true, true
		if c.SecurityHub != "" {
			hub[c.SecurityHub] = true
		}
		if !suffixPattern.MatchString(c.Suffix) {
			t.Errorf("%s: suffix %q must be lower-case words joined by hyphens", label, c.Suffix)
		}
		p := c.Pattern
		if !strings.HasPrefix(p, "{") || !strings.HasSuffix(p, "}") || strings.Count(p, "{") != 1 || strings.Count(p, "}") != 1 {
			t.Errorf("%s: pattern %q must be one JSON filter in braces", label, p)
		}
		if strings.Count(p, "(") != strings.Count(p, ")") || strings.Count(p, `"`)%2 != 0 {
			t.Errorf("%s: pattern %q has unbalanced parentheses or quotes", label, p)
		}
		if c.Title == "" || c.CIS == "" {
			t.Errorf("%s: Title and CIS must be set", label)
		}
	}
	for i := 1; i <= 14; i++ {
		if id := fmt.Sprintf("CloudWatch.%d", i); !hub[id] {
			t.Errorf("no control maps Security Hub %s", id)
		}
	}
	controls[0].Pattern = "changed"
	if CISControls()[0].Pattern == "changed" {
		t.Errorf("CISControls() returns the package's table, not a copy")
	}
}

// The patterns Security Hub checks verbatim; a typo here silently fails the control.
func TestCISPatternsSpotCheck(t *testing.T) {
	want := map[string]string{
		"RootAccountUsage":              `{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`,
		"DisableOrDeleteCMK":            `{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}`,
		"ConsoleAuthenticationFailures": `{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}`,
	}
	for _, c := range CISControls() {
		if w, ok := want[c.MetricName]; ok && c.Pattern != w {
			t.Errorf("%s pattern = %s; want %s", c.MetricName, c.Pattern, w)
		}
	}
	for _, c := range CISControls() {
		for _, ev := range map[string][]string{
			"IAMPolicyChanges":  {"DeleteGroupPolicy", "CreatePolicyVersion", "DetachGroupPolicy"},
			"VPCChanges":        {"CreateVpc", "ModifyVpcAttribute", "EnableVpcClassicLink"},
			"RouteTableChanges": {"DisassociateRouteTable", "ReplaceRouteTableAssociation"},
		}[c.MetricName] {
			if !strings.Contains(c.Pattern, "($.eventName="+ev+")") {
				t.Errorf("%s pattern lacks %s", c.MetricName, ev)
			}
		}
	}
}
