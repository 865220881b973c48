package engine

import (
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Rules see every value in the Terraform JSON form: map[string]any for
// objects and blocks, []any for lists and repeated blocks, string (a
// template when it holds "${...}"), float64, bool, nil. Native-syntax
// expressions that are not literal become "${<source>}" strings, and
// templates keep their source text, so both syntaxes read the same.

// ctyToGo converts a known cty value to the JSON form.
func ctyToGo(v cty.Value) any {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		if bf := v.AsBigFloat(); bf.IsInt() {
			if i, acc := bf.Int64(); acc == big.Exact {
				return float64(i)
			}
		}
		return f
	case t == cty.Bool:
		return v.True()
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, ctyToGo(e))
		}
		return out
	case t.IsMapType() || t.IsObjectType():
		out := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = ctyToGo(e)
		}
		return out
	}
	return nil
}

// srcText returns the source of range r in src, whose first byte is at offset off.
func srcText(src []byte, r hcl.Range, off int) string {
	s, e := r.Start.Byte-off, r.End.Byte-off
	if s < 0 || e > len(src) || s > e {
		return ""
	}
	return string(src[s:e])
}

// rebuildTemplate writes a quoted string or heredoc template in the JSON
// form: literal text decoded (escapes applied, "${" and "%{" escaped again
// as "$${" and "%%{"), interpolations as "${<source>}". ok is false when a
// part comes from a directive (%{if}, %{for}), which is then kept as source.
func rebuildTemplate(x *hclsyntax.TemplateExpr, src []byte, off int) (string, bool) {
	var b strings.Builder
	for _, part := range x.Parts {
		if lit, isLit := part.(*hclsyntax.LiteralValueExpr); isLit {
			v := ctyToGo(lit.Val)
			text, _ := v.(string)
			text = strings.ReplaceAll(text, "${", "$${")
			text = strings.ReplaceAll(text, "%{", "%%{")
			b.WriteString(text)
			continue
		}
		start := part.Range().Start.Byte - off
		if start < 0 || start > len(src) {
			return "", false
		}
		before := strings.TrimRight(string(src[max(0, start-64):max(0, start)]), " \t\n\r~")
		if !strings.HasSuffix(before, "${") {
			return "", false
		}
		b.WriteString("${" + srcText(src, part.Range(), off) + "}")
	}
	return b.String(), true
}

// nativeValue converts a native-syntax expression to the JSON form. src
// holds the file (or expression) text, whose first byte is at offset off.
func nativeValue(e hclsyntax.Expression, src []byte, off int) any {
	switch x := e.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return "${" + srcText(src, x.Wrapped.Range(), off) + "}"
	case *hclsyntax.TemplateExpr:
		if t, ok := rebuildTemplate(x, src, off); ok {
			return t
		}
		text := srcText(src, x.SrcRange, off)
		if len(text) >= 2 && text[0] == '"' && text[len(text)-1] == '"' {
			return text[1 : len(text)-1]
		}
		return "${" + text + "}" // a heredoc with directives
	case *hclsyntax.TupleConsExpr:
		out := make([]any, 0, len(x.Exprs))
		for _, el := range x.Exprs {
			out = append(out, nativeValue(el, src, off))
		}
		return out
	case *hclsyntax.ObjectConsExpr:
		out := make(map[string]any, len(x.Items))
		for _, it := range x.Items {
			k := ""
			if kw := hcl.ExprAsKeyword(it.KeyExpr); kw != "" {
				k = kw
			} else {
				k = Str(nativeValue(it.KeyExpr, src, off))
			}
			out[k] = nativeValue(it.ValueExpr, src, off)
		}
		return out
	case *hclsyntax.ObjectConsKeyExpr:
		return nativeValue(x.Wrapped, src, off)
	case *hclsyntax.ParenthesesExpr:
		return nativeValue(x.Expression, src, off)
	}
	if v, diags := e.Value(nil); !diags.HasErrors() && v.IsWhollyKnown() {
		return ctyToGo(v)
	}
	return "${" + srcText(src, e.Range(), off) + "}"
}
