package monitoring

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
)

// Sids of the topic policy statements.
const (
	// SidOwnerAccess lets this account administer, subscribe to and publish to the topic.
	SidOwnerAccess = "AllowAccountOwnerAccess"
	// SidCloudWatchPublish lets CloudWatch alarms of this account publish.
	SidCloudWatchPublish = "AllowCloudWatchAlarmsPublish"
	// SidEventBridgePublish lets the EventBridge rules allowed by
	// Topic.AllowEventBridge publish.
	SidEventBridgePublish = "AllowEventBridgeRulesPublish"
	// SidDenyInsecureTransport denies publishing without TLS.
	SidDenyInsecureTransport = "DenyInsecureTransport"
)

// SidKeyCloudWatchAlarms is the Sid of the key policy statement NewTopic adds
// so CloudWatch alarms can publish to the encrypted topic.
const SidKeyCloudWatchAlarms = "AllowCloudWatchAlarmsUseKey"

// CloudWatchPrincipal is the service principal CloudWatch alarms publish as.
const CloudWatchPrincipal = "cloudwatch.amazonaws.com"

// ownerActions are the topic actions this account's principals keep (the
// actions of the default SNS topic policy).
var ownerActions = []string{
	"sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission",
	"sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish",
}

// alarmConditions restrict the CloudWatch service principal to alarms of
// this account and region whose names carry the stack's naming prefix,
// which every alarm of this package does (confused-deputy protection).
func alarmConditions(ctx *awscontext.Context, prefix string) []policy.Condition {
	return []policy.Condition{
		{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{ctx.AccountID()}},
		{Operator: "ArnLike", Key: "aws:SourceArn", Values: []string{ctx.ARN("cloudwatch", "", "", "alarm:"+prefix+"-*")}},
	}
}

// topicPolicy is the topic's resource policy.
func topicPolicy(ctx *awscontext.Context, topicArn, prefix string, eventRules []string) policy.Document {
	var d policy.Document
	d.Add(
		policy.Statement{
			Sid:        SidOwnerAccess,
			Principals: []policy.Principal{policy.AWS(ctx.RootPrincipal())},
			Actions:    ownerActions,
			Resources:  []string{topicArn},
		},
		policy.Statement{
			Sid:        SidCloudWatchPublish,
			Principals: []policy.Principal{policy.Service(CloudWatchPrincipal)},
			Actions:    []string{"sns:Publish"},
			Resources:  []string{topicArn},
			Conditions: alarmConditions(ctx, prefix),
		},
	)
	if len(eventRules) > 0 {
		d.Add(policy.Statement{
			Sid:        SidEventBridgePublish,
			Principals: []policy.Principal{policy.Service("events.amazonaws.com")},
			Actions:    []string{"sns:Publish"},
			Resources:  []string{topicArn},
			Conditions: []policy.Condition{
				{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{ctx.AccountID()}},
				{Operator: "ArnEquals", Key: "aws:SourceArn", Values: eventRules},
			},
		})
	}
	d.Add(
		policy.Statement{
			Sid:        SidDenyInsecureTransport,
			Effect:     policy.Deny,
			Principals: []policy.Principal{policy.Anyone()},
			Actions:    []string{"sns:Publish"},
			Resources:  []string{topicArn},
			Conditions: []policy.Condition{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}}},
		},
	)
	return d
}
