package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "EC2001",
		Title:    "IMDSv2 not required",
		Severity: engine.Warning,
		Doc: "Without metadata_options.http_tokens = \"required\" (aws_instance, aws_launch_template) the instance " +
			"metadata service answers IMDSv1 requests, which SSRF bugs turn into credential theft. Instances launched from a template are judged on the template.",
		Check: func(p *engine.Pass) {
			for _, typ := range []string{"aws_instance", "aws_launch_template"} {
				for _, r := range p.Stack.OfType(typ) {
					if r.Body["launch_template"] != nil {
						continue // the template's metadata_options apply; it is checked itself
					}
					tok := engine.Str(engine.Attr(r.Body, "metadata_options.http_tokens"))
					if tok == "required" || engine.HasInterp(tok) {
						continue
					}
					msg := "metadata_options.http_tokens is not set, so IMDSv1 is allowed"
					if tok != "" {
						msg = "metadata_options.http_tokens = " + engine.Quote(tok) + ", so IMDSv1 is allowed"
					}
					p.Report(r, msg, "set metadata_options { http_tokens = \"required\", http_put_response_hop_limit = 1, http_endpoint = \"enabled\" }")
				}
			}
		},
	})
}
