package engine

import (
	"bytes"
	"encoding/json"

	"github.com/hashicorp/hcl/v2"

	"github.com/zclconf/go-cty/cty"
)

// Policy documents during evaluation: a data.aws_iam_policy_document is
// read by the AWS provider without calling AWS, so Terraform knows its
// json during plan as soon as its arguments are known. The evaluator does
// the same: once every argument of a document instance is known, its json
// and minified_json are known values (rendered as the provider renders
// them), and flow through locals, variables, module inputs and functions
// such as replace(), so the resource a module attaches it to is judged.

// policyDocType is the data source whose json evaluation computes.
const policyDocType = "aws_iam_policy_document"

// docStatement is one statement of a rendered document, in the provider's key order.
type docStatement struct {
	Sid           string         `json:"Sid,omitempty"`
	Effect        string         `json:"Effect,omitempty"`
	Action        any            `json:"Action,omitempty"`
	NotAction     any            `json:"NotAction,omitempty"`
	Resource      any            `json:"Resource,omitempty"`
	NotResource   any            `json:"NotResource,omitempty"`
	Principal     any            `json:"Principal,omitempty"`
	NotPrincipal  any            `json:"NotPrincipal,omitempty"`
	Condition     map[string]any `json:"Condition,omitempty"`
	fromStatement map[string]any // a statement taken from a source or override document, as decoded
}

// MarshalJSON writes a statement built from blocks in the provider's order,
// and one taken from another document as it was.
func (st docStatement) MarshalJSON() ([]byte, error) {
	if st.fromStatement != nil {
		return json.Marshal(st.fromStatement)
	}
	type plain docStatement
	return json.Marshal(plain(st))
}

func (st docStatement) sid() string {
	if st.fromStatement != nil {
		s, _ := st.fromStatement["Sid"].(string)
		return s
	}
	return st.Sid
}

// renderPolicyDocument renders the arguments of a data.aws_iam_policy_document
// (decoded from a wholly known cty value: plain strings, no templates) as
// the provider's json (indented) and minified_json. ok is false when the
// document cannot be rendered the way the provider would (a dynamic block
// left, a source or override document that is not a JSON policy).
func renderPolicyDocument(b map[string]any) (pretty, minified string, ok bool) {
	if _, dyn := b["dynamic"]; dyn {
		return "", "", false
	}
	var stmts []docStatement
	// merge adds statements: one with the Sid of an earlier one replaces it
	// (override documents, and the document's own statements over its sources).
	merge := func(add []docStatement) {
		for _, st := range add {
			replaced := false
			if sid := st.sid(); sid != "" {
				for i := range stmts {
					if stmts[i].sid() == sid {
						stmts[i], replaced = st, true
						break
					}
				}
			}
			if !replaced {
				stmts = append(stmts, st)
			}
		}
	}
	fromDocs := func(key string) bool {
		v, has := b[key]
		if !has || v == nil {
			return true
		}
		docs, isList := v.([]any)
		if s, isStr := v.(string); isStr { // source_json / override_json: one document
			docs, isList = []any{s}, true
		}
		if !isList {
			return false
		}
		for _, d := range docs {
			text, isStr := d.(string)
			if !isStr {
				return false
			}
			var doc map[string]any
			if json.Unmarshal([]byte(text), &doc) != nil {
				return false
			}
			var add []docStatement
			switch st := doc["Statement"].(type) {
			case []any:
				for _, x := range st {
					m, isObj := x.(map[string]any)
					if !isObj {
						return false
					}
					add = append(add, docStatement{fromStatement: m})
				}
			case map[string]any:
				add = append(add, docStatement{fromStatement: st})
			default:
				return false
			}
			merge(add)
		}
		return true
	}
	if !fromDocs("source_policy_documents") || !fromDocs("source_json") {
		return "", "", false
	}
	var own []docStatement
	switch sv := b["statement"].(type) {
	case nil:
	case []any, map[string]any:
		for _, sb := range Blocks(sv) {
			if _, dyn := sb["dynamic"]; dyn {
				return "", "", false
			}
			st := docStatement{Sid: Str(sb["sid"]), Effect: Str(sb["effect"])}
			if st.Effect == "" {
				st.Effect = "Allow"
			}
			st.Action = oneOrList(Strs(sb["actions"]))
			st.NotAction = oneOrList(Strs(sb["not_actions"]))
			st.Resource = oneOrList(Strs(sb["resources"]))
			st.NotResource = oneOrList(Strs(sb["not_resources"]))
			st.Principal = renderPrincipals(sb["principals"])
			st.NotPrincipal = renderPrincipals(sb["not_principals"])
			for _, c := range Blocks(sb["condition"]) {
				test, variable := Str(c["test"]), Str(c["variable"])
				if st.Condition == nil {
					st.Condition = map[string]any{}
				}
				byVar, _ := st.Condition[test].(map[string]any)
				if byVar == nil {
					byVar = map[string]any{}
					st.Condition[test] = byVar
				}
				vals := append(Strs(byVar[variable]), Strs(c["values"])...)
				byVar[variable] = oneOrList(vals)
			}
			own = append(own, st)
		}
	default:
		return "", "", false
	}
	merge(own)
	if !fromDocs("override_policy_documents") || !fromDocs("override_json") {
		return "", "", false
	}
	version := Str(b["version"])
	if version == "" {
		version = "2012-10-17"
	}
	doc := struct {
		Version   string         `json:"Version,omitempty"`
		ID        string         `json:"Id,omitempty"`
		Statement []docStatement `json:"Statement"`
	}{version, Str(b["policy_id"]), stmts}
	if doc.Statement == nil {
		doc.Statement = []docStatement{}
	}
	pb, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", "", false
	}
	var mb bytes.Buffer
	if json.Compact(&mb, pb) != nil {
		return "", "", false
	}
	return string(pb), mb.String(), true
}

