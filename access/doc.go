// Package access evaluates AWS IAM policies offline and proves, for a
// synthesized CDKTF stack, that every service integration is allowed and
// every outsider is denied.
//
// The evaluator (Evaluate) follows AWS's policy evaluation logic for one
// account's resources: an explicit Deny anywhere wins; a same-account request
// is allowed by an identity-based or a resource-based Allow; a cross-account
// request needs both; a KMS key policy and a role trust policy are
// authoritative (an Allow for the account only delegates to the account's
// identity policies); service principals and anonymous callers are allowed
// only by resource-based policies. It implements Principal/NotPrincipal,
// Action/NotAction, Resource/NotResource, every condition operator with the
// ForAnyValue:, ForAllValues: and ...IfExists forms, the Null check, policy
// variables (${aws:username}, ${*}, ${?}, ${$}, defaults) and wildcards
// (case-insensitive in actions, case-sensitive per ARN segment in
// resources). Service control, resource control and permission-boundary
// policies and session policies are out of scope: a stack does not create
// them.
//
// The access tier (Check, CheckFile) reads a synthesized cdk.tf.json, binds
// the references it cannot resolve offline (account id, partition, region,
// resource ARNs) to the stack's configuration or to placeholders that keep
// the ARNs' structure, collects every policy that decides a request (bucket,
// key, topic and trust policies, inline and attached role policies) and
// evaluates the expectations that the stack's integration resources imply
// (see Integrations). The package is pure Go: it imports no jsii, cdktf or
// constructs package.
package access
