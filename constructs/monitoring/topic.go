package monitoring

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopic"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicsubscription"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
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
}

// NewTopic validates props, lets CloudWatch alarms use the key, and creates
// the topic, its policy and its subscriptions under scope.
func NewTopic(scope constructs.Construct, id string, props TopicProps) (*Topic, error) {
	if err := props.Validate(); err != nil {
		return nil, err
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
	t := &Topic{name: full}
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
	doc, err := topicPolicy(st.AWS, topicArn, prefix).JSON()
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	err = stack.Catch(func() {
		snstopicpolicy.NewSnsTopicPolicy(t.node, str("policy"), &snstopicpolicy.SnsTopicPolicyConfig{
			Arn:    t.topic.Arn(),
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
		TopicArn: t.topic.Arn(),
		Protocol: str(protocol),
		Endpoint: str(endpoint),
	})
}

// Arn is the topic's ARN (a Terraform reference).
func (t *Topic) Arn() string { return t.arn }

// Name is the topic's name, "{company}-{environment}-{Name}" (plain text).
func (t *Topic) Name() string { return t.name }

// KeyArn is the ARN of the KMS key that encrypts the topic (a Terraform reference).
func (t *Topic) KeyArn() string { return t.keyArn }

// Construct is the topic's construct node.
func (t *Topic) Construct() constructs.Construct { return t.node }
