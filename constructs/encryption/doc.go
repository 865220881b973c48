// Package encryption provides a customer managed KMS key with an explicit,
// least-privilege key policy.
//
// The key policy starts with a single statement that lets this account
// (never "*") administer the key through IAM. Service statements (CloudWatch
// Logs, CloudTrail, SNS, ...) and grants to roles are added only when a
// construct uses the key, each with the conditions AWS documents, and the
// Terraform policy attribute is rewritten on every change so it always equals
// the Go-side statement list. Rotation is on and deletion waits 30 days.
package encryption
