package guard

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Options configures a check.
type Options struct {
	// Now is the date Lambda runtime deprecations are judged against. Default: time.Now().
	Now time.Time
	// Rules limits the check to these rule IDs. Default: every rule.
	Rules []string
	// MaxBytes is the largest file read; larger files are refused.
	// Default (0): DefaultMaxBytes, 256 MiB.
	MaxBytes int64
}

func (o Options) rules() ([]Rule, error) {
	all := Rules()
	if len(o.Rules) == 0 {
		return all, nil
	}
	var out []Rule
	var errs []error
	for _, id := range o.Rules {
		r, ok := Lookup(id)
		if !ok {
			errs = append(errs, fmt.Errorf("rules: unknown rule %q", id))
			continue
		}
		out = append(out, r)
	}
	return out, errors.Join(errs...)
}

// CheckFile checks one file: Terraform JSON (*.json) or native syntax
// (*.tf). A file that need not be a whole module (any but a cdktf
// cdk.tf.json) is Stack.Partial.
func CheckFile(path string, opts Options) (Report, error) {
	s, err := Load(path, opts.MaxBytes)
	if err != nil {
		return Report{}, err
	}
	return CheckStack(s, opts)
}

// CheckDir checks every configuration a path designates (see Modules): a
// module or stack folder, a cdktf.out folder (each stack on its own), or a file.
func CheckDir(path string, opts Options) (Report, error) {
	paths, err := Modules(path)
	if err != nil {
		return Report{}, err
	}
	var rep Report
	for _, p := range paths {
		r, err := CheckFile(p, opts)
		if err != nil {
			return Report{}, err
		}
		rep.Merge(r)
	}
	return rep, nil
}

// CheckStack runs the rules over a parsed stack and applies its suppressions.
func CheckStack(s *Stack, opts Options) (Report, error) {
	rules, err := opts.rules()
	if err != nil {
		return Report{}, err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	var rep Report
	for i := range rules {
		p := &Pass{Stack: s, Rule: &rules[i], Now: now}
		if err := runRule(p); err != nil {
			return Report{}, err
		}
		for _, f := range p.findings {
			if s.Partial && f.RuleID == "TF002" {
				continue // summarized once by MOD001
			}
			if sp, ok := s.suppressed(f); ok {
				f.Reason = sp.Reason
				rep.Suppressed = append(rep.Suppressed, f)
				continue
			}
			rep.Findings = append(rep.Findings, f)
		}
	}
	sortFindings(rep.Findings)
	sortFindings(rep.Suppressed)
	return rep, nil
}

// runRule runs one rule, turning a panic (a bug in the rule on unusual
// input) into an error naming the rule instead of crashing the caller.
func runRule(p *Pass) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: rule %s failed: %v", p.Stack.File, p.Rule.ID, r)
		}
	}()
	p.Rule.Check(p)
	return nil
}

// suppressed finds a suppression of f's rule whose path is f's construct path or an ancestor of it.
func (s *Stack) suppressed(f Finding) (Suppression, bool) {
	if f.Path == "" {
		return Suppression{}, false
	}
	for _, sp := range s.Suppressions {
		if sp.Rule == f.RuleID && (f.Path == sp.Path || strings.HasPrefix(f.Path, sp.Path+"/")) {
			return sp, true
		}
	}
	return Suppression{}, false
}
