package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "ELB001",
		Title:    "HTTP listener forwards instead of redirecting to HTTPS",
		Severity: engine.Warning,
		Doc: "An aws_lb_listener (or aws_alb_listener) with protocol HTTP whose default_action is not a redirect to " +
			"HTTPS (forward, fixed-response, authenticate, or a redirect that keeps HTTP), and an aws_lb_listener_rule " +
			"on such a listener that forwards. Why: requests and cookies then cross the internet in clear text, and " +
			"users who type the bare name never reach TLS. Fix: the HTTP listener's only action is " +
			"redirect { protocol = \"HTTPS\", port = \"443\", status_code = \"HTTP_301\" } " +
			"(https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html, " +
			"redirect actions); content is served by the HTTPS listener. Skipped: protocols or actions set by expressions.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			fix := "make the HTTP listener's default_action a redirect { protocol = \"HTTPS\", port = \"443\", status_code = \"HTTP_301\" } and forward from the HTTPS listener"
			for _, l := range listeners(s) {
				if listenerProtocol(l) != "HTTP" {
					continue
				}
				for i, a := range engine.Blocks(l.Body["default_action"]) {
					if msg := notRedirectToHTTPS(a); msg != "" {
						p.ReportAttrf(l, "default_action."+itoa(i), fix, "HTTP listener's default_action %s", msg)
					}
				}
				for _, r := range s.Referrers(l.Address, "aws_lb_listener_rule", "listener_arn") {
					for i, a := range engine.Blocks(r.Body["action"]) {
						if engine.Str(a["type"]) == "forward" {
							p.ReportAttrf(r, "action."+itoa(i), fix, "rule on HTTP listener %s forwards in clear text", l.Address)
						}
					}
				}
			}
		},
	})
}

// notRedirectToHTTPS says what an HTTP listener's action does instead of
// redirecting to HTTPS, or "" when it redirects (or is unknown).
func notRedirectToHTTPS(a map[string]any) string {
	t := engine.Str(a["type"])
	if engine.HasInterp(t) {
		return ""
	}
	if t != "redirect" {
		return "is " + engine.Quote(t) + ", not a redirect to HTTPS"
	}
	proto := engine.Str(engine.FirstObject(a["redirect"])["protocol"])
	switch {
	case engine.HasInterp(proto):
		return ""
	case proto == "" || proto == "#{protocol}" || proto == "HTTP":
		return "redirects but keeps the protocol (" + engine.Quote(proto) + "), not to HTTPS"
	}
	return ""
}
