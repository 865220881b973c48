package engine

// SuppressionsKey is where suppressions are written in the synthesized JSON:
// the top-level "//" comment object, which Terraform ignores. Package
// constructs/suppress writes them (suppress.Rule); the checker reads them.
const SuppressionsKey = "//.guard.suppressions"
