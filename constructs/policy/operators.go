package policy

import (
	"fmt"
	"strings"
)

// Operators are the IAM condition operators without the ForAnyValue: /
// ForAllValues: prefixes and the IfExists suffix (IAM User Guide, "IAM JSON
// policy elements: Condition operators", checked 2026-11-30).
var Operators = []string{
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
	"Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
	"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
	"Null",
}

var operatorSet = func() map[string]bool {
	m := make(map[string]bool, len(Operators))
	for _, o := range Operators {
		m[o] = true
	}
	return m
}()

// CheckOperator reports whether op is a condition operator IAM accepts: one
// of Operators, optionally prefixed with ForAnyValue: or ForAllValues: and
// suffixed with IfExists (which Null does not take). The error suggests the
// closest operator.
func CheckOperator(op string) error {
	base := op
	for _, p := range []string{"ForAnyValue:", "ForAllValues:"} {
		if rest, ok := strings.CutPrefix(base, p); ok {
			base = rest
			break
		}
	}
	if rest, ok := strings.CutSuffix(base, "IfExists"); ok && rest != "Null" {
		base = rest
	}
	if operatorSet[base] {
		return nil
	}
	return fmt.Errorf("%q is not an IAM condition operator; did you mean %q? (operators: StringEquals, StringLike, ArnLike, Bool, IpAddress, Null, ... with optional ForAnyValue:/ForAllValues: and IfExists)", op, closest(base))
}

// closest returns the operator with the smallest edit distance to s.
func closest(s string) string {
	best, bestD := Operators[0], -1
	for _, o := range Operators {
		if d := distance(strings.ToLower(s), strings.ToLower(o)); bestD < 0 || d < bestD {
			best, bestD = o, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
