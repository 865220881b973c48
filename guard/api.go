package guard

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard/rules"
)

// The types of a check, defined in package guard/engine; see there for
// their fields and methods.
type (
	// Stack is one Terraform module: a module folder, a cdktf stack or a file.
	Stack = engine.Stack
	// Resource is one managed resource or data source of a Stack.
	Resource = engine.Resource
	// Suppression is one declared suppression read from the JSON.
	Suppression = engine.Suppression
	// Graph is the dependency graph of a stack.
	Graph = engine.Graph
	// Policy is an IAM, KMS key or bucket policy in a normalized form.
	Policy = engine.Policy
	// Statement is one policy statement.
	Statement = engine.Statement
	// Condition is one operator/key/values triple of a statement.
	Condition = engine.Condition
	// Rule is one check over a stack (see package guard/rules).
	Rule = engine.Rule
	// Pass is one rule running over one stack.
	Pass = engine.Pass
	// Finding is one problem found by a rule.
	Finding = engine.Finding
	// Report is the result of a check; it prints as JSON or SARIF.
	Report = engine.Report
	// Severity ranks a finding: Info < Warning < Error.
	Severity = engine.Severity
	// InvalidError says why a file is not a Terraform configuration the guard can check.
	InvalidError = engine.InvalidError
)

// Severities, in increasing order.
const (
	// Info is advice: nothing breaks, but there is a better way.
	Info = engine.Info
	// Warning is a security or reliability gap that deploys but should be fixed.
	Warning = engine.Warning
	// Error is a deployment failure, a resource that cannot be destroyed or
	// recreated cleanly, or a serious security hole.
	Error = engine.Error
)

// DefaultMaxBytes is the largest file the guard reads unless told otherwise (256 MiB).
const DefaultMaxBytes = engine.DefaultMaxBytes

// SuppressionsKey is where suppressions are written in the synthesized JSON
// (the top-level "//" comment object, which Terraform ignores).
const SuppressionsKey = engine.SuppressionsKey

// SARIFVersion and SARIFSchema identify the format written by Report.WriteSARIF.
const (
	SARIFVersion = engine.SARIFVersion
	SARIFSchema  = engine.SARIFSchema
)

// ParseSeverity reads "info", "warning" (or "warn") or "error", in any case.
func ParseSeverity(s string) (Severity, error) { return engine.ParseSeverity(s) }

// Modules lists what a path designates, each to be checked as one
// configuration: a file; a module folder; the stacks of a cdktf.out folder.
func Modules(path string) ([]string, error) { return engine.Modules(path) }

// LoadStack reads one configuration (a file or a module folder); see Load.
func LoadStack(path string) (*Stack, error) { return engine.LoadStack(path) }

// Load is LoadStack with a size limit per file (0: DefaultMaxBytes). What
// is not a Terraform configuration is an *InvalidError.
func Load(path string, maxBytes int64) (*Stack, error) { return engine.Load(path, maxBytes) }

// ParseStack parses Terraform JSON text as a whole configuration.
func ParseStack(b []byte) (*Stack, error) { return engine.ParseStack(b) }

// ParseFile parses one file's text (JSON when name ends in .json, native
// syntax when it ends in .tf) as a whole configuration.
func ParseFile(name string, b []byte) (*Stack, error) { return engine.ParseFile(name, b) }

// Rules returns every rule of the pack, sorted by ID.
func Rules() []Rule { return rules.All() }

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) { return rules.Lookup(id) }
