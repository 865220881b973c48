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
	"unicode/utf8"
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

// Prefix is "{company}-{environment}" (plain text).
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

// Tag limits: AWS allows 50 tags per resource, keys of 1-128 and values of
// 0-256 characters (Unicode characters, not bytes).
const (
	MaxTagsPerResource = 50
	// ResourceTagsReserve is how many tags a construct of this library adds
	// to a resource on top of the default tags (Name and Tier on subnets).
	ResourceTagsReserve = 2
	// MaxDefaultTags is the most default tags a stack may carry, so that
	// default plus per-resource tags stay within MaxTagsPerResource.
	MaxDefaultTags    = MaxTagsPerResource - ResourceTagsReserve
	MaxTagKeyLength   = 128
	MaxTagValueLength = 256
)

// tagChar reports whether r may appear in a tag key or value under the
// strictest rule that applies to the default tags: IAM's (letters \p{L},
// separators \p{Z}, numbers \p{N} and _.:/=+-@; IAM API reference, Tag),
// which the provider applies to every IAM role through default_tags.
func tagChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.In(r, unicode.Z) || unicode.IsNumber(r) || strings.ContainsRune("_.:/=+-@", r)
}

// validTagKey reports whether k is 1-128 characters, each a letter (\p{L}),
// a separator (\p{Z}), a number (\p{N}) or one of _.:/=+-@: AWS's rule for
// tag keys. (A regular expression with these classes costs 5 MB and 5 ms
// to compile at start-up.)
func validTagKey(k string) bool {
	n := 0
	for _, r := range k {
		n++
		if r == utf8.RuneError || !tagChar(r) {
			return false
		}
	}
	return n >= 1 && n <= MaxTagKeyLength
}

// CheckTagValue reports a tag value AWS (IAM, the strictest) refuses: more
// than 256 characters (counted as characters, not bytes) or a character
// outside letters, digits, spaces and _.:/=+-@. field names it in the error.
func CheckTagValue(field, v string) error {
	if !utf8.ValidString(v) {
		return fmt.Errorf("%s: %q is not valid UTF-8; use letters, digits, spaces and _.:/=+-@", field, v)
	}
	if n := utf8.RuneCountInString(v); n > MaxTagValueLength {
		return fmt.Errorf("%s: %d characters; AWS allows at most %d in a tag value", field, n, MaxTagValueLength)
	}
	for _, r := range v {
		if !tagChar(r) {
			return fmt.Errorf("%s: %q contains %q, which IAM refuses in tag values (default tags reach every IAM role); use letters, digits, spaces and _.:/=+-@ (e.g. %q)", field, v, string(r), tagSuggest(v))
		}
	}
	return nil
}

// tagSuggest replaces the characters IAM refuses: & becomes "and", others a space.
func tagSuggest(v string) string {
	var b strings.Builder
	for _, r := range v {
		switch {
		case tagChar(r):
			b.WriteRune(r)
		case r == '&':
			b.WriteString(" and ")
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Tags returns the default tag set: Project, Company, Environment and
// ManagedBy, merged with extra (which may not override the four base keys).
// project defaults to the company when empty. Keys and values must follow
// IAM's tag rules (every role carries the default tags), lengths count
// characters, and the set may hold at most MaxDefaultTags tags.
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
	if err := CheckTagValue("project", project); err != nil {
		errs = append(errs, err)
	}
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
		case tags[k] != "" && k != TagProject:
			errs = append(errs, fmt.Errorf("tags: key %q is set by the library; remove it from the extra tags", k))
		default:
			if err := CheckTagValue(fmt.Sprintf("tags: value of %q", k), v); err != nil {
				errs = append(errs, err)
				continue
			}
			tags[k] = v
		}
	}
	if len(tags) > MaxDefaultTags {
		errs = append(errs, fmt.Errorf("tags: %d default tags (4 from the library, %d extra); AWS allows %d tags per resource and constructs add up to %d of their own (Name, Tier), so use at most %d extra tags", len(tags), len(tags)-4, MaxTagsPerResource, ResourceTagsReserve, MaxDefaultTags-4))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return tags, nil
}
