package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "CT008",
		Title:    "trail without event selectors",
		Severity: engine.Warning,
		Doc: "Without event_selector or advanced_event_selector a trail records management events only; S3 " +
			"object and Lambda invoke data events are not logged (CIS AWS 3.10/3.11).",
		Check: func(p *engine.Pass) {
			for _, t := range p.Stack.OfType("aws_cloudtrail") {
				if t.Body["event_selector"] == nil && t.Body["advanced_event_selector"] == nil {
					p.Report(t, "trail has no event selectors, so no S3 or Lambda data events are recorded",
						"add an event_selector with include_management_events = true and data_resource entries for AWS::S3::Object and AWS::Lambda::Function")
				}
			}
		},
	})
}
