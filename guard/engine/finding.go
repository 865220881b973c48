package engine

import (
	"fmt"
	"sort"
)

// Finding is one problem found by a rule.
type Finding struct {
	// RuleID is the rule that found it, e.g. "CT001".
	RuleID string `json:"rule"`
	// Severity is the rule's severity.
	Severity Severity `json:"severity"`
	// Address is the Terraform address: "aws_kms_key.logs", "data.aws_iam_policy_document.x", "module.vpc".
	Address string `json:"address"`
	// Path is the construct path of the resource ("acme-dev/logs/bucket"), when the JSON records it.
	Path string `json:"path,omitempty"`
	// File is the file the finding is in.
	File string `json:"file"`
	// Line and Column (1-based) locate the attribute the finding is about,
	// or the resource block when it is about no single attribute; 0 when
	// unknown. EndLine and EndColumn end that range.
	Line      int `json:"line,omitempty"`
	Column    int `json:"column,omitempty"`
	EndLine   int `json:"endLine,omitempty"`
	EndColumn int `json:"endColumn,omitempty"`
	// Message says what is wrong.
	Message string `json:"message"`
	// Fix says how to fix it.
	Fix string `json:"fix"`
	// Reason is the suppression reason, set only on suppressed findings.
	Reason string `json:"reason,omitempty"`
}

// String formats the finding as one line:
// "file:line:column: severity RULE address: message (fix: ...)".
func (f Finding) String() string {
	s := fmt.Sprintf("%s: %s %s %s: %s", f.Location(), f.Severity, f.RuleID, f.Address, f.Message)
	if f.Fix != "" {
		s += " (fix: " + f.Fix + ")"
	}
	return s
}

// Location is "file:line:column", or just the file when the line is unknown.
func (f Finding) Location() string {
	if f.Line == 0 {
		return f.File
	}
	return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
}

// Report is the result of a check.
type Report struct {
	// Findings are the unsuppressed findings, sorted by file, address, rule and message.
	Findings []Finding `json:"findings"`
	// Suppressed are the findings skipped by a suppression (constructs/suppress.Rule), with its reason.
	Suppressed []Finding `json:"suppressed"`
	// catalogue are the rules of the checker that made the report, which
	// a SARIF log describes.
	catalogue []Rule
}

// Count returns how many findings are at or above min.
func (r Report) Count(min Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity >= min {
			n++
		}
	}
	return n
}

// Merge appends other's findings and keeps the order deterministic.
func (r *Report) Merge(other Report) {
	r.Findings = append(r.Findings, other.Findings...)
	r.Suppressed = append(r.Suppressed, other.Suppressed...)
	if len(r.catalogue) == 0 {
		r.catalogue = other.catalogue
	}
	sortFindings(r.Findings)
	sortFindings(r.Suppressed)
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
}
