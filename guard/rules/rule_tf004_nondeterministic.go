package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "TF004",
		Title:    "non-deterministic name or identifier",
		Severity: engine.Error,
		Doc: "timestamp(), plantimestamp(), uuid() or bcrypt() in a name or identifier attribute (bucket, name, " +
			"identifier, final_snapshot_identifier, function_name, any *_name or *_identifier, tag Name) gives a new " +
			"value on every plan, so Terraform replaces the resource on every apply (or the state never settles). " +
			"Names must be derived from fixed inputs.",
		Check: func(p *engine.Pass) {
			for _, r := range p.Stack.Resources {
				seen := map[string]bool{}
				engine.WalkStrings(r.Body, "", func(key, s string) {
					if !isNameKey(key) || seen[key] {
						return
					}
					if fn := engine.NondeterministicCall(s); fn != "" {
						seen[key] = true
						p.Reportf(r, "derive the value from fixed inputs (company, environment, construct id); never from time or randomness",
							"%s uses %s: the value changes on every plan, so the configuration never converges and Terraform replaces the resource on each apply where the attribute forces a new one", key, fn)
					}
				})
			}
		},
	})
}

// isNameKey reports whether an attribute key holds a name or identifier.
func isNameKey(k string) bool {
	k = strings.ToLower(k)
	switch k {
	case "name", "name_prefix", "bucket", "bucket_prefix", "identifier", "identifier_prefix", "family":
		return true
	}
	return strings.HasSuffix(k, "_name") || strings.HasSuffix(k, "_identifier") || strings.HasSuffix(k, "_name_prefix")
}
