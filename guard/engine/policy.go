package engine

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
)

// Policy is an IAM, KMS key or bucket policy in a normalized form.
type Policy struct {
	// Statements in document order (source documents first for data sources).
	Statements []Statement
}

// Statement is one policy statement. Principal "*" is stored as Principals{"*": {"*"}}.
type Statement struct {
	// Sid is the statement id, "" when absent.
	Sid string
	// Effect is "Allow" or "Deny" (data source statements default to Allow).
	Effect string
	// Principals maps a principal type ("AWS", "Service", "Federated", "*") to its identifiers.
	Principals map[string][]string
	// NotPrincipals is NotPrincipal in the same form.
	NotPrincipals map[string][]string
	// Actions, NotActions, Resources and NotResources are as written (tokens stay ${...}).
	Actions, NotActions, Resources, NotResources []string
	// Conditions are flattened operator/key/values triples, sorted by operator then key.
	Conditions []Condition
	// Index is the statement's 1-based position, for messages.
	Index int
}

// Condition is one operator/key/values triple, e.g. StringEquals aws:SourceArn [arn...].
type Condition struct {
	// Operator is the condition operator ("StringEquals", "ArnLike", "Bool", ...).
	Operator string
	// Key is the condition key ("aws:SourceArn").
	Key string
	// Values are the values as text (JSON booleans become "true"/"false").
	Values []string
}

// Policy decodes a policy attribute value: a JSON string (possibly with
// ${...} interpolations), a reference to a data.aws_iam_policy_document's
// json, or ${jsonencode({...})}. ok is false when the policy cannot be
// decoded; rules must then stay silent rather than guess.
func (s *Stack) Policy(v any) (*Policy, bool) { return s.policy(v, 0) }

func (s *Stack) policy(v any, depth int) (*Policy, bool) {
	if depth > 5 {
		return nil, false
	}
	if m := Map(v); m != nil { // already decoded JSON (rare)
		return policyFromJSON(m)
	}
	text := Str(v)
	if strings.TrimSpace(text) == "" {
		return nil, false
	}
	if e, ok := SingleInterp(text); ok {
		if strings.HasPrefix(e, "jsonencode(") {
			val, err := ParseJSONEncode(e)
			if err != nil {
				return nil, false
			}
			return policyFromJSON(Map(val))
		}
		if r, attr := s.Target(text); r != nil && r.Data && r.Type == "aws_iam_policy_document" && (attr == "json" || attr == "minified_json") {
			return s.policyDocument(r, depth)
		}
		if r, attr := s.Target(text); r != nil && attr == "policy" {
			return s.policy(r.Body["policy"], depth+1)
		}
		if lit := s.Resolve(text); lit != text {
			return s.policy(lit, depth+1)
		}
		return nil, false
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		// An interpolation outside a JSON string ("Statement": ${...}) cannot be decoded.
		return nil, false
	}
	return policyFromJSON(m)
}

// policyFromJSON normalizes a policy document in IAM JSON form.
func policyFromJSON(m map[string]any) (*Policy, bool) {
	if m == nil {
		return nil, false
	}
	st, ok := m["Statement"]
	if !ok {
		return nil, false
	}
	p := &Policy{}
	for _, e := range List(st) {
		sm := Map(e)
		if sm == nil {
			return nil, false
		}
		stmt := Statement{
			Sid:          Str(sm["Sid"]),
			Effect:       Str(sm["Effect"]),
			Actions:      Strs(sm["Action"]),
			NotActions:   Strs(sm["NotAction"]),
			Resources:    Strs(sm["Resource"]),
			NotResources: Strs(sm["NotResource"]),
		}
		stmt.Index = len(p.Statements) + 1
		stmt.Principals = principalsFromJSON(sm["Principal"])
		stmt.NotPrincipals = principalsFromJSON(sm["NotPrincipal"])
		ops := Map(sm["Condition"])
		for _, op := range SortedKeys(ops) {
			keys := Map(ops[op])
			for _, k := range SortedKeys(keys) {
				stmt.Conditions = append(stmt.Conditions, Condition{Operator: op, Key: k, Values: Strs(keys[k])})
			}
		}
		p.Statements = append(p.Statements, stmt)
	}
	return p, true
}

func principalsFromJSON(v any) map[string][]string {
	if v == nil {
		return nil
	}
	if s, ok := v.(string); ok {
		return map[string][]string{s: {s}}
	}
	out := map[string][]string{}
	for k, vals := range Map(v) {
		out[k] = append(out[k], Strs(vals)...)
	}
	return out
}

// PolicyDocument decodes a data.aws_iam_policy_document r, including its
// source_policy_documents and override_policy_documents. ok is false when
// it cannot be decoded (dynamic blocks, unknown documents).
func (s *Stack) PolicyDocument(r *Resource) (*Policy, bool) { return s.policyDocument(r, 0) }

