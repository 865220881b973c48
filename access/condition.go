package access

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"
)

// operator is a parsed condition operator: its base, the set qualifier
// ("", "ForAnyValue", "ForAllValues") and the IfExists suffix.
type operator struct {
	base     string
	set      string
	ifExists bool
}

// baseOps lists every base operator, with whether it is a negated matching
// operator (true when the key is absent, unless IfExists).
var baseOps = map[string]bool{
	"StringEquals": false, "StringNotEquals": true,
	"StringEqualsIgnoreCase": false, "StringNotEqualsIgnoreCase": true,
	"StringLike": false, "StringNotLike": true,
	"NumericEquals": false, "NumericNotEquals": true,
	"NumericLessThan": false, "NumericLessThanEquals": false,
	"NumericGreaterThan": false, "NumericGreaterThanEquals": false,
	"DateEquals": false, "DateNotEquals": true,
	"DateLessThan": false, "DateLessThanEquals": false,
	"DateGreaterThan": false, "DateGreaterThanEquals": false,
	"Bool":         false,
	"BinaryEquals": false,
	"IpAddress":    false, "NotIpAddress": true,
	"ArnEquals": false, "ArnLike": false, "ArnNotEquals": true, "ArnNotLike": true,
	"Null": false,
}

// parseOperator splits "ForAllValues:StringLikeIfExists" into its parts.
// Operator names are case-sensitive in AWS; so they are here.
func parseOperator(s string) (operator, error) {
	op := operator{}
	if q, rest, ok := strings.Cut(s, ":"); ok {
		if q != "ForAnyValue" && q != "ForAllValues" {
			return op, fmt.Errorf("unknown condition set operator %q in %q (ForAnyValue or ForAllValues)", q, s)
		}
		op.set, s = q, rest
	}
	if b, ok := strings.CutSuffix(s, "IfExists"); ok && s != "IfExists" {
		op.ifExists, s = true, b
	}
	if _, ok := baseOps[s]; !ok {
		return op, fmt.Errorf("unknown condition operator %q", s)
	}
	if s == "Null" && (op.ifExists || op.set != "") {
		return op, fmt.Errorf("condition operator Null takes no IfExists or set qualifier")
	}
	op.base = s
	return op, nil
}

// conditionHolds evaluates a statement's whole Condition block: every
// operator and every key must hold (AND); the values of one key are
// alternatives (OR; NOR for a negated operator).
//
// A key the request marks Unknown (Request.Unknown) is decided for every
// value it could take: the block holds when some assignment of values to
// the unknown keys makes every clause hold, so an Allow that some value
// opens counts as open and a Deny that some value closes counts as closing.
func conditionHolds(cond map[string]map[string][]string, req *Request, substitute bool) bool {
	unknown := req.unknownIn(cond)
	if len(unknown) == 0 {
		return conditionHoldsKnown(cond, req, substitute)
	}
	cands := make([][]string, len(unknown))
	for i, k := range unknown {
		cands[i] = valueCandidates(k, cond)
	}
	found := false
	assignments(cands, func(vals []string) bool {
		r := *req
		r.Unknown = nil
		r.Context = make(map[string][]string, len(req.Context)+len(vals))
		for k, v := range req.Context {
			r.Context[k] = v
		}
		for i, k := range unknown {
			r.Context[k] = []string{vals[i]}
		}
		found = conditionHoldsKnown(cond, &r, substitute)
		return !found
	})
	return found
}

