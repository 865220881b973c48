package loadbalancer_test

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/certificate"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/container"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/loadbalancer"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/waf"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

const digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// built records the constructs of the one synthesis.
var built struct {
	lb                     *loadbalancer.LoadBalancer
	acl                    *waf.WebACL
	svc                    *container.Service
	errs                   []error // calls that must succeed
	secondTarget, rootUser error
}

// synth builds "acme-dev" (front door with a DNS-validated certificate and
// a container target) and "acme-prod" (an existing certificate, eu-central-2,
// whose ELB logs are delivered by the service principal), once per package.
var synth = testkit.NewOnce(func(app *stack.App) error {
	for _, env := range []struct{ name, region string }{{"dev", "us-east-1"}, {"prod", "eu-central-2"}} {
		st, err := stack.New(app, "acme-"+env.name, stack.Props{Company: "acme", Environment: env.name, Region: env.region})
		if err != nil {
			return err
		}
		key, err := encryption.NewKey(st, "key", encryption.KeyProps{})
		if err != nil {
			return err
		}
		vpc, err := network.NewVPC(st, "main", network.VPCProps{FlowLogKey: key})
		if err != nil {
			return err
		}
		cp := certificate.Props{Domain: "app.acme.example.com", AlternativeNames: []string{"*.app.acme.example.com"}, HostedZoneID: "Z0123456789ABCDEFGHIJ"}
		if env.name == "prod" {
			cp = certificate.Props{ExistingArn: "arn:aws:acm:eu-central-2:123456789012:certificate/12345678-1234-1234-1234-123456789012"}
		}
		cert, err := certificate.New(st, "cert", cp)
		if err != nil {
			return err
		}
		lb, err := loadbalancer.New(st, "web", loadbalancer.Props{VPC: vpc, Certificate: cert})
		if err != nil {
			return err
		}
		acl, err := waf.New(st, "web-acl", waf.Props{Key: key})
		if err != nil {
			return err
		}
		if err := acl.Associate(lb.Arn()); err != nil {
			return err
		}
		repo, err := container.NewRepository(st, "app", container.RepositoryProps{Key: key})
		if err != nil {
			return err
		}
		tg, err := lb.NewIPTargetGroup("app", loadbalancer.IPTargetProps{Port: 8080, HealthCheckPath: "/healthz"})
		if err != nil {
			return err
		}
		svc, err := container.NewService(st, "api", container.ServiceProps{
			VPC: vpc, Repository: repo, ImageDigest: digest, ContainerPort: 8080, Target: tg, Key: key,
			Environment: map[string]string{"MODE": env.name},
		})
		if err != nil {
			return err
		}
		if env.name == "dev" {
			built.lb, built.acl, built.svc = lb, acl, svc
			_, built.secondTarget = lb.NewIPTargetGroup("other", loadbalancer.IPTargetProps{Port: 9090})
			_, built.rootUser = container.NewService(st, "rooted", container.ServiceProps{
				VPC: vpc, Repository: repo, ImageDigest: digest, ContainerPort: 8080, Key: key, User: "0:0"})
		}
	}
	return nil
})

func TestListeners(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	https := doc.Find(t, "aws_lb_listener", "web/https")
	https.Equal(t, "protocol", "HTTPS")
	https.Equal(t, "port", float64(443))
	https.Equal(t, "ssl_policy", loadbalancer.DefaultTLSPolicy)
	https.Equal(t, "default_action.0.type", "forward")
	if got := https.String(t, "certificate_arn"); !strings.Contains(got, "aws_acm_certificate_validation.") {
		t.Errorf("%s: certificate_arn = %q; want the validation resource's certificate_arn (waits for issuance)", https.Address(), got)
	}
	http := doc.Find(t, "aws_lb_listener", "web/http-redirect")
	http.Equal(t, "protocol", "HTTP")
	http.Equal(t, "port", float64(80))
	http.Equal(t, "default_action.0.type", "redirect")
	http.Equal(t, "default_action.0.redirect.protocol", "HTTPS")
	http.Equal(t, "default_action.0.redirect.port", "443")
	http.Equal(t, "default_action.0.redirect.status_code", "HTTP_301")
	if n := len(doc.All("aws_lb_listener")); n != 2 {
		t.Errorf("aws_lb_listener: %d listeners; want 2 (HTTPS and the redirect)", n)
	}
}

