package access

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
)

// Documentation of the front-door integrations (issue 24).
const (
	// DocELBLogs gives the bucket policy ELB log delivery needs: the
	// region's ELB account or logdelivery.elasticloadbalancing.amazonaws.com,
	// s3:PutObject on "<prefix>/AWSLogs/<account>/*".
	DocELBLogs = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html"
	// DocWAFLogs gives the log group resource policy WAF's vended-log
	// delivery needs (delivery.logs.amazonaws.com, aws:SourceAccount,
	// aws:SourceArn arn:aws:logs:<region>:<account>:*).
	DocWAFLogs = "https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html"
	// DocVendedLogs is the CloudWatch Logs page on vended-log resource policies.
	DocVendedLogs = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html"
	// DocECSTaskRole gives the task role trust (ecs-tasks.amazonaws.com,
	// aws:SourceAccount, aws:SourceArn arn:aws:ecs:<region>:<account>:*).
	DocECSTaskRole = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html"
	// DocECSExecutionRole gives the execution role: its trust and the ECR
	// pull and CloudWatch Logs calls the agent makes with it.
	DocECSExecutionRole = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html"
	// DocECRCrossAccount: a repository without a repository policy admits
	// no other account.
	DocECRCrossAccount = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html"
	// DocELBInvokeLambda gives the permission a Lambda target needs:
	// elasticloadbalancing.amazonaws.com may invoke the function, with the
	// target group's ARN as the source ARN.
	DocELBInvokeLambda = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html"
)

var frontDoorIntegrations = []Integration{
	{Type: "aws_lb", Expect: func(s *Stack, n string) []Expectation { return elbLogs(s, "aws_lb", n) }},
	{Type: "aws_alb", Expect: func(s *Stack, n string) []Expectation { return elbLogs(s, "aws_alb", n) }},
	{Type: "aws_wafv2_web_acl_logging_configuration", Expect: wafLogs},
	{Type: "aws_ecs_task_definition", Expect: ecsTask},
	{Type: "aws_ecr_repository", Expect: ecrOutsiders},
	{Type: "aws_lb_target_group_attachment", Expect: elbInvokesFunction},
}

var frontDoorKinds = []string{
	"elb.s3-put-object", "elb.s3-put-object.other-account",
	"waf.logs-create-log-stream", "waf.logs-put-log-events", "waf.logs-put-log-events.other-account",
	"ecs.assume-task-role", "ecs.assume-execution-role", "ecs.assume-task-role.other-account", "ecs.assume-execution-role.other-account",
	"ecs.ecr-get-authorization-token", "ecs.ecr-pull", "ecs.logs-put-log-events",
	"ecr.other-account",
	"elb.lambda-invoke", "elb.lambda-invoke.other-account",
}

func init() {
	Integrations = append(Integrations, frontDoorIntegrations...)
	Kinds = append(Kinds, frontDoorKinds...)
	sort.Strings(Kinds)
}

// elbDelivery is who delivers load balancer logs in the stack's region
// (constructs/catalog's table), as a principal; ok is false for a region
// the catalogue does not know.
func elbDelivery(s *Stack) (p Principal, outsider, ok bool) {
	d, err := catalog.ELBLogDeliveryFor("region", s.Bind.Region)
	if err != nil {
		return Principal{}, false, false
	}
	if d.Service != "" {
		return service(s, d.Service), false, true
	}
	// An AWS-owned account: its own account lets it act, only the bucket
	// policy decides.
	return role("arn:" + s.Bind.Partition + ":iam::" + d.Account + ":root"), true, true
}

