package access

import (
	"fmt"
	"strings"
)

// PrincipalKind says who makes a request.
type PrincipalKind int

const (
	// IAMPrincipal is a role, user, assumed-role session or account root.
	IAMPrincipal PrincipalKind = iota
	// ServicePrincipal is an AWS service acting on its own behalf
	// (e.g. cloudtrail.amazonaws.com).
	ServicePrincipal
	// Anonymous is an unsigned request.
	Anonymous
	// FederatedPrincipal is a web identity or SAML user of the identity
	// provider named in Provider (sts:AssumeRoleWith*).
	FederatedPrincipal
	// CanonicalUserPrincipal is an S3 canonical user (ID).
	CanonicalUserPrincipal
)

// Principal is the caller of a request.
type Principal struct {
	Kind PrincipalKind
	// ARN of an IAM principal: arn:aws:iam::ACCOUNT:role/NAME,
	// arn:aws:iam::ACCOUNT:user/NAME, arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION
	// or arn:aws:iam::ACCOUNT:root.
	ARN string
	// Service of a service principal, e.g. "cloudtrail.amazonaws.com".
	Service string
	// Provider of a federated principal: the OIDC or SAML provider ARN, or
	// a provider name such as "cognito-identity.amazonaws.com".
	Provider string
	// ID of a canonical user.
	ID string
	// Role is, for an assumed-role session, its role's ARN with the role's
	// path (a session ARN drops the path); empty means the path is "/".
	Role string
}

