package access

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Policy is one parsed IAM policy document.
type Policy struct {
	// ID names where the policy comes from, e.g. the Terraform address
	// "aws_s3_bucket_policy.logs" or "aws_iam_role.app (trust)".
	ID string
	// Version is the policy language version; policy variables are
	// substituted only under "2012-10-17".
	Version string
	// Statements in document order.
	Statements []Statement
}

// Statement is one statement of a policy. Principal maps are keyed by
// principal type ("AWS", "Service", "Federated", "CanonicalUser", or "*"
// for the bare wildcard principal).
type Statement struct {
	Sid    string
	Effect string
	// Index is the statement's position in the policy (0-based).
	Index int

	Principal, NotPrincipal       map[string][]string
	Action, NotAction             []string
	Resource, NotResource         []string
	HasResource, HasNotResource   bool
	HasPrincipal, HasNotPrincipal bool
	// Condition maps operator -> condition key -> values.
	Condition map[string]map[string][]string
	// From is the ID of the policy the statement came from when several
	// sources were merged into one resource's policy (e.g. a key policy
	// and the key's grants); empty means the policy's own ID.
	From string

	synthesized bool // built from a grant, ACL or permission
}

// ParsePolicy parses an IAM policy document. Single values and lists are
// both accepted wherever AWS accepts them; condition values that are JSON
// booleans or numbers are kept as their text. It refuses what AWS refuses:
// a statement without Effect Allow/Deny, without Action or NotAction, with
// both X and NotX, or with an unknown condition operator.
func ParsePolicy(id string, data []byte) (*Policy, error) {
	var raw struct {
		Version   string          `json:"Version"`
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: policy is not JSON: %w", id, err)
	}
	var list []map[string]any
	if len(raw.Statement) > 0 && raw.Statement[0] == '{' {
		var one map[string]any
		if err := json.Unmarshal(raw.Statement, &one); err != nil {
			return nil, fmt.Errorf("%s: Statement: %w", id, err)
		}
		list = []map[string]any{one}
	} else if err := json.Unmarshal(raw.Statement, &list); err != nil {
		return nil, fmt.Errorf("%s: Statement must be an object or a list of objects: %w", id, err)
	}
	p := &Policy{ID: id, Version: raw.Version}
	var errs []error
	for i, m := range list {
		st, err := parseStatement(i, m)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: statement %d: %w", id, i, err))
			continue
		}
		p.Statements = append(p.Statements, st)
	}
	return p, errors.Join(errs...)
}

func parseStatement(i int, m map[string]any) (Statement, error) {
	st := Statement{Index: i}
	var errs []error
	st.Sid, _ = m["Sid"].(string)
	st.Effect, _ = m["Effect"].(string)
	if st.Effect != "Allow" && st.Effect != "Deny" {
		errs = append(errs, fmt.Errorf("Effect must be Allow or Deny, got %v", m["Effect"]))
	}
	var err error
	if st.Action, err = stringList(m["Action"]); err != nil {
		errs = append(errs, fmt.Errorf("Action: %w", err))
	}
	if st.NotAction, err = stringList(m["NotAction"]); err != nil {
		errs = append(errs, fmt.Errorf("NotAction: %w", err))
	}
	_, a := m["Action"]
	_, na := m["NotAction"]
	if a == na {
		errs = append(errs, errors.New("exactly one of Action and NotAction is required"))
	}
	_, st.HasResource = m["Resource"]
	_, st.HasNotResource = m["NotResource"]
	if st.HasResource && st.HasNotResource {
		errs = append(errs, errors.New("Resource and NotResource exclude each other"))
	}
	if st.Resource, err = stringList(m["Resource"]); err != nil {
		errs = append(errs, fmt.Errorf("Resource: %w", err))
	}
	if st.NotResource, err = stringList(m["NotResource"]); err != nil {
		errs = append(errs, fmt.Errorf("NotResource: %w", err))
	}
	_, st.HasPrincipal = m["Principal"]
	_, st.HasNotPrincipal = m["NotPrincipal"]
	if st.HasPrincipal && st.HasNotPrincipal {
		errs = append(errs, errors.New("Principal and NotPrincipal exclude each other"))
	}
	if st.HasNotPrincipal && st.Effect == "Allow" {
		// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
		errs = append(errs, errors.New(`NotPrincipal with "Effect":"Allow" is not supported by AWS (it must be used with Deny); name the principals in Principal, or use Principal "*" with an ArnNotEquals aws:PrincipalArn condition`))
	}
	if st.Principal, err = principalMap(m["Principal"]); err != nil {
		errs = append(errs, fmt.Errorf("Principal: %w", err))
	}
	if st.NotPrincipal, err = principalMap(m["NotPrincipal"]); err != nil {
		errs = append(errs, fmt.Errorf("NotPrincipal: %w", err))
	}
	if c, ok := m["Condition"]; ok {
		cm, ok := c.(map[string]any)
		if !ok {
			errs = append(errs, errors.New("Condition must be an object"))
		} else {
			st.Condition = map[string]map[string][]string{}
			for op, kv := range cm {
				if _, err := parseOperator(op); err != nil {
					errs = append(errs, err)
					continue
				}
				km, ok := kv.(map[string]any)
				if !ok {
					errs = append(errs, fmt.Errorf("Condition %s must map keys to values", op))
					continue
				}
				st.Condition[op] = map[string][]string{}
				for k, v := range km {
					vals, err := stringList(v)
					if err != nil {
						errs = append(errs, fmt.Errorf("Condition %s %s: %w", op, k, err))
					}
					st.Condition[op][k] = vals
				}
			}
		}
	}
	return st, errors.Join(errs...)
}

// stringList accepts a string, a number, a boolean or a list of them.
func stringList(v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, err := scalar(e)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	default:
		s, err := scalar(x)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
}

func scalar(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("want a string or a list of strings, got %T", v)
}

func principalMap(v any) (map[string][]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if x != "*" {
			return nil, fmt.Errorf("a principal string must be \"*\", got %q", x)
		}
		return map[string][]string{"*": {"*"}}, nil
	case map[string]any:
		out := map[string][]string{}
		for k, v := range x {
			l, err := stringList(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = l
		}
		return out, nil
	}
	return nil, fmt.Errorf("want \"*\" or an object, got %T", v)
}

// Ref names a statement: the policy's ID and the statement's Sid (or its
// position when it has none).
func (p *Policy) Ref(st *Statement) string {
	id := p.ID
	if st.From != "" {
		id = st.From
	}
	if st.Sid != "" {
		return id + "#" + st.Sid
	}
	return id + "#" + strconv.Itoa(st.Index)
}

// ServicePrincipals lists the service principals any statement names, sorted.
func (p *Policy) ServicePrincipals() []string {
	seen := map[string]bool{}
	for _, st := range p.Statements {
		for _, s := range st.Principal["Service"] {
			seen[strings.ToLower(s)] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
