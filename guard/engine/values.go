package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// Map returns v as an object, or nil.
func Map(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// List returns v as a list; a single object becomes a one-element list.
func List(v any) []any {
	switch t := v.(type) {
	case []any:
		return t
	case nil:
		return nil
	default:
		return []any{t}
	}
}

// Blocks returns the nested blocks under v: cdktf writes single blocks as an
// object and repeated blocks as a list; Terraform JSON accepts both.
func Blocks(v any) []map[string]any {
	var out []map[string]any
	for _, e := range List(v) {
		if m := Map(e); m != nil {
			out = append(out, m)
		}
	}
	return out
}

// FirstObject returns v if it is an object, or the first object of a list.
func FirstObject(v any) map[string]any {
	if m := Map(v); m != nil {
		return m
	}
	for _, e := range List(v) {
		if m := Map(e); m != nil {
			return m
		}
	}
	return nil
}

// Str returns v as text: strings as is, numbers and booleans formatted, anything else "".
func Str(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case bool:
		return strconv.FormatBool(t)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case int:
		return strconv.Itoa(t)
	}
	return ""
}

// Strs returns v as a list of texts (a single value becomes one element).
func Strs(v any) []string {
	var out []string
	for _, e := range List(v) {
		if s := Str(e); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Tri is a three-valued boolean: a value, or unknown when set by an expression.
type Tri int

// The values of a Tri.
const (
	// Unset: the attribute is absent or null.
	Unset Tri = iota
	// True: a literal true.
	True
	// False: a literal false.
	False
	// Unknown: set by an expression whose value is not known.
	Unknown
)

// Bool reads a boolean attribute: true/false literals, "true"/"false"
// strings; an interpolation is unknown.
func Bool(v any) Tri {
	switch t := v.(type) {
	case nil:
		return Unset
	case bool:
		if t {
			return True
		}
		return False
	case string:
		switch strings.ToLower(strings.TrimSpace(t)) {
		case "true", "${true}":
			return True
		case "false", "${false}":
			return False
		case "":
			return Unset
		}
		return Unknown
	}
	return Unknown
}

// Int reads a number attribute; ok is false when it is not a literal number.
func Int(v any) (int, bool) {
	switch t := v.(type) {
	case float64:
		return int(t), true
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(t))
		return n, err == nil
	}
	return 0, false
}

// Attr reads a dotted path through objects and single-element block lists.
func Attr(body map[string]any, path string) any {
	var cur any = body
	for _, part := range strings.Split(path, ".") {
		m := FirstObject(cur)
		if m == nil {
			return nil
		}
		cur = m[part]
	}
	return cur
}

// Quote formats a value for a message.
func Quote(v any) string { return fmt.Sprintf("%q", Str(v)) }
