package compute

import (
	"errors"
	"fmt"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lambdafunctioneventinvokeconfig"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/queue"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Limits of asynchronous invocation (AWS Lambda Developer Guide,
// "Configuring error handling settings for Lambda asynchronous
// invocations": retries 0-2, event age up to 6 hours,
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html;
// the API's lower bound for the age is 60 s,
// https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html).
const (
	MaxRetryAttempts         = 2
	MinEventAgeSeconds       = 60
	MaxEventAgeSeconds       = 21600
	DefaultEventAgeSeconds   = 3600
	DefaultFailureDepthAlarm = 1
)

// FailureProps configures what happens to an asynchronous invocation (S3
// notifications, EventBridge rules and schedules) that fails.
type FailureProps struct {
	// Queue receives the failed events (an on-failure destination: Lambda
	// sends the event with the error's details). The function is granted
	// queue.GrantSend. Required; create it with queue.New (it is encrypted
	// with a customer managed key and TLS-only).
	Queue *queue.Queue
	// Topic is notified when the queue holds failed events
	// (Queue.AlarmOnDepth, threshold 1). Required: a failure nobody sees is
	// a failure kept for 14 days and then lost.
	Topic *monitoring.Topic
	// RetryAttempts is how often Lambda retries a failed event, 0-2.
	// Default: 2 (Lambda's own default); set NoRetry for 0.
	RetryAttempts int
	// NoRetry sends a failed event to Queue at once. Default: false.
	NoRetry bool
	// MaxEventAgeSeconds drops (to Queue) events older than this, 60-21600.
	// Default: 3600 (Lambda's default is 6 hours).
	MaxEventAgeSeconds int
}

// Validate reports every problem, each naming its field.
func (p FailureProps) Validate() error {
	var errs []error
	if p.Queue == nil {
		errs = append(errs, errors.New("queue: must not be nil; create the dead-letter queue with queue.New"))
	}
	if p.Topic == nil {
		errs = append(errs, errors.New("topic: must not be nil; pass the *monitoring.Topic told when failed events arrive"))
	}
	if r := p.RetryAttempts; r < 0 || r > MaxRetryAttempts {
		errs = append(errs, fmt.Errorf("retryAttempts: %d is out of range; Lambda retries 0-%d times (use NoRetry for 0)", r, MaxRetryAttempts))
	}
	if p.NoRetry && p.RetryAttempts > 0 {
		errs = append(errs, errors.New("noRetry: set with RetryAttempts; choose one"))
	}
	if a := p.MaxEventAgeSeconds; a != 0 && (a < MinEventAgeSeconds || a > MaxEventAgeSeconds) {
		errs = append(errs, fmt.Errorf("maxEventAgeSeconds: %d is out of range; Lambda allows %d-%d", a, MinEventAgeSeconds, MaxEventAgeSeconds))
	}
	return errors.Join(errs...)
}

// HandleFailures configures the function's asynchronous invocations: retry
// and event-age limits, failed events sent to an encrypted queue (the
// function may send to it and use its key), and an alarm on the queue's
// depth. Call it once per function.
func (f *Function) HandleFailures(p FailureProps) (*monitoring.Alarm, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if f.failures {
		return nil, fmt.Errorf("function %s: HandleFailures was already called; a function has one asynchronous invocation configuration", f.name)
	}
	retries := p.RetryAttempts
	if retries == 0 && !p.NoRetry {
		retries = MaxRetryAttempts
	}
	age := p.MaxEventAgeSeconds
	if age == 0 {
		age = DefaultEventAgeSeconds
	}
	// Lambda sends to the destination with the execution role, from the
	// service side: the function's VPC needs no SQS endpoint for it.
	if err := f.role.AddStatements(
		policy.Statement{Actions: queue.SendActions, Resources: []string{p.Queue.Arn()}},
		policy.Statement{Actions: queue.SendKeyActions, Resources: []string{p.Queue.KeyArn()}},
	); err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	err := stack.Catch(func() {
		deps := f.role.DependsOnTargets()
		lambdafunctioneventinvokeconfig.NewLambdaFunctionEventInvokeConfig(f.node, str("async"), &lambdafunctioneventinvokeconfig.LambdaFunctionEventInvokeConfigConfig{
			FunctionName:             str(f.nameRef),
			MaximumRetryAttempts:     f64(retries),
			MaximumEventAgeInSeconds: f64(age),
			DestinationConfig: &lambdafunctioneventinvokeconfig.LambdaFunctionEventInvokeConfigDestinationConfig{
				OnFailure: &lambdafunctioneventinvokeconfig.LambdaFunctionEventInvokeConfigDestinationConfigOnFailure{
					Destination: str(p.Queue.Arn()),
				},
			},
			DependsOn: &deps,
		})
	})
	if err != nil {
		return nil, err
	}
	f.failures = true
	return p.Queue.AlarmOnDepth(p.Topic, DefaultFailureDepthAlarm)
}
