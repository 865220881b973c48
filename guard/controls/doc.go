// Package controls is guard's compliance catalogue and its evaluation: which
// controls of AWS Foundational Security Best Practices ("fsbp") and the CIS
// AWS Foundations Benchmark v5.0.0 ("cis-aws-v5.0.0") a Terraform
// configuration meets, and why.
//
// The catalogue is data (catalogue.json, embedded; Builtin): each framework
// with its source URL and date, each control with its id, title, severity
// (FSBP), the resource types it concerns and how it is decided — by guard
// rules (narrowed by FindingTypes and FindingPattern), by access
// expectations, by resource facts (attribute predicates, links between
// resources, "the account declares one", a few checks in Go), or Manual or
// NotApplicable with the reason.
//
// CheckPaths (or LoadAccount then Catalogue.Evaluate) judges every
// configuration it is given as one AWS account: resource-scope controls
// resource by resource, account-scope controls (password policy, GuardDuty,
// Security Hub, EBS default encryption, ...) over all stacks together, from
// what an account baseline (package constructs/baseline) declares and the
// guard's ACC rules on a weakened one. Each control gets a Status — pass,
// fail, excepted (every failure covered by a suppression with a recorded
// reason: suppress.Rule or suppress.Fact), manual or not-applicable — and
// its Evidence (rule ids, fact ids, expectation kinds, addresses with
// file:line). Reports print as text, Markdown or JSON; TagSARIF adds the
// controls a finding breaks to the guard's SARIF results.
//
// The command is go run ./cmd/guard -compliance fsbp|cis-aws-v5.0.0 PATH...;
// tests use testkit.RequireControls.
package controls
