// Package table provides a DynamoDB table that is encrypted with a customer
// managed KMS key (not the AWS owned key), keeps point-in-time recovery,
// protects its data by environment (deletion protection in production), and
// offers TTL and streams as options. Its grants (GrantRead, GrantWrite,
// GrantReadWrite, GrantStreamRead) give functions, instances and roles the
// least set of actions, on the table, its indexes and its stream only, and
// open the DynamoDB gateway endpoint for workloads in a VPC.
//
// Props validation is pure Go and runs before any construct is created.
package table
