package guard

import (
	"strings"
)

// interp is one "${...}" (or "%{...}" directive) inside a Terraform template string.
type interp struct {
	start, end int    // s[start:end] is the whole "${...}"
	expr       string // the text between the braces
}

// interps finds the top-level interpolations of a template string. "$${" and
// "%%{" are escapes and are skipped. An unterminated "${" ends the scan.
func interps(s string) []interp {
	var out []interp
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '$' || s[i] == '%') && i+2 < len(s) && s[i+1] == s[i] && s[i+2] == '{' {
			i += 2
			continue
		}
		if (s[i] == '$' || s[i] == '%') && s[i+1] == '{' {
			end := matchBrace(s, i+2)
			if end < 0 {
				return out
			}
			out = append(out, interp{start: i, end: end + 1, expr: s[i+2 : end]})
			i = end
		}
	}
	return out
}

// matchBrace returns the index of the '}' closing a brace opened just before
// j, skipping nested braces and quoted strings, or -1.
func matchBrace(s string, j int) int {
	depth := 1
	for j < len(s) {
		switch s[j] {
		case '"':
			j = skipString(s, j)
			if j < 0 {
				return -1
			}
			continue
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
		j++
	}
	return -1
}

// skipString returns the index just after the quoted string starting at s[j] == '"', or -1.
func skipString(s string, j int) int {
	j++
	for j < len(s) {
		switch {
		case s[j] == '\\':
			j += 2
		case s[j] == '"':
			return j + 1
		case (s[j] == '$' || s[j] == '%') && j+2 < len(s) && s[j+1] == s[j] && s[j+2] == '{':
			j += 3
		case (s[j] == '$' || s[j] == '%') && j+1 < len(s) && s[j+1] == '{':
			k := matchBrace(s, j+2)
			if k < 0 {
				return -1
			}
			j = k + 1
		default:
			j++
		}
	}
	return -1
}

// hasInterp reports whether s contains a "${...}".
func hasInterp(s string) bool { return len(interps(s)) > 0 }

// singleInterp returns the expression when s is exactly one "${...}".
func singleInterp(s string) (string, bool) {
	is := interps(s)
	if len(is) == 1 && is[0].start == 0 && is[0].end == len(s) && s[0] == '$' {
		return strings.TrimSpace(is[0].expr), true
	}
	return "", false
}

// ref is one reference found in an expression.
type ref struct {
	// Addr is the referenced object: "aws_s3_bucket.logs", "data.aws_region.r",
	// "local.x", "var.x", "module.m".
	Addr string
	// Attr is the first attribute after the address ("arn"), if any.
	Attr string
}

// nonResourceRoots are traversal roots that are not resource types.
var nonResourceRoots = map[string]bool{
	"path": true, "terraform": true, "count": true, "each": true, "self": true,
	"null": true, "true": true, "false": true, "for": true, "in": true, "if": true,
	"else": true, "endif": true, "endfor": true,
}

// refsInString returns every reference in every interpolation of s.
func refsInString(s string) []ref {
	var out []ref
	for _, in := range interps(s) {
		out = append(out, refsInExpr(in.expr)...)
	}
	return out
}

// refsInExpr extracts the references of a Terraform expression. It skips
// function names, string literal text (but not interpolations inside it),
// object keys without dots, and "for" loop variables.
func refsInExpr(e string) []ref {
	var trav [][]string
	loopVars := map[string]bool{}
	isIdentStart := func(c byte) bool { return c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z' }
	isIdent := func(c byte) bool { return isIdentStart(c) || c == '-' || (c >= '0' && c <= '9') }
	var out []ref
	prevFor := false
	for i := 0; i < len(e); {
		c := e[i]
		switch {
		case c == '"':
			end := skipString(e, i)
			if end < 0 {
				end = len(e)
			}
			out = append(out, refsInString(e[i+1:max(i+1, end-1)])...)
			i = end
		case c >= '0' && c <= '9':
			for i < len(e) && (isIdent(e[i]) || e[i] == '.') {
				i++
			}
		case c == '.':
			// attribute of an expression that is not a plain traversal root
			i++
			for i < len(e) && isIdent(e[i]) {
				i++
			}
		case isIdentStart(c):
			var parts []string
			for {
				j := i
				for j < len(e) && isIdent(e[j]) {
					j++
				}
				parts = append(parts, e[i:j])
				i = j
				// skip [index] and splat parts
				for i < len(e) && e[i] == '[' {
					k := strings.IndexByte(e[i:], ']')
					if k < 0 {
						break
					}
					i += k + 1
				}
				if i+1 < len(e) && e[i] == '.' && isIdentStart(e[i+1]) {
					i++
					continue
				}
				if i+1 < len(e) && e[i] == '.' && e[i+1] == '*' {
					i += 2
					continue
				}
				break
			}
			if i < len(e) && e[i] == '(' && len(parts) == 1 {
				prevFor = false
				continue // function call
			}
			if prevFor {
				if parts[0] == "in" {
					prevFor = false
				} else {
					loopVars[parts[0]] = true
				}
				continue
			}
			if parts[0] == "for" {
				prevFor = true
				continue
			}
			trav = append(trav, parts)
		default:
			i++
		}
	}
	for _, p := range trav {
		root := p[0]
		if loopVars[root] || nonResourceRoots[root] {
			continue
		}
		switch root {
		case "data":
			if len(p) >= 3 {
				r := ref{Addr: "data." + p[1] + "." + p[2]}
				if len(p) >= 4 {
					r.Attr = p[3]
				}
				out = append(out, r)
			}
		case "var", "local", "module":
			if len(p) >= 2 {
				r := ref{Addr: root + "." + p[1]}
				if len(p) >= 3 {
					r.Attr = p[2]
				}
				out = append(out, r)
			}
		default:
			if len(p) >= 2 && strings.Contains(root, "_") {
				r := ref{Addr: root + "." + p[1]}
				if len(p) >= 3 {
					r.Attr = p[2]
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// nondeterministicCall returns "timestamp()", "plantimestamp()", "uuid()"
// or "bcrypt()" when s calls that function in an interpolation, else "".
func nondeterministicCall(s string) string {
	for _, in := range interps(s) {
		e := stripStrings(in.expr)
		for _, fn := range []string{"plantimestamp", "timestamp", "uuid", "bcrypt"} {
			idx := 0
			for {
				k := strings.Index(e[idx:], fn)
				if k < 0 {
					break
				}
				k += idx
				before := byte(' ')
				if k > 0 {
					before = e[k-1]
				}
				after := strings.TrimLeft(e[k+len(fn):], " \t")
				isWordStart := !(before == '_' || before == '.' || before >= 'a' && before <= 'z' || before >= 'A' && before <= 'Z' || before >= '0' && before <= '9')
				if isWordStart && strings.HasPrefix(after, "(") {
					return fn + "()"
				}
				idx = k + len(fn)
			}
		}
		for _, nested := range stringInterps(in.expr) {
			if f := nondeterministicCall(nested); f != "" {
				return f
			}
		}
	}
	return ""
}

// stripStrings blanks the content of quoted strings in an expression.
func stripStrings(e string) string {
	var b strings.Builder
	for i := 0; i < len(e); {
		if e[i] == '"' {
			end := skipString(e, i)
			if end < 0 {
				end = len(e)
			}
			b.WriteString(`""`)
			i = end
			continue
		}
		b.WriteByte(e[i])
		i++
	}
	return b.String()
}

// stringInterps returns the string literals of an expression (to search their interpolations).
func stringInterps(e string) []string {
	var out []string
	for i := 0; i < len(e); {
		if e[i] == '"' {
			end := skipString(e, i)
			if end < 0 {
				end = len(e)
			}
			out = append(out, e[i+1:max(i+1, end-1)])
			i = end
			continue
		}
		i++
	}
	return out
}
