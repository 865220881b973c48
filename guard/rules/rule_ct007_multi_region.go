package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "CT007",
		Title:    "trail is not multi-region",
		Severity: engine.Warning,
		Doc:      "A single-region trail misses activity in every other region, where attackers like to work (CIS AWS 3.1).",
		Check: func(p *engine.Pass) {
			for _, t := range p.Stack.OfType("aws_cloudtrail") {
				if b := engine.Bool(t.Body["is_multi_region_trail"]); b == engine.Unset || b == engine.False {
					p.Report(t, "trail records only its own region", "set is_multi_region_trail = true (and include_global_service_events = true)")
				}
			}
		},
	})
}
