package rules

import (
	"fmt"
	"testing"
)

// lbStack is a load balancer logging into bucket "logs" in region, whose
// policy allows principal (a JSON principal) to put resource.
func lbStack(region, principal, resource string) string {
	return fmt.Sprintf(`{"provider": {"aws": [{"region": %q}]}, "resource": {
  "aws_s3_bucket": {"logs": {"bucket": "acme-prod-lb-logs"}},
  "aws_s3_bucket_policy": {"logs": {"bucket": "${aws_s3_bucket.logs.id}", "policy": %q}},
  "aws_lb": {"web": {"internal": false, "subnets": ["a", "b"], "drop_invalid_header_fields": true,
    "access_logs": {"bucket": "${aws_s3_bucket.logs.id}", "prefix": "acme-prod-web", "enabled": true}}}}}`,
		region, fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":%s,"Action":"s3:PutObject","Resource":%q}]}`, principal, resource))
}

func TestELB004Regions(t *testing.T) {
	const res = "${aws_s3_bucket.logs.arn}/acme-prod-web/AWSLogs/123456789012/*"
	runRuleCases(t, "ELB004", []ruleCase{
		{"old region, its account", lbStack("eu-west-1", `{"AWS":"arn:aws:iam::156460612806:root"}`, res), nil},
		{"old region, bare account id", lbStack("eu-west-1", `{"AWS":"156460612806"}`, res), nil},
		{"old region, another region's account", lbStack("eu-west-1", `{"AWS":"arn:aws:iam::127311923021:root"}`, res),
			[]string{"aws_lb.web: access_logs bucket aws_s3_bucket.logs: no bucket policy statement allows s3:PutObject to arn:aws:iam::156460612806:root"}},
		{"old region, service principal", lbStack("eu-west-1", `{"Service":"logdelivery.elasticloadbalancing.amazonaws.com"}`, res),
			[]string{"aws_lb.web: access_logs bucket aws_s3_bucket.logs: no bucket policy statement allows"}},
		{"new region, service principal", lbStack("eu-central-2", `{"Service":"logdelivery.elasticloadbalancing.amazonaws.com"}`, res), nil},
		{"new region, an old region's account", lbStack("eu-central-2", `{"AWS":"arn:aws:iam::054676820928:root"}`, res),
			[]string{"aws_lb.web: no bucket policy statement allows s3:PutObject to logdelivery.elasticloadbalancing.amazonaws.com"}},
		{"unknown region, any catalogued principal", lbStack("${var.region}", `{"AWS":"arn:aws:iam::054676820928:root"}`, res), nil},
		{"statement for another prefix", lbStack("eu-west-1", `{"AWS":"arn:aws:iam::156460612806:root"}`, "${aws_s3_bucket.logs.arn}/other/AWSLogs/123456789012/*"),
			[]string{"aws_lb.web: the ELB log delivery statement does not allow s3:PutObject on \"acme-prod-web/AWSLogs/"}},
		{"whole bucket", lbStack("eu-west-1", `{"AWS":"arn:aws:iam::156460612806:root"}`, "arn:aws:s3:::acme-prod-lb-logs/*"), nil},
	})
}

func TestECSJSONEncode(t *testing.T) {
	doc := func(cd string) string {
		return `{"resource": {"aws_ecs_task_definition": {"t": {"family": "t", "container_definitions": ` + cd + `}}}}`
	}
	enc := `"${jsonencode([{name = \"app\", image = var.image, privileged = true, user = \"0\", readonlyRootFilesystem = false}])}"`
	runRuleCases(t, "ECS001", []ruleCase{
		{"jsonencode privileged", doc(enc), []string{`aws_ecs_task_definition.t: container "app" is privileged`}},
		{"expression", doc(`"${var.defs}"`), nil},
	})
	runRuleCases(t, "ECS002", []ruleCase{{"jsonencode uid 0", doc(enc), []string{`aws_ecs_task_definition.t: container "app" runs as root (user "0")`}}})
	runRuleCases(t, "ECS003", []ruleCase{{"jsonencode writable", doc(enc), []string{`aws_ecs_task_definition.t: container "app" has a writable root filesystem`}}})
}

func TestELB001Cases(t *testing.T) {
	l := func(action string) string {
		return `{"resource": {"aws_lb_listener": {"l": {"load_balancer_arn": "x", "port": 80, "protocol": "HTTP", "default_action": ` + action + `}}}}`
	}
	runRuleCases(t, "ELB001", []ruleCase{
		{"fixed response", l(`[{"type": "fixed-response", "fixed_response": {"content_type": "text/plain", "status_code": "200"}}]`),
			[]string{`aws_lb_listener.l: HTTP listener's default_action is "fixed-response", not a redirect to HTTPS`}},
		{"redirect to https", l(`{"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}}`), nil},
		{"type by expression", l(`[{"type": "${var.t}"}]`), nil},
	})
}
