package access

import (
	"sort"
	"strings"
)

// Integrations of the app building blocks (issue 29): services invoking a
// function, EventBridge Scheduler's role, a function writing a table, and
// outsiders reading a table or a secret.
const (
	DocS3InvokeLambda     = "https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html"
	DocEventsInvokeLambda = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-lambda-permissions"
	DocSchedulerRole      = "https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role"
	DocDynamoDBIAM        = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/using-identity-based-policies.html"
	DocSecretsAccess      = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html"
)

var appIntegrations = []Integration{
	{Type: "aws_s3_bucket_notification", Expect: s3InvokesFunction},
	{Type: "aws_cloudwatch_event_target", Expect: eventsInvokeFunction},
	{Type: "aws_scheduler_schedule", Expect: schedulerInvokesFunction},
	{Type: "aws_dynamodb_table", Expect: tableAccess},
	{Type: "aws_secretsmanager_secret", Expect: secretOutsiders},
}

var appKinds = []string{
	"s3notification.lambda-invoke", "s3notification.lambda-invoke.other-account",
	"events.lambda-invoke", "events.lambda-invoke.other-account",
	"scheduler.assume-role", "scheduler.assume-role.other-account", "scheduler.lambda-invoke",
	"lambda.dynamodb-put-item", "dynamodb.other-account",
	"secretsmanager.other-account",
}

func init() {
	Integrations = append(Integrations, appIntegrations...)
	Kinds = append(Kinds, appKinds...)
	sort.Strings(Kinds)
}

// functionByArn finds the stack's function whose arn (or function_name)
// reference is v; it returns the function's resource name and its ARN.
func functionByArn(s *Stack, v string) (string, string, bool) {
	for _, m := range s.Resources("aws_lambda_function") {
		if s.ref("aws_lambda_function", m, "arn") == v || s.ref("aws_lambda_function", m, "function_name") == v {
			return m, s.arn("lambda", s.Bind.Region, "function:"+s.attr("aws_lambda_function", m, "function_name")), true
		}
	}
	if strings.Contains(v, ":lambda:") && strings.Contains(v, ":function:") {
		return "", v, true
	}
	return "", "", false
}

// otherAccount rewrites the account of an ARN to the outsider's.
func (s *Stack) otherAccount(arn string) string {
	if strings.Contains(arn, ":"+s.Bind.Account+":") {
		return strings.Replace(arn, ":"+s.Bind.Account+":", ":"+OutsiderAccount+":", 1)
	}
	return arn + "-other"
}

// s3InvokesFunction: S3 invokes each function of the notification for this
// bucket and account (allowed); the same call for a bucket of another
// account must be refused (the permission's source_account and source_arn).
func s3InvokesFunction(s *Stack, n string) []Expectation {
	const t = "aws_s3_bucket_notification"
	bucket := bucketARN(s, s.attr(t, n, "bucket"))
	var out []Expectation
	for i, fn := range asList(s.Body(t, n)["lambda_function"]) {
		body, _ := fn.(map[string]any)
		v, _ := s.attrValue(body, "lambda_function_arn", 0)
		_, arn, ok := functionByArn(s, v)
		if !ok {
			continue
		}
		subject := t + "." + n + " lambda_function." + itoa(i)
		s3 := service(s, "s3.amazonaws.com")
		out = append(out,
			Expectation{Kind: "s3notification.lambda-invoke", Subject: subject, Allow: true, Doc: DocS3InvokeLambda, Request: Request{Principal: s3,
				Action: "lambda:InvokeFunction", Resource: arn, Context: ctx("aws:SourceArn", bucket, "aws:SourceAccount", s.Bind.Account)}},
			Expectation{Kind: "s3notification.lambda-invoke.other-account", Subject: subject, Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: s3,
				Action: "lambda:InvokeFunction", Resource: arn, Context: ctx("aws:SourceArn", bucket+"-other", "aws:SourceAccount", OutsiderAccount)}},
		)
	}
	return out
}

