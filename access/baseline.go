package access

import (
	"strings"
)

// Documentation of the account baseline's integrations.
const (
	DocGuardDutyExport   = "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html"
	DocEventBridgeSNS    = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions"
	DocEBSKeyViaService  = "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service"
	DocAutoScalingEBSKey = "https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html"
)

// otherDetector is a detector of this account that is not the stack's.
const otherDetector = "0123456789abcdef0123456789abcdef"

// guardDutyExport: GuardDuty writes exported findings into the bucket under
// the destination's prefix and encrypts them with the key, with
// aws:SourceAccount and aws:SourceArn (the detector) in the request; another
// account's detector, and another detector of this account, are refused.
func guardDutyExport(s *Stack, n string) []Expectation {
	const t = "aws_guardduty_publishing_destination"
	dest := s.attr(t, n, "destination_arn")
	key := s.attr(t, n, "kms_key_arn")
	detectorID := s.attr(t, n, "detector_id")
	if dest == "" || detectorID == "" {
		return nil
	}
	bucket := dest
	if i := strings.Index(strings.TrimPrefix(dest, "arn:"+s.Bind.Partition+":s3:::"), "/"); i >= 0 {
		bucket = dest[:len("arn:"+s.Bind.Partition+":s3:::")+i]
	}
	detector := s.arn("guardduty", s.Bind.Region, "detector/"+detectorID)
	object := strings.TrimSuffix(dest, "/") + "/AWSLogs/" + s.Bind.Account + "/GuardDuty/" + s.Bind.Region + "/2026/01/01/finding.jsonl.gz"
	gd := service(s, "guardduty.amazonaws.com")
	own := ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", detector)
	other := ctx("aws:SourceAccount", OutsiderAccount, "aws:SourceArn", strings.Replace(detector, ":"+s.Bind.Account+":", ":"+OutsiderAccount+":", 1))
	otherDet := ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", s.arn("guardduty", s.Bind.Region, "detector/"+otherDetector))
	out := []Expectation{
		{Kind: "guardduty.s3-put-object", Allow: true, Doc: DocGuardDutyExport, Request: Request{Principal: gd, Action: "s3:PutObject", Resource: object, Context: own}},
		{Kind: "guardduty.s3-get-bucket-location", Allow: true, Doc: DocGuardDutyExport, Request: Request{Principal: gd, Action: "s3:GetBucketLocation", Resource: bucket, Context: own}},
		{Kind: "guardduty.s3-put-object.other-account", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: gd, Action: "s3:PutObject", Resource: object, Context: other}},
		{Kind: "guardduty.s3-put-object.other-detector", Allow: false, Doc: DocGuardDutyExport, Request: Request{Principal: gd, Action: "s3:PutObject", Resource: object, Context: otherDet}},
	}
	if isKeyARN(key) {
		out = append(out,
			Expectation{Kind: "guardduty.kms-generate-data-key", Allow: true, Doc: DocGuardDutyExport, Request: Request{Principal: gd, Action: "kms:GenerateDataKey", Resource: key, Context: own}},
			Expectation{Kind: "guardduty.kms-generate-data-key.other-detector", Allow: false, Doc: DocGuardDutyExport, Request: Request{Principal: gd, Action: "kms:GenerateDataKey", Resource: key, Context: otherDet}},
			Expectation{Kind: "guardduty.kms-generate-data-key.other-account", Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: gd, Action: "kms:GenerateDataKey", Resource: key, Context: other}})
	}
	return out
}