func TestLoadBalancerAttributes(t *testing.T) {
	for _, env := range []string{"dev", "prod"} {
		doc := synth.Get(t).Stack(t, "acme-"+env)
		lb := doc.Find(t, "aws_lb", "web/lb")
		lb.Equal(t, "internal", false)
		lb.Equal(t, "load_balancer_type", "application")
		lb.Equal(t, "drop_invalid_header_fields", true)
		lb.Equal(t, "desync_mitigation_mode", "strictest")
		lb.Equal(t, "enable_deletion_protection", env == "prod")
		lb.Equal(t, "access_logs.enabled", true)
		lb.Equal(t, "access_logs.prefix", "acme-"+env+"-web")
		lb.Equal(t, "connection_logs.enabled", true)
		bucket := doc.Find(t, "aws_s3_bucket", "web/logs/bucket")
		lb.Equal(t, "access_logs.bucket", bucket.Ref("bucket"))
		lb.Equal(t, "connection_logs.bucket", bucket.Ref("bucket"))
		if subnets, _ := lb.Get(t, "subnets").([]any); len(subnets) != 3 || !strings.Contains(subnets[0].(string), "public") {
			t.Errorf("%s: subnets = %v; want the three public subnets", lb.Address(), subnets)
		}
		sse := doc.Find(t, "aws_s3_bucket_server_side_encryption_configuration", "web/logs/encryption")
		sse.Equal(t, "rule.0.apply_server_side_encryption_by_default.sse_algorithm", "AES256")
	}
}

// TestLogBucketPolicy: the ELB account of us-east-1, the log delivery
// principal in eu-central-2 (opened after August 2022), on this account's
// prefix only.
func TestLogBucketPolicy(t *testing.T) {
	for env, principal := range map[string]string{
		"dev":  `:iam::127311923021:root"]}`,
		"prod": `{"Service":["logdelivery.elasticloadbalancing.amazonaws.com"]}`,
	} {
		doc := synth.Get(t).Stack(t, "acme-"+env)
		pol := doc.Find(t, "aws_s3_bucket_policy", "web/logs/policy")
		js := pol.String(t, "policy")
		if !strings.Contains(js, `"Sid":"AWSLoadBalancerLogDelivery"`) || !strings.Contains(js, "/acme-"+env+"-web/AWSLogs/${data.aws_caller_identity") {
			t.Errorf("%s: policy lacks the ELB delivery statement on acme-%s-web/AWSLogs/<account>/*: %s", pol.Address(), env, js)
		}
		if !strings.Contains(js, principal) {
			t.Errorf("%s: policy does not name %s: %s", pol.Address(), principal, js)
		}
	}
}

// TestWorldIngressOnlyOnTheLoadBalancer: 0.0.0.0/0 reaches exactly two
// rules, both on the load balancer's group, on 443 and 80; the group
// carries the SG005 suppression with its reason.
func TestWorldIngressOnlyOnTheLoadBalancer(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	lbsg := doc.Find(t, "aws_security_group", "web/security-group/group")
	var ports []float64
	for _, r := range doc.All("aws_vpc_security_group_ingress_rule") {
		if v, ok := r.Attr("cidr_ipv4"); ok && v == "0.0.0.0/0" {
			if r.String(t, "security_group_id") != lbsg.Ref("id") {
				t.Errorf("%s: world ingress on a group other than the load balancer's", r.Address())
			}
			ports = append(ports, r.Get(t, "from_port").(float64))
		}
		if _, ok := r.Attr("cidr_ipv6"); ok {
			t.Errorf("%s: IPv6 ingress; the load balancer is IPv4 only", r.Address())
		}
	}
	if len(ports) != 2 || ports[0]+ports[1] != 523 {
		t.Errorf("world ingress ports = %v; want 443 and 80", ports)
	}
	svc := doc.Find(t, "aws_security_group", "api/security-group/group")
	found := false
	for _, r := range doc.All("aws_vpc_security_group_ingress_rule") {
		if r.String(t, "security_group_id") == svc.Ref("id") {
			found = true
			r.Equal(t, "referenced_security_group_id", lbsg.Ref("id"))
			r.Equal(t, "from_port", float64(8080))
			r.Equal(t, "to_port", float64(8080))
		}
	}
	if !found {
		t.Errorf("%s: no ingress from the load balancer's group", svc.Address())
	}
	rep := testkit.Guard(t, doc)
	n := 0
	for _, s := range rep.Suppressed {
		if s.RuleID == "SG005" {
			n++
			if !strings.Contains(s.Address, "web_security-group") {
				t.Errorf("SG005 suppressed on %s; want only the load balancer's rules", s.Address)
			}
		}
	}
	if n != 2 {
		t.Errorf("SG005: %d suppressed findings; want 2 (443 and 80 on the load balancer's group)", n)
	}
}

