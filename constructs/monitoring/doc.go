// Package monitoring provides a KMS-encrypted SNS alarm topic, CloudWatch
// alarms for Lambda functions and RDS instances, and the CIS AWS Foundations
// Benchmark metric filters and alarms on a CloudTrail log group.
//
// Every alarm this package creates notifies the topic on both ALARM and OK:
// the only way to build one is through NewAlarms or NewCISAlarms, which take
// the *Topic and set alarm_actions and ok_actions to its ARN. The topic
// policy denies publishing without TLS and lets CloudWatch alarms of this
// account publish; NewTopic adds the key policy statement CloudWatch needs to
// publish to a KMS-encrypted topic (kms:Decrypt and kms:GenerateDataKey* for
// cloudwatch.amazonaws.com, see "Enable compatibility between event sources
// from AWS services and encrypted topics" in the Amazon SNS Developer Guide).
package monitoring
