package access

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/netip"
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
func conditionHolds(cond map[string]map[string][]string, req *Request, substitute bool) bool {
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
