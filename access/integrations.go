package access

import (
	"sort"
	"strings"
)

// Integration derives the expectations one Terraform resource type implies:
// the requests the AWS service makes when it uses the resource (with the
// request context the service documents) and the requests that must be
// refused. A construct built from these resource types gets its proofs
// without further work; a new kind of integration is one more entry here.
type Integration struct {
	// Type is the Terraform resource type, e.g. "aws_cloudtrail".
	Type string
	// Expect returns the expectations for the resource Type.name.
	Expect func(s *Stack, name string) []Expectation
}

// Documentation pages giving each request and its context.
const (
	DocCloudTrailBucket = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html"
	DocCloudTrailKey    = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html"
	DocCloudTrailLogs   = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html"
	DocConfigBucket     = "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html"
	DocConfigKey        = "https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html"
	DocConfigRole       = "https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html"
	DocLogsKey          = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"
	DocFlowLogsRole     = "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html"
	DocLambdaRole       = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html"
	DocLambdaCode       = "https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html"
	DocLambdaLogs       = "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html"
	DocLambdaSecrets    = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html"
	DocSecretsKey       = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html"
	DocRDSMonitoring    = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html"
	DocAlarmTopic       = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html"
	DocTopicKey         = "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html"
	DocS3AccessLogs     = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"
	DocS3TLS            = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"
	DocSNSTLS           = "https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html"
	DocCrossAccount     = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html"
	DocKeyCrossAccount  = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html"
	DocConfusedDeputy   = "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"
	DocAnonymous        = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"
)

// Integrations lists every integration the access tier knows, in the order
// the report shows them.
var Integrations = []Integration{
	{Type: "aws_cloudtrail", Expect: cloudTrail},
	{Type: "aws_config_delivery_channel", Expect: configDelivery},
	{Type: "aws_config_configuration_recorder", Expect: configRecorder},
	{Type: "aws_cloudwatch_log_group", Expect: logGroupKey},
	{Type: "aws_flow_log", Expect: flowLog},
	{Type: "aws_lambda_function", Expect: lambdaFunction},
	{Type: "aws_db_instance", Expect: rdsMonitoring},
	{Type: "aws_cloudwatch_metric_alarm", Expect: alarmActions},
	{Type: "aws_s3_bucket_logging", Expect: s3AccessLogging},
	{Type: "aws_guardduty_publishing_destination", Expect: guardDutyExport},
	{Type: "aws_cloudwatch_event_target", Expect: eventTarget},
	{Type: "aws_ebs_default_kms_key", Expect: ebsDefaultKey},
	{Type: "aws_s3_bucket", Expect: bucketOutsiders},
	{Type: "aws_kms_key", Expect: keyOutsiders},
	{Type: "aws_sns_topic", Expect: topicOutsiders},
	{Type: "aws_iam_role", Expect: roleOutsiders},
}

