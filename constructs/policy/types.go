package policy

// Version is the IAM policy language version every document declares.
const Version = "2012-10-17"

// Effect is a statement's effect.
type Effect string

// Statement effects.
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Principal types.
const (
	PrincipalAWS       = "AWS"
	PrincipalService   = "Service"
	PrincipalFederated = "Federated"
	PrincipalAnyone    = "*"
)

// Principal is who a resource or trust policy statement applies to.
type Principal struct {
	// Type is "AWS", "Service", "Federated" or "*" (everyone; Identifiers are
	// then ignored and the statement renders "Principal": "*").
	Type string
	// Identifiers are ARNs, account IDs or service principals, kept in order.
	Identifiers []string
}

// Service is a service principal, e.g. Service("lambda.amazonaws.com").
func Service(names ...string) Principal {
	return Principal{Type: PrincipalService, Identifiers: append([]string(nil), names...)}
}

// AWS is an AWS principal: account root, role or user ARNs.
func AWS(arns ...string) Principal {
	return Principal{Type: PrincipalAWS, Identifiers: append([]string(nil), arns...)}
}

// Anyone is the "*" principal: every caller, authenticated or not. Use it
// only in Deny statements or with restrictive conditions.
func Anyone() Principal { return Principal{Type: PrincipalAnyone} }

// Condition is one condition entry: Operator (e.g. "StringEquals"), context
// Key (e.g. "aws:SourceArn") and the Values it is compared with.
type Condition struct {
	Operator string
	Key      string
	Values   []string
}

// Statement is one policy statement. Effect's zero value means Allow.
type Statement struct {
	// Sid identifies the statement; optional, alphanumeric, unique in a document.
	Sid string
	// Effect is Allow (the default when empty) or Deny.
	Effect Effect
	// Principals apply in resource and trust policies; none in identity policies.
	Principals []Principal
	// Actions or NotActions (exactly one is set), each "service:Action" or "*".
	Actions, NotActions []string
	// Resources or NotResources; at least one is required without Principals.
	Resources, NotResources []string
	// Conditions restrict the statement; entries with the same operator and key merge.
	Conditions []Condition
}

// Document is an IAM policy document.
type Document struct {
	Statements []Statement
}

// Add appends statements to the document.
func (d *Document) Add(s ...Statement) { d.Statements = append(d.Statements, s...) }

// Sid returns the statement with the given Sid.
func (d Document) Sid(sid string) (Statement, bool) {
	for _, s := range d.Statements {
		if sid != "" && s.Sid == sid {
			return s, true
		}
	}
	return Statement{}, false
}

// effect returns the statement's effect with the default applied.
func (s Statement) effect() Effect {
	if s.Effect == "" {
		return Allow
	}
	return s.Effect
}
