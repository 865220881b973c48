package rules

import (
	"regexp"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// tls12Policies are the ELB security policies whose lowest protocol is TLS
// 1.2 (or 1.3): the TLS13-1-2/TLS13-1-3 policies (with their Res, Ext, FIPS
// and PQ variants), TLS-1-2-2017-01, TLS-1-2-Ext-2018-06 and the FS-1-2
// policies, from the policy tables of
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
// and https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
var tls12Policies = regexp.MustCompile(`^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-[A-Za-z0-9-]+$`)

// elbDefaultPolicy is the policy ELB applies when a listener names none.
const elbDefaultPolicy = "ELBSecurityPolicy-2016-08"

func init() {
	register(engine.Rule{
		ID:       "ELB002",
		Title:    "TLS listener policy older than the TLS 1.2+ policies",
		Severity: engine.Warning,
		Doc: "An HTTPS or TLS aws_lb_listener (or aws_alb_listener) whose ssl_policy is not one of the policies with " +
			"TLS 1.2 as the lowest protocol (ELBSecurityPolicy-TLS13-1-2-*, -TLS13-1-3-*, -TLS-1-2-*, -FS-1-2-*), " +
			"including a listener that sets none: the API then applies " + elbDefaultPolicy + ", which accepts TLS 1.0 " +
			"and 1.1 (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html). " +
			"Fix: ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-Res-2021-06\" (TLS 1.3 and 1.2 with forward-secret AEAD " +
			"ciphers; the console's default). Skipped: a policy set by an expression.",
		Check: func(p *engine.Pass) {
			fix := "set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-Res-2021-06\" (or another TLS13-1-2/TLS13-1-3 policy)"
			for _, l := range listeners(p.Stack) {
				if proto := listenerProtocol(l); proto != "HTTPS" && proto != "TLS" {
					continue
				}
				v, set := l.Body["ssl_policy"]
				pol := engine.Str(v)
				switch {
				case !set || pol == "":
					p.Reportf(l, fix, "%s listener has no ssl_policy: ELB applies %s, which accepts TLS 1.0 and 1.1", listenerProtocol(l), elbDefaultPolicy)
				case engine.HasInterp(pol):
				case !tls12Policies.MatchString(pol):
					p.ReportAttrf(l, "ssl_policy", fix, "ssl_policy %s accepts protocols older than TLS 1.2", engine.Quote(pol))
				}
			}
		},
	})
}