// elbLogs: the region's ELB log delivery writes access and connection logs
// of this account's load balancer under "<prefix>/AWSLogs/<account>/", and
// the same delivery writing another account's logs into the bucket is
// refused.
func elbLogs(s *Stack, typ, n string) []Expectation {
	body := s.Body(typ, n)
	if t, ok := body["load_balancer_type"].(string); ok && t != "application" {
		return nil
	}
	who, outsider, ok := elbDelivery(s)
	if !ok {
		return nil
	}
	lbName := s.attr(typ, n, "name")
	var out []Expectation
	for _, kind := range []string{"access_logs", "connection_logs"} {
		blk := first(body[kind])
		if blk == nil {
			continue
		}
		if on, ok := blk["enabled"].(bool); !ok || !on {
			continue
		}
		bucket, ok := s.tryResolve(strOf(blk, "bucket"))
		if !ok || bucket == "" {
			continue
		}
		prefix, _ := s.tryResolve(strOf(blk, "prefix"))
		file := s.Bind.Account + "_elasticloadbalancing_" + s.Bind.Region + "_app." + lbName + ".0123456789abcdef_20260101T0000Z_192.0.2.1_x.log.gz"
		if kind == "connection_logs" {
			file = "conn_log." + file
		}
		object := func(account string) string {
			return bucketARN(s, bucket) + "/" + prefixed(prefix) + "AWSLogs/" + account + "/elasticloadbalancing/" + s.Bind.Region + "/2026/01/01/" + file
		}
		subject := typ + "." + n + " " + kind
		out = append(out,
			Expectation{Kind: "elb.s3-put-object", Subject: subject, Allow: true, Doc: DocELBLogs, Outsider: outsider,
				Request: Request{Principal: who, Action: "s3:PutObject", Resource: object(s.Bind.Account), Context: ctx()}},
			Expectation{Kind: "elb.s3-put-object.other-account", Subject: subject, Allow: false, Doc: DocELBLogs, Outsider: outsider,
				Request: Request{Principal: who, Action: "s3:PutObject", Resource: object(OutsiderAccount), Context: ctx()}},
		)
	}
	return out
}

func strOf(m map[string]any, k string) string { v, _ := m[k].(string); return v }

