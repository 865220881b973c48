package policy

import (
	"fmt"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/levenshtein"
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
		if d := levenshtein.Distance(strings.ToLower(s), strings.ToLower(o)); bestD < 0 || d < bestD {
			best, bestD = o, d
		}
	}
	return best
}
