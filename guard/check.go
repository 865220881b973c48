package guard

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Options configures a check.
type Options struct {
	// Now is the date Lambda runtime deprecations are judged against. Default: time.Now().
	Now time.Time
	// Rules limits the check to these rule IDs. Default: every rule.
	Rules []string
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

// CheckFile checks one Terraform JSON file (a cdk.tf.json).
func CheckFile(path string, opts Options) (Report, error) {
	s, err := LoadStack(path)
	if err != nil {
		return Report{}, err
	}
	return CheckStack(s, opts)
}

// CheckDir checks a stack folder (holding cdk.tf.json) or a cdktf output
// folder (holding stacks/*/cdk.tf.json).
func CheckDir(dir string, opts Options) (Report, error) {
	files, err := StackFiles(dir)
	if err != nil {
		return Report{}, err
	}
	var rep Report
	for _, f := range files {
		r, err := CheckFile(f, opts)
		if err != nil {
			return Report{}, err
		}
		rep.Merge(r)
	}
	return rep, nil
}

// StackFiles lists the cdk.tf.json files a path designates: the file
// itself, dir/cdk.tf.json, or dir/stacks/*/cdk.tf.json.
func StackFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	if _, err := os.Stat(filepath.Join(path, "cdk.tf.json")); err == nil {
		return []string{filepath.Join(path, "cdk.tf.json")}, nil
	}
	files, _ := filepath.Glob(filepath.Join(path, "stacks", "*", "cdk.tf.json"))
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no cdk.tf.json and no stacks/*/cdk.tf.json; pass a stack folder, a cdk.tf.json or a cdktf.out folder", path)
	}
	sort.Strings(files)
	return files, nil
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