// eventsInvokeFunction: EventBridge invokes the target function for this
// rule and account (allowed); a rule of another account must be refused.
func eventsInvokeFunction(s *Stack, n string) []Expectation {
	const t = "aws_cloudwatch_event_target"
	_, arn, ok := functionByArn(s, s.attr(t, n, "arn"))
	if !ok {
		return nil
	}
	rule := s.arn("events", s.Bind.Region, "rule/"+s.attr(t, n, "rule"))
	for _, m := range s.Resources("aws_cloudwatch_event_rule") {
		if s.ref("aws_cloudwatch_event_rule", m, "name") == s.attr(t, n, "rule") {
			rule = s.ref("aws_cloudwatch_event_rule", m, "arn")
		}
	}
	ev := service(s, "events.amazonaws.com")
	return []Expectation{
		{Kind: "events.lambda-invoke", Allow: true, Doc: DocEventsInvokeLambda, Request: Request{Principal: ev,
			Action: "lambda:InvokeFunction", Resource: arn, Context: ctx("aws:SourceArn", rule, "aws:SourceAccount", s.Bind.Account)}},
		{Kind: "events.lambda-invoke.other-account", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: ev,
			Action: "lambda:InvokeFunction", Resource: arn, Context: ctx("aws:SourceArn", s.otherAccount(rule), "aws:SourceAccount", OutsiderAccount)}},
	}
}

// schedulerInvokesFunction: EventBridge Scheduler assumes the schedule's
// role for this account (allowed) and not for another (denied); the role
// may invoke the target function.
func schedulerInvokesFunction(s *Stack, n string) []Expectation {
	const t = "aws_scheduler_schedule"
	target := first(s.Body(t, n)["target"])
	if target == nil {
		return nil
	}
	roleARN, _ := s.attrValue(target, "role_arn", 0)
	fnRef, _ := s.attrValue(target, "arn", 0)
	if roleARN == "" {
		return nil
	}
	sched := s.arn("scheduler", s.Bind.Region, "schedule/default/"+s.attr(t, n, "name"))
	sc := service(s, "scheduler.amazonaws.com")
	out := []Expectation{
		{Kind: "scheduler.assume-role", Allow: true, Doc: DocSchedulerRole, Request: Request{Principal: sc,
			Action: "sts:AssumeRole", Resource: roleARN, Context: ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", sched)}},
		{Kind: "scheduler.assume-role.other-account", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: sc,
			Action: "sts:AssumeRole", Resource: roleARN, Context: ctx("aws:SourceAccount", OutsiderAccount, "aws:SourceArn", s.otherAccount(sched))}},
	}
	if _, arn, ok := functionByArn(s, fnRef); ok {
		out = append(out, Expectation{Kind: "scheduler.lambda-invoke", Allow: true, Doc: DocSchedulerRole, Request: Request{Principal: role(roleARN),
			Action: "lambda:InvokeFunction", Resource: arn, Context: ctx()}})
	}
	return out
}

// tableAccess: a function handed the table's name in its environment may
// write items (allowed); a principal of another account may not read them.
func tableAccess(s *Stack, n string) []Expectation {
	const t = "aws_dynamodb_table"
	name := s.attr(t, n, "name")
	arn := s.ref(t, n, "arn")
	nameRef := "${" + t + "." + n + ".name}"
	out := []Expectation{{Kind: "dynamodb.other-account", Allow: false, Doc: DocCrossAccount, Outsider: true,
		Request: Request{Principal: s.outsider(), Action: "dynamodb:GetItem", Resource: arn, Context: ctx()}}}
	for _, fn := range s.Resources("aws_lambda_function") {
		env := first(s.Body("aws_lambda_function", fn)["environment"])
		vars, _ := env["variables"].(map[string]any)
		keys := make([]string, 0, len(vars))
		for k := range vars {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if v, _ := vars[k].(string); v != nameRef && v != name {
				continue
			}
			roleARN := s.attr("aws_lambda_function", fn, "role")
			if roleARN == "" {
				continue
			}
			out = append(out, Expectation{Kind: "lambda.dynamodb-put-item", Subject: "aws_lambda_function." + fn + " " + k, Allow: true, Doc: DocDynamoDBIAM,
				Request: Request{Principal: role(roleARN), Action: "dynamodb:PutItem", Resource: arn, Context: ctx()}})
		}
	}
	return out
}

// secretOutsiders: a principal of another account cannot read the secret.
func secretOutsiders(s *Stack, n string) []Expectation {
	return []Expectation{{Kind: "secretsmanager.other-account", Allow: false, Doc: DocSecretsAccess, Outsider: true,
		Request: Request{Principal: s.outsider(), Action: "secretsmanager:GetSecretValue", Resource: s.ref("aws_secretsmanager_secret", n, "arn"), Context: ctx()}}}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + itoa(i%10)
}
