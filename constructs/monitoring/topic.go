package monitoring

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopic"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicsubscription"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// Topic is a KMS-encrypted SNS topic that alarms notify, with a TLS-only
// topic policy, SHA256 message signatures (signature_version 2) and
// optional e-mail and https subscriptions.
type Topic struct {
	node   constructs.Construct
	topic  snstopic.SnsTopic
	name   string
	keyArn string
	arn    string // the topic's ARN token, read once
	key    *encryption.Key
	ctx    *awscontext.Context
	prefix string
	policy snstopicpolicy.SnsTopicPolicy
	events []string // rule ARNs allowed to publish (AllowEventBridge)
}

// NewTopic validates props, lets CloudWatch alarms use the key, and creates
// the topic, its policy and its subscriptions under scope.
func NewTopic(scope constructs.Construct, id string, props TopicProps) (*Topic, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	if pre, err := stack.Of(scope); err == nil {
		if err := encryption.CheckRegion("key", props.Key, pre.RegionName, "an SNS topic"); err != nil {
			return nil, err
		}
	}
	st, full, err := stack.Named(scope, id, naming.SNSTopic, props.Name)
	if err != nil {
		return nil, err
	}
	prefix := st.Naming.Prefix()
	if err := props.Key.AllowService(SidKeyCloudWatchAlarms, CloudWatchPrincipal,
		[]string{"kms:Decrypt", "kms:GenerateDataKey*"}, alarmConditions(st.AWS, prefix)...); err != nil {
		return nil, fmt.Errorf("key: cannot let CloudWatch alarms use the key: %w", err)
	}
	t := &Topic{name: full, key: props.Key, ctx: st.AWS, prefix: prefix}
	var topicArn string
	err = stack.Catch(func() {
		t.keyArn = props.Key.Arn()
		t.node = st.NewNode(scope, id)
		t.topic = snstopic.NewSnsTopic(t.node, str("topic"), &snstopic.SnsTopicConfig{
			Name:             str(full),
			KmsMasterKeyId:   str(t.keyArn),
			SignatureVersion: f64(2),
		})
		topicArn = *t.topic.Arn()
		t.arn = topicArn
	})
	if err != nil {
		return nil, err
	}
	doc, err := topicPolicy(st.AWS, topicArn, prefix, nil).JSON()
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	err = stack.Catch(func() {
		t.policy = snstopicpolicy.NewSnsTopicPolicy(t.node, str("policy"), &snstopicpolicy.SnsTopicPolicyConfig{
			Arn:    str(t.arn),
			Policy: str(doc),
		})
		for _, e := range props.EmailSubscriptions {
			t.subscribe("email-"+shortHash(e), "email", e)
		}
		for _, u := range props.HTTPSSubscriptions {
			t.subscribe("https-"+shortHash(u), "https", u)
		}
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Topic) subscribe(id, protocol, endpoint string) {
	snstopicsubscription.NewSnsTopicSubscription(t.node, str(id), &snstopicsubscription.SnsTopicSubscriptionConfig{
		TopicArn: str(t.arn),
		Protocol: str(protocol),
		Endpoint: str(endpoint),
	})
}

// AllowEventBridge lets the EventBridge rules ruleArns of this account
// publish to the topic: a topic policy statement (SidEventBridgePublish) for
// events.amazonaws.com conditioned on aws:SourceAccount and aws:SourceArn,
// and the matching key policy statement (encryption.SidEventBridge), as the
// EventBridge User Guide describes for an encrypted SNS target:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions
// Rules already allowed are kept; allowing one again changes nothing. Build
// the ARNs from the rules' fixed names (a rule's arn attribute works too).
func (t *Topic) AllowEventBridge(ruleArns ...string) error {
	if len(ruleArns) == 0 {
		return errors.New("ruleArns: must not be empty; pass the ARNs of the EventBridge rules that publish")
	}
	for i, a := range ruleArns {
		field := fmt.Sprintf("ruleArns[%d]", i)
		if err := tfexpr.Check(field, a); err != nil {
			return err
		}
		if !strings.Contains(a, "${") && !(strings.HasPrefix(a, "arn:") && strings.Contains(a, ":events:") && strings.Contains(a, ":rule/")) {
			return fmt.Errorf("%s: %q is not an EventBridge rule ARN (arn:<partition>:events:<region>:<account>:rule/<name>)", field, a)
		}
	}
	next := append([]string(nil), t.events...)
	for _, a := range ruleArns {
		if !slices.Contains(next, a) {
			next = append(next, a)
		}
	}
	if slices.Equal(next, t.events) {
		return nil
	}
	doc, err := topicPolicy(t.ctx, t.arn, t.prefix, next).JSON()
	if err != nil {
		return fmt.Errorf("policy: %w", err)
	}
	if err := t.key.AllowEventBridge(next); err != nil {
		return fmt.Errorf("key: cannot let EventBridge use the key: %w", err)
	}
	if err := stack.Catch(func() { t.policy.SetPolicy(str(doc)) }); err != nil {
		return err
	}
	t.events = next
	return nil
}

// EventRuleArns lists the EventBridge rules allowed to publish, in order (as
// given: references or plain text).
func (t *Topic) EventRuleArns() []string { return append([]string(nil), t.events...) }

// Arn is the topic's ARN (a Terraform reference).
func (t *Topic) Arn() string { return t.arn }

// Name is the topic's name, "{company}-{environment}-{Name}" (plain text).
func (t *Topic) Name() string { return t.name }

// KeyArn is the ARN of the KMS key that encrypts the topic (a Terraform reference).
func (t *Topic) KeyArn() string { return t.keyArn }

// Construct is the topic's construct node.
func (t *Topic) Construct() constructs.Construct { return t.node }
