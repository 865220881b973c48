package rules

import (
	"fmt"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "ACC004",
		Title:    "EC2 instance-metadata account defaults allow IMDSv1 (or a hop limit above 1)",
		Severity: engine.Warning,
		Doc: "aws_ec2_instance_metadata_defaults sets the account's defaults for new instances: without http_tokens = " +
			"\"required\" (unset is \"no-preference\") an instance launched without its own metadata options answers IMDSv1, " +
			"which SSRF bugs turn into credential theft (CIS AWS Foundations v5.0.0 5.7, FSBP EC2.8 for the instances: " +
			"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html); an " +
			"http_put_response_hop_limit above 1 lets a container on the instance reach its credentials. Values set by an " +
			"expression are not judged.",
		Check: func(p *engine.Pass) {
			for _, r := range p.Stack.OfType("aws_ec2_instance_metadata_defaults") {
				tok := engine.Str(r.Body["http_tokens"])
				switch {
				case tok == "":
					p.Report(r, "http_tokens is not set (\"no-preference\"): new instances without their own metadata options allow IMDSv1",
						"set http_tokens = \"required\" and http_put_response_hop_limit = 1")
				case tok != "required" && !engine.HasInterp(tok):
					p.Report(r, "http_tokens = "+engine.Quote(tok)+": new instances without their own metadata options allow IMDSv1",
						"set http_tokens = \"required\" and http_put_response_hop_limit = 1")
				}
				if n, ok := engine.Int(r.Body["http_put_response_hop_limit"]); ok && n > 1 {
					p.Report(r, fmt.Sprintf("http_put_response_hop_limit = %d: a container on the instance can reach the metadata service and its credentials", n),
						"set http_put_response_hop_limit = 1 (containers get credentials from their task or pod role)")
				}
			}
		},
	})
}
