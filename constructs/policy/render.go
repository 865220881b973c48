package policy

import (
	"bytes"
	"encoding/json"
	"sort"
)

// JSON validates the document and renders it deterministically:
// statements in the given order, keys in the order Sid, Effect, Principal,
// Action, NotAction, Resource, NotResource, Condition; actions, resources,
// principal identifiers and condition values always as lists in the given
// order (duplicates dropped); principal types, condition operators and keys
// sorted. Terraform references and CDKTF tokens are kept verbatim.
func (d Document) JSON() (string, error) {
	if err := d.Validate(); err != nil {
		return "", err
	}
	stmts := make([]ordered, len(d.Statements))
	for i, s := range d.Statements {
		stmts[i] = s.render()
	}
	doc := ordered{{"Version", Version}, {"Statement", stmts}}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return "", err
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n")), nil
}

// MustJSON is JSON for documents built in code, where an invalid document is
// a programming error: it panics with the validation error.
func (d Document) MustJSON() string {
	s, err := d.JSON()
	if err != nil {
		panic(err)
	}
	return s
}

func (s Statement) render() ordered {
	var o ordered
	if s.Sid != "" {
		o = append(o, kv{"Sid", s.Sid})
	}
	o = append(o, kv{"Effect", string(s.effect())})
	if p := renderPrincipals(s.Principals); p != nil {
		o = append(o, kv{"Principal", p})
	}
	o = appendList(o, "Action", s.Actions)
	o = appendList(o, "NotAction", s.NotActions)
	o = appendList(o, "Resource", s.Resources)
	o = appendList(o, "NotResource", s.NotResources)
	if c := renderConditions(s.Conditions); c != nil {
		o = append(o, kv{"Condition", c})
	}
	return o
}

func appendList(o ordered, key string, list []string) ordered {
	if len(list) == 0 {
		return o
	}
	return append(o, kv{key, dedupe(nil, list)})
}

func renderPrincipals(ps []Principal) any {
	if len(ps) == 0 {
		return nil
	}
	byType := map[string][]string{}
	for _, p := range ps {
		if p.Type == PrincipalAnyone {
			return "*"
		}
		byType[p.Type] = dedupe(byType[p.Type], p.Identifiers)
	}
	return sortedMap(byType)
}

func renderConditions(cs []Condition) any {
	if len(cs) == 0 {
		return nil
	}
	byOp := map[string]map[string][]string{}
	for _, c := range cs {
		if byOp[c.Operator] == nil {
			byOp[c.Operator] = map[string][]string{}
		}
		byOp[c.Operator][c.Key] = dedupe(byOp[c.Operator][c.Key], c.Values)
	}
	ops := make([]string, 0, len(byOp))
	for op := range byOp {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	out := make(ordered, 0, len(ops))
	for _, op := range ops {
		out = append(out, kv{op, sortedMap(byOp[op])})
	}
	return out
}

// dedupe appends the values of add not already in dst, keeping order.
func dedupe(dst, add []string) []string {
	out := append([]string{}, dst...)
	for _, v := range add {
		found := false
		for _, have := range out {
			if have == v {
				found = true
				break
			}
		}
		if !found {
			out = append(out, v)
		}
	}
	return out
}

func sortedMap(m map[string][]string) ordered {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(ordered, 0, len(keys))
	for _, k := range keys {
		out = append(out, kv{k, m[k]})
	}
	return out
}

// ordered is a JSON object whose keys keep their insertion order.
type ordered []kv

type kv struct {
	key   string
	value any
}

// MarshalJSON writes the object with keys in order.
func (o ordered) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := encode(&buf, e.key); err != nil {
			return nil, err
		}
		buf.WriteByte(':')
		if err := encode(&buf, e.value); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func encode(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // drop the encoder's newline
	return nil
}