// wafLogs: WAF's log delivery (delivery.logs.amazonaws.com) creates a
// stream and puts events in each CloudWatch Logs destination, on behalf of
// this account; the same delivery acting for another account is refused.
func wafLogs(s *Stack, n string) []Expectation {
	const t = "aws_wafv2_web_acl_logging_configuration"
	var out []Expectation
	for _, v := range asList(s.Body(t, n)["log_destination_configs"]) {
		sv, _ := v.(string)
		dest, ok := s.tryResolve(sv)
		if !ok || !strings.Contains(dest, ":logs:") || !strings.Contains(dest, ":log-group:") {
			continue
		}
		group := strings.TrimSuffix(dest, ":*")
		stream := group + ":log-stream:waf-log-stream"
		delivery := service(s, "delivery.logs.amazonaws.com")
		src := s.arn("logs", s.Bind.Region, "*")
		other := strings.Replace(src, ":"+s.Bind.Account+":", ":"+OutsiderAccount+":", 1)
		subject := t + "." + n + " " + group
		out = append(out,
			Expectation{Kind: "waf.logs-create-log-stream", Subject: subject, Allow: true, Doc: DocWAFLogs, Request: Request{Principal: delivery,
				Action: "logs:CreateLogStream", Resource: stream, Context: ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", src)}},
			Expectation{Kind: "waf.logs-put-log-events", Subject: subject, Allow: true, Doc: DocWAFLogs, Request: Request{Principal: delivery,
				Action: "logs:PutLogEvents", Resource: stream, Context: ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", src)}},
			Expectation{Kind: "waf.logs-put-log-events.other-account", Subject: subject, Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: delivery,
				Action: "logs:PutLogEvents", Resource: stream, Context: ctx("aws:SourceAccount", OutsiderAccount, "aws:SourceArn", other)}},
		)
	}
	return out
}

// ecsTask: ECS tasks of this account assume the task and execution roles
// (tasks of another account cannot), and the agent pulls the image from its
// ECR repository and writes the awslogs group with the execution role.
func ecsTask(s *Stack, n string) []Expectation {
	const t = "aws_ecs_task_definition"
	tasks := service(s, "ecs-tasks.amazonaws.com")
	src := s.arn("ecs", s.Bind.Region, "task/"+s.attr(t, n, "family")+"/0123456789abcdef0123456789abcdef")
	other := strings.Replace(src, ":"+s.Bind.Account+":", ":"+OutsiderAccount+":", 1)
	var out []Expectation
	assume := func(kind, roleARN, doc string) {
		if roleARN == "" {
			return
		}
		out = append(out,
			Expectation{Kind: kind, Allow: true, Doc: doc, Request: Request{Principal: tasks, Action: "sts:AssumeRole", Resource: roleARN,
				Context: ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", src)}},
			Expectation{Kind: kind + ".other-account", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: tasks, Action: "sts:AssumeRole", Resource: roleARN,
				Context: ctx("aws:SourceAccount", OutsiderAccount, "aws:SourceArn", other)}},
		)
	}
	taskRole, execRole := s.attr(t, n, "task_role_arn"), s.attr(t, n, "execution_role_arn")
	assume("ecs.assume-task-role", taskRole, DocECSTaskRole)
	assume("ecs.assume-execution-role", execRole, DocECSExecutionRole)
	if execRole == "" {
		return out
	}
	cds, _ := s.tryResolve(strOf(s.Body(t, n), "container_definitions"))
	var containers []map[string]any
	if err := json.Unmarshal([]byte(cds), &containers); err != nil {
		return out
	}
	exec := role(execRole)
	for _, c := range containers {
		name := strOf(c, "name")
		if repo := ecrRepositoryARN(s, strOf(c, "image")); repo != "" {
			subject := t + "." + n + " " + name
			out = append(out,
				Expectation{Kind: "ecs.ecr-get-authorization-token", Subject: subject, Allow: true, Doc: DocECSExecutionRole,
					Request: Request{Principal: exec, Action: "ecr:GetAuthorizationToken", Resource: "*", Context: ctx()}})
			for _, a := range []string{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"} {
				out = append(out, Expectation{Kind: "ecs.ecr-pull", Subject: subject + " " + a, Allow: true, Doc: DocECSExecutionRole,
					Request: Request{Principal: exec, Action: a, Resource: repo, Context: ctx()}})
			}
		}
		lc, _ := c["logConfiguration"].(map[string]any)
		if strOf(lc, "logDriver") != "awslogs" {
			continue
		}
		opts, _ := lc["options"].(map[string]any)
		group := strOf(opts, "awslogs-group")
		if group == "" {
			continue
		}
		stream := s.arn("logs", s.Bind.Region, "log-group:"+group+":log-stream:"+strOf(opts, "awslogs-stream-prefix")+"/"+name+"/0123456789abcdef")
		for _, a := range []string{"logs:CreateLogStream", "logs:PutLogEvents"} {
			out = append(out, Expectation{Kind: "ecs.logs-put-log-events", Subject: t + "." + n + " " + name + " " + a, Allow: true, Doc: DocECSExecutionRole,
				Request: Request{Principal: exec, Action: a, Resource: stream, Context: ctx()}})
		}
	}
	return out
}

// ecrRepositoryARN turns "<account>.dkr.ecr.<region>.<suffix>/<name>[@digest|:tag]"
// into the repository's ARN, or "" for an image elsewhere.
func ecrRepositoryARN(s *Stack, image string) string {
	host, path, ok := strings.Cut(image, "/")
	if !ok || !strings.Contains(host, ".dkr.ecr.") {
		return ""
	}
	if i := strings.IndexAny(path, "@:"); i >= 0 {
		path = path[:i]
	}
	parts := strings.Split(host, ".")
	if len(parts) < 4 {
		return ""
	}
	return "arn:" + s.Bind.Partition + ":ecr:" + parts[3] + ":" + parts[0] + ":repository/" + path
}

// ecrOutsiders: another account cannot pull from a repository the stack
// did not open to it (no repository policy naming it).
func ecrOutsiders(s *Stack, n string) []Expectation {
	repo := s.ref("aws_ecr_repository", n, "arn")
	return []Expectation{{Kind: "ecr.other-account", Allow: false, Doc: DocECRCrossAccount, Outsider: true,
		Request: Request{Principal: s.outsider(), Action: "ecr:BatchGetImage", Resource: repo, Context: ctx()}}}
}

// elbInvokesFunction: the load balancer invokes a Lambda target for its own
// target group (allowed); a target group of another account naming the same
// function must be refused (the permission's source_arn, DocELBInvokeLambda).
func elbInvokesFunction(s *Stack, n string) []Expectation {
	const t = "aws_lb_target_group_attachment"
	_, arn, ok := functionByArn(s, s.attr(t, n, "target_id"))
	if !ok {
		return nil
	}
	group := s.attr(t, n, "target_group_arn")
	if group == "" {
		return nil
	}
	subject := t + "." + n
	elb := service(s, "elasticloadbalancing.amazonaws.com")
	return []Expectation{
		{Kind: "elb.lambda-invoke", Subject: subject, Allow: true, Doc: DocELBInvokeLambda, Request: Request{Principal: elb,
			Action: "lambda:InvokeFunction", Resource: arn, Context: ctx("aws:SourceArn", group, "aws:SourceAccount", s.Bind.Account)}},
		{Kind: "elb.lambda-invoke.other-account", Subject: subject, Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: elb,
			Action: "lambda:InvokeFunction", Resource: arn, Context: ctx("aws:SourceArn", s.otherAccount(group), "aws:SourceAccount", OutsiderAccount)}},
	}
}
