package engine

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Checker runs rules over stacks.
type Checker struct {
	// Rules is the catalogue: every rule the checker knows, in the order a
	// SARIF log describes them (Report.WriteSARIF).
	Rules []Rule
	// Only limits a check to these rule IDs. Default: every rule of Rules.
	Only []string
	// Now is the date deprecations are judged against. Default: time.Now().
	Now time.Time
}

// selected returns the rules to run: Only's, or all.
func (c Checker) selected() ([]Rule, error) {
	if len(c.Only) == 0 {
		return c.Rules, nil
	}
	byID := make(map[string]Rule, len(c.Rules))
	for _, r := range c.Rules {
		byID[r.ID] = r
	}
	var out []Rule
	var errs []error
	for _, id := range c.Only {
		r, ok := byID[id]
		if !ok {
			errs = append(errs, fmt.Errorf("rules: unknown rule %q", id))
			continue
		}
		out = append(out, r)
	}
	return out, errors.Join(errs...)
}

// Check runs the selected rules over a parsed stack and applies its
// suppressions. A rule that panics is an error naming the rule.
func (c Checker) Check(s *Stack) (Report, error) {
	rules, err := c.selected()
	if err != nil {
		return Report{}, err
	}
	defer useMemo(s.memo())()
	now := c.Now
	if now.IsZero() {
		now = time.Now()
	}
	rep := Report{catalogue: c.Rules}
	for i := range rules {
		p := &Pass{Stack: s, Rule: &rules[i], Now: now}
		if err := runRule(p); err != nil {
			return Report{}, err
		}
		for _, f := range p.findings {
			if r := s.byAddr[f.Address]; r != nil && r.external {
				continue // a caller's resource: judged by the caller's check
			}
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
	for _, c := range s.Children {
		sub, err := c.check(rules, now)
		if err != nil {
			return Report{}, err
		}
		rep.Findings = append(rep.Findings, sub.Findings...)
		rep.Suppressed = append(rep.Suppressed, sub.Suppressed...)
	}
	sortFindings(rep.Findings)
	sortFindings(rep.Suppressed)
	return rep, nil
}

// check runs rules over a module instance, its findings addressed under the instance.
func (m *ModuleInstance) check(rules []Rule, now time.Time) (Report, error) {
	sub, err := Checker{Rules: rules, Now: now}.Check(m.Stack)
	if err != nil {
		return Report{}, err
	}
	for i := range sub.Findings {
		sub.Findings[i].Address = m.Address + "." + sub.Findings[i].Address
	}
	for i := range sub.Suppressed {
		sub.Suppressed[i].Address = m.Address + "." + sub.Suppressed[i].Address
	}
	return sub, nil
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
