package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "POL002",
		Title:    "resource policy grants every AWS account",
		Severity: engine.Error,
		Doc: "An Allow statement in a resource or trust policy (bucket, topic, queue, secret, repository, endpoint, " +
			"log resource, file system and backup vault policies, OpenSearch/Elasticsearch domain, Glacier vault, Glue, " +
			"CodeArtifact, SES, MSK, EventBridge, DynamoDB and API Gateway policies, aws_iam_role.assume_role_policy) whose principal is " +
			"\"*\" or {\"AWS\": \"*\"} with no Condition, or an ARN with a wildcard account such as " +
			"arn:aws:iam::*:root (any condition or not). Key policies are KMS001. Why: it opens the resource (or the " +
			"role) to every AWS account, e.g. s3:* on a bucket to anyone with an AWS account. Fix: name this " +
			"account's root or specific roles, or keep \"*\" only with a condition such as aws:PrincipalOrgID, " +
			"aws:SourceAccount or aws:SourceVpce.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			fix := "name this account's root or specific role ARNs, or add a condition (aws:PrincipalOrgID, aws:SourceAccount, aws:SourceVpce) to the \"*\" principal"
			eachPolicy(s, func(h policyHolder) {
				if h.identity || h.resource.Type == "aws_kms_key" || h.resource.Type == "aws_kms_key_policy" {
					return
				}
				pol, ok := s.Policy(h.value)
				if !ok {
					return
				}
				for _, st := range pol.Statements {
					if !st.Allow() {
						continue
					}
					if len(st.Principals["*"]) > 0 && len(st.Conditions) == 0 {
						p.Reportf(h.resource, fix, "%s: %s allows Principal \"*\" with no condition: every AWS account and anonymous callers", h.attr, st)
					}
					for _, a := range st.Principals["AWS"] {
						switch {
						case strings.TrimSpace(a) == "*" && len(st.Conditions) == 0:
							p.Reportf(h.resource, fix, "%s: %s allows AWS principal \"*\" with no condition: every AWS account", h.attr, st)
						case wildcardAccountARN.MatchString(withoutInterps(s.Resolve(a))):
							p.Reportf(h.resource, fix, "%s: %s allows %q, a wildcard account: every AWS account", h.attr, st, a)
						}
					}
				}
			})
		},
	})
}
