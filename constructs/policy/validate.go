package policy

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

var (
	sidPattern    = regexp.MustCompile(`^[A-Za-z0-9]+$`)
	actionPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+$`)
)

// isToken reports whether s holds a Terraform reference or CDKTF token,
// which is resolved by Terraform and cannot be checked here.
func isToken(s string) bool { return strings.Contains(s, "${") }

// Validate reports every problem in the document, joined; each error names
// the statement (by Sid, else by index) and the field.
func (d Document) Validate() error {
	if len(d.Statements) == 0 {
		return errors.New("statements: a policy document needs at least one statement")
	}
	var errs []error
	seen := map[string]int{}
	for i, s := range d.Statements {
		label := fmt.Sprintf("statement %d", i)
		if s.Sid != "" {
			label = fmt.Sprintf("statement %q", s.Sid)
			if j, dup := seen[s.Sid]; dup {
				errs = append(errs, fmt.Errorf("%s: sid: duplicate of statement %d; every Sid must be unique", label, j))
			} else {
				seen[s.Sid] = i
			}
		}
		if err := s.validate(); err != nil {
			errs = append(errs, prefix(label, err))
		}
	}
	return errors.Join(errs...)
}

// Validate checks one statement on its own; errors name the field.
func (s Statement) Validate() error { return s.validate() }

func (s Statement) validate() error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if s.Sid != "" && !sidPattern.MatchString(s.Sid) {
		add("sid: %q is invalid; use only letters and digits", s.Sid)
	}
	if s.Effect != "" && s.Effect != Allow && s.Effect != Deny {
		add("effect: %q is invalid; use policy.Allow or policy.Deny", s.Effect)
	}
	switch {
	case len(s.Actions) == 0 && len(s.NotActions) == 0:
		add("actions: must not be empty; list the actions, e.g. %q", "s3:GetObject")
	case len(s.Actions) > 0 && len(s.NotActions) > 0:
		add("actions: set either Actions or NotActions, not both")
	}
	for _, f := range []struct {
		name string
		list []string
	}{{"actions", s.Actions}, {"notActions", s.NotActions}} {
		for _, a := range f.list {
			if a != "*" && !isToken(a) && !actionPattern.MatchString(a) {
				add("%s: %q is invalid; use the form \"service:Action\" (wildcards * and ? allowed), e.g. \"kms:Decrypt\"", f.name, a)
			}
		}
	}
	if len(s.Resources) > 0 && len(s.NotResources) > 0 {
		add("resources: set either Resources or NotResources, not both")
	}
	if len(s.Principals) == 0 && len(s.Resources) == 0 && len(s.NotResources) == 0 {
		add("resources: must not be empty in a statement without principals (identity policy); use \"*\" or the resource ARNs")
	}
	for _, f := range []struct {
		name string
		list []string
	}{{"resources", s.Resources}, {"notResources", s.NotResources}} {
		for _, r := range f.list {
			if r == "" {
				add("%s: contains an empty string; use an ARN or \"*\"", f.name)
			}
		}
	}
	errs = append(errs, validatePrincipals(s.Principals))
	for i, c := range s.Conditions {
		if c.Operator == "" {
			add("conditions[%d].operator: must not be empty; e.g. \"StringEquals\"", i)
		}
		if c.Key == "" {
			add("conditions[%d].key: must not be empty; e.g. \"aws:SourceArn\"", i)
		}
		if len(c.Values) == 0 {
			add("conditions[%d].values: must not be empty for %s %s", i, c.Operator, c.Key)
		}
	}
	return errors.Join(errs...)
}

func validatePrincipals(ps []Principal) error {
	var errs []error
	anyone := false
	for i, p := range ps {
		switch p.Type {
		case PrincipalAnyone:
			anyone = true
			continue
		case PrincipalAWS, PrincipalService, PrincipalFederated:
		default:
			errs = append(errs, fmt.Errorf("principals[%d].type: %q is invalid; use \"AWS\", \"Service\", \"Federated\" or \"*\"", i, p.Type))
			continue
		}
		if len(p.Identifiers) == 0 {
			errs = append(errs, fmt.Errorf("principals[%d].identifiers: must not be empty for type %q", i, p.Type))
		}
		for _, id := range p.Identifiers {
			if id == "" {
				errs = append(errs, fmt.Errorf("principals[%d].identifiers: contains an empty string", i))
			}
		}
	}
	if anyone && len(ps) > 1 {
		errs = append(errs, errors.New("principals: \"*\" (Anyone) cannot be combined with other principals"))
	}
	return errors.Join(errs...)
}

// prefix puts label in front of every line of a (possibly joined) error.
func prefix(label string, err error) error {
	lines := strings.Split(err.Error(), "\n")
	out := make([]error, len(lines))
	for i, l := range lines {
		out[i] = fmt.Errorf("%s: %s", label, l)
	}
	return errors.Join(out...)
}
