package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// wafLogPrefix is the prefix AWS WAF requires of a logging destination's
// name (log group, S3 bucket or Firehose stream):
// https://docs.aws.amazon.com/waf/latest/APIReference/API_LoggingConfiguration.html
const wafLogPrefix = "aws-waf-logs-"

func init() {
	register(engine.Rule{
		ID:       "WAF001",
		Title:    "WAF logging destination without the aws-waf-logs- prefix",
		Severity: engine.Error,
		Doc: "An aws_wafv2_web_acl_logging_configuration whose log_destination_configs names an " +
			"aws_cloudwatch_log_group, an aws_s3_bucket or an aws_kinesis_firehose_delivery_stream of the stack (or an " +
			"ARN literal) whose name does not start with \"" + wafLogPrefix + "\". Why: WAF requires the prefix and " +
			"PutLoggingConfiguration fails, so the web ACL logs nothing " +
			"(https://docs.aws.amazon.com/waf/latest/APIReference/API_LoggingConfiguration.html). Fix: name the " +
			"destination \"" + wafLogPrefix + "<name>\" (package constructs/waf does). Skipped: names set by expressions.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, lc := range s.OfType("aws_wafv2_web_acl_logging_configuration") {
				for i, v := range engine.List(lc.Body["log_destination_configs"]) {
					name, what := wafDestinationName(s, v)
					if name == "" || engine.HasInterp(name) || strings.HasPrefix(name, wafLogPrefix) {
						continue
					}
					p.ReportAttrf(lc, "log_destination_configs."+itoa(i), "name the "+what+" \""+wafLogPrefix+"...\"",
						"WAF logging destination %s %s does not start with %q: PutLoggingConfiguration fails", what, engine.Quote(name), wafLogPrefix)
				}
			}
		},
	})
}

// wafDestinationName returns the name of a WAF logging destination and what
// it is, or "" when unknown.
func wafDestinationName(s *engine.Stack, v any) (name, what string) {
	if r, _ := s.Target(v); r != nil && !r.Data {
		switch r.Type {
		case "aws_cloudwatch_log_group":
			return s.Resolve(r.Body["name"]), "log group " + r.Address
		case "aws_s3_bucket":
			return s.Resolve(r.Body["bucket"]), "bucket " + r.Address
		case "aws_kinesis_firehose_delivery_stream":
			return s.Resolve(r.Body["name"]), "delivery stream " + r.Address
		}
		return "", ""
	}
	arn := s.Resolve(v)
	if engine.HasInterp(arn) || !strings.HasPrefix(arn, "arn:") {
		return "", ""
	}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 {
		return "", ""
	}
	switch res := parts[5]; {
	case parts[2] == "logs" && strings.HasPrefix(res, "log-group:"):
		return strings.TrimSuffix(strings.TrimPrefix(res, "log-group:"), ":*"), "log group"
	case parts[2] == "s3":
		return strings.SplitN(res, "/", 2)[0], "bucket"
	case parts[2] == "firehose" && strings.HasPrefix(res, "deliverystream/"):
		return strings.TrimPrefix(res, "deliverystream/"), "delivery stream"
	}
	return "", ""
}