func TestWebACL(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	acl := doc.Find(t, "aws_wafv2_web_acl", "web-acl/acl")
	acl.Equal(t, "scope", "REGIONAL")
	rules, _ := acl.Get(t, "rule").([]any)
	var names []string
	for _, r := range rules {
		names = append(names, r.(map[string]any)["name"].(string))
	}
	want := "AWSManagedRulesAmazonIpReputationList AWSManagedRulesCommonRuleSet AWSManagedRulesKnownBadInputsRuleSet RateLimitPerIP"
	if strings.Join(names, " ") != want {
		t.Errorf("%s: rules %v; want %s", acl.Address(), names, want)
	}
	acl.Equal(t, "rule.3.statement.0.rate_based_statement.0.aggregate_key_type", "IP")
	acl.Equal(t, "rule.3.action.0.block", []any{map[string]any{}})
	assoc := doc.One(t, "aws_wafv2_web_acl_association")
	assoc.Equal(t, "resource_arn", doc.Find(t, "aws_lb", "web/lb").Ref("arn"))
	lg := doc.Find(t, "aws_cloudwatch_log_group", "web-acl/logs/group")
	lg.Equal(t, "name", "aws-waf-logs-acme-dev-web-acl")
	if lg.String(t, "kms_key_id") == "" {
		t.Errorf("%s: not encrypted", lg.Address())
	}
	logCfg := doc.One(t, "aws_wafv2_web_acl_logging_configuration")
	logCfg.Equal(t, "log_destination_configs", []any{lg.Ref("arn")})
	logCfg.Equal(t, "redacted_fields.0.single_header.name", "authorization")
	logCfg.Equal(t, "redacted_fields.1.single_header.name", "cookie")
	rp := doc.One(t, "aws_cloudwatch_log_resource_policy")
	if js := rp.String(t, "policy_document"); !strings.Contains(js, "delivery.logs.amazonaws.com") || !strings.Contains(js, "aws:SourceAccount") {
		t.Errorf("%s: %s", rp.Address(), js)
	}
}