// Account is the account id in an IAM principal's ARN ("" for others).
func (p Principal) Account() string {
	if p.Kind != IAMPrincipal {
		return ""
	}
	parts := strings.SplitN(p.ARN, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}

func (p Principal) isRoot() bool {
	return p.Kind == IAMPrincipal && strings.HasSuffix(p.ARN, ":root")
}

// roleARN maps an assumed-role session to its role ARN; other ARNs are
// returned unchanged.
func (p Principal) roleARN() string {
	if p.Role != "" {
		return p.Role
	}
	parts := strings.SplitN(p.ARN, ":", 6)
	if len(parts) == 6 && parts[2] == "sts" && strings.HasPrefix(parts[5], "assumed-role/") {
		name := strings.SplitN(strings.TrimPrefix(parts[5], "assumed-role/"), "/", 2)[0]
		return fmt.Sprintf("arn:%s:iam::%s:role/%s", parts[1], parts[4], name)
	}
	return p.ARN
}

// String is the principal as a table shows it.
func (p Principal) String() string {
	switch p.Kind {
	case ServicePrincipal:
		return p.Service
	case Anonymous:
		return "anonymous"
	case FederatedPrincipal:
		return "a user of " + p.Provider
	case CanonicalUserPrincipal:
		return "canonical user " + p.ID
	}
	return p.ARN
}

// Request is one API request to evaluate.
type Request struct {
	Principal Principal
	// Action is "service:Operation", e.g. "s3:PutObject".
	Action string
	// Resource is the ARN the request acts on.
	Resource string
	// ResourceAccount owns the resource; cross-account rules apply when it
	// differs from the principal's account.
	ResourceAccount string
	// Context holds the request context keys (case-insensitive names) and
	// their values; a multi-valued key has several. Principal keys
	// (aws:PrincipalArn, aws:PrincipalAccount, aws:username,
	// aws:PrincipalServiceName) are derived from Principal when absent.
	Context map[string][]string
	// Unknown names context keys whose value cannot be known offline (e.g.
	// aws:CurrentTime, aws:SourceIp): a statement's condition on them holds
	// when some value of them makes it hold. Check sets them (AlwaysSent);
	// a key also present in Context is known.
	Unknown []string
}

// lookup returns a context key's values, case-insensitively.
func (r *Request) lookup(key string) ([]string, bool) {
	for k, v := range r.Context {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	p := r.Principal
	switch strings.ToLower(key) {
	case "aws:principalarn":
		if p.Kind == IAMPrincipal {
			return []string{p.roleARN()}, true
		}
	case "aws:principalaccount":
		if a := p.Account(); a != "" {
			return []string{a}, true
		}
	case "aws:username":
		if p.Kind == IAMPrincipal {
			if parts := strings.SplitN(p.ARN, ":", 6); len(parts) == 6 && strings.HasPrefix(parts[5], "user/") {
				return []string{parts[5][strings.LastIndex(parts[5], "/")+1:]}, true
			}
		}
	case "aws:principalservicename":
		if p.Kind == ServicePrincipal {
			return []string{p.Service}, true
		}
	}
	return nil, false
}

// variable resolves a policy variable's inside ("aws:username",
// "aws:username, 'nobody'", "*", "?", "$").
func (r *Request) variable(inner string) (string, bool) {
	name, def, hasDef := strings.Cut(inner, ",")
	name = strings.TrimSpace(name)
	switch name {
	case "*", "?", "$":
		return name, true
	}
	if vals, ok := r.lookup(name); ok && len(vals) == 1 {
		return vals[0], true
	}
	if hasDef {
		d := strings.TrimSpace(def)
		if len(d) >= 2 && d[0] == '\'' && d[len(d)-1] == '\'' {
			return d[1 : len(d)-1], true
		}
	}
	return "", false
}

// ResourceKind selects the rules a resource-based policy follows.
type ResourceKind int

const (
	// Ordinary resource policies (S3, SNS, Secrets Manager, ...): within
	// the account an identity-based Allow suffices.
	Ordinary ResourceKind = iota
	// KeyPolicy is a KMS key policy: it is authoritative. A principal of
	// the key's account is allowed only when the key policy allows it by
	// name, or allows the account (its root) and an identity policy allows.
	KeyPolicy
	// TrustPolicy is a role trust policy, authoritative for sts:AssumeRole*
	// like a key policy.
	TrustPolicy
)

// Policies are the policies that decide one request.
type Policies struct {
	// Identity holds the principal's identity-based policies (inline and
	// attached); ignored for service principals and anonymous callers.
	Identity []*Policy
	// Resource is the resource-based policy, nil when the resource has none.
	Resource *Policy
	// Kind of the resource policy.
	Kind ResourceKind
}

// Decision is the outcome of Evaluate.
type Decision struct {
	Allowed bool
	// Deciding names the statements that decided, as "policy#Sid": the
	// explicit Deny, or the Allow(s) that were needed. Empty for an
	// implicit deny.
	Deciding []string
	// Reason says in words why, e.g. "explicit deny" or "implicit deny: no
	// statement allows".
	Reason string
}

// Evaluate decides one request with AWS's evaluation logic.
func Evaluate(req Request, pol Policies) Decision {
	r := &req
	var identityAllow, resourceDirect, resourceAccount []string
	// Explicit deny anywhere wins; gather the allows on the way.
	if req.Principal.Kind == IAMPrincipal {
		for _, p := range pol.Identity {
			for i := range p.Statements {
				st := &p.Statements[i]
				if !st.appliesIdentity(r, p.Version) {
					continue
				}
				if st.Effect == "Deny" {
					return Decision{Deciding: []string{p.Ref(st)}, Reason: "explicit deny in an identity-based policy"}
				}
				identityAllow = append(identityAllow, p.Ref(st))
			}
		}
	}
	if p := pol.Resource; p != nil {
		for i := range p.Statements {
			st := &p.Statements[i]
			via := st.appliesResource(r, p.Version)
			if via == noMatch {
				continue
			}
			if st.Effect == "Deny" {
				return Decision{Deciding: []string{p.Ref(st)}, Reason: "explicit deny in the resource-based policy"}
			}
			if via == direct {
				resourceDirect = append(resourceDirect, p.Ref(st))
			} else {
				resourceAccount = append(resourceAccount, p.Ref(st))
			}
		}
	}
	allow := func(reason string, refs ...[]string) Decision {
		d := Decision{Allowed: true, Reason: reason}
		for _, l := range refs {
			d.Deciding = append(d.Deciding, l[0])
		}
		return d
	}
	pr := req.Principal
	switch {
	case pr.Kind != IAMPrincipal:
		if len(resourceDirect) > 0 {
			return allow("allowed by the resource-based policy", resourceDirect)
		}
		return Decision{Reason: "implicit deny: no resource-based statement allows this " + map[PrincipalKind]string{ServicePrincipal: "service principal", Anonymous: "anonymous caller",
			FederatedPrincipal: "federated user", CanonicalUserPrincipal: "canonical user"}[pr.Kind]}
	case pr.isRoot() && pr.Account() == req.ResourceAccount:
		// The account root is the account: an Allow for the account names
		// it, and outside key and trust policies it needs no identity policy.
		if all := append(resourceDirect, resourceAccount...); len(all) > 0 {
			return allow("allowed by the resource-based policy (the account root)", all)
		}
		if pol.Kind == Ordinary {
			return Decision{Allowed: true, Reason: "allowed: the account root of the resource's account"}
		}
		return Decision{Reason: "implicit deny: the key or trust policy does not allow the account"}
	case pr.Account() != req.ResourceAccount:
		// Another account's root user needs no identity-based policy: it
		// holds every permission of its account.
		if len(identityAllow) == 0 && !pr.isRoot() {
			return Decision{Reason: "implicit deny: cross-account request without an identity-based allow"}
		}
		if all := append(resourceDirect, resourceAccount...); len(all) > 0 {
			if len(identityAllow) == 0 {
				return allow("allowed cross-account: the resource-based policy allows the other account's root user", all)
			}
			return allow("allowed cross-account by both sides", all, identityAllow)
		}
		return Decision{Reason: "implicit deny: cross-account request the resource-based policy does not allow"}
	case len(resourceDirect) > 0:
		return allow("allowed by the resource-based policy", resourceDirect)
	case pol.Kind != Ordinary:
		if len(resourceAccount) > 0 && len(identityAllow) > 0 {
			return allow("allowed: the key or trust policy delegates to the account and an identity-based policy allows", resourceAccount, identityAllow)
		}
		if len(resourceAccount) > 0 {
			return Decision{Reason: "implicit deny: the key or trust policy delegates to the account but no identity-based policy allows"}
		}
		return Decision{Reason: "implicit deny: the key or trust policy does not allow the principal or its account"}
	case len(identityAllow) > 0:
		return allow("allowed by an identity-based policy", identityAllow)
	}
	return Decision{Reason: "implicit deny: no statement allows"}
}

type principalMatch int

const (
	noMatch principalMatch = iota
	direct
	viaAccount
)

func (st *Statement) substitute(version string) bool { return version == "2012-10-17" }

// actionAndResource checks Action/NotAction, Resource/NotResource and the
// Condition.
func (st *Statement) actionResourceCondition(r *Request, version string, needResource bool) bool {
	if st.Action != nil || st.NotAction == nil {
		if !anyAction(st.Action, r.Action) {
			return false
		}
	} else if anyAction(st.NotAction, r.Action) {
		return false
	}
	var vars *Request
	if st.substitute(version) {
		vars = r
	}
	switch {
	case st.HasResource:
		if !anyARN(st.Resource, r.Resource, vars) {
			return false
		}
	case st.HasNotResource:
		if anyARN(st.NotResource, r.Resource, vars) {
			return false
		}
	case needResource:
		return false
	}
	return conditionHolds(st.Condition, r, st.substitute(version))
}

func anyAction(list []string, action string) bool {
	for _, a := range list {
		if matchAction(a, action) {
			return true
		}
	}
	return false
}

func anyARN(list []string, arn string, vars *Request) bool {
	for _, a := range list {
		if matchARN(a, arn, vars) {
			return true
		}
	}
	return false
}

// appliesIdentity: an identity-based statement has no principal and must
// name its resources.
func (st *Statement) appliesIdentity(r *Request, version string) bool {
	return st.actionResourceCondition(r, version, true)
}

// appliesResource returns how a resource-based statement matches the
// request's principal (noMatch when it does not apply at all).
func (st *Statement) appliesResource(r *Request, version string) principalMatch {
	var m principalMatch
	switch {
	case st.HasPrincipal:
		m = principalIn(st.Principal, r.Principal)
	case st.HasNotPrincipal:
		if notPrincipalExcludes(st.NotPrincipal, r.Principal) {
			return noMatch
		}
		m = direct
	default:
		return noMatch
	}
	if m == noMatch || !st.actionResourceCondition(r, version, false) {
		return noMatch
	}
	return m
}

// principalIn matches a Principal element.
func principalIn(pm map[string][]string, p Principal) principalMatch {
	if _, ok := pm["*"]; ok {
		return direct
	}
	best := noMatch
	for typ, ids := range pm {
		for _, id := range ids {
			switch typ {
			case "AWS":
				if id == "*" {
					return direct
				}
				if p.Kind != IAMPrincipal {
					continue
				}
				if samePrincipal(id, p) {
					return direct
				}
				if acct := accountOf(id); acct != "" && acct == p.Account() {
					best = viaAccount
				}
			case "Service":
				if p.Kind == ServicePrincipal && strings.EqualFold(id, p.Service) {
					return direct
				}
			case "Federated":
				if p.Kind == FederatedPrincipal && id == p.Provider {
					return direct
				}
			case "CanonicalUser":
				if p.Kind == CanonicalUserPrincipal && id == p.ID {
					return direct
				}
			}
		}
	}
	return best
}

// notPrincipalExcludes reports whether a NotPrincipal element names the
// principal. For an IAM principal AWS requires both the principal and its
// account to be named, else the account's exclusion fails and the
// statement applies.
func notPrincipalExcludes(pm map[string][]string, p Principal) bool {
	if _, ok := pm["*"]; ok {
		return true
	}
	named, account := false, false
	for typ, ids := range pm {
		for _, id := range ids {
			switch typ {
			case "AWS":
				if id == "*" {
					return true
				}
				if p.Kind != IAMPrincipal {
					continue
				}
				if samePrincipal(id, p) {
					named = true
				}
				if acct := accountOf(id); acct != "" && acct == p.Account() {
					account = true
				}
			case "Service":
				if p.Kind == ServicePrincipal && strings.EqualFold(id, p.Service) {
					return true
				}
			}
		}
	}
	if p.isRoot() {
		return account
	}
	return named && account
}

// accountOf returns the account an account principal names ("123456789012"
// or "arn:PARTITION:iam::123456789012:root"), or "".
func accountOf(id string) string {
	if len(id) == 12 && strings.Trim(id, "0123456789") == "" {
		return id
	}
	parts := strings.SplitN(id, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5] == "root" {
		return parts[4]
	}
	return ""
}

// samePrincipal reports whether a Principal element's ARN names p: the
// same ARN, or the role of an assumed-role session. A role is matched by
// account and name, so a role with a path ("role/ops/deployer") names its
// sessions ("assumed-role/deployer/SESSION"), whose ARNs drop the path
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-role-session).
func samePrincipal(id string, p Principal) bool {
	if id == p.ARN || id == p.roleARN() {
		return true
	}
	a, an, ok1 := roleIdentity(id)
	b, bn, ok2 := roleIdentity(p.roleARN())
	return ok1 && ok2 && a == b && an == bn
}

// roleIdentity returns the account and name of a role ARN (with or without
// a path); ok is false for other ARNs.
func roleIdentity(arn string) (account, name string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || !strings.HasPrefix(parts[5], "role/") {
		return "", "", false
	}
	return parts[4], parts[5][strings.LastIndex(parts[5], "/")+1:], true
}
