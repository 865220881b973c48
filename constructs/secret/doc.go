// Package secret provides a Secrets Manager secret encrypted with a customer
// managed KMS key, with a recovery window, optional rotation by a Lambda
// function (the function's invoke permission bound to this secret and
// account), and a resource policy that denies every principal outside this
// account. Its value never passes through Terraform: put it with
// `aws secretsmanager put-secret-value` or let the rotation function write it.
//
// Grants (GrantRead) take the grantee and give it GetSecretValue and
// DescribeSecret on this secret's ARN only, plus decryption through Secrets
// Manager; a workload in a VPC gets the Secrets Manager endpoint.
// Props validation is pure Go and runs before any construct is created.
package secret