// Kinds lists every expectation kind the integrations can produce, sorted.
var Kinds = []string{
	"cloudtrail.s3-get-bucket-acl", "cloudtrail.s3-put-object", "cloudtrail.kms-generate-data-key", "cloudtrail.kms-describe-key",
	"cloudtrail.assume-logs-role", "cloudtrail.logs-create-log-stream", "cloudtrail.logs-put-log-events",
	"cloudtrail.s3-put-object.other-trail", "cloudtrail.s3-put-object.other-account", "cloudtrail.kms-generate-data-key.other-account",
	"config.s3-get-bucket-acl", "config.s3-list-bucket", "config.s3-put-object", "config.kms-generate-data-key",
	"config.s3-put-object.other-account", "config.assume-role", "config.assume-role.other-account-source",
	"logs.kms-generate-data-key", "logs.kms-decrypt", "logs.kms-decrypt.other-log-group",
	"flowlogs.assume-role", "flowlogs.logs-create-log-stream", "flowlogs.logs-put-log-events",
	"lambda.assume-role", "lambda.s3-get-code", "lambda.logs-create-log-stream", "lambda.logs-put-log-events",
	"lambda.secret-read", "lambda.secret-kms-decrypt",
	"rds.monitoring-assume-role", "rds.monitoring-logs-put-log-events",
	"alarm.sns-publish", "alarm.kms-generate-data-key", "alarm.kms-decrypt", "alarm.sns-publish.other-account-source",
	"s3logging.s3-put-object", "s3logging.s3-put-object.other-source",
	"s3.anonymous", "s3.other-account", "s3.insecure-transport",
	"kms.other-account", "kms.unnamed-service",
	"sns.anonymous", "sns.other-account", "sns.insecure-transport",
	"iam.assume-role.other-account",
	// the account baseline (baseline.go)
	"guardduty.s3-put-object", "guardduty.s3-get-bucket-location", "guardduty.kms-generate-data-key",
	"guardduty.s3-put-object.other-account", "guardduty.s3-put-object.other-detector", "guardduty.kms-generate-data-key.other-detector",
	"guardduty.kms-generate-data-key.other-account",
	"events.sns-publish", "events.kms-generate-data-key", "events.kms-decrypt",
	"events.sns-publish.other-rule", "events.sns-publish.other-account", "events.kms-generate-data-key.other-rule",
	"events.kms-generate-data-key.other-account",
	"ebs.autoscaling-kms-generate-data-key", "ebs.autoscaling-kms-create-grant",
	"ebs.autoscaling-kms-decrypt.not-through-ec2", "ebs.kms-create-grant.other-account",
}

func init() { sort.Strings(Kinds) }

func ctx(kv ...string) map[string][]string {
	m := map[string][]string{"aws:SecureTransport": {"true"}}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] == "aws:SecureTransport" {
			m[kv[i]] = nil
		}
		m[kv[i]] = append(m[kv[i]], kv[i+1])
	}
	return m
}

func (s *Stack) ref(typ, name, attr string) string {
	return s.Resolve("${" + typ + "." + name + "." + attr + "}")
}

// attr resolves a literal string attribute ("" when absent).
func (s *Stack) attr(typ, name, attr string) string {
	v, _ := s.attrValue(s.Body(typ, name), attr, 0)
	return v
}

func (s *Stack) arn(service, region, res string) string {
	return "arn:" + s.Bind.Partition + ":" + service + ":" + region + ":" + s.Bind.Account + ":" + res
}

func service(s *Stack, name string) Principal {
	return Principal{Kind: ServicePrincipal, Service: name}
}

func role(arn string) Principal { return Principal{Kind: IAMPrincipal, ARN: arn} }

func (s *Stack) root() Principal {
	return role("arn:" + s.Bind.Partition + ":iam::" + s.Bind.Account + ":root")
}

func (s *Stack) outsider() Principal {
	return role("arn:" + s.Bind.Partition + ":iam::" + OutsiderAccount + ":role/outsider")
}

// isKeyARN reports whether a resolved value names a KMS key by ARN.
func isKeyARN(v string) bool { return strings.Contains(v, ":kms:") && strings.Contains(v, ":key/") }

func bucketARN(s *Stack, bucket string) string { return "arn:" + s.Bind.Partition + ":s3:::" + bucket }

func prefixed(prefix string) string {
	if prefix == "" {
		return ""
	}
	return strings.TrimSuffix(prefix, "/") + "/"
}

