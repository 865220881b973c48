package trigger

import (
	"errors"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lambdaeventsourcemapping"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/compute"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/queue"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Limits of an SQS event source mapping (AWS Lambda Developer Guide,
// "Creating and configuring an Amazon SQS event source mapping",
// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html):
// batch size 1-10,000 (above 10 only with a batching window), window 0-300 s.
const (
	DefaultBatchSize      = 10
	MaxBatchSize          = 10000
	MaxBatchWindowSeconds = 300
)

// QueueSourceProps configures a function reading a queue.
type QueueSourceProps struct {
	// Queue is read. Required.
	Queue *queue.Queue
	// Function receives the messages; it is granted queue.GrantConsume.
	// Its timeout must not exceed the queue's visibility timeout (Lambda
	// refuses the mapping otherwise; AWS recommends six times). Required.
	Function *compute.Function
	// BatchSize is the number of messages per invocation, 1-10000 (more
	// than 10 needs BatchWindowSeconds). Default: 10.
	BatchSize int
	// BatchWindowSeconds waits up to that long to fill a batch, 0-300. Default: 0.
	BatchWindowSeconds int
	// ReportBatchItemFailures lets the function return the ids of the
	// messages it failed, so only those return to the queue. Default: false
	// (a failed invocation returns the whole batch).
	ReportBatchItemFailures bool
}

// Validate reports every problem, each naming its field.
func (p QueueSourceProps) Validate() error {
	var errs []error
	if p.Queue == nil {
		errs = append(errs, errors.New("queue: must not be nil; pass the *queue.Queue to read"))
	}
	if p.Function == nil {
		errs = append(errs, errors.New("function: must not be nil; pass the *compute.Function that reads the queue"))
	}
	if b := p.BatchSize; b < 0 || b > MaxBatchSize {
		errs = append(errs, fmt.Errorf("batchSize: %d is out of range; use 1-%d", b, MaxBatchSize))
	}
	if w := p.BatchWindowSeconds; w < 0 || w > MaxBatchWindowSeconds {
		errs = append(errs, fmt.Errorf("batchWindowSeconds: %d is out of range; use 0-%d", w, MaxBatchWindowSeconds))
	}
	if p.BatchSize > 10 && p.BatchWindowSeconds == 0 {
		errs = append(errs, fmt.Errorf("batchSize: %d needs BatchWindowSeconds of at least 1 (Lambda allows more than 10 only with a batching window)", p.BatchSize))
	}
	if p.Queue != nil && p.Function != nil && p.Function.TimeoutSeconds() > p.Queue.VisibilityTimeoutSeconds() {
		errs = append(errs, fmt.Errorf("queue: visibility timeout %d s is shorter than the function's timeout %d s; Lambda refuses the mapping: give the queue VisibilityTimeoutSeconds %d (six times the timeout, as AWS recommends)",
			p.Queue.VisibilityTimeoutSeconds(), p.Function.TimeoutSeconds(), 6*p.Function.TimeoutSeconds()))
	}
	return errors.Join(errs...)
}

// QueueSource is an event source mapping from a queue to a function.
type QueueSource struct {
	node constructs.Construct
	uuid string
}

// NewQueueSource validates props, grants the function what reading the
// queue needs and creates the event source mapping after that grant.
func NewQueueSource(scope constructs.Construct, id string, props QueueSourceProps) (*QueueSource, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, err := stack.Start(scope, id)
	if err != nil {
		return nil, err
	}
	// Lambda checks the execution role when the mapping is created.
	if err := props.Queue.GrantConsume(props.Function); err != nil {
		return nil, fmt.Errorf("function: %w", err)
	}
	batch := props.BatchSize
	if batch == 0 {
		batch = DefaultBatchSize
	}
	qs := &QueueSource{}
	err = stack.Catch(func() {
		qs.node = st.NewNode(scope, id)
		deps := props.Function.GranteeRole().DependsOnTargets()
		cfg := &lambdaeventsourcemapping.LambdaEventSourceMappingConfig{
			EventSourceArn: str(props.Queue.Arn()),
			FunctionName:   str(props.Function.Arn()),
			BatchSize:      f64(batch),
			Enabled:        true,
			DependsOn:      &deps,
		}
		if props.BatchWindowSeconds > 0 {
			cfg.MaximumBatchingWindowInSeconds = f64(props.BatchWindowSeconds)
		}
		if props.ReportBatchItemFailures {
			cfg.FunctionResponseTypes = strs([]string{"ReportBatchItemFailures"})
		}
		m := lambdaeventsourcemapping.NewLambdaEventSourceMapping(qs.node, str("mapping"), cfg)
		qs.uuid = *m.Uuid()
	})
	if err != nil {
		return nil, err
	}
	return qs, nil
}

// UUID is the mapping's id (a Terraform reference).
func (qs *QueueSource) UUID() string { return qs.uuid }

// Construct is the mapping's construct node.
func (qs *QueueSource) Construct() constructs.Construct { return qs.node }
