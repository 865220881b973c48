package guard

func init() {
	register(Rule{
		ID:       "CT007",
		Title:    "trail is not multi-region",
		Severity: Warning,
		Doc:      "A single-region trail misses activity in every other region, where attackers like to work (CIS AWS 3.1).",
		Check: func(p *Pass) {
			for _, t := range p.Stack.OfType("aws_cloudtrail") {
				if b := Bool(t.Body["is_multi_region_trail"]); b == Unset || b == False {
					p.Report(t, "trail records only its own region", "set is_multi_region_trail = true (and include_global_service_events = true)")
				}
			}
		},
	})
}