func cloudTrail(s *Stack, n string) []Expectation {
	const t = "aws_cloudtrail"
	trail := s.ref(t, n, "arn")
	bucket := s.attr(t, n, "s3_bucket_name")
	acct, region := s.Bind.Account, s.Bind.Region
	ct := service(s, "cloudtrail.amazonaws.com")
	object := func(account string) string {
		return bucketARN(s, bucket) + "/" + prefixed(s.attr(t, n, "s3_key_prefix")) + "AWSLogs/" + account + "/CloudTrail/" + region +
			"/2026/01/01/" + account + "_CloudTrail_" + region + "_20260101T0000Z_example.json.gz"
	}
	otherTrail := s.arn("cloudtrail", region, "trail/another-trail")
	otherAcctTrail := strings.Replace(trail, ":"+acct+":", ":"+OutsiderAccount+":", 1)
	out := []Expectation{
		{Kind: "cloudtrail.s3-get-bucket-acl", Allow: true, Doc: DocCloudTrailBucket, Request: Request{Principal: ct, Action: "s3:GetBucketAcl",
			Resource: bucketARN(s, bucket), Context: ctx("aws:SourceArn", trail, "aws:SourceAccount", acct)}},
		{Kind: "cloudtrail.s3-put-object", Allow: true, Doc: DocCloudTrailBucket, Request: Request{Principal: ct, Action: "s3:PutObject",
			Resource: object(acct), Context: ctx("aws:SourceArn", trail, "aws:SourceAccount", acct, "s3:x-amz-acl", "bucket-owner-full-control")}},
		{Kind: "cloudtrail.s3-put-object.other-trail", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: ct, Action: "s3:PutObject",
			Resource: object(acct), Context: ctx("aws:SourceArn", otherTrail, "aws:SourceAccount", acct, "s3:x-amz-acl", "bucket-owner-full-control")}},
		{Kind: "cloudtrail.s3-put-object.other-account", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: ct, Action: "s3:PutObject",
			Resource: object(OutsiderAccount), Context: ctx("aws:SourceArn", otherAcctTrail, "aws:SourceAccount", OutsiderAccount, "s3:x-amz-acl", "bucket-owner-full-control")}},
	}
	if key := s.attr(t, n, "kms_key_id"); isKeyARN(key) {
		out = append(out,
			Expectation{Kind: "cloudtrail.kms-generate-data-key", Allow: true, Doc: DocCloudTrailKey, Request: Request{Principal: ct, Action: "kms:GenerateDataKey",
				Resource: key, Context: ctx("aws:SourceArn", trail, "aws:SourceAccount", acct, "kms:EncryptionContext:aws:cloudtrail:arn", trail,
					"kms:EncryptionContext:aws:s3:arn", object(acct), "kms:EncryptionContextKeys", "aws:cloudtrail:arn", "kms:EncryptionContextKeys", "aws:s3:arn")}},
			Expectation{Kind: "cloudtrail.kms-describe-key", Allow: true, Doc: DocCloudTrailKey, Request: Request{Principal: ct, Action: "kms:DescribeKey",
				Resource: key, Context: ctx("aws:SourceArn", trail, "aws:SourceAccount", acct)}},
			Expectation{Kind: "cloudtrail.kms-generate-data-key.other-account", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: ct, Action: "kms:GenerateDataKey",
				Resource: key, Context: ctx("aws:SourceArn", otherAcctTrail, "aws:SourceAccount", OutsiderAccount, "kms:EncryptionContext:aws:cloudtrail:arn", otherAcctTrail,
					"kms:EncryptionContextKeys", "aws:cloudtrail:arn")}},
		)
	}
	roleARN := s.attr(t, n, "cloud_watch_logs_role_arn")
	group := strings.TrimSuffix(s.attr(t, n, "cloud_watch_logs_group_arn"), ":*")
	if roleARN != "" && group != "" {
		stream := group + ":log-stream:" + acct + "_CloudTrail_" + region
		out = append(out,
			Expectation{Kind: "cloudtrail.assume-logs-role", Allow: true, Doc: DocCloudTrailLogs, Request: Request{Principal: ct, Action: "sts:AssumeRole",
				Resource: roleARN, Context: ctx("aws:SourceArn", trail, "aws:SourceAccount", acct)}},
			Expectation{Kind: "cloudtrail.logs-create-log-stream", Allow: true, Doc: DocCloudTrailLogs, Request: Request{Principal: role(roleARN), Action: "logs:CreateLogStream",
				Resource: stream, Context: ctx()}},
			Expectation{Kind: "cloudtrail.logs-put-log-events", Allow: true, Doc: DocCloudTrailLogs, Request: Request{Principal: role(roleARN), Action: "logs:PutLogEvents",
				Resource: stream, Context: ctx()}},
		)
	}
	return out
}

