// Package tfexpr checks the Terraform template sequences ("${...}",
// "%{...}") inside string props before they reach a construct, so a
// malformed reference such as "${aws_vpc.x.id" is a Go error naming the
// field instead of `terraform validate` failing with "Unclosed template
// interpolation sequence". It is plain Go: no jsii, cdktf or constructs.
package tfexpr

import (
	"fmt"
	"strings"
)

// IsReference reports whether s holds a template sequence ("${" or "%{")
// that Terraform resolves: a reference or CDKTF token whose value cannot be
// checked at synth. Escaped sequences ("$${", "%%{") do not count.
func IsReference(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '$' || s[i] == '%') && s[i+1] == '{' {
			if i > 0 && s[i-1] == s[i] {
				continue
			}
			return true
		}
	}
	return false
}

// Check reports a malformed template sequence in s: an interpolation or
// directive that is never closed, or one that is empty. field names the prop
// in the error. Strings without "${" or "%{" always pass.
func Check(field, s string) error {
	for i := 0; i+1 < len(s); i++ {
		c := s[i]
		if (c != '$' && c != '%') || s[i+1] != '{' {
			continue
		}
		if i > 0 && s[i-1] == c { // "$${" and "%%{" are escapes
			continue
		}
		end, err := closing(s, i+2)
		if err != nil {
			return fmt.Errorf("%s: %q: %v at character %d; write a complete Terraform expression such as %q", field, s, err, i+1, "${aws_vpc.main.id}")
		}
		if strings.TrimSpace(strings.Trim(s[i+2:end], "~")) == "" {
			return fmt.Errorf("%s: %q: empty template sequence %q at character %d; put an expression inside or remove it", field, s, s[i:end+1], i+1)
		}
		i = end
	}
	return nil
}

// closing returns the index of the "}" that closes the sequence whose body
// starts at start, skipping quoted strings and requiring (), [] and {}
// inside to pair up.
func closing(s string, start int) (int, error) {
	var open []byte // the expected closers, innermost last
	for i := start; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			j, err := endQuote(s, i+1)
			if err != nil {
				return 0, err
			}
			i = j
		case '{':
			open = append(open, '}')
		case '(':
			open = append(open, ')')
		case '[':
			open = append(open, ']')
		case '}', ')', ']':
			if len(open) == 0 {
				if c == '}' {
					return i, nil
				}
				return 0, fmt.Errorf("unbalanced brackets in the template sequence (%q closes nothing)", string(c))
			}
			if open[len(open)-1] != c {
				return 0, fmt.Errorf("unbalanced brackets in the template sequence (%q where %q is missing)", string(c), string(open[len(open)-1]))
			}
			open = open[:len(open)-1]
		}
	}
	return 0, fmt.Errorf("unclosed template sequence (no closing \"}\")")
}

// endQuote returns the index of the quote that ends a string literal
// starting at start, honouring backslash escapes and nested templates.
func endQuote(s string, start int) (int, error) {
	for i := start; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case s[i] == '"':
			return i, nil
		case (s[i] == '$' || s[i] == '%') && i+1 < len(s) && s[i+1] == '{' && (i == start || s[i-1] != s[i]):
			j, err := closing(s, i+2)
			if err != nil {
				return 0, err
			}
			i = j
		}
	}
	return 0, fmt.Errorf("unterminated string literal in the template sequence")
}

// CheckAll checks every string of a list prop, naming the element:
// "field[i]".
func CheckAll(field string, list []string) error {
	for i, s := range list {
		if err := Check(fmt.Sprintf("%s[%d]", field, i), s); err != nil {
			return err
		}
	}
	return nil
}
