package access

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions are the Terraform functions an interpolation may call here:
// enough for policies written with jsonencode (CDKTF's Fn.jsonencode) and
// the string helpers used around ARNs.
var functions = map[string]function.Function{
	"jsonencode": stdlib.JSONEncodeFunc,
	"join":       stdlib.JoinFunc,
	"format":     stdlib.FormatFunc,
	"lower":      stdlib.LowerFunc,
	"upper":      stdlib.UpperFunc,
	"replace":    stdlib.ReplaceFunc,
	"concat":     stdlib.ConcatFunc,
}

// evalExpr evaluates an interpolated HCL expression that is not a plain
// reference (e.g. jsonencode({...})), binding every reference it contains
// through s.reference. ok is false when it does not parse, calls another
// function, refers to something that cannot be bound or is not a string.
func (s *Stack) evalExpr(expr string, depth int) (string, bool) {
	e, diags := hclsyntax.ParseExpression([]byte(expr), "interpolation", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		return "", false
	}
	tree := map[string]any{}
	for _, tr := range e.Variables() {
		path, text, ok := traversalPath(tr)
		if !ok {
			return "", false
		}
		v, ok := s.reference(text, depth)
		if !ok {
			s.unresolved[text] = true
			return "", false
		}
		insert(tree, path, v)
	}
	vars := map[string]cty.Value{}
	for k, v := range tree {
		vars[k] = toCty(v)
	}
	val, diags := e.Value(&hcl.EvalContext{Variables: vars, Functions: functions})
	if diags.HasErrors() || !val.IsKnown() || val.IsNull() || val.Type() != cty.String {
		return "", false
	}
	return val.AsString(), true
}

// traversalPath turns a traversal into path steps (string attribute names
// or int indexes) and its text form, e.g. "aws_db_instance.db.master_user_secret[0].secret_arn".
func traversalPath(tr hcl.Traversal) ([]any, string, bool) {
	var path []any
	var b strings.Builder
	for _, step := range tr {
		switch st := step.(type) {
		case hcl.TraverseRoot:
			path = append(path, st.Name)
			b.WriteString(st.Name)
		case hcl.TraverseAttr:
			path = append(path, st.Name)
			b.WriteString("." + st.Name)
		case hcl.TraverseIndex:
			if st.Key.Type() != cty.Number {
				return nil, "", false
			}
			bf := st.Key.AsBigFloat()
			i, _ := bf.Int64()
			path = append(path, int(i))
			fmt.Fprintf(&b, "[%d]", i)
		default:
			return nil, "", false
		}
	}
	return path, b.String(), true
}

// insert puts v at path in a tree of map[string]any (attributes) and
// map[int]any (indexes).
func insert(node map[string]any, path []any, v string) {
	var cur any = node
	for i, step := range path {
		last := i == len(path)-1
		switch c := cur.(type) {
		case map[string]any:
			k, _ := step.(string)
			if last {
				c[k] = v
				return
			}
			if _, ok := c[k]; !ok {
				if _, idx := path[i+1].(int); idx {
					c[k] = map[int]any{}
				} else {
					c[k] = map[string]any{}
				}
			}
			cur = c[k]
		case map[int]any:
			k, _ := step.(int)
			if last {
				c[k] = v
				return
			}
			if _, ok := c[k]; !ok {
				c[k] = map[string]any{}
			}
			cur = c[k]
		default:
			return // a value and an object at the same path: keep the value
		}
	}
}

func toCty(v any) cty.Value {
	switch x := v.(type) {
	case string:
		return cty.StringVal(x)
	case map[string]any:
		m := map[string]cty.Value{}
		for k, e := range x {
			m[k] = toCty(e)
		}
		return cty.ObjectVal(m)
	case map[int]any:
		keys := make([]int, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Ints(keys)
		n := 0
		if len(keys) > 0 {
			n = keys[len(keys)-1] + 1
		}
		vals := make([]cty.Value, n)
		for i := range vals {
			if e, ok := x[i]; ok {
				vals[i] = toCty(e)
			} else {
				vals[i] = cty.StringVal("")
			}
		}
		return cty.TupleVal(vals)
	}
	return cty.NullVal(cty.String)
}

// interpolations finds the top-level ${...} spans in s (start of "${",
// index after the closing "}"), matching braces and skipping quoted
// strings inside the expression.
func interpolations(s string) [][2]int {
	var out [][2]int
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '$' || s[i+1] != '{' {
			continue
		}
		if end := closeBrace(s, i+2); end > 0 {
			out = append(out, [2]int{i, end + 1})
			i = end
		}
	}
	return out
}

// closeBrace returns the index of the "}" closing an expression that starts
// at j (just after "${" or "{"), or -1.
func closeBrace(s string, j int) int {
	depth := 1
	for ; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		case '"':
			// Skip a quoted string, including templates nested in it.
			for j++; j < len(s) && s[j] != '"'; j++ {
				switch {
				case s[j] == '\\':
					j++
				case s[j] == '$' && j+1 < len(s) && s[j+1] == '{':
					end := closeBrace(s, j+2)
					if end < 0 {
						return -1
					}
					j = end
				}
			}
		}
	}
	return -1
}