func configDelivery(s *Stack, n string) []Expectation {
	const t = "aws_config_delivery_channel"
	bucket := s.attr(t, n, "s3_bucket_name")
	acct, region := s.Bind.Account, s.Bind.Region
	cfg := service(s, "config.amazonaws.com")
	object := func(account string) string {
		return bucketARN(s, bucket) + "/" + prefixed(s.attr(t, n, "s3_key_prefix")) + "AWSLogs/" + account + "/Config/" + region +
			"/2026/1/1/ConfigHistory/" + account + "_Config_" + region + "_ConfigHistory_example.json.gz"
	}
	out := []Expectation{
		{Kind: "config.s3-get-bucket-acl", Allow: true, Doc: DocConfigBucket, Request: Request{Principal: cfg, Action: "s3:GetBucketAcl",
			Resource: bucketARN(s, bucket), Context: ctx("aws:SourceAccount", acct)}},
		{Kind: "config.s3-list-bucket", Allow: true, Doc: DocConfigBucket, Request: Request{Principal: cfg, Action: "s3:ListBucket",
			Resource: bucketARN(s, bucket), Context: ctx("aws:SourceAccount", acct)}},
		{Kind: "config.s3-put-object", Allow: true, Doc: DocConfigBucket, Request: Request{Principal: cfg, Action: "s3:PutObject",
			Resource: object(acct), Context: ctx("aws:SourceAccount", acct, "s3:x-amz-acl", "bucket-owner-full-control")}},
		{Kind: "config.s3-put-object.other-account", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: cfg, Action: "s3:PutObject",
			Resource: object(OutsiderAccount), Context: ctx("aws:SourceAccount", OutsiderAccount, "s3:x-amz-acl", "bucket-owner-full-control")}},
	}
	if key := s.attr(t, n, "s3_kms_key_arn"); isKeyARN(key) {
		out = append(out, Expectation{Kind: "config.kms-generate-data-key", Allow: true, Doc: DocConfigKey, Request: Request{Principal: cfg, Action: "kms:GenerateDataKey",
			Resource: key, Context: ctx("aws:SourceAccount", acct, "kms:ViaService", "s3."+region+"."+s.DNSSuffix(), "kms:EncryptionContext:aws:s3:arn", bucketARN(s, bucket))}})
	}
	return out
}

func configRecorder(s *Stack, n string) []Expectation {
	roleARN := s.attr("aws_config_configuration_recorder", n, "role_arn")
	if roleARN == "" {
		return nil
	}
	cfg := service(s, "config.amazonaws.com")
	return []Expectation{
		{Kind: "config.assume-role", Allow: true, Doc: DocConfigRole, Request: Request{Principal: cfg, Action: "sts:AssumeRole",
			Resource: roleARN, Context: ctx("aws:SourceAccount", s.Bind.Account)}},
		{Kind: "config.assume-role.other-account-source", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: cfg, Action: "sts:AssumeRole",
			Resource: roleARN, Context: ctx("aws:SourceAccount", OutsiderAccount)}},
	}
}

