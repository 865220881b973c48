// Package policy builds IAM policy documents as typed Go values and renders
// them to deterministic JSON.
//
// It is pure Go (no jsii): values may be Terraform references ("${...}") or
// CDKTF token strings, which are kept verbatim so Terraform resolves them.
// Validate catches the malformed documents AWS would reject at apply time.
package policy
