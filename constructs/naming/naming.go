// Package naming derives deterministic AWS resource names of the form
// {company}-{environment}-{name}, validates them against the limits of each
// AWS resource kind, and builds the tag set every resource carries.
//
// Nothing here calls jsii: names are plain Go strings, validated before any
// construct is created, and never derived from time or randomness.
package naming

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// MaxPartLength bounds the company and environment parts, so that a full
// name leaves room for the resource's own suffix within the tightest limits.
const (
	MaxCompanyLength     = 20
	MaxEnvironmentLength = 16
)

var partPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Naming holds the two parts every resource name starts with.
// Both are required: lower-case letters, digits and single hyphens,
// starting with a letter.
type Naming struct {
	// Company is the first name part, e.g. "acme". Required; at most 20 characters.
	Company string
	// Environment is the second name part, e.g. "dev" or "prod". Required; at most 16 characters.
	Environment string
}

// New returns a validated Naming.
func New(company, environment string) (Naming, error) {
	n := Naming{Company: company, Environment: environment}
	if err := n.Validate(); err != nil {
		return Naming{}, err
	}
	return n, nil
}

// Validate reports every problem with the company and environment parts,
// each error naming the field and the fix.
func (n Naming) Validate() error {
	return errors.Join(
		validatePart("company", n.Company, MaxCompanyLength),
		validatePart("environment", n.Environment, MaxEnvironmentLength),
	)
}

func validatePart(field, v string, max int) error {
	switch {
	case v == "":
		return fmt.Errorf("%s: must not be empty; set it to a short lower-case word such as %q", field, example(field))
	case len(v) > max:
		return fmt.Errorf("%s: %q is %d characters; use at most %d so derived names stay within AWS limits", field, v, len(v), max)
	case !partPattern.MatchString(v):
		return fmt.Errorf("%s: %q is not allowed; use lower-case letters, digits and single hyphens, starting with a letter (e.g. %q)", field, v, suggest(v, field))
	}
	return nil
}

func example(field string) string {
	if field == "company" {
		return "acme"
	}
	return "dev"
}

// suggest turns an invalid part into the closest valid one, for error messages.
func suggest(v, field string) string {
	var b strings.Builder
	lastHyphen := true
	for _, r := range strings.ToLower(v) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			lastHyphen = false
		case !lastHyphen:
			b.WriteByte('-')
			lastHyphen = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z') {
		return example(field)
	}
	return s
}

// Prefix is "{company}-{environment}".
func (n Naming) Prefix() string { return n.Company + "-" + n.Environment }

// Name returns "{company}-{environment}-{name}" after checking it against the
// rules of kind. The error names the field ("name") and the limit.
func (n Naming) Name(kind Kind, name string) (string, error) {
	if err := n.Validate(); err != nil {
		return "", err
	}
	if name == "" {
		return "", fmt.Errorf("name: must not be empty for a %s; give the resource a short suffix such as %q", kind.Label, "logs")
	}
	full := n.Prefix() + "-" + name
	if err := kind.Check(full); err != nil {
		return "", err
	}
	return full, nil
}

// MustName is Name for suffixes fixed in code, where a failure is a programming error.
func (n Naming) MustName(kind Kind, name string) string {
	s, err := n.Name(kind, name)
	if err != nil {
		panic(err)
	}
	return s
}

// IsProduction reports whether the environment is "prod" or "production",
// where constructs default to protecting data from deletion.
func (n Naming) IsProduction() bool { return IsProductionEnvironment(n.Environment) }

// IsProductionEnvironment reports whether env names a production environment.
func IsProductionEnvironment(env string) bool {
	e := strings.ToLower(env)
	return e == "prod" || e == "production" || strings.HasPrefix(e, "prod-") || strings.HasSuffix(e, "-prod")
}

// Tag keys set on every resource through the provider's default_tags.
const (
	TagProject     = "Project"
	TagCompany     = "Company"
	TagEnvironment = "Environment"
	TagManagedBy   = "ManagedBy"
)

// ManagedBy is the value of the ManagedBy tag.
const ManagedBy = "cdktf-secure-go"

// validTagKey reports whether k is 1-128 characters, each a letter (\p{L}),
// a separator (\p{Z}), a number (\p{N}) or one of _.:/=+-@: AWS's rule for
// tag keys. (A regular expression with these classes costs 5 MB and 5 ms
// to compile at start-up.)
func validTagKey(k string) bool {
	n := 0
	for _, r := range k {
		n++
		if !unicode.IsLetter(r) && !unicode.In(r, unicode.Z) && !unicode.IsNumber(r) && !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return n >= 1 && n <= 128
}

// Tags returns the default tag set: Project, Company, Environment and
// ManagedBy, merged with extra (which may not override the four base keys).
// project defaults to the company when empty.
func (n Naming) Tags(project string, extra map[string]string) (map[string]string, error) {
	if project == "" {
		project = n.Company
	}
	tags := map[string]string{
		TagProject:     project,
		TagCompany:     n.Company,
		TagEnvironment: n.Environment,
		TagManagedBy:   ManagedBy,
	}
	var errs []error
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := extra[k]
		switch {
		case !validTagKey(k) || strings.HasPrefix(strings.ToLower(k), "aws:"):
			errs = append(errs, fmt.Errorf("tags: key %q is invalid; use 1-128 letters, digits, spaces or _.:/=+-@, not starting with \"aws:\"", k))
		case len(v) > 256:
			errs = append(errs, fmt.Errorf("tags: value of %q is %d characters; AWS allows at most 256", k, len(v)))
		case tags[k] != "" && k != TagProject:
			errs = append(errs, fmt.Errorf("tags: key %q is set by the library; remove it from the extra tags", k))
		default:
			tags[k] = v
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return tags, nil
}
