// Package guard is a rule pack over Terraform configurations (synthesized
// CDKTF stacks and hand-written modules alike): it catches the deployment
// failures and security gaps that generic scanners miss, such as a
// CloudTrail SourceArn that does not name the declared trail, a KMS key used
// by CloudWatch Logs without the logs service statement, a Lambda filename
// that does not exist, or a reference cycle.
//
// It reads what Terraform reads, with hashicorp/hcl/v2 (JSON and native
// syntax): a file, or a module folder whose *.tf and *.tf.json files are one
// module with *_override files merged as Terraform merges them (Load,
// Modules); a cdktf.out folder is its stacks, each checked on its own.
// OpenTofu's *.tofu and *.tofu.json files are read too, and replace the .tf
// or .tf.json file of the same name as OpenTofu does; OpenTofu-only
// constructs (the encryption block, provider for_each, lifecycle enabled)
// load without complaint.
// Empty and comment-only files are accepted, as Terraform accepts them.
// A module is read as `terraform plan` with its defaults would read it:
// input variables take their defaults (or Options.Vars / Options.VarFiles,
// and the folder's terraform.tfvars and *.auto.tfvars), locals are
// computed, count and for_each expand a resource into its instances
// (count = 0 and for_each = {} make it absent), dynamic blocks become the
// blocks they produce, and conditionals and Terraform's built-in functions
// (go-cty's function library, hashicorp/go-cty-funcs and templatefile,
// one, startswith, ...; file functions only inside the module tree) are
// computed by hcl/v2 where their arguments are known, as is a
// data.aws_iam_policy_document's json; what depends on something unknown
// (a resource attribute, an impure function) stays unknown. Local module
// calls, and registry modules terraform init fetched into
// .terraform/modules, are followed with the call's arguments and the
// region of the provider the call passes; findings in them are addressed
// "module.db.aws_db_instance.db" (MOD002 names the calls not followed), and
// their outputs are known to the caller where they are known. "resource."-prefixed references and splats are
// followed; references are indexed once per stack
// (Stack.Referrers, Stack.Linked), so checks stay linear in its size.
// Policies written as JSON strings (with interpolations), as
// data.aws_iam_policy_document bodies or as jsonencode({...}) are decoded; a
// policy it cannot decode is unknown, and rules that need it stay silent
// rather than guess. What is not a Terraform configuration (no Terraform
// block, wrong value types, duplicated keys, malformed expressions, files
// that are not regular or exceed Options.MaxBytes) is an *InvalidError
// naming the file and position.
//
// Rules see each resource's Body in the Terraform JSON form (objects,
// lists, strings that are templates when they hold "${...}", numbers,
// booleans); native-syntax expressions are converted to that form. Every
// Finding carries the file, line and column of the attribute it is about
// (the resource block when none), and a Report prints as text, JSON or a
// SARIF 2.1.0 log (Report.WriteSARIF).
//
// The package is a facade over three packages, which keep the concerns
// apart: guard/engine (loading, references, policies, the report formats),
// guard/rules (the rule pack, one file per rule, its table in the package
// documentation) and this one (CheckDir and friends, wiring the two). Its
// types are aliases of the engine's.
//
// Use CheckDir on a module, stack or cdktf.out folder, or run the command:
//
//	go run ./cmd/guard [-severity warning] [-format text|json|sarif] cdktf.out
//
// Suppress a rule for a construct (and everything under it) in code, with a
// reason, through package constructs/suppress; the suppression is written to
// the JSON under "//".guard.suppressions and suppressed findings are still
// reported in Report.Suppressed:
//
//	suppress.Rule(bucket.Construct(), "S3003", "scratch bucket, contents are reproducible")
//
// Package guard itself links no jsii, cdktf or constructs code: it is a
// checker of files and can be imported by any Go program.
//
// Rules returns each rule with its full documentation; the table of rules
// is in the documentation of package guard/rules.
package guard
