package guard

import "strings"

func init() {
	register(Rule{
		ID:       "KMS002",
		Title:    "KMS key without rotation",
		Severity: Warning,
		Doc:      "Symmetric customer managed keys should rotate yearly (enable_key_rotation = true; CIS AWS 3.6). Asymmetric and HMAC keys cannot rotate and are skipped.",
		Check: func(p *Pass) {
			for _, k := range p.Stack.OfType("aws_kms_key") {
				spec := Str(k.Body["customer_master_key_spec"])
				if ks := Str(k.Body["key_spec"]); ks != "" {
					spec = ks
				}
				if spec != "" && !strings.EqualFold(spec, "SYMMETRIC_DEFAULT") {
					continue
				}
				if b := Bool(k.Body["enable_key_rotation"]); b == Unset || b == False {
					p.Report(k, "key rotation is off", "set enable_key_rotation = true")
				}
			}
		},
	})
}
