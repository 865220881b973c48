package engine

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Expressions are kept the way Terraform JSON writes them: a string is a
// template ("${aws_s3_bucket.b.id}", "arn:${data.aws_partition.p.partition}:s3")
// parsed with hcl/v2's native template parser; native-syntax attributes are
// converted to the same form when a file is loaded (see convert.go).

// Interp is one "${...}" (or "%{...}" directive) inside a template string.
type Interp struct {
	// Start and End delimit it: s[Start:End] is the whole "${...}".
	Start, End int
	// Expr is the expression between the braces, trimmed.
	Expr string
}

// template is a parsed template string.
type template struct {
	// expr is the parsed template; nil when s has no interpolation or does not parse.
	expr hclsyntax.Expression
	// interps are the spans of the interpolations and directives.
	interps []Interp
	// diags are the parse errors.
	diags hcl.Diagnostics
}

// mayInterpolate reports whether s can contain an interpolation or directive.
func mayInterpolate(s string) bool {
	return strings.Contains(s, "${") || strings.Contains(s, "%{")
}

// parseTemplate parses s as a Terraform template. Positions in diagnostics
// start at start (the first character of the string's content).
func parseTemplate(s, filename string, start hcl.Pos) template {
	if !mayInterpolate(s) {
		return template{}
	}
	e, diags := hclsyntax.ParseTemplate([]byte(s), filename, start)
	if diags.HasErrors() {
		return template{diags: diags}
	}
	t := template{expr: e}
	off := start.Byte
	switch x := e.(type) {
	case *hclsyntax.TemplateWrapExpr:
		t.interps = []Interp{{Start: 0, End: len(s), Expr: strings.TrimSpace(s[x.Wrapped.Range().Start.Byte-off : x.Wrapped.Range().End.Byte-off])}}
	case *hclsyntax.TemplateExpr:
		// Literal parts have exact ranges; what lies between them is
		// interpolations and directives.
		prev := 0
		parts := x.Parts
		for i := 0; i < len(parts); i++ {
			if _, lit := parts[i].(*hclsyntax.LiteralValueExpr); lit {
				prev = parts[i].Range().End.Byte - off
				continue
			}
			j := i
			for j+1 < len(parts) {
				if _, lit := parts[j+1].(*hclsyntax.LiteralValueExpr); lit {
					break
				}
				j++
			}
			gapEnd := len(s)
			if j+1 < len(parts) {
				gapEnd = parts[j+1].Range().Start.Byte - off
			}
			t.interps = append(t.interps, splitGap(s, prev, gapEnd, parts[i:j+1], off)...)
			prev = gapEnd
			i = j
		}
	}
	return t
}

// splitGap splits s[from:to], which holds the non-literal template parts ps,
// into one interp per part when each is a "${...}"; otherwise (directives)
// the whole gap is one span.
func splitGap(s string, from, to int, ps []hclsyntax.Expression, off int) []Interp {
	var out []Interp
	pos := from
	for _, p := range ps {
		r := p.Range()
		ps, pe := r.Start.Byte-off, r.End.Byte-off
		if ps < pos || pe > to || !strings.HasPrefix(s[pos:], "${") {
			return []Interp{{Start: from, End: to, Expr: strings.TrimSpace(s[from:to])}}
		}
		k := strings.IndexByte(s[pe:to], '}')
		if k < 0 {
			return []Interp{{Start: from, End: to, Expr: strings.TrimSpace(s[from:to])}}
		}
		out = append(out, Interp{Start: pos, End: pe + k + 1, Expr: strings.TrimSpace(s[ps:pe])})
		pos = pe + k + 1
	}
	if pos != to {
		return []Interp{{Start: from, End: to, Expr: strings.TrimSpace(s[from:to])}}
	}
	return out
}

// Interps finds the top-level interpolations of a template string ("$${"
// is an escape). A string that does not parse has none.
func Interps(s string) []Interp {
	if i := templateInfo(nil, s); i != nil {
		return i.interps
	}
	return nil
}

// HasInterp reports whether s contains a "${...}" or "%{...}".
func HasInterp(s string) bool { return len(Interps(s)) > 0 }

// SingleInterp returns the expression when s is exactly one "${...}".
func SingleInterp(s string) (string, bool) {
	if !strings.HasPrefix(s, "${") {
		return "", false
	}
	if i := templateInfo(nil, s); i != nil && i.wrap {
		return i.interps[0].Expr, true
	}
	return "", false
}