// oneOrList is how the provider writes a set: a string when it has one
// element, a list otherwise, nothing when empty.
func oneOrList(v []string) any {
	switch len(v) {
	case 0:
		return nil
	case 1:
		return v[0]
	}
	return v
}

// renderPrincipals writes principals blocks: {"AWS": ..., "Service": ...},
// or "*" for type "*" with identifiers ["*"].
func renderPrincipals(v any) any {
	bl := Blocks(v)
	if len(bl) == 0 {
		return nil
	}
	out := map[string][]string{}
	var order []string
	for _, pb := range bl {
		t, ids := Str(pb["type"]), Strs(pb["identifiers"])
		if t == "*" && len(ids) == 1 && ids[0] == "*" && len(bl) == 1 {
			return "*"
		}
		if _, seen := out[t]; !seen {
			order = append(order, t)
		}
		out[t] = append(out[t], ids...)
	}
	m := make(map[string]any, len(out))
	for _, t := range order {
		m[t] = oneOrList(out[t])
	}
	return m
}

// policyDocValue is the value of one document instance whose arguments
// (the evaluated body) are wholly known: an object with json and
// minified_json; unknown otherwise.
func (ev *evaluator) policyDocValue(body map[string]any) cty.Value {
	args := make(map[string]any, len(body))
	for k, v := range body {
		switch k {
		case "//", "count", "for_each", "depends_on", "provider", "lifecycle":
			continue
		}
		args[k] = v
	}
	v := ev.value(args, nil)
	if !v.IsWhollyKnown() {
		return cty.DynamicVal
	}
	m, isObj := ctyToGo(v).(map[string]any)
	if !isObj {
		return cty.DynamicVal
	}
	pretty, minified, ok := renderPolicyDocument(m)
	if !ok {
		return cty.DynamicVal
	}
	return cty.ObjectVal(map[string]cty.Value{"json": cty.StringVal(pretty), "minified_json": cty.StringVal(minified)})
}

