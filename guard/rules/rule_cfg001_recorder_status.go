package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "CFG001",
		Title:    "AWS Config recorder never started",
		Severity: engine.Warning,
		Doc: "aws_config_configuration_recorder only defines the recorder; it records nothing until an " +
			"aws_config_configuration_recorder_status with is_enabled = true (depending on the delivery channel) " +
			"starts it.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, rec := range s.OfType("aws_config_configuration_recorder") {
				ok := false
				for _, st := range s.Linked("aws_config_configuration_recorder_status", "name", rec, "name") {
					if b := engine.Bool(st.Body["is_enabled"]); b == engine.True || b == engine.Unknown {
						ok = true
					}
				}
				if !ok {
					p.Report(rec, "recorder has no aws_config_configuration_recorder_status with is_enabled = true, so it records nothing",
						"add aws_config_configuration_recorder_status { name = this recorder's name, is_enabled = true, depends_on = [the delivery channel] }")
				}
			}
		},
	})
}