func TestContainerService(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	cluster := doc.Find(t, "aws_ecs_cluster", "api/cluster")
	cluster.Equal(t, "setting.0.name", "containerInsights")
	cluster.Equal(t, "setting.0.value", "enabled")
	svc := doc.Find(t, "aws_ecs_service", "api/service")
	svc.Equal(t, "launch_type", "FARGATE")
	svc.Equal(t, "platform_version", container.PlatformVersion)
	svc.Equal(t, "network_configuration.assign_public_ip", false)
	svc.Equal(t, "load_balancer.0.container_port", float64(8080))
	if subnets, _ := svc.Get(t, "network_configuration.subnets").([]any); len(subnets) != 3 || !strings.Contains(subnets[0].(string), "private") {
		t.Errorf("%s: subnets = %v; want the private subnets", svc.Address(), subnets)
	}
	task := doc.Find(t, "aws_ecs_task_definition", "api/task")
	cd := task.String(t, "container_definitions")
	for _, want := range []string{`"readonlyRootFilesystem":true`, `"privileged":false`, `"user":"1000:1000"`, "@" + digest, `"logDriver":"awslogs"`, `"drop":["ALL"]`} {
		if !strings.Contains(cd, want) {
			t.Errorf("%s: container_definitions lacks %s: %s", task.Address(), want, cd)
		}
	}
	repo := doc.Find(t, "aws_ecr_repository", "app/repository")
	repo.Equal(t, "image_tag_mutability", "IMMUTABLE")
	repo.Equal(t, "image_scanning_configuration.scan_on_push", true)
	repo.Equal(t, "encryption_configuration.0.encryption_type", "KMS")
	for _, svcName := range []string{"ecr.api", "ecr.dkr", "logs"} {
		found := false
		for _, ep := range doc.All("aws_vpc_endpoint") {
			if strings.HasSuffix(ep.String(t, "service_name"), "."+svcName) {
				found = true
				ep.Equal(t, "vpc_endpoint_type", "Interface")
			}
		}
		if !found {
			t.Errorf("no %s interface endpoint", svcName)
		}
	}
	if n := len(doc.All("aws_nat_gateway")); n != 0 {
		t.Errorf("%d NAT gateways; the tasks pull through endpoints", n)
	}
	exec := doc.Find(t, "aws_iam_role", "api/execution-role/role")
	if js := exec.String(t, "assume_role_policy"); !strings.Contains(js, "ecs-tasks.amazonaws.com") || !strings.Contains(js, "aws:SourceAccount") {
		t.Errorf("%s: trust %s", exec.Address(), js)
	}
}

func TestErrors(t *testing.T) {
	synth.Get(t)
	for _, err := range built.errs {
		t.Error(err)
	}
	if built.secondTarget == nil || !strings.Contains(built.secondTarget.Error(), "already forwards to acme-dev-app") {
		t.Errorf("second target: %v", built.secondTarget)
	}
	if built.rootUser == nil || !strings.Contains(built.rootUser.Error(), `user: "0:0" is root`) {
		t.Errorf("root user: %v", built.rootUser)
	}
}

func TestGuardClean(t *testing.T) {
	for _, env := range []string{"dev", "prod"} {
		testkit.Guard(t, synth.Get(t).Stack(t, "acme-"+env))
	}
}

// TestAccessProof: the access tier proves the front door's integrations in
// both regions: ELB log delivery (the ELB account of us-east-1, the
// logdelivery service in eu-central-2) allowed for this account's prefix
// and denied for another account's, WAF log delivery allowed for this
// account only, the task and execution roles assumable by this account's
// ECS tasks only, the image pulled and the logs written with the execution
// role, and the repository closed to other accounts.
func TestAccessProof(t *testing.T) {
	want := []string{
		"elb.s3-put-object", "elb.s3-put-object.other-account",
		"waf.logs-create-log-stream", "waf.logs-put-log-events", "waf.logs-put-log-events.other-account",
		"ecs.assume-task-role", "ecs.assume-task-role.other-account", "ecs.assume-execution-role", "ecs.assume-execution-role.other-account",
		"ecs.ecr-get-authorization-token", "ecs.ecr-pull", "ecs.logs-put-log-events", "ecr.other-account",
	}
	for env, principal := range map[string]string{"dev": "arn:aws:iam::127311923021:root", "prod": "logdelivery.elasticloadbalancing.amazonaws.com"} {
		rep := testkit.AccessProof(t, synth.Get(t).Stack(t, "acme-"+env).Path, access.Binding{})[0]
		kinds := map[string]int{}
		for _, r := range rep.Results {
			kinds[r.Kind]++
			if r.Kind == "elb.s3-put-object" && !strings.Contains(r.Request.Principal.String(), principal) {
				t.Errorf("%s: %s: ELB log delivery is %s; want %s", env, r.ID(), r.Request.Principal, principal)
			}
		}
		for _, k := range want {
			if kinds[k] == 0 {
				t.Errorf("%s: no %q expectation", env, k)
			}
		}
		if len(rep.Unresolved) != 0 {
			t.Errorf("%s: references bound to nothing: %v", env, rep.Unresolved)
		}
	}
}