// Ref is one reference found in an expression.
type Ref struct {
	// Addr is the referenced object: "aws_s3_bucket.logs", "data.aws_region.r",
	// "local.x", "var.x", "module.m", "each.value".
	Addr string
	// Attr is the first attribute after the address ("arn"), if any.
	Attr string
}

// nonResourceRoots are traversal roots that are not resource types.
var nonResourceRoots = map[string]bool{"path": true, "terraform": true, "count": true, "self": true}

// refsOf returns the references of the traversals of a parsed expression:
// resources (also written with Terraform's "resource." prefix), data
// sources, locals, variables, modules and each.key/each.value. Loop
// variables of for expressions and function names are not references.
func refsOf(e hcl.Expression) []Ref {
	if e == nil {
		return nil
	}
	var out []Ref
	for _, tr := range e.Variables() {
		if r, ok := refOfTraversal(tr); ok {
			out = append(out, r)
		}
	}
	return out
}

// refOfTraversal classifies one absolute traversal.
func refOfTraversal(tr hcl.Traversal) (Ref, bool) {
	var parts []string
	for _, step := range tr {
		switch st := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, st.Name)
		case hcl.TraverseAttr:
			parts = append(parts, st.Name)
		}
	}
	if len(parts) == 0 || nonResourceRoots[parts[0]] {
		return Ref{}, false
	}
	attr := func(i int) string {
		if i < len(parts) {
			return parts[i]
		}
		return ""
	}
	switch parts[0] {
	case "data":
		if len(parts) >= 3 {
			return Ref{Addr: "data." + parts[1] + "." + parts[2], Attr: attr(3)}, true
		}
	case "var", "local", "module", "each":
		if len(parts) >= 2 {
			return Ref{Addr: parts[0] + "." + parts[1], Attr: attr(2)}, true
		}
	case "resource":
		if len(parts) >= 3 {
			return Ref{Addr: parts[1] + "." + parts[2], Attr: attr(3)}, true
		}
	default:
		if len(parts) >= 2 && strings.Contains(parts[0], "_") {
			return Ref{Addr: parts[0] + "." + parts[1], Attr: attr(2)}, true
		}
	}
	return Ref{}, false
}

// RefsInString returns every reference in the template s.
func RefsInString(s string) []Ref {
	if i := templateInfo(nil, s); i != nil {
		return i.refs
	}
	return nil
}

// RefsInExpr extracts the references of a Terraform expression (the text
// between "${" and "}"); depends_on entries are such expressions.
func RefsInExpr(e string) []Ref {
	x, diags := hclsyntax.ParseExpression([]byte(e), "", hcl.InitialPos)
	if diags.HasErrors() {
		return nil
	}
	return refsOf(x)
}

// NondeterministicCall returns "timestamp()", "plantimestamp()", "uuid()"
// or "bcrypt()" when s calls that function in an interpolation, else "".
func NondeterministicCall(s string) string {
	if i := templateInfo(nil, s); i != nil {
		return i.nondet
	}
	return ""
}

// nondetCall is NondeterministicCall of a parsed template.
func nondetCall(e hclsyntax.Expression) string {
	found := ""
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if c, ok := n.(*hclsyntax.FunctionCallExpr); ok && found == "" {
			switch c.Name {
			case "timestamp", "plantimestamp", "uuid", "bcrypt":
				found = c.Name + "()"
			}
		}
		return nil
	})
	return found
}

// ParseJSONEncode decodes "jsonencode(<HCL value>)" into plain Go values
// (map[string]any, []any, string, float64, bool, nil). Parts that are not
// literals (references, function calls) become "${expr}" strings, as they
// would appear in JSON.
func ParseJSONEncode(expr string) (any, error) {
	src := []byte(strings.TrimSpace(expr))
	e, diags := hclsyntax.ParseExpression(src, "", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diags
	}
	call, ok := e.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "jsonencode" || len(call.Args) != 1 || call.ExpandFinal {
		return nil, errNotJSONEncode
	}
	return nativeValue(call.Args[0], src, 0), nil
}

type exprError string

func (e exprError) Error() string { return string(e) }

const errNotJSONEncode = exprError("not a jsonencode call with one argument")
