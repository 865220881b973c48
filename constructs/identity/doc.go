// Package identity creates IAM service roles with least-privilege policies:
// a trust policy naming only the given service principals (optionally bound
// to this account with aws:SourceAccount), an inline policy built from typed
// policy.Statements, and managed policy attachments as separate resources.
//
// Roles never use the aws_iam_role inline_policy or managed_policy_arns
// attributes, so other constructs can add permissions later without cycles
// or drift.
package identity
