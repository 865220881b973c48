package rules

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// Helpers of the front-door rules (ELB00x, ECS00x, WAF001).

// loadBalancers returns the aws_lb and aws_alb resources (aws_alb is the
// provider's alias of aws_lb).
func loadBalancers(s *engine.Stack) []*engine.Resource {
	return append(append([]*engine.Resource(nil), s.OfType("aws_lb")...), s.OfType("aws_alb")...)
}

// listeners returns the aws_lb_listener and aws_alb_listener resources.
func listeners(s *engine.Stack) []*engine.Resource {
	return append(append([]*engine.Resource(nil), s.OfType("aws_lb_listener")...), s.OfType("aws_alb_listener")...)
}

// lbType returns a load balancer's type: "application" (the provider's
// default), "network", "gateway", or "" when set by an expression.
func lbType(lb *engine.Resource) string {
	v, ok := lb.Body["load_balancer_type"]
	if !ok || v == nil {
		return "application"
	}
	t := engine.Str(v)
	if engine.HasInterp(t) {
		return ""
	}
	return t
}

// internetFacing reports whether an application load balancer faces the
// internet: internal unset or false. Unknown (an expression) is reported as
// Unknown.
func internetFacing(lb *engine.Resource) engine.Tri {
	switch engine.Bool(lb.Body["internal"]) {
	case engine.Unset, engine.False:
		return engine.True
	case engine.True:
		return engine.False
	}
	return engine.Unknown
}

// listenerProtocol returns a listener's protocol, upper-cased: the provider
// defaults to HTTP for application load balancers when port is not 443
// with a certificate; we read only what is written ("" when unset or an
// expression).
func listenerProtocol(l *engine.Resource) string {
	p := engine.Str(l.Body["protocol"])
	if engine.HasInterp(p) {
		return ""
	}
	return strings.ToUpper(p)
}

// containerDefinitions decodes an aws_ecs_task_definition's
// container_definitions (a JSON string or jsonencode(...)); ok is false
// when it cannot be decoded (rules then stay silent).
func containerDefinitions(td *engine.Resource) ([]map[string]any, bool) {
	v := engine.Str(td.Body["container_definitions"])
	if v == "" {
		return nil, false
	}
	var raw any
	if e, ok := engine.SingleInterp(v); ok {
		if !strings.HasPrefix(strings.TrimSpace(e), "jsonencode(") {
			return nil, false
		}
		d, err := engine.ParseJSONEncode(e)
		if err != nil {
			return nil, false
		}
		raw = d
	} else if err := json.Unmarshal([]byte(v), &raw); err != nil {
		return nil, false
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, false
	}
	var out []map[string]any
	for _, c := range list {
		m, ok := c.(map[string]any)
		if !ok {
			return nil, false
		}
		out = append(out, m)
	}
	return out, true
}

// containerName is a container's "name" for messages.
func containerName(c map[string]any, i int) string {
	if n, ok := c["name"].(string); ok && n != "" {
		return "container " + engine.Quote(n)
	}
	return fmt.Sprintf("container #%d", i+1)
}

func itoa(i int) string { return fmt.Sprint(i) }