func logGroupKey(s *Stack, n string) []Expectation {
	const t = "aws_cloudwatch_log_group"
	key := s.attr(t, n, "kms_key_id")
	if !isKeyARN(key) {
		return nil
	}
	group := s.ref(t, n, "arn")
	logs := service(s, "logs."+s.Bind.Region+"."+s.DNSSuffix())
	other := s.arn("logs", s.Bind.Region, "log-group:another-account-group")
	other = strings.Replace(other, ":"+s.Bind.Account+":", ":"+OutsiderAccount+":", 1)
	return []Expectation{
		{Kind: "logs.kms-generate-data-key", Allow: true, Doc: DocLogsKey, Request: Request{Principal: logs, Action: "kms:GenerateDataKey",
			Resource: key, Context: ctx("kms:EncryptionContext:aws:logs:arn", group, "kms:EncryptionContextKeys", "aws:logs:arn")}},
		{Kind: "logs.kms-decrypt", Allow: true, Doc: DocLogsKey, Request: Request{Principal: logs, Action: "kms:Decrypt",
			Resource: key, Context: ctx("kms:EncryptionContext:aws:logs:arn", group, "kms:EncryptionContextKeys", "aws:logs:arn")}},
		{Kind: "logs.kms-decrypt.other-log-group", Allow: false, Doc: DocLogsKey, Request: Request{Principal: logs, Action: "kms:Decrypt",
			Resource: key, Context: ctx("kms:EncryptionContext:aws:logs:arn", other, "kms:EncryptionContextKeys", "aws:logs:arn")}},
	}
}