// eventTarget: an EventBridge rule whose target is a topic of the stack
// publishes with aws:SourceArn (the rule) and aws:SourceAccount, and uses the
// topic's key; another rule of this account and another account's rule are
// refused.
func eventTarget(s *Stack, n string) []Expectation {
	const t = "aws_cloudwatch_event_target"
	target := s.attr(t, n, "arn")
	ruleName := s.attr(t, n, "rule")
	var topicName string
	for _, tn := range s.Resources("aws_sns_topic") {
		if s.ref("aws_sns_topic", tn, "arn") == target {
			topicName = tn
		}
	}
	if topicName == "" || ruleName == "" {
		return nil
	}
	rule := s.arn("events", s.Bind.Region, "rule/"+ruleName)
	ev := service(s, "events.amazonaws.com")
	own := ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", rule)
	otherRule := ctx("aws:SourceAccount", s.Bind.Account, "aws:SourceArn", s.arn("events", s.Bind.Region, "rule/another-rule"))
	other := ctx("aws:SourceAccount", OutsiderAccount, "aws:SourceArn", strings.Replace(rule, ":"+s.Bind.Account+":", ":"+OutsiderAccount+":", 1))
	subject := t + "." + n + " -> aws_sns_topic." + topicName
	out := []Expectation{
		{Kind: "events.sns-publish", Subject: subject, Allow: true, Doc: DocEventBridgeSNS, Request: Request{Principal: ev, Action: "sns:Publish", Resource: target, Context: own}},
		{Kind: "events.sns-publish.other-rule", Subject: subject, Allow: false, Doc: DocEventBridgeSNS, Request: Request{Principal: ev, Action: "sns:Publish", Resource: target, Context: otherRule}},
		{Kind: "events.sns-publish.other-account", Subject: subject, Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: ev, Action: "sns:Publish", Resource: target, Context: other}},
	}
	if key := s.attr("aws_sns_topic", topicName, "kms_master_key_id"); isKeyARN(key) {
		out = append(out,
			Expectation{Kind: "events.kms-generate-data-key", Subject: subject, Allow: true, Doc: DocEventBridgeSNS, Request: Request{Principal: ev, Action: "kms:GenerateDataKey", Resource: key, Context: own}},
			Expectation{Kind: "events.kms-decrypt", Subject: subject, Allow: true, Doc: DocEventBridgeSNS, Request: Request{Principal: ev, Action: "kms:Decrypt", Resource: key, Context: own}},
			Expectation{Kind: "events.kms-generate-data-key.other-rule", Subject: subject, Allow: false, Doc: DocEventBridgeSNS, Request: Request{Principal: ev, Action: "kms:GenerateDataKey", Resource: key, Context: otherRule}},
			Expectation{Kind: "events.kms-generate-data-key.other-account", Subject: subject, Allow: false, Doc: DocConfusedDeputy, Request: Request{Principal: ev, Action: "kms:GenerateDataKey", Resource: key, Context: other}})
	}
	return out
}

// ebsDefaultKey: EBS uses the account's default key through EC2. The Auto
// Scaling service-linked role generates data keys and creates grants for
// AWS resources with kms:ViaService ec2.<region> (principals of this account
// that launch instances are admitted by a statement naming the account, so
// their own IAM policies decide: not provable offline); the same role outside EC2 and another account's role through EC2 are
// refused.
func ebsDefaultKey(s *Stack, n string) []Expectation {
	key := s.attr("aws_ebs_default_kms_key", n, "key_arn")
	if !isKeyARN(key) {
		return nil
	}
	via := "ec2." + s.Bind.Region + "." + s.DNSSuffix()
	asg := role("arn:" + s.Bind.Partition + ":iam::" + s.Bind.Account + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
	return []Expectation{
		{Kind: "ebs.autoscaling-kms-generate-data-key", Allow: true, Doc: DocAutoScalingEBSKey, Request: Request{Principal: asg, Action: "kms:GenerateDataKeyWithoutPlaintext", Resource: key,
			Context: ctx("kms:ViaService", via)}},
		{Kind: "ebs.autoscaling-kms-create-grant", Allow: true, Doc: DocAutoScalingEBSKey, Request: Request{Principal: asg, Action: "kms:CreateGrant", Resource: key,
			Context: ctx("kms:ViaService", via, "kms:GrantIsForAWSResource", "true")}},
		{Kind: "ebs.autoscaling-kms-decrypt.not-through-ec2", Allow: false, Doc: DocEBSKeyViaService, Request: Request{Principal: asg, Action: "kms:Decrypt", Resource: key, Context: ctx()}},
		{Kind: "ebs.kms-create-grant.other-account", Allow: false, Doc: DocKeyCrossAccount, Outsider: true, Request: Request{Principal: s.outsider(), Action: "kms:CreateGrant", Resource: key,
			Context: ctx("kms:ViaService", via, "kms:GrantIsForAWSResource", "true")}},
	}
}
