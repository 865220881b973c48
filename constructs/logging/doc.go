// Package logging creates CloudWatch Logs log groups that are always
// encrypted with a customer managed KMS key. Creating a log group grants
// CloudWatch Logs use of the key (Key.AllowCloudWatchLogs), so a log group
// whose key policy lacks the logs service statement cannot be built.
package logging
