package guard

import (
	"errors"
	"strconv"
	"strings"
)

// parseJSONEncode decodes "jsonencode(<HCL object literal>)" into plain Go
// values (map[string]any, []any, string, float64, bool, nil). Expressions
// that are not literals (references, function calls) become "${expr}"
// strings, as they would appear in JSON. It is best effort: anything it does
// not understand is an error, and callers treat the policy as unknown.
func parseJSONEncode(expr string) (any, error) {
	expr = strings.TrimSpace(expr)
	if !strings.HasPrefix(expr, "jsonencode(") || !strings.HasSuffix(expr, ")") {
		return nil, errors.New("not a jsonencode call")
	}
	p := &hclParser{s: expr[len("jsonencode(") : len(expr)-1]}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.ws(true)
	if p.i != len(p.s) {
		return nil, errors.New("unexpected text after the value")
	}
	return v, nil
}

type hclParser struct {
	s string
	i int
}

var errHCL = errors.New("unsupported HCL expression")

// ws skips blanks and comments; newlines too when nl is set.
func (p *hclParser) ws(nl bool) {
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || (nl && c == '\n'):
			p.i++
		case c == '#' || strings.HasPrefix(p.s[p.i:], "//"):
			for p.i < len(p.s) && p.s[p.i] != '\n' {
				p.i++
			}
		case strings.HasPrefix(p.s[p.i:], "/*"):
			k := strings.Index(p.s[p.i+2:], "*/")
			if k < 0 {
				p.i = len(p.s)
				return
			}
			p.i += k + 4
		default:
			return
		}
	}
}

func (p *hclParser) value() (any, error) {
	p.ws(true)
	if p.i >= len(p.s) {
		return nil, errHCL
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.list()
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		j := p.i + 1
		for j < len(p.s) && strings.IndexByte("0123456789.eE+-", p.s[j]) >= 0 {
			j++
		}
		f, err := strconv.ParseFloat(p.s[p.i:j], 64)
		if err != nil {
			return nil, errHCL
		}
		p.i = j
		return f, nil
	}
	for _, kw := range []struct {
		w string
		v any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(p.s[p.i:], kw.w) && !p.identAt(p.i+len(kw.w)) {
			p.i += len(kw.w)
			return kw.v, nil
		}
	}
	return p.opaque()
}

func (p *hclParser) identAt(j int) bool {
	if j >= len(p.s) {
		return false
	}
	c := p.s[j]
	return c == '_' || c == '-' || c == '.' || c == '(' || c >= '0' && c <= '9' || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

// opaque reads a non-literal expression up to the next ',', newline, '}' or ']' at depth 0.
func (p *hclParser) opaque() (any, error) {
	start, depth := p.i, 0
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			end := skipString(p.s, p.i)
			if end < 0 {
				return nil, errHCL
			}
			p.i = end
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth == 0 {
				goto done
			}
			depth--
		case (c == ',' || c == '\n') && depth == 0:
			goto done
		}
		p.i++
	}
done:
	e := strings.TrimSpace(p.s[start:p.i])
	if e == "" {
		return nil, errHCL
	}
	return "${" + e + "}", nil
}

func (p *hclParser) str() (any, error) {
	end := skipString(p.s, p.i)
	if end < 0 {
		return nil, errHCL
	}
	raw := p.s[p.i+1 : end-1]
	p.i = end
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if (c == '$' || c == '%') && i+1 < len(raw) && raw[i+1] == '{' {
			k := matchBrace(raw, i+2)
			if k < 0 {
				return nil, errHCL
			}
			b.WriteString(raw[i : k+1])
			i = k
			continue
		}
		if c != '\\' || i+1 >= len(raw) {
			b.WriteByte(c)
			continue
		}
		i++
		switch raw[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'u':
			if i+4 < len(raw) {
				if n, err := strconv.ParseUint(raw[i+1:i+5], 16, 32); err == nil {
					b.WriteRune(rune(n))
					i += 4
					continue
				}
			}
			return nil, errHCL
		default:
			b.WriteByte(raw[i])
		}
	}
	return b.String(), nil
}

func (p *hclParser) list() (any, error) {
	p.i++
	out := []any{}
	for {
		p.ws(true)
		if p.i >= len(p.s) {
			return nil, errHCL
		}
		if p.s[p.i] == ']' {
			p.i++
			return out, nil
		}
		if strings.HasPrefix(p.s[p.i:], "for ") {
			return nil, errHCL
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.ws(true)
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		} else if p.i < len(p.s) && p.s[p.i] != ']' {
			return nil, errHCL
		}
	}
}

func (p *hclParser) object() (any, error) {
	p.i++
	out := map[string]any{}
	for {
		p.ws(true)
		if p.i >= len(p.s) {
			return nil, errHCL
		}
		if p.s[p.i] == '}' {
			p.i++
			return out, nil
		}
		if strings.HasPrefix(p.s[p.i:], "for ") {
			return nil, errHCL
		}
		var key string
		switch c := p.s[p.i]; {
		case c == '"':
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			key = k.(string)
		case c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z':
			j := p.i
			for j < len(p.s) && (p.s[j] == '_' || p.s[j] == '-' || p.s[j] >= '0' && p.s[j] <= '9' || (p.s[j]|0x20) >= 'a' && (p.s[j]|0x20) <= 'z') {
				j++
			}
			key = p.s[p.i:j]
			p.i = j
		default:
			return nil, errHCL
		}
		p.ws(false)
		if p.i >= len(p.s) || (p.s[p.i] != '=' && p.s[p.i] != ':') {
			return nil, errHCL
		}
		p.i++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out[key] = v
		p.ws(false)
		if p.i < len(p.s) && (p.s[p.i] == ',' || p.s[p.i] == '\n') {
			p.i++
		} else if p.i < len(p.s) && p.s[p.i] != '}' {
			return nil, errHCL
		}
	}
}
