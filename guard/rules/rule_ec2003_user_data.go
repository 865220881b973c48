package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "EC2003",
		Title:    "user_data instead of user_data_base64",
		Severity: engine.Info,
		Doc: "aws_instance.user_data stores a hash in state and cannot carry binary (gzip) content; " +
			"user_data_base64 is the explicit, binary-safe form. Base64 text in user_data is EC2004.",
		Check: func(p *engine.Pass) {
			for _, r := range p.Stack.OfType("aws_instance") {
				ud := engine.Str(r.Body["user_data"])
				if ud == "" || looksBase64(p.Stack.Resolve(ud)) {
					continue
				}
				p.Report(r, "user_data is set as plain text", "use user_data_base64 = base64encode(<script>) (cdktf: Fn.base64encode)")
			}
		},
	})
}
