// Package engine is the guard's machinery, kept apart from its rules: it
// reads Terraform configurations with hashicorp/hcl/v2 (Load, LoadWith,
// Modules; JSON and native syntax, override files merged), evaluates them
// as terraform plan with the module's defaults would (variables, locals,
// count/for_each instances, dynamic blocks, conditionals, go-cty's function
// library and Terraform's other functions (eval.go, eval_funcs.go), policy
// documents' json (eval_policydoc.go)) and follows module calls (calls.go:
// arguments in, outputs back to the caller, the provider's region), indexes references
// (Stack.Referrers, Stack.Linked, Stack.Graph), decodes policies
// (Stack.Policy), runs rules (Checker) with their suppressions, and writes
// reports (Finding, Report: text, JSON, SARIF 2.1.0).
//
// A rule (package guard/rules) is a Rule whose Check reads the Pass's
// Stack and calls Pass.Report for each problem. Rules see each resource's
// Body in the Terraform JSON form (objects, lists, strings that are
// templates when they hold "${...}", numbers, booleans); the value helpers
// (Str, Strs, Map, List, Blocks, FirstObject, Attr, Bool with its
// tri-state, Int) read that form without type switches, and the template
// helpers (HasInterp, SingleInterp, Interps, RefsInString) look inside
// strings.
package engine
