package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "KMS005",
		Title:    "KMS key policy grants a service kms:* without a condition",
		Severity: engine.Error,
		Doc: "An Allow statement in a key policy (aws_kms_key.policy or aws_kms_key_policy) whose principal is an AWS " +
			"service (cloudtrail.amazonaws.com, logs.<region>.amazonaws.com, ...) and whose actions include kms:* or " +
			"\"*\", with no Condition. Why: the service acts for every AWS customer, so without aws:SourceAccount, " +
			"aws:SourceArn or an encryption-context condition anyone's resources in that service can use the key (the " +
			"confused deputy), with every key operation including ScheduleKeyDeletion and PutKeyPolicy. Fix: grant the " +
			"few actions the service needs (kms:GenerateDataKey*, kms:Decrypt, kms:DescribeKey) with a condition " +
			"naming this account or the resource.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			fix := "grant only the actions the service needs (e.g. kms:GenerateDataKey*, kms:Decrypt) with aws:SourceAccount, aws:SourceArn or kms:EncryptionContext conditions"
			seen := map[string]bool{}
			check := func(holder *engine.Resource, v any) {
				if seen[holder.Address] {
					return
				}
				seen[holder.Address] = true
				pol, ok := s.Policy(v)
				if !ok {
					return
				}
				for _, st := range pol.Statements {
					if !st.Allow() || len(st.Conditions) > 0 || len(st.Principals["Service"]) == 0 {
						continue
					}
					for _, a := range st.Actions {
						if la := strings.ToLower(strings.TrimSpace(a)); la == "*" || la == "kms:*" {
							p.Reportf(holder, fix, "key policy: %s allows %s %q with no condition: the service can use the key for any account's resources",
								st, strings.Join(st.Principals["Service"], ", "), a)
							break
						}
					}
				}
			}
			for _, k := range s.OfType("aws_kms_key") {
				if v, ok := k.Body["policy"]; ok && engine.Str(v) != "" {
					check(k, v)
				}
			}
			for _, kp := range s.OfType("aws_kms_key_policy") {
				check(kp, kp.Body["policy"])
			}
		},
	})
}