// setPolicyDocs computes the value of every data.aws_iam_policy_document
// from the current variables and locals (and the documents computed so
// far: a document may name another in source_policy_documents); it
// reports whether any value changed.
func (ev *evaluator) setPolicyDocs() bool {
	changed := false
	for round := 0; round < 8; round++ {
		roundChanged := false
		for _, r := range ev.s.Resources {
			if !r.Data || r.Type != policyDocType {
				continue
			}
			v := cty.DynamicVal
			keys, insts, ok := ev.instanceKeys(r.Body)
			if ok {
				v = ev.instancesValue(r.Body, keys, insts, func(body map[string]any, inst map[string]cty.Value) cty.Value {
					return ev.policyDocValue(ev.evalBody(body, inst, 0))
				})
			}
			if old, has := ev.docs[r.Name]; !has || !old.RawEquals(v) {
				if !has && v.RawEquals(cty.DynamicVal) {
					continue
				}
				ev.docs[r.Name] = v
				roundChanged = true
			}
		}
		if !roundChanged {
			break
		}
		changed = true
	}
	return changed
}

// instancesValue is the value Terraform gives a reference to an object
// with count or for_each: one value without them, a tuple of the instances
// with count, an object by key with for_each.
func (ev *evaluator) instancesValue(body map[string]any, keys []string, insts []map[string]cty.Value, one func(map[string]any, map[string]cty.Value) cty.Value) cty.Value {
	if c, has := body["count"]; has && c != nil {
		vals := make([]cty.Value, len(keys))
		for i := range keys {
			vals[i] = one(body, insts[i])
		}
		if len(vals) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(vals)
	}
	if fe, has := body["for_each"]; has && fe != nil {
		vals := make(map[string]cty.Value, len(keys))
		for i := range keys {
			vals[insts[i]["each"].GetAttr("key").AsString()] = one(body, insts[i])
		}
		if len(vals) == 0 {
			return cty.EmptyObjectVal
		}
		return cty.ObjectVal(vals)
	}
	return one(body, nil)
}

// dataValue is the value of the "data" root for the traversals of an
// expression: the computed policy documents where the traversal reads
// their json or minified_json, unknown for every other data source, type
// and attribute.
func (ev *evaluator) dataValue(trs []hcl.Traversal) cty.Value {
	types := map[string]map[string]cty.Value{}
	whole := map[string]bool{}
	for _, tr := range trs {
		typ, name, attr := dataNames(tr)
		switch {
		case typ == "":
			return cty.DynamicVal // data itself used as a value
		case name == "":
			whole[typ] = true
			continue
		}
		if types[typ] == nil {
			types[typ] = map[string]cty.Value{}
		}
		v, known := ev.docs[name]
		if typ != policyDocType || !known || (attr != "json" && attr != "minified_json") {
			v = cty.DynamicVal
		}
		if prev, seen := types[typ][name]; seen && prev.RawEquals(cty.DynamicVal) {
			continue
		}
		types[typ][name] = v
	}
	out := make(map[string]cty.Value, len(types)+len(whole))
	for t, names := range types {
		out[t] = cty.ObjectVal(names)
		if t != policyDocType {
			out[t] = cty.DynamicVal
		}
	}
	for t := range whole {
		out[t] = cty.DynamicVal
	}
	return cty.ObjectVal(out)
}

// dataNames returns the type, name and attribute a data traversal names
// (data.aws_iam_policy_document.p[0].json: the type, "p", "json"); empty
// where the traversal stops before them. One index after the name (an
// instance of count or for_each) is skipped.
func dataNames(tr hcl.Traversal) (typ, name, attr string) {
	var names []string
	for i, step := range tr {
		switch st := step.(type) {
		case hcl.TraverseRoot:
			continue
		case hcl.TraverseAttr:
			names = append(names, st.Name)
		case hcl.TraverseIndex:
			if len(names) == 2 && i == 3 {
				continue // the instance of data.type.name
			}
			if len(names) < 2 {
				if k := st.Key; k.Type() == cty.String && k.IsKnown() {
					names = append(names, k.AsString())
					continue
				}
			}
			return pad(names)
		default:
			return pad(names)
		}
		if len(names) == 3 {
			break
		}
	}
	return pad(names)
}

func pad(n []string) (string, string, string) {
	for len(n) < 3 {
		n = append(n, "")
	}
	return n[0], n[1], n[2]
}