// policyDocument converts a data.aws_iam_policy_document body, including its
// source_policy_documents and override_policy_documents.
func (s *Stack) policyDocument(r *Resource, depth int) (*Policy, bool) {
	b := r.Body
	if _, dyn := b["dynamic"]; dyn {
		return nil, false
	}
	p := &Policy{}
	// merge adds statements as the provider does: one with the Sid of an
	// earlier one takes its place (the document's own statements over its
	// sources, override documents over both); renderPolicyDocument, which
	// writes the document's json, merges the same way (the provider's
	// arguments source_policy_documents and override_policy_documents:
	// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document).
	// A statement of the document's own is numbered by its place in the
	// result; one from another document keeps its number there.
	merge := func(add []Statement, own bool) {
		for _, st := range add {
			i := -1
			if st.Sid != "" {
				i = slices.IndexFunc(p.Statements, func(x Statement) bool { return x.Sid == st.Sid })
			}
			if i < 0 {
				i = len(p.Statements)
				p.Statements = append(p.Statements, Statement{})
			}
			if own {
				st.Index = i + 1
			}
			p.Statements[i] = st
		}
	}
	for _, key := range []string{"source_policy_documents", "source_json"} {
		for _, src := range Strs(b[key]) {
			sp, ok := s.policy(src, depth+1)
			if !ok {
				return nil, false
			}
			merge(sp.Statements, false)
		}
	}
	if _, ok := b["statement"].(string); ok { // a whole list given as one expression
		return nil, false
	}
	var own []Statement
	for _, sb := range Blocks(b["statement"]) {
		if _, dyn := sb["dynamic"]; dyn {
			return nil, false
		}
		stmt := Statement{
			Sid:          Str(sb["sid"]),
			Effect:       Str(sb["effect"]),
			Actions:      Strs(sb["actions"]),
			NotActions:   Strs(sb["not_actions"]),
			Resources:    Strs(sb["resources"]),
			NotResources: Strs(sb["not_resources"]),
		}
		if stmt.Effect == "" {
			stmt.Effect = "Allow"
		}
		stmt.Principals = principalBlocks(sb["principals"])
		stmt.NotPrincipals = principalBlocks(sb["not_principals"])
		for _, c := range Blocks(sb["condition"]) {
			stmt.Conditions = append(stmt.Conditions, Condition{Operator: Str(c["test"]), Key: Str(c["variable"]), Values: Strs(c["values"])})
		}
		own = append(own, stmt)
	}
	merge(own, true)
	for _, key := range []string{"override_policy_documents", "override_json"} {
		for _, src := range Strs(b[key]) {
			op, ok := s.policy(src, depth+1)
			if !ok {
				return nil, false
			}
			merge(op.Statements, false)
		}
	}
	return p, true
}

func principalBlocks(v any) map[string][]string {
	bl := Blocks(v)
	if len(bl) == 0 {
		return nil
	}
	out := map[string][]string{}
	for _, pb := range bl {
		t := Str(pb["type"])
		ids := Strs(pb["identifiers"])
		if t == "*" {
			out["*"] = []string{"*"}
			continue
		}
		out[t] = append(out[t], ids...)
	}
	return out
}

// Allow reports whether the statement allows.
func (st Statement) Allow() bool { return strings.EqualFold(st.Effect, "Allow") }

// Deny reports whether the statement denies.
func (st Statement) Deny() bool { return strings.EqualFold(st.Effect, "Deny") }

// HasService reports whether a Service principal matches pred.
func (st Statement) HasService(pred func(string) bool) bool {
	for _, s := range st.Principals["Service"] {
		if pred(s) {
			return true
		}
	}
	return false
}

// Everyone reports whether the principal is "*" or {"AWS": "*"}.
func (st Statement) Everyone() bool {
	if len(st.Principals["*"]) > 0 {
		return true
	}
	for _, a := range st.Principals["AWS"] {
		if a == "*" {
			return true
		}
	}
	return false
}

// AllowsAction reports whether Action matches action (wildcards in the
// statement are expanded; comparison ignores case).
func (st Statement) AllowsAction(action string) bool {
	for _, a := range st.Actions {
		if GlobMatch(a, action) {
			return true
		}
	}
	return false
}

// Cond returns the conditions on key (case-insensitive), in any operator.
func (st Statement) Cond(key string) []Condition {
	var out []Condition
	for _, c := range st.Conditions {
		if strings.EqualFold(c.Key, key) {
			out = append(out, c)
		}
	}
	return out
}

// GlobMatch matches IAM-style wildcards (* and ?), ignoring case.
func GlobMatch(pattern, s string) bool {
	pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	if !strings.ContainsAny(pattern, "*?") {
		return pattern == s
	}
	// path.Match treats '/' specially and '[' as a class; escape them.
	r := strings.NewReplacer("[", `\[`, "]", `\]`, `\`, `\\`).Replace(pattern)
	ok, err := path.Match(strings.ReplaceAll(r, "/", "\x00"), strings.ReplaceAll(s, "/", "\x00"))
	return err == nil && ok
}

// SortedKeys returns the keys of m, sorted.
func SortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// String renders a statement briefly for messages.
func (st Statement) String() string {
	if st.Sid != "" {
		return fmt.Sprintf("statement %q", st.Sid)
	}
	return fmt.Sprintf("statement #%d", st.Index)
}
