// Package queue provides an SQS queue encrypted with a customer managed KMS
// key, refusing requests without TLS, with least-privilege grants (send,
// consume) for functions, instances and roles, and an alarm on its depth.
// It serves as the dead-letter queue or on-failure destination of
// asynchronous invocations (compute.Function.HandleFailures) and as the
// source of a function (trigger.NewQueueSource).
//
// Props validation is pure Go and runs before any construct is created.
package queue
