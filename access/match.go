package access

import (
	"strings"
)

// pchar is one character of a compiled pattern: a literal rune, or a
// wildcard ('*' any run, '?' any one character) when wild is set.
type pchar struct {
	r    rune
	wild bool
}

// compile turns a policy string into a pattern. With vars, policy
// variables are substituted: ${key} and ${key, 'default'} take the request
// context's single value (literally, never as a wildcard), ${*}, ${?} and
// ${$} are the literal characters. ok is false when a variable has no
// value and no default: AWS then treats the element as not matching. With
// wildcards false, '*' and '?' are literal (StringEquals).
func compile(s string, vars *Request, wildcards bool) (pat []pchar, ok bool) {
	pat = make([]pchar, 0, len(s))
	for i := 0; i < len(s); {
		if vars != nil && strings.HasPrefix(s[i:], "${") {
			if end := strings.IndexByte(s[i:], '}'); end > 0 {
				val, ok := vars.variable(s[i+2 : i+end])
				if !ok {
					return nil, false
				}
				for _, r := range val {
					pat = append(pat, pchar{r: r})
				}
				i += end + 1
				continue
			}
		}
		r := rune(s[i])
		size := 1
		if r >= 0x80 {
			rs := []rune(s[i:])
			r = rs[0]
			size = len(string(r))
		}
		pat = append(pat, pchar{r: r, wild: wildcards && (r == '*' || r == '?')})
		i += size
	}
	return pat, true
}

// globMatch matches s against pat, folding case when fold is set.
func globMatch(pat []pchar, s string, fold bool) bool {
	str := []rune(s)
	if fold {
		str = []rune(strings.ToLower(s))
	}
	eq := func(p pchar, r rune) bool {
		if p.wild && p.r == '?' {
			return true
		}
		if fold {
			return []rune(strings.ToLower(string(p.r)))[0] == r
		}
		return p.r == r
	}
	// Iterative matcher with one backtrack point for the last '*'.
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(str) {
		switch {
		case pi < len(pat) && pat[pi].wild && pat[pi].r == '*':
			star, mark = pi, si
			pi++
		case pi < len(pat) && eq(pat[pi], str[si]):
			pi++
			si++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(pat) && pat[pi].wild && pat[pi].r == '*' {
		pi++
	}
	return pi == len(pat)
}

// matchAction reports whether an Action pattern matches action
// ("service:Name"); both parts are case-insensitive.
func matchAction(pattern, action string) bool {
	pat, _ := compile(pattern, nil, true)
	return globMatch(pat, action, true)
}

// matchARN reports whether an ARN pattern (with wildcards and, with vars,
// policy variables) matches arn. "*" matches everything. Otherwise both are
// split into their six colon-separated parts and each part is matched on
// its own, case-sensitively (a wildcard never spans a colon before the
// resource part); the resource part may itself contain colons.
func matchARN(pattern, arn string, vars *Request) bool {
	pat, ok := compile(pattern, vars, true)
	if !ok {
		return false
	}
	if len(pat) == 1 && pat[0].wild && pat[0].r == '*' {
		return true
	}
	pparts := splitPattern(pat, 6)
	aparts := strings.SplitN(arn, ":", 6)
	if len(aparts) != 6 {
		// Not an ARN (e.g. "*" for actions without a resource): compare
		// the whole strings.
		return globMatch(pat, arn, false)
	}
	if len(pparts) < 6 {
		// A pattern with fewer segments matches only when its last segment
		// ends in "*", which then runs on past the colons ("arn:aws:kms:
		// us-east-1:*" covers every key of the region): IAM User Guide,
		// "IAM JSON policy elements: Resource",
		// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
		last := pparts[len(pparts)-1]
		if len(last) == 0 || !last[len(last)-1].wild || last[len(last)-1].r != '*' {
			return false
		}
		n := len(pparts) - 1
		for i := 0; i < n; i++ {
			if !globMatch(pparts[i], aparts[i], false) {
				return false
			}
		}
		return globMatch(last, strings.Join(aparts[n:], ":"), false)
	}
	for i := range pparts {
		if !globMatch(pparts[i], aparts[i], false) {
			return false
		}
	}
	return true
}

// splitPattern splits a pattern at its first n-1 literal colons.
func splitPattern(pat []pchar, n int) [][]pchar {
	var out [][]pchar
	start := 0
	for i, p := range pat {
		if len(out) == n-1 {
			break
		}
		if !p.wild && p.r == ':' {
			out = append(out, pat[start:i])
			start = i + 1
		}
	}
	return append(out, pat[start:])
}
