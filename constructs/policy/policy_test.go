package policy

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

func TestJSONRendering(t *testing.T) {
	tests := []struct {
		name string
		doc  Document
		want string
	}{
		{
			name: "identity statement, effect defaults to Allow, lists always",
			doc:  Document{Statements: []Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::b/*"}}}},
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}`,
		},
		{
			name: "key order, principal types sorted, identifiers in order and deduplicated",
			doc: Document{Statements: []Statement{{
				Sid: "Trust", Effect: Deny,
				Conditions: []Condition{{"StringEquals", "aws:SourceAccount", []string{"1"}}},
				Resources:  []string{"*"},
				Actions:    []string{"sts:AssumeRole"},
				Principals: []Principal{Service("b.amazonaws.com", "a.amazonaws.com"), AWS("arn:aws:iam::1:root"), Service("a.amazonaws.com", "c.amazonaws.com")},
			}}},
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"Trust","Effect":"Deny","Principal":{"AWS":["arn:aws:iam::1:root"],"Service":["b.amazonaws.com","a.amazonaws.com","c.amazonaws.com"]},"Action":["sts:AssumeRole"],"Resource":["*"],"Condition":{"StringEquals":{"aws:SourceAccount":["1"]}}}]}`,
		},
		{
			name: "anyone renders a bare star",
			doc: Document{Statements: []Statement{{
				Effect: Deny, Principals: []Principal{Anyone()}, Actions: []string{"s3:*"},
				Resources:  []string{"arn:aws:s3:::b", "arn:aws:s3:::b/*"},
				Conditions: []Condition{{"Bool", "aws:SecureTransport", []string{"false"}}},
			}}},
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["s3:*"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":["false"]}}}]}`,
		},
		{
			name: "not-action and not-resource",
			doc:  Document{Statements: []Statement{{Effect: Deny, NotActions: []string{"iam:*"}, NotResources: []string{"arn:aws:iam::1:role/x"}}}},
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*"],"NotResource":["arn:aws:iam::1:role/x"]}]}`,
		},
		{
			name: "conditions: operators and keys sorted, duplicates merged",
			doc: Document{Statements: []Statement{{
				Actions: []string{"kms:Decrypt"}, Resources: []string{"*"},
				Conditions: []Condition{
					{"StringLike", "z:key", []string{"a"}},
					{"StringEquals", "b:key", []string{"1"}},
					{"StringEquals", "a:key", []string{"x"}},
					{"StringEquals", "b:key", []string{"2", "1"}},
				},
			}}},
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["*"],"Condition":{"StringEquals":{"a:key":["x"],"b:key":["1","2"]},"StringLike":{"z:key":["a"]}}}]}`,
		},
		{
			name: "statements keep their order",
			doc: Document{Statements: []Statement{
				{Sid: "B", Actions: []string{"s3:A"}, Resources: []string{"*"}},
				{Sid: "A", Actions: []string{"s3:B"}, Resources: []string{"*"}},
			}},
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"B","Effect":"Allow","Action":["s3:A"],"Resource":["*"]},{"Sid":"A","Effect":"Allow","Action":["s3:B"],"Resource":["*"]}]}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.doc.JSON()
			if err != nil {
				t.Fatalf("JSON() error: %v", err)
			}
			if got != tc.want {
				t.Errorf("JSON() =\n%s\nwant\n%s", got, tc.want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("JSON() output is not valid JSON: %s", got)
			}
		})
	}
}

func TestJSONKeepsTokens(t *testing.T) {
	tokens := []string{
		"${data.aws_caller_identity.caller.account_id}",
		"${TfToken[TOKEN.42]}",
		"arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.c.account_id}:root",
		`${jsonencode({"a" = "<b>&"})}`,
	}
	for _, tok := range tokens {
		t.Run(tok, func(t *testing.T) {
			doc := Document{Statements: []Statement{{
				Principals: []Principal{AWS(tok)},
				Actions:    []string{"kms:*"},
				Resources:  []string{tok},
				Conditions: []Condition{{"StringEquals", "aws:SourceArn", []string{tok}}},
			}}}
			got := doc.MustJSON()
			raw := `"` + strings.ReplaceAll(tok, `"`, `\"`) + `"`
			if n := strings.Count(got, raw); n != 3 {
				t.Errorf("token %s appears %d times verbatim in %s; want 3 (principal, resource, condition)", raw, n, got)
			}
			if strings.Contains(got, `\u003c`) || strings.Contains(got, `\u0026`) {
				t.Errorf("JSON() escaped HTML characters: %s", got)
			}
		})
	}
}

func TestJSONDeterministic(t *testing.T) {
	doc := Document{Statements: []Statement{{
		Principals: []Principal{Service("z.amazonaws.com"), AWS("arn:aws:iam::1:root"), {Type: "Federated", Identifiers: []string{"cognito-identity.amazonaws.com"}}},
		Actions:    []string{"sts:AssumeRole"},
		Conditions: []Condition{
			{"StringEquals", "k1", []string{"a"}}, {"ArnLike", "k2", []string{"b"}}, {"StringLike", "k3", []string{"c"}},
			{"StringEquals", "k0", []string{"d"}}, {"Bool", "k4", []string{"true"}},
		},
	}}}
	first := doc.MustJSON()
	for i := 0; i < 50; i++ {
		if got := doc.MustJSON(); got != first {
			t.Fatalf("render %d differs:\n%s\nfirst:\n%s", i, got, first)
		}
	}
	if !strings.Contains(first, `"Principal":{"AWS":["arn:aws:iam::1:root"],"Federated":["cognito-identity.amazonaws.com"],"Service":["z.amazonaws.com"]}`) {
		t.Errorf("principal types not sorted: %s", first)
	}
	if !strings.Contains(first, `"Condition":{"ArnLike":{"k2":["b"]},"Bool":{"k4":["true"]},"StringEquals":{"k0":["d"],"k1":["a"]},"StringLike":{"k3":["c"]}}`) {
		t.Errorf("conditions not sorted: %s", first)
	}
}

func TestValidate(t *testing.T) {
	ok := Statement{Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}
	with := func(f func(s *Statement)) Statement { s := ok; f(&s); return s }
	tests := []struct {
		name string
		doc  Document
		want []string // substrings, each must appear
	}{
		{"empty document", Document{}, []string{"statements: a policy document needs at least one statement"}},
		{"duplicate sid", Document{Statements: []Statement{with(func(s *Statement) { s.Sid = "A" }), with(func(s *Statement) { s.Sid = "A" })}},
			[]string{`statement "A": sid: duplicate of statement 0`}},
		{"sid not alphanumeric", Document{Statements: []Statement{with(func(s *Statement) { s.Sid = "a-b" })}},
			[]string{`statement "a-b": sid: "a-b" is invalid`}},
		{"invalid effect", Document{Statements: []Statement{with(func(s *Statement) { s.Effect = "allow" })}},
			[]string{`statement 0: effect: "allow" is invalid`}},
		{"no actions", Document{Statements: []Statement{with(func(s *Statement) { s.Actions = nil })}},
			[]string{"statement 0: actions: must not be empty"}},
		{"actions and not-actions", Document{Statements: []Statement{with(func(s *Statement) { s.NotActions = []string{"s3:*"} })}},
			[]string{"statement 0: actions: set either Actions or NotActions"}},
		{"action without service", Document{Statements: []Statement{with(func(s *Statement) { s.Actions = []string{"GetObject"} })}},
			[]string{`statement 0: actions: "GetObject" is invalid; use the form "service:Action"`}},
		{"action with space", Document{Statements: []Statement{with(func(s *Statement) { s.Sid = "X"; s.Actions = []string{"s3:Get Object"} })}},
			[]string{`statement "X": actions: "s3:Get Object" is invalid`}},
		{"bad not-action", Document{Statements: []Statement{with(func(s *Statement) { s.Actions = nil; s.NotActions = []string{"S3:"} })}},
			[]string{`statement 0: notActions: "S3:" is invalid`}},
		{"resources and not-resources", Document{Statements: []Statement{with(func(s *Statement) { s.NotResources = []string{"*"} })}},
			[]string{"statement 0: resources: set either Resources or NotResources"}},
		{"identity statement without resources", Document{Statements: []Statement{with(func(s *Statement) { s.Resources = nil })}},
			[]string{"statement 0: resources: must not be empty in a statement without principals"}},
		{"empty resource", Document{Statements: []Statement{with(func(s *Statement) { s.Resources = []string{""} })}},
			[]string{"statement 0: resources: contains an empty string"}},
		{"empty not-resource", Document{Statements: []Statement{with(func(s *Statement) { s.Resources = nil; s.NotResources = []string{""} })}},
			[]string{"statement 0: notResources: contains an empty string"}},
		{"invalid principal type", Document{Statements: []Statement{with(func(s *Statement) { s.Principals = []Principal{{Type: "aws", Identifiers: []string{"x"}}} })}},
			[]string{`statement 0: principals[0].type: "aws" is invalid`}},
		{"principal without identifiers", Document{Statements: []Statement{with(func(s *Statement) { s.Principals = []Principal{Service()} })}},
			[]string{`statement 0: principals[0].identifiers: must not be empty for type "Service"`}},
		{"principal with empty identifier", Document{Statements: []Statement{with(func(s *Statement) { s.Principals = []Principal{AWS("")} })}},
			[]string{"statement 0: principals[0].identifiers: contains an empty string"}},
		{"anyone combined", Document{Statements: []Statement{with(func(s *Statement) { s.Principals = []Principal{Anyone(), AWS("x")} })}},
			[]string{`statement 0: principals: "*" (Anyone) cannot be combined`}},
		{"condition without operator", Document{Statements: []Statement{with(func(s *Statement) { s.Conditions = []Condition{{Key: "k", Values: []string{"v"}}} })}},
			[]string{"statement 0: conditions[0].operator: must not be empty"}},
		{"condition without key", Document{Statements: []Statement{with(func(s *Statement) { s.Conditions = []Condition{{Operator: "StringEquals", Values: []string{"v"}}} })}},
			[]string{"statement 0: conditions[0].key: must not be empty"}},
		{"condition without values", Document{Statements: []Statement{with(func(s *Statement) { s.Conditions = []Condition{{Operator: "StringEquals", Key: "k"}} })}},
			[]string{"statement 0: conditions[0].values: must not be empty"}},
		{"several errors are all reported", Document{Statements: []Statement{ok, with(func(s *Statement) { s.Sid = "B"; s.Actions = nil; s.Effect = "x" })}},
			[]string{`statement "B": actions: must not be empty`, `statement "B": effect: "x" is invalid`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errtest.Contains(t, "Validate()", tc.doc.Validate(), tc.want...)
			if _, jerr := tc.doc.JSON(); jerr == nil {
				t.Errorf("JSON() succeeded on an invalid document")
			}
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name string
		s    Statement
	}{
		{"wildcard action", Statement{Actions: []string{"*"}, Resources: []string{"*"}}},
		{"wildcards in action", Statement{Actions: []string{"kms:GenerateDataKey*", "s3:Get?bject"}, Resources: []string{"*"}}},
		{"hyphenated service", Statement{Actions: []string{"cloudwatch-logs:X", "ssm-messages:OpenDataChannel"}, Resources: []string{"*"}}},
		{"token action", Statement{Actions: []string{"${var.action}"}, Resources: []string{"*"}}},
		{"trust policy without resources", Statement{Principals: []Principal{Service("lambda.amazonaws.com")}, Actions: []string{"sts:AssumeRole"}}},
		{"anyone alone", Statement{Effect: Deny, Principals: []Principal{Anyone()}, Actions: []string{"s3:*"}, Resources: []string{"*"}}},
		{"anyone ignores identifiers", Statement{Principals: []Principal{{Type: "*", Identifiers: []string{"ignored"}}}, Actions: []string{"s3:*"}, Resources: []string{"*"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := (Document{Statements: []Statement{tc.s}}).Validate(); err != nil {
				t.Errorf("Validate() = %v; want nil", err)
			}
		})
	}
}

func TestAddAndSid(t *testing.T) {
	var d Document
	d.Add(Statement{Sid: "One", Actions: []string{"s3:A"}, Resources: []string{"*"}}, Statement{Actions: []string{"s3:B"}, Resources: []string{"*"}})
	d.Add(Statement{Sid: "Two", Actions: []string{"s3:C"}, Resources: []string{"*"}})
	if len(d.Statements) != 3 {
		t.Fatalf("Add: have %d statements; want 3", len(d.Statements))
	}
	if s, ok := d.Sid("Two"); !ok || s.Actions[0] != "s3:C" {
		t.Errorf("Sid(%q) = %+v, %v; want the s3:C statement", "Two", s, ok)
	}
	if _, ok := d.Sid("Missing"); ok {
		t.Errorf("Sid(%q) found a statement; want none", "Missing")
	}
	if _, ok := d.Sid(""); ok {
		t.Errorf("Sid(\"\") matched a statement without Sid; want no match")
	}
}

func TestMustJSONPanicsOnInvalid(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("MustJSON on an empty document did not panic")
		}
	}()
	_ = Document{}.MustJSON()
}

func TestConstructorsCopy(t *testing.T) {
	names := []string{"a.amazonaws.com"}
	p := Service(names...)
	names[0] = "changed"
	if p.Identifiers[0] != "a.amazonaws.com" {
		t.Errorf("Service() shares the caller's slice: %v", p.Identifiers)
	}
	if a := Anyone(); a.Type != "*" {
		t.Errorf("Anyone().Type = %q; want \"*\"", a.Type)
	}
	if a := AWS("x"); a.Type != "AWS" || a.Identifiers[0] != "x" {
		t.Errorf("AWS(\"x\") = %+v", a)
	}
}

func TestClone(t *testing.T) {
	orig := Document{Statements: []Statement{{
		Sid: "A", Principals: []Principal{AWS("x")}, Actions: []string{"s3:A"}, Resources: []string{"*"},
		Conditions: []Condition{{"StringEquals", "k", []string{"v"}}},
	}}}
	before := orig.MustJSON()
	c := orig.Clone()
	c.Statements[0].Principals[0].Identifiers[0] = "changed"
	c.Statements[0].Actions[0] = "s3:B"
	c.Statements[0].Resources[0] = "arn:changed"
	c.Statements[0].Conditions[0].Values[0] = "changed"
	c.Add(Statement{Actions: []string{"s3:C"}, Resources: []string{"*"}})
	if after := orig.MustJSON(); after != before {
		t.Errorf("changing a Clone changed the original:\n%s\nwas\n%s", after, before)
	}
	if (Document{}).Clone().Statements != nil {
		t.Errorf("Clone of an empty document has statements")
	}
}

func TestStatementEqual(t *testing.T) {
	base := Statement{Sid: "A", Actions: []string{"s3:A"}, Resources: []string{"*"}}
	tests := []struct {
		name string
		a, b Statement
		want bool
	}{
		{"identical", base, base, true},
		{"nil vs empty conditions", base, Statement{Sid: "A", Effect: Allow, Actions: []string{"s3:A"}, Resources: []string{"*"}, Conditions: []Condition{}}, true},
		{"different action", base, Statement{Sid: "A", Actions: []string{"s3:B"}, Resources: []string{"*"}}, false},
		{"different effect", base, Statement{Sid: "A", Effect: Deny, Actions: []string{"s3:A"}, Resources: []string{"*"}}, false},
		{"different sid", base, Statement{Sid: "B", Actions: []string{"s3:A"}, Resources: []string{"*"}}, false},
	}
	for _, tc := range tests {
		if got := tc.a.Equal(tc.b); got != tc.want {
			t.Errorf("%s: Equal = %v; want %v", tc.name, got, tc.want)
		}
	}
}