func flowLog(s *Stack, n string) []Expectation {
	const t = "aws_flow_log"
	if dt := s.attr(t, n, "log_destination_type"); dt != "" && dt != "cloud-watch-logs" {
		return nil
	}
	roleARN := s.attr(t, n, "iam_role_arn")
	group := s.attr(t, n, "log_destination")
	if roleARN == "" || group == "" {
		return nil
	}
	group = strings.TrimSuffix(group, ":*")
	stream := group + ":log-stream:eni-0123456789abcdef0-all"
	fl := service(s, "vpc-flow-logs.amazonaws.com")
	return []Expectation{
		{Kind: "flowlogs.assume-role", Allow: true, Doc: DocFlowLogsRole, Request: Request{Principal: fl, Action: "sts:AssumeRole",
			Resource: roleARN, Context: ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", s.arn("ec2", s.Bind.Region, "vpc-flow-log/fl-0123456789abcdef0"))}},
		{Kind: "flowlogs.logs-create-log-stream", Allow: true, Doc: DocFlowLogsRole, Request: Request{Principal: role(roleARN), Action: "logs:CreateLogStream",
			Resource: stream, Context: ctx()}},
		{Kind: "flowlogs.logs-put-log-events", Allow: true, Doc: DocFlowLogsRole, Request: Request{Principal: role(roleARN), Action: "logs:PutLogEvents",
			Resource: stream, Context: ctx()}},
	}
}

func lambdaFunction(s *Stack, n string) []Expectation {
	const t = "aws_lambda_function"
	roleARN := s.attr(t, n, "role")
	var out []Expectation
	if roleARN == "" {
		return nil
	}
	// Lambda documents no source keys for assuming the execution role: a
	// trust policy that requires them must fail here.
	out = append(out, Expectation{Kind: "lambda.assume-role", Allow: true, Doc: DocLambdaRole, Request: Request{Principal: service(s, "lambda.amazonaws.com"),
		Action: "sts:AssumeRole", Resource: roleARN, Context: ctx()}})
	if bucket, key := s.attr(t, n, "s3_bucket"), s.attr(t, n, "s3_key"); bucket != "" && key != "" {
		// Lambda reads the code object with the credentials of the principal
		// that calls CreateFunction/UpdateFunctionCode: the deployer, here the
		// account root (a same-account caller its IAM allows); the proof is that
		// no bucket policy statement refuses it.
		out = append(out, Expectation{Kind: "lambda.s3-get-code", Allow: true, Doc: DocLambdaCode, Request: Request{Principal: s.root(),
			Action: "s3:GetObject", Resource: bucketARN(s, bucket) + "/" + key, Context: ctx()}})
	}
	group := "/aws/lambda/" + s.attr(t, n, "function_name")
	if lc := first(s.Body(t, n)["logging_config"]); lc != nil {
		if g, ok := s.attrValue(lc, "log_group", 0); ok {
			group = g
		}
	}
	stream := s.arn("logs", s.Bind.Region, "log-group:"+group+":log-stream:2026/01/01/[$LATEST]0123456789abcdef")
	out = append(out,
		Expectation{Kind: "lambda.logs-create-log-stream", Allow: true, Doc: DocLambdaLogs, Request: Request{Principal: role(roleARN), Action: "logs:CreateLogStream", Resource: stream, Context: ctx()}},
		Expectation{Kind: "lambda.logs-put-log-events", Allow: true, Doc: DocLambdaLogs, Request: Request{Principal: role(roleARN), Action: "logs:PutLogEvents", Resource: stream, Context: ctx()}},
	)
	// Secrets the function is handed in its environment.
	env := first(s.Body(t, n)["environment"])
	vars, _ := env["variables"].(map[string]any)
	names := make([]string, 0, len(vars))
	for k := range vars {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v, _ := vars[k].(string)
		secret, ok := s.tryResolve(v)
		if !ok || !strings.Contains(secret, ":secretsmanager:") {
			continue
		}
		subject := t + "." + n + " " + k
		out = append(out, Expectation{Kind: "lambda.secret-read", Subject: subject, Allow: true, Doc: DocLambdaSecrets, Request: Request{Principal: role(roleARN),
			Action: "secretsmanager:GetSecretValue", Resource: secret, Context: ctx()}})
		if key := secretKey(s, secret); isKeyARN(key) {
			out = append(out, Expectation{Kind: "lambda.secret-kms-decrypt", Subject: subject, Allow: true, Doc: DocSecretsKey, Request: Request{Principal: role(roleARN),
				Action: "kms:Decrypt", Resource: key, Context: ctx("kms:ViaService", "secretsmanager."+s.Bind.Region+"."+s.DNSSuffix(),
					"kms:CallerAccount", s.Bind.Account, "kms:EncryptionContext:SecretARN", secret, "kms:EncryptionContextKeys", "SecretARN", "kms:EncryptionContextKeys", "SecretVersionId")}})
		}
	}
	return out
}

// secretKey finds the KMS key of a secret the stack creates.
func secretKey(s *Stack, secret string) string {
	for _, n := range s.Resources("aws_db_instance") {
		if s.Resolve("${aws_db_instance."+n+".master_user_secret[0].secret_arn}") == secret {
			return s.attr("aws_db_instance", n, "master_user_secret_kms_key_id")
		}
	}
	for _, n := range s.Resources("aws_secretsmanager_secret") {
		if s.ref("aws_secretsmanager_secret", n, "arn") == secret {
			return s.attr("aws_secretsmanager_secret", n, "kms_key_id")
		}
	}
	return ""
}

func rdsMonitoring(s *Stack, n string) []Expectation {
	roleARN := s.attr("aws_db_instance", n, "monitoring_role_arn")
	if roleARN == "" {
		return nil
	}
	// Enhanced Monitoring writes the OS metrics to the RDSOSMetrics log
	// group, one stream per instance (its resource id), with the role.
	stream := s.arn("logs", s.Bind.Region, "log-group:RDSOSMetrics:log-stream:db-ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	return []Expectation{
		{Kind: "rds.monitoring-assume-role", Allow: true, Doc: DocRDSMonitoring, Request: Request{Principal: service(s, "monitoring.rds.amazonaws.com"),
			Action: "sts:AssumeRole", Resource: roleARN, Context: ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", s.ref("aws_db_instance", n, "arn"))}},
		{Kind: "rds.monitoring-logs-put-log-events", Allow: true, Doc: DocRDSMonitoring, Request: Request{Principal: role(roleARN),
			Action: "logs:PutLogEvents", Resource: stream, Context: ctx()}},
	}
}

func alarmActions(s *Stack, n string) []Expectation {
	const t = "aws_cloudwatch_metric_alarm"
	alarm := s.arn("cloudwatch", s.Bind.Region, "alarm:"+s.attr(t, n, "alarm_name"))
	cw := service(s, "cloudwatch.amazonaws.com")
	topics := map[string]string{} // topic ARN -> topic resource name
	for _, tn := range s.Resources("aws_sns_topic") {
		topics[s.ref("aws_sns_topic", tn, "arn")] = tn
	}
	seen := map[string]bool{}
	var out []Expectation
	for _, list := range []string{"alarm_actions", "ok_actions", "insufficient_data_actions"} {
		for _, a := range asList(s.Body(t, n)[list]) {
			str, _ := a.(string)
			topic := s.Resolve(str)
			tn, ok := topics[topic]
			if !ok || seen[topic] {
				continue
			}
			seen[topic] = true
			subject := t + "." + n + " -> aws_sns_topic." + tn
			c := ctx("aws:SourceArn", alarm, "aws:SourceAccount", s.Bind.Account)
			out = append(out,
				Expectation{Kind: "alarm.sns-publish", Subject: subject, Allow: true, Doc: DocAlarmTopic, Request: Request{Principal: cw, Action: "sns:Publish", Resource: topic, Context: c}},
				Expectation{Kind: "alarm.sns-publish.other-account-source", Subject: subject, Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: cw, Action: "sns:Publish", Resource: topic,
					Context: ctx("aws:SourceArn", strings.Replace(alarm, ":"+s.Bind.Account+":", ":"+OutsiderAccount+":", 1), "aws:SourceAccount", OutsiderAccount)}})
			if key := s.attr("aws_sns_topic", tn, "kms_master_key_id"); isKeyARN(key) {
				out = append(out,
					Expectation{Kind: "alarm.kms-generate-data-key", Subject: subject, Allow: true, Doc: DocTopicKey, Request: Request{Principal: cw, Action: "kms:GenerateDataKey", Resource: key, Context: c}},
					Expectation{Kind: "alarm.kms-decrypt", Subject: subject, Allow: true, Doc: DocTopicKey, Request: Request{Principal: cw, Action: "kms:Decrypt", Resource: key, Context: c}})
			}
		}
	}
	return out
}

func s3AccessLogging(s *Stack, n string) []Expectation {
	const t = "aws_s3_bucket_logging"
	source := s.attr(t, n, "bucket")
	target := s.attr(t, n, "target_bucket")
	if source == "" || target == "" {
		return nil
	}
	object := bucketARN(s, target) + "/" + s.attr(t, n, "target_prefix") + "2026-01-01-00-00-00-0123456789ABCDEF"
	logging := service(s, "logging.s3.amazonaws.com")
	return []Expectation{
		{Kind: "s3logging.s3-put-object", Allow: true, Doc: DocS3AccessLogs, Request: Request{Principal: logging, Action: "s3:PutObject", Resource: object,
			Context: ctx("aws:SourceArn", bucketARN(s, source), "aws:SourceAccount", s.Bind.Account)}},
		{Kind: "s3logging.s3-put-object.other-source", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: logging, Action: "s3:PutObject", Resource: object,
			Context: ctx("aws:SourceArn", bucketARN(s, "another-account-bucket"), "aws:SourceAccount", OutsiderAccount)}},
	}
}

func bucketOutsiders(s *Stack, n string) []Expectation {
	object := bucketARN(s, s.ref("aws_s3_bucket", n, "bucket")) + "/any-object"
	return []Expectation{
		{Kind: "s3.anonymous", Allow: false, Doc: DocAnonymous, Request: Request{Principal: Principal{Kind: Anonymous}, Action: "s3:GetObject", Resource: object, Context: ctx()}},
		{Kind: "s3.other-account", Allow: false, Doc: DocCrossAccount, Outsider: true, Request: Request{Principal: s.outsider(), Action: "s3:GetObject", Resource: object, Context: ctx()}},
		s.overHTTP(Expectation{Kind: "s3.insecure-transport", Allow: false, Doc: DocS3TLS, Request: Request{Principal: s.root(), Action: "s3:GetObject", Resource: object,
			Context: ctx("aws:SecureTransport", "false")}}, bucketARN(s, s.ref("aws_s3_bucket", n, "bucket"))),
	}
}

// overHTTP widens an insecure-transport expectation from one sampled
// action to every action of the service's catalogue (actionCatalogue; S3's
// TLS guidance denies s3:* over HTTP, DocS3TLS): the
// request it shows is the first one the policies allow over plain HTTP
// (on the bucket itself for bucket-level actions), else the sample.
func (s *Stack) overHTTP(e Expectation, container string) Expectation {
	svc, _, _ := strings.Cut(e.Request.Action, ":")
	ix := s.index()
	if ix.err() != nil {
		return e
	}
	for _, a := range actionCatalogue[svc] {
		r := e.Request
		r.Action = a
		if svc == "s3" && (strings.Contains(a, "Bucket") || a == "s3:ListBucket") {
			r.Resource = container
		}
		r.ResourceAccount = s.Bind.Account
		if Evaluate(withAWSContext(r, s.Bind.Region), ix.policiesFor(r, nil)).Allowed {
			e.Request = r
			return e
		}
	}
	return e
}

// candidateServices are tried in order for the "service the key does not
// name" denial; the first one the key policy does not name is used.
var candidateServices = []string{"sns.amazonaws.com", "ec2.amazonaws.com", "s3.amazonaws.com", "lambda.amazonaws.com", "sqs.amazonaws.com"}

func keyOutsiders(s *Stack, n string) []Expectation {
	key := s.ref("aws_kms_key", n, "arn")
	out := []Expectation{{Kind: "kms.other-account", Allow: false, Doc: DocKeyCrossAccount, Outsider: true,
		Request: Request{Principal: s.outsider(), Action: "kms:Decrypt", Resource: key, Context: ctx()}}}
	named := map[string]bool{}
	if text, ok := s.Body("aws_kms_key", n)["policy"].(string); ok {
		if p, err := ParsePolicy("", []byte(s.Resolve(text))); err == nil {
			for _, sp := range p.ServicePrincipals() {
				named[sp] = true
			}
		}
	}
	for _, c := range candidateServices {
		if !named[c] {
			out = append(out, Expectation{Kind: "kms.unnamed-service", Allow: false, Doc: DocKeyCrossAccount,
				Request: Request{Principal: service(s, c), Action: "kms:Decrypt", Resource: key, Context: ctx("aws:SourceAccount", s.Bind.Account)}})
			break
		}
	}
	return out
}

func topicOutsiders(s *Stack, n string) []Expectation {
	topic := s.ref("aws_sns_topic", n, "arn")
	return []Expectation{
		{Kind: "sns.anonymous", Allow: false, Doc: DocCrossAccount, Request: Request{Principal: Principal{Kind: Anonymous}, Action: "sns:Publish", Resource: topic, Context: ctx()}},
		{Kind: "sns.other-account", Allow: false, Doc: DocCrossAccount, Outsider: true, Request: Request{Principal: s.outsider(), Action: "sns:Publish", Resource: topic, Context: ctx()}},
		// SNS's TLS guidance denies sns:Publish over HTTP (DocSNSTLS): the
		// sample is the documented action, not the whole catalogue.
		{Kind: "sns.insecure-transport", Allow: false, Doc: DocSNSTLS, Request: Request{Principal: s.root(), Action: "sns:Publish", Resource: topic,
			Context: ctx("aws:SecureTransport", "false")}},
	}
}

func roleOutsiders(s *Stack, n string) []Expectation {
	return []Expectation{{Kind: "iam.assume-role.other-account", Allow: false, Doc: DocCrossAccount, Outsider: true,
		Request: Request{Principal: s.outsider(), Action: "sts:AssumeRole", Resource: s.ref("aws_iam_role", n, "arn"), Context: ctx()}}}
}

// first returns a nested block (a list of one object, or the object).
func first(v any) map[string]any {
	l := asList(v)
	if len(l) == 0 {
		return nil
	}
	m, _ := l[0].(map[string]any)
	return m
}
