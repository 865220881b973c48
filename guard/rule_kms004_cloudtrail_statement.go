package guard

func init() {
	register(Rule{
		ID:       "KMS004",
		Title:    "key used by CloudTrail lacks the cloudtrail service statement",
		Severity: Error,
		Doc: "A trail with kms_key_id fails to create (InsufficientEncryptionPolicyException) unless the key " +
			"policy allows cloudtrail.amazonaws.com kms:GenerateDataKey* (and kms:DescribeKey).",
		Check: func(p *Pass) {
			s := p.Stack
			users := map[string][]*Resource{}
			for _, t := range s.OfType("aws_cloudtrail") {
				if k := s.kmsKeyOf(t.Body["kms_key_id"]); k != nil {
					users[k.Address] = append(users[k.Address], t)
				}
			}
			for _, k := range s.OfType("aws_kms_key") {
				trails := users[k.Address]
				if len(trails) == 0 {
					continue
				}
				srcs, state := s.keyPolicies(k)
				if state == keyPolicyUnknown {
					continue
				}
				ok := false
				for _, st := range statements(srcs) {
					if st.Allow() && st.HasService(s.isCloudTrail) && st.AllowsAction("kms:GenerateDataKey") {
						ok = true
					}
				}
				if !ok {
					p.Reportf(k, "add a key policy statement: Principal Service cloudtrail.amazonaws.com, Action kms:GenerateDataKey*, Condition StringLike kms:EncryptionContext:aws:cloudtrail:arn = the trail ARN and aws:SourceArn = the trail ARN; plus kms:DescribeKey",
						"key encrypts trail(s) %s but its policy does not allow cloudtrail.amazonaws.com kms:GenerateDataKey*; the trail fails with InsufficientEncryptionPolicyException", names(trails))
				}
			}
		},
	})
}
