package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "KMS002",
		Title:    "KMS key without rotation",
		Severity: engine.Warning,
		Doc:      "Symmetric customer managed keys should rotate yearly (enable_key_rotation = true; CIS AWS 3.6). Asymmetric and HMAC keys cannot rotate and are skipped.",
		Check: func(p *engine.Pass) {
			for _, k := range p.Stack.OfType("aws_kms_key") {
				spec := engine.Str(k.Body["customer_master_key_spec"])
				if ks := engine.Str(k.Body["key_spec"]); ks != "" {
					spec = ks
				}
				if spec != "" && !strings.EqualFold(spec, "SYMMETRIC_DEFAULT") {
					continue
				}
				if b := engine.Bool(k.Body["enable_key_rotation"]); b == engine.Unset || b == engine.False {
					p.Report(k, "key rotation is off", "set enable_key_rotation = true")
				}
			}
		},
	})
}
