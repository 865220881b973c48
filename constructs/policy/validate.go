package policy

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
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
		for i, r := range f.list {
			switch {
			case r == "":
				add("%s: contains an empty string; use an ARN or \"*\"", f.name)
			case r == "*" || strings.HasPrefix(r, "arn:"):
			case isToken(r):
				if err := tfexpr.Check(fmt.Sprintf("%s[%d]", f.name, i), r); err != nil {
					errs = append(errs, err)
				}
			default:
				add("%s[%d]: %q is not an ARN, a Terraform reference or \"*\"; write the full ARN, e.g. %q", f.name, i, r, "arn:aws:s3:::my-bucket/*")
			}
		}
	}
	errs = append(errs, validatePrincipals(s.Principals, s.effect()))
	if s.effect() == Allow && len(s.Conditions) == 0 && grantsAllKMS(s) {
		for _, p := range s.Principals {
			if p.Type == PrincipalService {
				add("conditions: a service principal (%s) is granted every KMS action with no condition; list the actions it needs and add an aws:SourceArn or aws:SourceAccount condition (Key.AllowService does)", strings.Join(p.Identifiers, ", "))
				break
			}
		}
	}
	for i, c := range s.Conditions {
		if c.Operator == "" {
			add("conditions[%d].operator: must not be empty; e.g. \"StringEquals\"", i)
		} else if err := CheckOperator(c.Operator); err != nil {
			add("conditions[%d].operator: %v", i, err)
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

// grantsAllKMS reports whether s allows every KMS action ("kms:*" or "*").
func grantsAllKMS(s Statement) bool {
	for _, a := range s.Actions {
		if a == "*" || strings.EqualFold(a, "kms:*") {
			return true
		}
	}
	return false
}

// wildcardAccount matches principal ARNs whose account is a wildcard, e.g.
// "arn:aws:iam::*:root".
var wildcardAccount = regexp.MustCompile(`^arn:[^:]*:[^:]*:[^:]*:[^:]*[*?][^:]*:`)

func validatePrincipals(ps []Principal, effect Effect) error {
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
			switch {
			case id == "":
				errs = append(errs, fmt.Errorf("principals[%d].identifiers: contains an empty string", i))
			case p.Type != PrincipalAWS || effect != Allow:
			case id == "*":
				errs = append(errs, fmt.Errorf("principals[%d].identifiers: AWS \"*\" is every caller of every account, as policy.Anyone(); name the account root or role ARN instead", i))
			case wildcardAccount.MatchString(id) || strings.ContainsAny(id, "*?") && !strings.HasPrefix(id, "arn:"):
				errs = append(errs, fmt.Errorf("principals[%d].identifiers: %q names every AWS account (wildcard account); name this account's root or a role ARN instead", i, id))
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

// AdminEquivalent reports whether s is an Allow that grants administrator
// power: every action ("*") or every IAM action ("iam:*") on every resource,
// or NotAction on every resource. It returns what makes it so, for errors.
func (s Statement) AdminEquivalent() (string, bool) {
	if s.effect() != Allow || !slices.Contains(s.Resources, "*") {
		return "", false
	}
	for _, a := range s.Actions {
		switch strings.ToLower(a) {
		case "*", "*:*":
			return `"*" on "*"`, true
		case "iam:*":
			return `"iam:*" on "*"`, true
		}
	}
	if len(s.NotActions) > 0 {
		return `NotAction on "*"`, true
	}
	return "", false
}
