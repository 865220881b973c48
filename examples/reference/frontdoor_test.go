package reference_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// TestFrontDoor: in both environments the one public entry is an HTTPS
// listener on a TLS 1.3 policy plus a port-80 redirect, the web ACL runs
// the three managed rule groups and the rate rule, the logs go where the
// issue says, and only the load balancer's group admits the internet, on
// 443 and 80. The test logs the table the README shows.
func TestFrontDoor(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) {
		https := doc.Find(t, "aws_lb_listener", "web/https")
		https.Equal(t, "port", float64(443))
		https.Equal(t, "ssl_policy", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06")
		https.Equal(t, "default_action.0.type", "forward")
		redirect := doc.Find(t, "aws_lb_listener", "web/http-redirect")
		redirect.Equal(t, "port", float64(80))
		redirect.Equal(t, "default_action.0.type", "redirect")
		redirect.Equal(t, "default_action.0.redirect.protocol", "HTTPS")
		t.Logf("listeners: %s HTTPS:443 ssl_policy=%s -> forward to the function's target group; %s HTTP:80 -> redirect HTTPS:443 (HTTP_301)",
			https.Address(), https.String(t, "ssl_policy"), redirect.Address())

		acl := doc.Find(t, "aws_wafv2_web_acl", "web-acl/acl")
		rules, _ := acl.Get(t, "rule").([]any)
		var names []string
		for _, r := range rules {
			m := r.(map[string]any)
			names = append(names, m["name"].(string))
		}
		if got := strings.Join(names, ","); got != "AWSManagedRulesAmazonIpReputationList,AWSManagedRulesCommonRuleSet,AWSManagedRulesKnownBadInputsRuleSet,RateLimitPerIP" {
			t.Errorf("%s: rules %s", acl.Address(), got)
		}
		t.Logf("web ACL %s rules (priority order): %s", acl.String(t, "name"), strings.Join(names, ", "))

		lb := doc.Find(t, "aws_lb", "web/lb")
		lbLogs := doc.Find(t, "aws_s3_bucket", "web/logs/bucket")
		lb.Equal(t, "access_logs.bucket", lbLogs.Ref("bucket"))
		lb.Equal(t, "connection_logs.bucket", lbLogs.Ref("bucket"))
		wafLogs := doc.Find(t, "aws_cloudwatch_log_group", "web-acl/logs/group")
		if n := wafLogs.String(t, "name"); !strings.HasPrefix(n, "aws-waf-logs-") {
			t.Errorf("%s: name %q", wafLogs.Address(), n)
		}
		t.Logf("logs: ALB access and connection logs -> bucket %s (SSE-S3) prefix %s/AWSLogs/<account>/; WAF -> log group %s (KMS, authorization and cookie redacted); bucket server access logs -> the access-logs bucket",
			lbLogs.String(t, "bucket"), lb.String(t, "access_logs.prefix"), wafLogs.String(t, "name"))

		// World-facing ingress: every rule admitting 0.0.0.0/0 or ::/0.
		lbsg := doc.Find(t, "aws_security_group", "web/security-group/group")
		var world []string
		for _, r := range doc.All("aws_vpc_security_group_ingress_rule") {
			v4, _ := r.Attr("cidr_ipv4")
			v6, _ := r.Attr("cidr_ipv6")
			cidr, _ := v4.(string)
			if s, _ := v6.(string); s == "::/0" {
				cidr = s
			}
			if cidr != "0.0.0.0/0" && cidr != "::/0" {
				continue
			}
			if r.String(t, "security_group_id") != lbsg.Ref("id") {
				t.Errorf("%s admits %s to a group other than the load balancer's", r.Address(), cidr)
			}
			world = append(world, r.String(t, "ip_protocol")+"/"+jsonNumber(r.Get(t, "from_port"))+" from "+cidr)
		}
		sort.Strings(world)
		if got := strings.Join(world, ", "); got != "tcp/443 from 0.0.0.0/0, tcp/80 from 0.0.0.0/0" {
			t.Errorf("world-facing ingress: %s; want tcp/443 and tcp/80 from 0.0.0.0/0 on the load balancer's group only", got)
		}
		t.Logf("world-facing ingress (load balancer group %s only): %s", lbsg.String(t, "name"), strings.Join(world, ", "))
	})
}

func jsonNumber(v any) string { b, _ := json.Marshal(v); return string(b) }

