// Package trigger wires event sources to a compute.Function so that only the
// intended source, in this account, can invoke it, and Terraform creates
// things in the order AWS needs:
//
//   - NewBucketNotification: S3 event notifications of one bucket to
//     functions. Each function gets an aws_lambda_permission for
//     s3.amazonaws.com with source_arn (the bucket) and source_account (this
//     account); the notification depends on the permissions, because S3
//     validates the destination when the configuration is written. S3 keeps
//     one notification configuration per bucket, so a second construct for
//     the same bucket is refused, naming both.
//   - NewSchedule: a function run on a schedule, by EventBridge Scheduler
//     with a role of its own (the default; the role trusts only
//     scheduler.amazonaws.com for this account and may invoke only this
//     function), or by an EventBridge rule (UseRule) with an
//     aws_lambda_permission for events.amazonaws.com bound to the rule's ARN
//     and this account, created before the rule's target.
//   - NewQueueSource: an encrypted queue.Queue read by a function (an event
//     source mapping created after the role may read the queue and decrypt).
//
// Props validation is pure Go and runs before any construct is created.
package trigger