// unknownIn lists the request's Unknown keys that cond mentions, in the
// policy's spelling.
func (r *Request) unknownIn(cond map[string]map[string][]string) []string {
	if len(r.Unknown) == 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, keys := range cond {
		for k := range keys {
			lk := strings.ToLower(k)
			if seen[lk] {
				continue
			}
			for _, u := range r.Unknown {
				if strings.EqualFold(u, k) {
					seen[lk] = true
					out = append(out, k)
					break
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// maxAssignments bounds the search over unknown keys' values.
const maxAssignments = 1 << 14

// assignments calls f with each combination of one value per list (in
// order) until f returns false or maxAssignments were tried.
func assignments(lists [][]string, f func([]string) bool) {
	sizes := make([]int, len(lists))
	for i, l := range lists {
		sizes[i] = len(l)
	}
	vals := make([]string, len(lists))
	combinations(sizes, func(idx []int) bool {
		for i, j := range idx {
			vals[i] = lists[i][j]
		}
		return f(vals)
	})
}

// combinations calls f with each index vector below sizes until f returns
// false or maxAssignments were tried; nothing when a size is 0.
func combinations(sizes []int, f func([]int) bool) {
	for _, n := range sizes {
		if n == 0 {
			return
		}
	}
	idx := make([]int, len(sizes))
	for n := 0; n < maxAssignments; n++ {
		if !f(idx) {
			return
		}
		i := 0
		for ; i < len(sizes); i++ {
			idx[i]++
			if idx[i] < sizes[i] {
				break
			}
			idx[i] = 0
		}
		if i == len(sizes) {
			return
		}
	}
}

// valueCandidates returns values of key that decide every clause of cond
// on it: for each policy value, the value itself (wildcards filled in) and
// its neighbours (a second before and after a date, one below and above a
// number, the first address of a range), plus values outside all of them.
// Checking these is enough to decide whether some value satisfies the
// clauses, for the operators' orders and prefixes.
func valueCandidates(key string, cond map[string]map[string][]string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	ops := make([]string, 0, len(cond))
	for op := range cond {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, opName := range ops {
		op, err := parseOperator(opName)
		if err != nil {
			continue
		}
		for k, vals := range cond[opName] {
			if !strings.EqualFold(k, key) {
				continue
			}
			for _, v := range vals {
				switch {
				case strings.HasPrefix(op.base, "Date"):
					if t, ok := parseDate(v); ok {
						for _, d := range []int64{-1, 0, 1} {
							add(t.Add(time.Duration(d) * time.Second).UTC().Format(time.RFC3339))
						}
					}
				case strings.HasPrefix(op.base, "Numeric"):
					if f, err := strconv.ParseFloat(v, 64); err == nil {
						for _, d := range []float64{-1, 0, 1} {
							add(strconv.FormatFloat(f+d, 'f', -1, 64))
						}
					}
				case strings.Contains(op.base, "IpAddress"):
					if pfx, err := netip.ParsePrefix(v); err == nil {
						add(pfx.Masked().Addr().String())
					} else if a, err := netip.ParseAddr(v); err == nil {
						add(a.String())
					}
				case op.base == "Bool":
					add("true")
					add("false")
				default:
					add(fillWildcards(v))
				}
			}
		}
	}
	switch strings.ToLower(key) {
	case "aws:currenttime":
		add("1970-01-01T00:00:01Z")
		add("2999-12-31T23:59:59Z")
	case "aws:epochtime":
		add("1")
		add("32503680000")
	case "aws:sourceip":
		for _, a := range []string{"203.0.113.77", "198.51.100.77", "192.0.2.77", "100.64.0.77", "2001:db8::77"} {
			add(a)
		}
	default:
		add("access-analysis-other-value")
	}
	return out
}

// fillWildcards turns a pattern into one value it matches: each * and ? is
// filled with "x"; policy variables stay as written.
func fillWildcards(p string) string {
	return strings.NewReplacer("*", "x", "?", "x").Replace(p)
}

// conditionHoldsKnown evaluates a Condition block whose keys all have
// known values (or are absent).
func conditionHoldsKnown(cond map[string]map[string][]string, req *Request, substitute bool) bool {
	for opName, keys := range cond {
		op, err := parseOperator(opName)
		if err != nil {
			return false
		}
		for key, vals := range keys {
			if !op.holds(key, vals, req, substitute) {
				return false
			}
		}
	}
	return true
}

func (op operator) holds(key string, policyVals []string, req *Request, substitute bool) bool {
	ctx, present := req.lookup(key)
	if op.base == "Null" {
		want := len(policyVals) > 0 && strings.EqualFold(policyVals[0], "true")
		return want == !present
	}
	negated := baseOps[op.base]
	positive := strings.Replace(op.base, "Not", "", 1)
	if op.base == "NotIpAddress" {
		positive = "IpAddress"
	}
	var vars *Request
	if substitute {
		vars = req
	}
	// matches: does one context value satisfy the positive operator for
	// any of the policy's values?
	matches := func(c string) bool {
		for _, pv := range policyVals {
			if matchOne(positive, c, pv, vars) {
				return true
			}
		}
		return false
	}
	if !present || len(ctx) == 0 {
		switch {
		case op.ifExists:
			return true
		case op.set == "ForAllValues":
			return true
		case op.set == "ForAnyValue":
			return false
		default:
			return negated
		}
	}
	switch op.set {
	case "ForAllValues":
		for _, c := range ctx {
			if matches(c) == negated {
				return false
			}
		}
		return true
	case "ForAnyValue":
		for _, c := range ctx {
			if matches(c) != negated {
				return true
			}
		}
		return false
	default:
		any := false
		for _, c := range ctx {
			if matches(c) {
				any = true
				break
			}
		}
		return any != negated
	}
}

// matchOne applies a positive base operator to one context value and one
// policy value.
func matchOne(op, ctx, pol string, vars *Request) bool {
	switch op {
	case "StringEquals", "StringEqualsIgnoreCase", "StringLike":
		pat, ok := compile(pol, vars, op == "StringLike")
		if !ok {
			return false
		}
		return globMatch(pat, ctx, op == "StringEqualsIgnoreCase")
	case "NumericEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals":
		c, err1 := strconv.ParseFloat(ctx, 64)
		p, err2 := strconv.ParseFloat(pol, 64)
		if err1 != nil || err2 != nil {
			return false
		}
		return compare(op[len("Numeric"):], c, p)
	case "DateEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals":
		c, ok1 := parseDate(ctx)
		p, ok2 := parseDate(pol)
		if !ok1 || !ok2 {
			return false
		}
		return compare(op[len("Date"):], float64(c.UnixNano()), float64(p.UnixNano()))
	case "Bool":
		pat, ok := compile(pol, vars, false)
		if !ok {
			return false
		}
		return strings.EqualFold(ctx, string(runes(pat)))
	case "BinaryEquals":
		c, err1 := base64.StdEncoding.DecodeString(ctx)
		p, err2 := base64.StdEncoding.DecodeString(pol)
		return err1 == nil && err2 == nil && bytes.Equal(c, p)
	case "IpAddress":
		ip, err := netip.ParseAddr(ctx)
		if err != nil {
			return false
		}
		if !strings.Contains(pol, "/") {
			p, err := netip.ParseAddr(pol)
			return err == nil && p == ip
		}
		prefix, err := netip.ParsePrefix(pol)
		return err == nil && prefix.Contains(ip)
	case "ArnEquals", "ArnLike":
		if !strings.HasPrefix(ctx, "arn:") || strings.Count(ctx, ":") < 5 {
			return false
		}
		return matchARN(pol, ctx, vars)
	}
	return false
}

func runes(p []pchar) []rune {
	out := make([]rune, len(p))
	for i, c := range p {
		out[i] = c.r
	}
	return out
}

func compare(rel string, c, p float64) bool {
	switch rel {
	case "Equals":
		return c == p
	case "LessThan":
		return c < p
	case "LessThanEquals":
		return c <= p
	case "GreaterThan":
		return c > p
	case "GreaterThanEquals":
		return c >= p
	}
	return false
}

// parseDate reads the ISO 8601 forms AWS documents and epoch seconds.
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), true
	}
	return time.Time{}, false
}
