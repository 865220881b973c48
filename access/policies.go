package access

import (
	"errors"
	"fmt"
	"strings"
)

// policyIndex holds every policy of a stack that can decide a request.
type policyIndex struct {
	// resource maps a resource ARN (bucket, key, topic, role, secret) to
	// its resource-based policy.
	resource map[string]*Policy
	kind     map[string]ResourceKind
	// identity maps a role ARN to its inline and attached policies.
	identity map[string][]*Policy
	// managed maps a role ARN to attached AWS managed policies, whose text
	// is not available offline.
	managed map[string][]string
	// entries are the resource-based policies one by one, as read.
	entries []policyEntry
	errs    []error
}

func (s *Stack) index() *policyIndex {
	ix := &policyIndex{resource: map[string]*Policy{}, kind: map[string]ResourceKind{},
		identity: map[string][]*Policy{}, managed: map[string][]string{}}
	parse := func(id, text string) *Policy {
		text = s.Resolve(text)
		if strings.HasPrefix(text, "<unresolved:") {
			ix.errs = append(ix.errs, fmt.Errorf("%s: the policy is an expression the access tier cannot evaluate offline (%s)", id, text))
			return nil
		}
		p, err := ParsePolicy(id, []byte(text))
		if err != nil {
			ix.errs = append(ix.errs, err)
			return nil
		}
		return p
	}
	ref := func(typ, name, attr string) string { return s.Resolve("${" + typ + "." + name + "." + attr + "}") }

	var errs []error
	ix.resource, ix.kind, ix.entries, errs = s.readPolicies()
	ix.errs = append(ix.errs, errs...)
	roleByName := map[string]string{}
	for _, n := range s.Resources("aws_iam_role") {
		b := s.Body("aws_iam_role", n)
		arn := ref("aws_iam_role", n, "arn")
		roleByName[ref("aws_iam_role", n, "name")] = arn
		for i, ip := range asList(b["inline_policy"]) {
			m, _ := ip.(map[string]any)
			if text, ok := m["policy"].(string); ok {
				if p := parse(fmt.Sprintf("aws_iam_role.%s.inline_policy[%d]", n, i), text); p != nil {
					ix.identity[arn] = append(ix.identity[arn], p)
				}
			}
		}
		for _, pa := range asList(b["managed_policy_arns"]) {
			if str, ok := pa.(string); ok {
				ix.attach(s, arn, "aws_iam_role."+n, s.Resolve(str))
			}
		}
	}
	for _, n := range s.Resources("aws_iam_role_policy") {
		b := s.Body("aws_iam_role_policy", n)
		role, _ := s.attrValue(b, "role", 0)
		text, _ := b["policy"].(string)
		arn, ok := roleByName[role]
		if !ok {
			continue
		}
		if p := parse("aws_iam_role_policy."+n, text); p != nil {
			ix.identity[arn] = append(ix.identity[arn], p)
		}
	}
	for _, n := range s.Resources("aws_iam_role_policy_attachment") {
		b := s.Body("aws_iam_role_policy_attachment", n)
		role, _ := s.attrValue(b, "role", 0)
		pa, _ := s.attrValue(b, "policy_arn", 0)
		if arn, ok := roleByName[role]; ok {
			ix.attach(s, arn, "aws_iam_role_policy_attachment."+n, pa)
		}
	}
	return ix
}

// attach adds an attached policy to a role: a customer managed policy of
// the stack is evaluated, an AWS managed one is listed as not evaluated.
func (ix *policyIndex) attach(s *Stack, roleARN, from, policyARN string) {
	for _, n := range s.Resources("aws_iam_policy") {
		if s.Resolve("${aws_iam_policy."+n+".arn}") != policyARN {
			continue
		}
		text, _ := s.Body("aws_iam_policy", n)["policy"].(string)
		p, err := ParsePolicy("aws_iam_policy."+n, []byte(s.Resolve(text)))
		if err != nil {
			ix.errs = append(ix.errs, err)
			return
		}
		ix.identity[roleARN] = append(ix.identity[roleARN], p)
		return
	}
	if _, name, ok := strings.Cut(policyARN, ":iam::aws:policy/"); ok {
		if text, known := awsManaged[name]; known {
			p, err := ParsePolicy("AWS managed policy "+name, []byte(text))
			if err != nil {
				ix.errs = append(ix.errs, err)
				return
			}
			ix.identity[roleARN] = append(ix.identity[roleARN], p)
			return
		}
	}
	ix.managed[roleARN] = append(ix.managed[roleARN], policyARN)
}

// policiesFor returns the policies deciding a request.
func (ix *policyIndex) policiesFor(req Request, extraIdentity []*Policy) Policies {
	key := req.Resource
	if strings.Contains(key, ":s3:::") {
		key, _, _ = strings.Cut(key, "/")
	}
	pol := Policies{Resource: ix.resource[key], Kind: ix.kind[key]}
	// CloudWatch Logs resource policies belong to the account and region
	// (aws_cloudwatch_log_resource_policy, indexed as "log-group:*"); their
	// statements' Resource elements say which groups they cover.
	if parts := strings.SplitN(req.Resource, ":", 6); len(parts) == 6 && parts[2] == "logs" && strings.HasPrefix(parts[5], "log-group:") {
		acct := strings.Join(parts[:5], ":") + ":log-group:*"
		if extra := ix.resource[acct]; extra != nil && acct != key {
			if pol.Resource == nil {
				pol.Resource = extra
			} else {
				merged := *pol.Resource
				merged.Statements = append(append([]Statement(nil), pol.Resource.Statements...), extra.Statements...)
				pol.Resource = &merged
			}
		}
	}
	if req.Principal.Kind == IAMPrincipal {
		pol.Identity = append(pol.Identity, ix.identity[req.Principal.roleARN()]...)
		pol.Identity = append(pol.Identity, extraIdentity...)
	}
	return pol
}

func (ix *policyIndex) err() error { return errors.Join(ix.errs...) }
