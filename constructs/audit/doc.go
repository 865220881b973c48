// Package audit creates the account's audit trail and compliance recorder:
// a CloudTrail trail (multi-region, log file validation, KMS, CloudWatch Logs
// delivery, management and data events) and AWS Config (recorder, delivery
// channel, recorder status and managed rules, in that order).
//
// The trail's name and ARN are owned by one value, TrailIdentity, built from
// the naming prefix and the stack's partition/region/account data sources —
// never from the trail resource, which would form a reference cycle with the
// bucket and key policies that must exist before the trail. NewTrail passes
// that ARN to the logs bucket and the key itself, so the aws:SourceArn in
// both policies always equals the ARN of the trail actually created.
package audit
