package rules

import (
	"regexp"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "KMS001",
		Title:    "KMS key policy grants a wildcard principal",
		Severity: engine.Error,
		Doc: "An Allow statement in a key policy (aws_kms_key.policy or aws_kms_key_policy) whose AWS principal is " +
			"an ARN with a wildcard account (arn:aws:iam::*:root) opens the key to every AWS account; a principal " +
			"\"*\" without any Condition does the same. Use this account's root from aws_caller_identity.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			seen := map[string]bool{}
			for _, k := range s.OfType("aws_kms_key") {
				srcs, _ := keyPolicies(s, k)
				for _, src := range srcs {
					if src.policy == nil || seen[src.holder.Address] {
						continue
					}
					seen[src.holder.Address] = true
					checkWildcardPrincipals(p, src)
				}
			}
			for _, kp := range s.OfType("aws_kms_key_policy") {
				if seen[kp.Address] {
					continue
				}
				if pol, ok := s.Policy(kp.Body["policy"]); ok {
					checkWildcardPrincipals(p, policySource{kp, pol})
				}
			}
		},
	})
}

var wildcardAccountARN = regexp.MustCompile(`^arn:[^:]*:[^:]*:[^:]*:[^:]*[*?][^:]*:`)

func checkWildcardPrincipals(p *engine.Pass, src policySource) {
	fix := "use this account's root, arn:${data.aws_partition.X.partition}:iam::${data.aws_caller_identity.X.account_id}:root, or a specific role ARN"
	for _, st := range src.policy.Statements {
		if !st.Allow() {
			continue
		}
		if len(st.Principals["*"]) > 0 && len(st.Conditions) == 0 {
			p.Reportf(src.holder, fix, "key policy: %s allows Principal \"*\" with no condition: any AWS principal can use the key", st)
		}
		for _, a := range st.Principals["AWS"] {
			switch {
			case a == "*" && len(st.Conditions) == 0:
				p.Reportf(src.holder, fix, "key policy: %s allows AWS principal \"*\" with no condition: any AWS principal can use the key", st)
			case wildcardAccountARN.MatchString(withoutInterps(p.Stack.Resolve(a))):
				p.Reportf(src.holder, fix, "key policy: %s allows %q, a wildcard account: every AWS account can use the key", st, a)
			}
		}
	}
}
