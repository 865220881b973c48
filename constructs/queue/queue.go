package queue

import (
	"errors"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/sqsqueue"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/sqsqueuepolicy"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/isnil"
)

// Key is the customer managed KMS key the queue is encrypted with, e.g. an
// *encryption.Key.
type Key interface{ Arn() string }

// Limits and defaults of Props, from the Amazon SQS Developer Guide
// ("Amazon SQS message quotas",
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html):
// visibility timeout 0-43200 s, retention 60 s-14 days.
const (
	DefaultVisibilityTimeoutSeconds = 30
	MaxVisibilityTimeoutSeconds     = 43200
	DefaultRetentionDays            = 14
	MaxRetentionDays                = 14
	DefaultMaxReceiveCount          = 5
	// DataKeyReuseSeconds is how long SQS reuses a data key (300 s, the SQS default).
	DataKeyReuseSeconds = 300
)

// Props configures a Queue. The zero value of every optional field is the
// secure choice.
type Props struct {
	// Name is the queue name suffix: "{company}-{environment}-{Name}" (at
	// most 80 characters). Default: the construct id.
	Name string
	// Key encrypts the messages (SSE-KMS). Required.
	Key Key
	// VisibilityTimeoutSeconds hides a received message from other consumers,
	// 0-43200. A queue that is a function's source needs at least six times
	// the function's timeout (trigger.NewQueueSource checks it). Default: 30.
	VisibilityTimeoutSeconds int
	// RetentionDays keeps messages 1-14 days. Default: 14, the longest, so a
	// failed event waits as long as SQS allows for someone to look at it.
	RetentionDays int
	// DeadLetter receives messages received MaxReceiveCount times without
	// being deleted. Default: nil (no redrive).
	DeadLetter *Queue
	// MaxReceiveCount is the redrive threshold, 1-1000. Default: 5. Only with DeadLetter.
	MaxReceiveCount int
}

// Validate reports every problem, each naming its field.
func (p Props) Validate() error {
	var errs []error
	if isnil.Is(p.Key) {
		errs = append(errs, errors.New("key: must not be nil; pass the KMS key that encrypts the messages"))
	}
	if v := p.VisibilityTimeoutSeconds; v < 0 || v > MaxVisibilityTimeoutSeconds {
		errs = append(errs, fmt.Errorf("visibilityTimeoutSeconds: %d is out of range; SQS allows 0-%d", v, MaxVisibilityTimeoutSeconds))
	}
	if d := p.RetentionDays; d < 0 || d > MaxRetentionDays {
		errs = append(errs, fmt.Errorf("retentionDays: %d is out of range; SQS keeps messages 1-%d days", d, MaxRetentionDays))
	}
	if c := p.MaxReceiveCount; c < 0 || c > 1000 {
		errs = append(errs, fmt.Errorf("maxReceiveCount: %d is out of range; use 1-1000", c))
	}
	if p.MaxReceiveCount > 0 && p.DeadLetter == nil {
		errs = append(errs, errors.New("maxReceiveCount: set without DeadLetter; give the queue a dead-letter queue or leave it 0"))
	}
	return errors.Join(errs...)
}

// SidDenyInsecureTransport is the Sid of the queue policy's TLS-only Deny.
const SidDenyInsecureTransport = "DenyInsecureTransport"

// Queue is an encrypted SQS queue with a TLS-only queue policy.
type Queue struct {
	node       constructs.Construct
	q          sqsqueue.SqsQueue
	fullName   string
	arn, url   string
	name       string
	keyArn     string
	visibility int
}

// New validates props and creates the queue and its policy.
func New(scope constructs.Construct, id string, props Props) (*Queue, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, full, err := stack.Named(scope, id, naming.SQSQueue, props.Name)
	if err != nil {
		return nil, err
	}
	vis := props.VisibilityTimeoutSeconds
	if vis == 0 {
		vis = DefaultVisibilityTimeoutSeconds
	}
	days := props.RetentionDays
	if days == 0 {
		days = DefaultRetentionDays
	}
	q := &Queue{fullName: full, keyArn: props.Key.Arn(), visibility: vis}
	err = stack.Catch(func() {
		q.node = st.NewNode(scope, id)
		cfg := &sqsqueue.SqsQueueConfig{
			Name:                         str(full),
			KmsMasterKeyId:               str(props.Key.Arn()),
			KmsDataKeyReusePeriodSeconds: f64(DataKeyReuseSeconds),
			VisibilityTimeoutSeconds:     f64(vis),
			MessageRetentionSeconds:      f64(days * 86400),
		}
		if dl := props.DeadLetter; dl != nil {
			count := props.MaxReceiveCount
			if count == 0 {
				count = DefaultMaxReceiveCount
			}
			cfg.RedrivePolicy = str(fmt.Sprintf(`{"deadLetterTargetArn":"%s","maxReceiveCount":%d}`, dl.Arn(), count))
		}
		q.q = sqsqueue.NewSqsQueue(q.node, str("queue"), cfg)
		q.arn, q.url, q.name = *q.q.Arn(), *q.q.Url(), *q.q.Name()
		doc := policy.Document{Statements: []policy.Statement{{
			Sid: SidDenyInsecureTransport, Effect: policy.Deny,
			Principals: []policy.Principal{policy.Anyone()},
			Actions:    []string{"sqs:*"}, Resources: []string{q.arn},
			Conditions: []policy.Condition{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}}},
		}}}
		sqsqueuepolicy.NewSqsQueuePolicy(q.node, str("policy"), &sqsqueuepolicy.SqsQueuePolicyConfig{
			QueueUrl: str(q.url), Policy: str(doc.MustJSON()),
		})
	})
	if err != nil {
		return nil, err
	}
	stack.RecordPlain(q.name, full)
	return q, nil
}

