// Package testkit tests CDKTF stacks built with this library (or any
// CDKTF Go stack) without an AWS account: it synthesizes a stack once per
// test package and gives tests a parsed view of the Terraform JSON, with
// failure messages that name the resource address and attribute.
// AccessProof runs the access tier (package access) on a synthesized stack:
// every service integration allowed, every outsider denied, offline.
//
// The slower tiers are subpackages, so a test imports only what it runs:
//
//	testkit/tfrun     terraform init + validate offline against a provider mirror
//	testkit/emulator  the emulator cycle: moto on loopback, apply, zero-change re-plan, destroy
package testkit
