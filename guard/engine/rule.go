package engine

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Rule is one check over a synthesized stack.
type Rule struct {
	// ID is stable and used in suppressions, e.g. "CT001".
	ID string
	// Title is a one-line summary.
	Title string
	// Severity applies to every finding of the rule.
	Severity Severity
	// Doc explains why the rule exists and what passes.
	Doc string
	// Check inspects pass.Stack and calls pass.Report for each problem.
	Check func(pass *Pass)
}

// Pass is one rule running over one stack.
type Pass struct {
	// Stack is the parsed configuration.
	Stack *Stack
	// Rule is the running rule.
	Rule *Rule
	// Now is the date deprecations are judged against.
	Now      time.Time
	findings []Finding
}

// Report records a finding on resource r, positioned by rangeFor: the
// first attribute of r that the message (else the fix) names as written
// ("kms_key_id", "ingress.0.cidr_blocks") and that r sets, else the first
// attribute referring to an address the message names, else r's block
// header. Use ReportAttr to name the attribute explicitly.
func (p *Pass) Report(r *Resource, message, fix string) {
	p.ReportRange(r.Address, r.Path, p.rangeFor(r, message, fix), message, fix)
}

// rangeFor positions a finding on r: the attribute the message or fix
// names, else the first attribute referring to an address the message
// names ("refers to resource aws_iam_role.z"), else the block header.
func (p *Pass) rangeFor(r *Resource, message, fix string) hcl.Range {
	if rg, ok := namedAttr(r, message); ok {
		return rg
	}
	if rg, ok := namedAttr(r, fix); ok {
		return rg
	}
	addrs := addressPattern.FindAllString(message, -1)
	if len(addrs) == 0 {
		return r.Range
	}
	for _, attr := range SortedKeys(r.Body) {
		if attr == "//" {
			continue
		}
		rg, ok := r.pos.get()[attr]
		if !ok {
			continue
		}
		hit := false
		WalkStrings(r.Body[attr], attr, func(_, sv string) {
			for _, rf := range p.Stack.refsIn(sv) {
				for _, a := range addrs {
					hit = hit || rf.Addr == a
				}
			}
			if attr == "depends_on" {
				for _, a := range addrs {
					hit = hit || strings.TrimSuffix(strings.TrimPrefix(sv, "${"), "}") == a
				}
			}
		})
		if hit {
			return rg
		}
	}
	return r.Range
}

// addressPattern finds Terraform addresses in a message.
var addressPattern = regexp.MustCompile(`\b(?:data\.|local\.|var\.|module\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+`)

// Reportf is Report with a formatted message.
func (p *Pass) Reportf(r *Resource, fix, format string, args ...any) {
	p.Report(r, fmt.Sprintf(format, args...), fix)
}

// ReportAttr records a finding about attribute attr of r (a path such as
// "policy" or "ingress.0.cidr_blocks"), positioned at that attribute when r
// sets it, else at r's block header.
func (p *Pass) ReportAttr(r *Resource, attr, message, fix string) {
	rg, ok := r.AttrRange(attr)
	if !ok {
		rg = r.Range
	}
	p.ReportRange(r.Address, r.Path, rg, message, fix)
}

// ReportAttrf is ReportAttr with a formatted message.
func (p *Pass) ReportAttrf(r *Resource, attr, fix, format string, args ...any) {
	p.ReportAttr(r, attr, fmt.Sprintf(format, args...), fix)
}

// ReportAt records a finding at an address that may not be a resource
// (module.x, local.y), positioned at its declaration when the stack has it.
func (p *Pass) ReportAt(address, path, message, fix string) {
	var rg hcl.Range
	if r := p.Stack.Lookup(address); r != nil {
		rg = p.rangeFor(r, message, fix)
	} else if d, ok := p.Stack.declRanges[address]; ok {
		rg = d
	}
	p.ReportRange(address, path, rg, message, fix)
}

func (p *Pass) ReportRange(address, path string, rg hcl.Range, message, fix string) {
	f := Finding{
		RuleID: p.Rule.ID, Severity: p.Rule.Severity, Address: address, Path: path,
		File: rg.Filename, Line: rg.Start.Line, Column: rg.Start.Column,
		EndLine: rg.End.Line, EndColumn: rg.End.Column, Message: message, Fix: fix,
	}
	if f.File == "" {
		f.File = p.Stack.File
	}
	p.findings = append(p.findings, f)
}

func namedAttr(r *Resource, message string) (hcl.Range, bool) {
	var best hcl.Range
	found, bestAt, bestLen := false, len(message)+1, 0
	for path, rg := range r.pos.get() {
		at := wordIndex(message, path)
		if at < 0 {
			continue
		}
		if at < bestAt || at == bestAt && len(path) > bestLen {
			best, bestAt, bestLen, found = rg, at, len(path), true
		}
	}
	return best, found
}

// wordIndex finds w in s as a whole word (not inside a longer identifier).
func wordIndex(s, w string) int {
	isWord := func(c byte) bool {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	if w == "" {
		return -1
	}
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(w)
		if (i == 0 || !isWord(s[i-1]) && s[i-1] != '.') && (end == len(s) || !isWord(s[end])) {
			return i
		}
		from = i + 1
	}
	return -1
}