// frontDoorMutations are five mistakes in a copy of the dev stack; the
// guard (rule) or the access tier (denied expectation kind) must reject each.
var frontDoorMutations = []struct {
	name, rule, denied string
	mutate             func(doc map[string]any)
}{
	{"HTTP listener forwards to the function instead of redirecting", "ELB001", "", func(doc map[string]any) {
		for _, l := range resources(doc, "aws_lb_listener") {
			if l["protocol"] == "HTTP" {
				https := findWith(doc, "aws_lb_listener", "protocol", "HTTPS")
				l["default_action"] = https["default_action"]
			}
		}
	}},
	{"HTTPS listener on the 2016 policy (TLS 1.0)", "ELB002", "", func(doc map[string]any) {
		findWith(doc, "aws_lb_listener", "protocol", "HTTPS")["ssl_policy"] = "ELBSecurityPolicy-2016-08"
	}},
	{"web ACL no longer associated with the load balancer", "ELB003", "", func(doc map[string]any) {
		delete(doc["resource"].(map[string]any), "aws_wafv2_web_acl_association")
	}},
	{"log bucket policy names the ELB account of us-west-2", "ELB004", "elb.s3-put-object", func(doc map[string]any) {
		for _, p := range resources(doc, "aws_s3_bucket_policy") {
			p["policy"] = strings.ReplaceAll(p["policy"].(string), ":iam::127311923021:root", ":iam::797873946194:root")
		}
	}},
	{"WAF log group renamed without the aws-waf-logs- prefix", "WAF001", "", func(doc map[string]any) {
		for _, g := range resources(doc, "aws_cloudwatch_log_group") {
			if n, _ := g["name"].(string); strings.HasPrefix(n, "aws-waf-logs-") {
				g["name"] = strings.TrimPrefix(n, "aws-waf-logs-") + "-waf"
			}
		}
	}},
	{"WAF log delivery policy trusts any account's sources", "", "waf.logs-put-log-events.other-account", func(doc map[string]any) {
		for _, p := range resources(doc, "aws_cloudwatch_log_resource_policy") {
			var pol map[string]any
			_ = json.Unmarshal([]byte(p["policy_document"].(string)), &pol)
			for _, st := range pol["Statement"].([]any) {
				delete(st.(map[string]any), "Condition")
			}
			b, _ := json.Marshal(pol)
			p["policy_document"] = string(b)
		}
	}},
	{"Lambda target's permission without its source_arn", "LMB004", "elb.lambda-invoke.other-account", func(doc map[string]any) {
		delete(findWith(doc, "aws_lambda_permission", "principal", "elasticloadbalancing.amazonaws.com"), "source_arn")
	}},
}

// findWith returns the one resource of typ whose attr is value.
func findWith(doc map[string]any, typ, attr, value string) map[string]any {
	for _, r := range resources(doc, typ) {
		if r[attr] == value {
			return r
		}
	}
	panic("no " + typ + " with " + attr + " = " + value)
}

// TestFrontDoorMutationsRejected applies each mutation to a copy of the dev
// stack and requires the guard to report its rule, or the access tier to
// deny its request, naming the resource or request.
func TestFrontDoorMutationsRejected(t *testing.T) {
	src := synth.Get(t).Stack(t, "acme-dev")
	orig, err := os.ReadFile(src.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range frontDoorMutations {
		t.Run(m.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(orig, &doc); err != nil {
				t.Fatal(err)
			}
			m.mutate(doc)
			data, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if string(data) == string(orig) {
				t.Fatal("the mutation changed nothing (has the construct changed?)")
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "cdk.tf.json")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if m.rule != "" {
				rep, err := guard.CheckFile(file, guard.Options{})
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, f := range rep.Findings {
					if f.RuleID == m.rule {
						found = true
						t.Logf("guard: %s %s: %s", f.RuleID, f.Address, f.Message)
					}
				}
				if !found {
					t.Errorf("the guard did not report %s", m.rule)
				}
			}
			if m.denied != "" {
				rep, err := access.CheckFile(file, access.Binding{})
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, r := range rep.Failed() {
					if r.Kind == m.denied {
						found = true
						t.Logf("access: %s fails: %s %s %s: %s", r.ID(), r.Request.Principal, r.Request.Action, r.Request.Resource, r.Decision.Reason)
					}
				}
				if !found {
					t.Errorf("the access tier did not fail %s", m.denied)
				}
			}
		})
	}
}
