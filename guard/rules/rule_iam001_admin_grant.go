package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "IAM001",
		Title:    "admin-equivalent grant without a recorded reason",
		Severity: engine.Error,
		Doc: "An identity policy (aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, an " +
			"aws_iam_role inline_policy, or a data.aws_iam_policy_document whose statement has no principal) with an " +
			"Allow statement granting Action \"*\" (or \"*:*\") or \"iam:*\" on Resource \"*\", or NotAction on " +
			"Resource \"*\" (everything but a few actions); or an attachment of the AWS managed AdministratorAccess, " +
			"IAMFullAccess or PowerUserAccess policies (aws_iam_{role,user,group}_policy_attachment, " +
			"aws_iam_policy_attachment, the *_policy_attachments_exclusive resources, aws_iam_role.managed_policy_arns). " +
			"Why: whoever holds the grant, including a compromised workload, controls the account (iam:* lets it grant " +
			"itself anything). Fix: grant the actions and resources the workload uses; where an administrator role is " +
			"really intended, record why with suppress.Rule(scope, \"IAM001\", reason), which is the opt-in.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			fix := "grant only the actions and resources the principal uses; if full administration is intended, record why with suppress.Rule(scope, \"IAM001\", reason)"
			eachPolicy(s, func(h policyHolder) {
				if !h.identity {
					return
				}
				if r, _ := s.Target(h.value); r != nil && r.Data && r.Type == "aws_iam_policy_document" {
					return // the document is checked (and reported) on its own
				}
				pol, ok := s.Policy(h.value)
				if !ok {
					return
				}
				for _, st := range pol.Statements {
					if what := adminGrant(s, st); what != "" {
						p.Reportf(h.resource, fix, "%s: %s %s", h.attr, st, what)
					}
				}
			})
			for _, d := range s.DataOfType("aws_iam_policy_document") {
				pol, ok := s.PolicyDocument(d)
				if !ok {
					continue
				}
				inherited := inheritedStatements(s, d)
				for _, st := range pol.Statements {
					if what := adminGrant(s, st); what != "" && !inherited[statementKey(st)] {
						p.Reportf(d, fix, "%s %s", st, what)
					}
				}
			}
			for _, at := range policyAttachments(s) {
				if name := adminManagedPolicy(s, at.value); name != "" {
					p.Reportf(at.resource, "attach a policy scoped to what the principal does; if full administration is intended, record why with suppress.Rule(scope, \"IAM001\", reason)",
						"%s attaches the AWS managed policy %s%s", at.attr, name, at.to)
				}
			}
		},
	})
}

// adminGrant describes an identity-policy statement that is admin-equivalent, or "".
func adminGrant(s *engine.Stack, st engine.Statement) string {
	if !st.Allow() || len(st.Principals) > 0 || len(st.NotPrincipals) > 0 {
		return ""
	}
	var all, iamAll bool
	for _, r := range st.Resources {
		r = strings.TrimSpace(s.Resolve(r))
		all = all || r == "*"
		iamAll = iamAll || r == "*" || allIAMResources.MatchString(withoutInterps(r))
	}
	for _, a := range st.Actions {
		switch strings.ToLower(strings.TrimSpace(s.Resolve(a))) {
		case "*", "*:*":
			if all {
				return fmt.Sprintf("allows Action %q on Resource \"*\": full administrator access", a)
			}
		case "iam:*":
			if iamAll {
				return "allows \"iam:*\" on every IAM resource: the holder can grant itself any permission"
			}
		}
	}
	if len(st.NotActions) > 0 && all {
		return fmt.Sprintf("allows every action except %s (NotAction) on Resource \"*\"", strings.Join(quoteAll(st.NotActions), ", "))
	}
	return ""
}

var (
	allIAMResources  = regexp.MustCompile(`^arn:[^:]+:iam::[^:]+:\*$`)
	adminManagedARNs = regexp.MustCompile(`^arn:[^:]+:iam::aws:policy/(AdministratorAccess|IAMFullAccess|PowerUserAccess)$`)
)

// attachment is one managed-policy ARN attached to an identity.
type attachment struct {
	resource *engine.Resource
	attr     string // "policy_arn", "managed_policy_arns"
	value    string
	to       string // " to aws_iam_role.x", or ""
}

// policyAttachments lists every managed-policy ARN attached in the stack.
func policyAttachments(s *engine.Stack) []attachment {
	var out []attachment
	to := func(r *engine.Resource) string {
		for _, k := range []string{"role", "user", "group"} {
			if v := engine.Str(r.Body[k]); v != "" {
				if t, _ := s.Target(v); t != nil {
					return " to " + t.Address
				}
				return " to " + k + " " + s.Resolve(v)
			}
		}
		return ""
	}
	for _, typ := range []string{"aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"} {
		for _, r := range s.OfType(typ) {
			if v := engine.Str(r.Body["policy_arn"]); v != "" {
				out = append(out, attachment{r, "policy_arn", v, to(r)})
			}
		}
	}
	for _, typ := range []string{"aws_iam_role_policy_attachments_exclusive", "aws_iam_user_policy_attachments_exclusive", "aws_iam_group_policy_attachments_exclusive"} {
		for _, r := range s.OfType(typ) {
			for _, v := range engine.Strs(r.Body["policy_arns"]) {
				out = append(out, attachment{r, "policy_arns", v, to(r)})
			}
		}
	}
	for _, r := range s.OfType("aws_iam_role") {
		for _, v := range engine.Strs(r.Body["managed_policy_arns"]) {
			out = append(out, attachment{r, "managed_policy_arns", v, ""})
		}
	}
	return out
}

// adminManagedPolicy returns the name of the admin-equivalent AWS managed
// policy an ARN value designates (literally, through locals, or through a
// data.aws_iam_policy looked up by name or ARN), or "".
func adminManagedPolicy(s *engine.Stack, v string) string {
	if r, _ := s.Target(v); r != nil && r.Data && r.Type == "aws_iam_policy" {
		if arn := engine.Str(r.Body["arn"]); arn != "" {
			v = arn
		} else if n := s.Resolve(r.Body["name"]); n == "AdministratorAccess" || n == "IAMFullAccess" || n == "PowerUserAccess" {
			return n
		}
	}
	m := adminManagedARNs.FindStringSubmatch(withoutInterps(s.Resolve(v)))
	if m == nil {
		return ""
	}
	return m[1]
}

// inheritedStatements returns the keys of the statements a policy document
// takes from other documents of the stack (source_policy_documents,
// override_policy_documents): those are reported on the document that
// declares them, not again on every document that includes it.
func inheritedStatements(s *engine.Stack, d *engine.Resource) map[string]bool {
	out := map[string]bool{}
	for _, k := range []string{"source_policy_documents", "override_policy_documents", "source_json", "override_json"} {
		for _, v := range engine.Strs(d.Body[k]) {
			if src, _ := s.Target(v); src != nil && src.Data && src.Type == "aws_iam_policy_document" {
				if pol, ok := s.PolicyDocument(src); ok {
					for _, st := range pol.Statements {
						out[statementKey(st)] = true
					}
				}
			}
		}
	}
	return out
}

// statementKey identifies a statement by its content (not its position).
func statementKey(st engine.Statement) string {
	return fmt.Sprint(st.Sid, st.Effect, st.Actions, st.NotActions, st.Resources, st.NotResources, st.Principals, st.Conditions)
}