// Arn is the queue's ARN (a Terraform reference).
func (q *Queue) Arn() string { return q.arn }

// URL is the queue's URL (a Terraform reference).
func (q *Queue) URL() string { return q.url }

// Name is the queue's name (a Terraform reference).
func (q *Queue) Name() string { return q.name }

// FullName is the queue's name, "{company}-{environment}-{name}" (plain text).
func (q *Queue) FullName() string { return q.fullName }

// KeyArn is the ARN of the key that encrypts the messages (a Terraform reference).
func (q *Queue) KeyArn() string { return q.keyArn }

// VisibilityTimeoutSeconds is the queue's visibility timeout.
func (q *Queue) VisibilityTimeoutSeconds() int { return q.visibility }

// Construct is the queue's construct node.
func (q *Queue) Construct() constructs.Construct { return q.node }

// SendActions and ConsumeActions are the queue actions of GrantSend and
// GrantConsume; the KMS actions are those a producer and a consumer of an
// SSE-KMS queue need (Amazon SQS Developer Guide, "Amazon SQS key
// management",
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
var (
	SendActions       = []string{"sqs:SendMessage", "sqs:GetQueueAttributes"}
	SendKeyActions    = []string{"kms:GenerateDataKey", "kms:Decrypt"}
	ConsumeActions    = []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"}
	ConsumeKeyActions = []string{"kms:Decrypt"}
)

// GrantSend lets g send messages to the queue (and use the key to encrypt
// them); in a VPC it opens the SQS and KMS endpoints.
func (q *Queue) GrantSend(g identity.Grantee) error {
	return identity.Grant("grantee", g, []string{"sqs", "kms"},
		policy.Statement{Actions: SendActions, Resources: []string{q.arn}},
		policy.Statement{Actions: SendKeyActions, Resources: []string{q.keyArn}})
}

// GrantConsume lets g receive, delete and hide messages (and decrypt them);
// in a VPC it opens the SQS and KMS endpoints. A function reading the queue
// through trigger.NewQueueSource gets this grant there.
func (q *Queue) GrantConsume(g identity.Grantee) error {
	return identity.Grant("grantee", g, []string{"sqs", "kms"},
		policy.Statement{Actions: ConsumeActions, Resources: []string{q.arn}},
		policy.Statement{Actions: ConsumeKeyActions, Resources: []string{q.keyArn}})
}

// AlarmOnDepth alarms on topic when the queue holds threshold or more
// visible messages (ApproximateNumberOfMessagesVisible, Maximum over 5
// minutes; threshold 0 means 1: any message in a dead-letter queue is a
// failure someone must look at).
func (q *Queue) AlarmOnDepth(topic *monitoring.Topic, threshold int) (*monitoring.Alarm, error) {
	if threshold < 0 {
		return nil, fmt.Errorf("threshold: %d is negative; use 1 or more (0 means 1)", threshold)
	}
	if threshold == 0 {
		threshold = 1
	}
	st, err := stack.Of(q.node)
	if err != nil {
		return nil, err
	}
	suffix := q.fullName[len(st.Naming.Prefix())+1:]
	return monitoring.NewMetricAlarm(q.node, "depth-alarm", monitoring.MetricAlarmProps{
		Topic: topic, Name: suffix + "-depth",
		Description: fmt.Sprintf("SQS queue %s holds %d or more visible messages.", q.fullName, threshold),
		Namespace:   "AWS/SQS", Metric: "ApproximateNumberOfMessagesVisible",
		Dimensions: map[string]string{"QueueName": q.fullName},
		Statistic:  "Maximum", Operator: monitoring.GreaterThanOrEqual, Threshold: float64(threshold),
	})
}

func str(s string) *string { return &s }
func f64(i int) *float64   { f := float64(i); return &f }
