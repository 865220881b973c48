package controls

import (
	"encoding/json"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// outcome of one fact on one resource (or on the account).
type outcome int

const (
	holds outcome = iota
	fails
	unknown
)

// factResult is a fact's verdict on one resource (Resource nil: the account).
type factResult struct {
	Outcome  outcome
	Stack    *guard.Stack
	Resource *guard.Resource
	Attr     string // attribute the verdict is about, for its position
	Message  string
}

// account is every stack judged together as one AWS account.
type account struct {
	stacks []*guard.Stack
}

func (a account) each(types []string, fn func(s *guard.Stack, r *guard.Resource)) {
	for _, s := range a.stacks {
		for _, t := range types {
			for _, r := range s.OfType(t) {
				fn(s, r)
			}
		}
	}
}

// evalFact judges a fact over the account.
func evalFact(f *Fact, a account) []factResult {
	if f.Custom != "" {
		return customFacts[f.Custom](f, a)
	}
	switch f.Op {
	case "exists":
		return evalExists(f, a)
	case "forbidden":
		var out []factResult
		a.each(f.Types, func(s *guard.Stack, r *guard.Resource) {
			out = append(out, factResult{Outcome: fails, Stack: s, Resource: r, Message: fmt.Sprintf("%s: %s", r.Address, f.Title)})
		})
		return out
	case "linked":
		return evalLinked(f, a)
	}
	var out []factResult
	a.each(f.Types, func(s *guard.Stack, r *guard.Resource) {
		if o, _, _ := allHold(s, r.Body, f.When); o != holds {
			return
		}
		o, attr, msg := allHold(s, r.Body, f.Where)
		if len(f.AnyOf) > 0 && o == holds {
			o, attr, msg = anyHolds(s, r.Body, f.AnyOf)
		}
		out = append(out, factResult{Outcome: o, Stack: s, Resource: r, Attr: attr, Message: verdict(r, o, msg, f)})
	})
	return out
}

func verdict(r *guard.Resource, o outcome, msg string, f *Fact) string {
	switch o {
	case holds:
		return fmt.Sprintf("%s: %s", r.Address, f.Title)
	case unknown:
		return fmt.Sprintf("%s: %s is not known before apply", r.Address, msg)
	}
	return fmt.Sprintf("%s: %s (want: %s)", r.Address, msg, f.Title)
}

func evalExists(f *Fact, a account) []factResult {
	var found, failed []factResult
	var firstUnknown *factResult
	n := 0
	a.each(f.Types, func(s *guard.Stack, r *guard.Resource) {
		n++
		o, attr, msg := allHold(s, r.Body, f.Where)
		res := factResult{Outcome: o, Stack: s, Resource: r, Attr: attr, Message: verdict(r, o, msg, f)}
		switch o {
		case holds:
			found = append(found, res)
		case unknown:
			if firstUnknown == nil {
				firstUnknown = &res
			}
		default:
			failed = append(failed, res)
		}
	})
	switch {
	case len(found) > 0:
		return found
	case firstUnknown != nil:
		return []factResult{*firstUnknown}
	case len(failed) == 1:
		return failed
	case len(failed) > 1:
		addrs := make([]string, len(failed))
		for i, r := range failed {
			addrs[i] = r.Resource.Address
		}
		return []factResult{{Outcome: fails, Message: fmt.Sprintf("none of the %d %s in the %d stack(s) judged as one account (%s) meets it (want: %s)", len(failed), strings.Join(f.Types, " or "), len(a.stacks), strings.Join(addrs, ", "), f.Title)}}
	}
	return []factResult{{Outcome: fails, Message: fmt.Sprintf("no %s in the %d stack(s) judged as one account (want: %s)", strings.Join(f.Types, " or "), len(a.stacks), f.Title)}}
}

func evalLinked(f *Fact, a account) []factResult {
	l := f.LinkedBy
	var out []factResult
	a.each(f.Types, func(s *guard.Stack, r *guard.Resource) {
		if o, _, _ := allHold(s, r.Body, f.When); o != holds {
			return
		}
		if l.Inline != "" {
			if v, ok := r.Body[l.Inline]; ok && nonEmpty(v) {
				out = append(out, factResult{Outcome: holds, Stack: s, Resource: r, Attr: l.Inline, Message: fmt.Sprintf("%s: %s (inline %s)", r.Address, f.Title, l.Inline)})
				return
			}
		}
		var names []string
		res := factResult{Outcome: fails, Stack: s, Resource: r}
		for _, c := range s.Linked(l.Type, l.Attribute, r, l.NameAttribute) {
			o, _, _ := allHold(s, c.Body, l.Where)
			if o == holds {
				res.Outcome = holds
				names = append(names, c.Address)
			} else if o == unknown && res.Outcome == fails {
				res.Outcome = unknown
			}
		}
		switch res.Outcome {
		case holds:
			res.Message = fmt.Sprintf("%s: %s (%s)", r.Address, f.Title, strings.Join(names, ", "))
		case unknown:
			res.Message = fmt.Sprintf("%s: the %s referring to it is not known before apply", r.Address, l.Type)
		default:
			res.Message = fmt.Sprintf("%s: no %s refers to it (want: %s)", r.Address, l.Type, f.Title)
		}
		out = append(out, res)
	})
	return out
}

// allHold evaluates predicates that must all hold: the first failing (else
// unknown) one decides, with its attribute and a message.
func allHold(s *guard.Stack, body map[string]any, ps []Predicate) (outcome, string, string) {
	var unk *Predicate
	var unkMsg string
	for i := range ps {
		o, msg := ps[i].eval(s, body)
		if o == fails {
			return fails, ps[i].Attribute, msg
		}
		if o == unknown && unk == nil {
			unk, unkMsg = &ps[i], msg
		}
	}
	if unk != nil {
		return unknown, unk.Attribute, unkMsg
	}
	return holds, "", ""
}

// anyHolds evaluates predicates one of which must hold.
func anyHolds(s *guard.Stack, body map[string]any, ps []Predicate) (outcome, string, string) {
	best := fails
	var msgs []string
	for i := range ps {
		o, msg := ps[i].eval(s, body)
		if o == holds {
			return holds, ps[i].Attribute, ""
		}
		if o == unknown {
			best = unknown
		}
		msgs = append(msgs, msg)
	}
	attr := ""
	if len(ps) > 0 {
		attr = ps[0].Attribute
	}
	return best, attr, strings.Join(msgs, "; ")
}

// values collects the values at a dotted path; blocks given as lists
// (Terraform JSON) or objects are both walked.
func values(v any, path []string) []any {
	if len(path) == 0 {
		return []any{v}
	}
	var out []any
	switch t := v.(type) {
	case map[string]any:
		if c, ok := t[path[0]]; ok && c != nil {
			if len(path) == 1 {
				return []any{c}
			}
			out = append(out, values(c, path[1:])...)
		}
	case []any:
		for _, e := range t {
			out = append(out, values(e, path)...)
		}
	}
	return out
}

func negative(op string) bool {
	return op == "notEquals" || op == "notIn" || op == "notEndsWith" || op == "empty"
}

func (p *Predicate) eval(s *guard.Stack, body map[string]any) (outcome, string) {
	vs := values(body, strings.Split(p.Attribute, "."))
	if len(vs) == 0 {
		switch {
		case p.Op == "empty" || p.Absent == "pass":
			return holds, ""
		case p.Default != nil:
			vs = []any{p.Default}
		default:
			return fails, p.Attribute + " is not set"
		}
	}
	if p.Op == "empty" || p.Op == "nonEmpty" || p.Op == "minItems" {
		return p.evalSize(vs)
	}
	var flat []any
	for _, v := range vs {
		if l, ok := v.([]any); ok && p.Op != "contains" {
			flat = append(flat, l...)
		} else {
			flat = append(flat, v)
		}
	}
	sawUnknown := false
	for _, v := range flat {
		o := p.one(s, v)
		switch {
		case o == unknown:
			sawUnknown = true
		case negative(p.Op) && o == fails:
			return fails, fmt.Sprintf("%s = %s", p.Attribute, show(v))
		case !negative(p.Op) && o == holds:
			return holds, ""
		}
	}
	if sawUnknown {
		return unknown, p.Attribute
	}
	if negative(p.Op) {
		return holds, ""
	}
	shown := make([]string, len(flat))
	for i, v := range flat {
		shown[i] = show(v)
	}
	return fails, fmt.Sprintf("%s = %s", p.Attribute, strings.Join(shown, ", "))
}

func (p *Predicate) evalSize(vs []any) (outcome, string) {
	n, unk := 0, false
	for _, v := range vs {
		switch t := v.(type) {
		case []any:
			n += len(t)
		case map[string]any:
			if len(t) > 0 {
				n++
			}
		case string:
			if hasInterp(t) && p.Op != "nonEmpty" {
				unk = true
			} else if t != "" {
				n++
			}
		case nil:
		default:
			n++
		}
	}
	switch p.Op {
	case "empty":
		if n == 0 && !unk {
			return holds, ""
		}
		if n == 0 {
			return unknown, p.Attribute
		}
		return fails, fmt.Sprintf("%s has %d entr%s", p.Attribute, n, plural(n, "y", "ies"))
	case "nonEmpty":
		if n > 0 {
			return holds, ""
		}
		return fails, p.Attribute + " is empty"
	}
	want := int(num(p.Value))
	if n >= want {
		return holds, ""
	}
	if unk {
		return unknown, p.Attribute
	}
	return fails, fmt.Sprintf("%s has %d item(s), want at least %d", p.Attribute, n, want)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// one tests a single scalar value.
func (p *Predicate) one(s *guard.Stack, v any) outcome {
	if str, ok := v.(string); ok {
		r := s.Resolve(str)
		if hasInterp(r) {
			// A suffix written after the last interpolation is still decided.
			if (p.Op == "endsWith" || p.Op == "notEndsWith") && !strings.HasSuffix(r, "}") {
				tail := r[strings.LastIndex(r, "}")+1:]
				ends := strings.HasSuffix(tail, str2(p.Value))
				return boolOutcome(ends == (p.Op == "endsWith"))
			}
			return unknown
		}
		v = r
	}
	switch p.Op {
	case "equals":
		return boolOutcome(same(v, p.Value))
	case "notEquals":
		return boolOutcome(!same(v, p.Value))
	case "in", "notIn":
		in := false
		for _, w := range list(p.Value) {
			in = in || same(v, w)
		}
		return boolOutcome(in == (p.Op == "in"))
	case "gt", "gte":
		f, ok := toNum(v)
		if !ok {
			return fails
		}
		if p.Op == "gt" {
			return boolOutcome(f > num(p.Value))
		}
		return boolOutcome(f >= num(p.Value))
	case "contains":
		if l, ok := v.([]any); ok {
			for _, e := range l {
				if se, ok := e.(string); ok && s.Resolve(se) == str2(p.Value) {
					return holds
				}
			}
			return fails
		}
		return boolOutcome(strings.Contains(str2(v), str2(p.Value)))
	case "endsWith":
		return boolOutcome(strings.HasSuffix(str2(v), str2(p.Value)))
	case "notEndsWith":
		return boolOutcome(!strings.HasSuffix(str2(v), str2(p.Value)))
	}
	return unknown
}

func boolOutcome(b bool) outcome {
	if b {
		return holds
	}
	return fails
}

func hasInterp(s string) bool { return strings.Contains(s, "${") || strings.Contains(s, "%{") }

func list(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// same compares a configuration value with a catalogue value: booleans and
// numbers also match their string spellings ("true", "7").
func same(v, w any) bool {
	switch wt := w.(type) {
	case bool:
		switch vt := v.(type) {
		case bool:
			return vt == wt
		case string:
			b, err := strconv.ParseBool(vt)
			return err == nil && b == wt
		}
		return false
	case float64:
		f, ok := toNum(v)
		return ok && f == wt
	}
	return str2(v) == str2(w)
}

func toNum(v any) (float64, bool) {
	switch t := v.(type) {
	case float64:
		return t, true
	case int:
		return float64(t), true
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		return f, err == nil
	}
	return 0, false
}

func num(v any) float64 {
	f, ok := toNum(v)
	if !ok {
		return math.NaN()
	}
	return f
}

func str2(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func nonEmpty(v any) bool {
	switch t := v.(type) {
	case nil:
		return false
	case []any:
		return len(t) > 0
	case map[string]any:
		return len(t) > 0
	case string:
		return t != ""
	}
	return true
}

// customFacts are the facts that need more than predicates.
var customFacts = map[string]func(*Fact, account) []factResult{
	"metric-filter-alarm":   metricFilterAlarm,
	"trail-s3-data-events":  trailS3DataEvents,
	"nacl-admin-ports":      naclAdminPorts,
	"sg-world-ingress":      sgWorldIngress,
	"ecs-env-credentials":   ecsEnvCredentials,
	"ecs-log-configuration": ecsLogConfiguration,
	"guardduty-feature":     guardDutyFeature,
}

// metricFilterAlarm: a metric filter whose pattern holds every token, on a
// log group a trail delivers to, whose metric an alarm with actions watches
// (CIS 4.x; https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html).
func metricFilterAlarm(f *Fact, a account) []factResult {
	var near []factResult
	for _, s := range a.stacks {
		trailGroups := map[string]bool{}
		for _, t := range s.OfType("aws_cloudtrail") {
			trailGroups[logGroupOf(s, t.Body["cloud_watch_logs_group_arn"])] = true
		}
		for _, mf := range s.OfType("aws_cloudwatch_log_metric_filter") {
			pattern := s.Resolve(mf.Body["pattern"])
			missing := ""
			for _, tok := range f.Params.Tokens {
				if !strings.Contains(pattern, tok) {
					missing = tok
					break
				}
			}
			if missing != "" {
				continue
			}
			group := logGroupOf(s, mf.Body["log_group_name"])
			if !trailGroups[group] {
				near = append(near, factResult{Outcome: fails, Stack: s, Resource: mf, Attr: "log_group_name", Message: fmt.Sprintf("%s: the filter is not on a log group a trail delivers to (cloud_watch_logs_group_arn)", mf.Address)})
				continue
			}
			name, ns := "", ""
			for _, mt := range values(mf.Body, []string{"metric_transformation"}) {
				for _, m := range blocksOf(mt) {
					name, ns = s.Resolve(m["name"]), s.Resolve(m["namespace"])
				}
			}
			for _, al := range s.OfType("aws_cloudwatch_metric_alarm") {
				if s.Resolve(al.Body["metric_name"]) != name || s.Resolve(al.Body["namespace"]) != ns {
					continue
				}
				if !nonEmpty(al.Body["alarm_actions"]) {
					near = append(near, factResult{Outcome: fails, Stack: s, Resource: al, Attr: "alarm_actions", Message: fmt.Sprintf("%s: the alarm on %s has no alarm_actions", al.Address, name)})
					continue
				}
				return []factResult{{Outcome: holds, Stack: s, Resource: mf, Attr: "pattern", Message: fmt.Sprintf("%s feeds %s (%s)", mf.Address, al.Address, f.Title)}}
			}
			if name != "" {
				near = append(near, factResult{Outcome: fails, Stack: s, Resource: mf, Attr: "metric_transformation", Message: fmt.Sprintf("%s: no alarm watches its metric %s/%s", mf.Address, ns, name)})
			}
		}
	}
	if len(near) > 0 {
		return near
	}
	return []factResult{{Outcome: fails, Message: fmt.Sprintf("no aws_cloudwatch_log_metric_filter whose pattern holds %s in the %d stack(s) judged as one account", strings.Join(quoteAll(f.Params.Tokens), ", "), len(a.stacks))}}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// logGroupOf names the log group a value designates: a reference to an
// aws_cloudwatch_log_group (its address), or a literal name or ARN.
func logGroupOf(s *guard.Stack, v any) string {
	if r, _ := s.Target(v); r != nil {
		return r.Address
	}
	raw, _ := v.(string)
	// "${aws_cloudwatch_log_group.x.arn}:*"
	for _, r := range s.OfType("aws_cloudwatch_log_group") {
		if strings.Contains(raw, "${"+r.Address+".") {
			return r.Address
		}
		if n := s.Resolve(r.Body["name"]); n != "" && !hasInterp(n) {
			lit := s.Resolve(raw)
			if lit == n || strings.HasSuffix(strings.TrimSuffix(lit, ":*"), ":log-group:"+n) {
				return r.Address
			}
		}
	}
	return s.Resolve(raw)
}

func blocksOf(v any) []map[string]any {
	switch t := v.(type) {
	case map[string]any:
		return []map[string]any{t}
	case []any:
		var out []map[string]any
		for _, e := range t {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// trailS3DataEvents: a trail's event selectors log data events on S3
// objects for the mode (CIS 3.8 write, 3.9 read;
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
func trailS3DataEvents(f *Fact, a account) []factResult {
	want := "WriteOnly"
	if f.Params.Mode == "read" {
		want = "ReadOnly"
	}
	var near []factResult
	for _, s := range a.stacks {
		for _, t := range s.OfType("aws_cloudtrail") {
			for _, sel := range blocksOf(t.Body["event_selector"]) {
				rw := s.Resolve(sel["read_write_type"])
				if rw == "" {
					rw = "All"
				}
				if rw != "All" && rw != want {
					continue
				}
				for _, dr := range blocksOf(sel["data_resource"]) {
					if s.Resolve(dr["type"]) == "AWS::S3::Object" {
						return []factResult{{Outcome: holds, Stack: s, Resource: t, Attr: "event_selector", Message: fmt.Sprintf("%s: event_selector logs AWS::S3::Object data events (read_write_type %s)", t.Address, rw)}}
					}
				}
			}
			for _, sel := range blocksOf(t.Body["advanced_event_selector"]) {
				data, s3obj, ro := false, false, ""
				for _, fs := range blocksOf(sel["field_selector"]) {
					vals := strs(s, fs["equals"])
					switch s.Resolve(fs["field"]) {
					case "eventCategory":
						data = slices.Contains(vals, "Data")
					case "resources.type":
						s3obj = slices.Contains(vals, "AWS::S3::Object")
					case "readOnly":
						if len(vals) == 1 {
							ro = vals[0]
						}
					}
				}
				if data && s3obj && (ro == "" || ro == "true" && want == "ReadOnly" || ro == "false" && want == "WriteOnly") {
					return []factResult{{Outcome: holds, Stack: s, Resource: t, Attr: "advanced_event_selector", Message: fmt.Sprintf("%s: advanced_event_selector logs AWS::S3::Object data events", t.Address)}}
				}
			}
			near = append(near, factResult{Outcome: fails, Stack: s, Resource: t, Attr: "event_selector", Message: fmt.Sprintf("%s: no event selector logs AWS::S3::Object %s data events", t.Address, strings.ToLower(strings.TrimSuffix(want, "Only")))})
		}
	}
	if len(near) > 0 {
		return near
	}
	return []factResult{{Outcome: fails, Message: fmt.Sprintf("no aws_cloudtrail in the %d stack(s) judged as one account (want: %s)", len(a.stacks), f.Title)}}
}

func strs(s *guard.Stack, v any) []string {
	var out []string
	for _, e := range list(v) {
		if e == nil {
			continue
		}
		out = append(out, s.Resolve(str2(e)))
	}
	return out
}

// worldCIDR reports whether a CIDR is the whole IPv4 or IPv6 internet.
func worldCIDR(c string) bool {
	p, err := netip.ParsePrefix(strings.TrimSpace(c))
	return err == nil && p.Bits() == 0
}

// portsCover reports whether [from, to] covers port (protocol -1/all covers all).
func portsCover(proto string, from, to float64, port int) bool {
	if proto == "-1" || proto == "all" {
		return true
	}
	return float64(port) >= from && float64(port) <= to
}

// naclAdminPorts: no allow entry from 0.0.0.0/0 or ::/0 reaches 22 or 3389
// (EC2.21, CIS 5.2; https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html).
func naclAdminPorts(f *Fact, a account) []factResult {
	var out []factResult
	check := func(s *guard.Stack, r *guard.Resource, attr string, e map[string]any) {
		action := strings.ToLower(s.Resolve(e["action"]))
		if action == "" {
			action = strings.ToLower(s.Resolve(e["rule_action"]))
		}
		if action != "allow" {
			return
		}
		cidr := s.Resolve(e["cidr_block"])
		if v6 := s.Resolve(e["ipv6_cidr_block"]); v6 != "" {
			cidr = v6
		}
		if !worldCIDR(cidr) {
			return
		}
		proto := strings.ToLower(s.Resolve(e["protocol"]))
		from, to := num(e["from_port"]), num(e["to_port"])
		for _, port := range []int{22, 3389} {
			if portsCover(proto, from, to, port) {
				out = append(out, factResult{Outcome: fails, Stack: s, Resource: r, Attr: attr, Message: fmt.Sprintf("%s: allows ingress from %s to port %d", r.Address, cidr, port)})
				return
			}
		}
	}
	for _, s := range a.stacks {
		for _, r := range s.OfType("aws_network_acl") {
			n := len(out)
			for _, e := range blocksOf(r.Body["ingress"]) {
				check(s, r, "ingress", e)
			}
			if len(out) == n {
				out = append(out, factResult{Outcome: holds, Stack: s, Resource: r, Message: r.Address + ": " + f.Title})
			}
		}
		for _, r := range s.OfType("aws_network_acl_rule") {
			if eg := s.Resolve(r.Body["egress"]); eg == "true" {
				continue
			}
			n := len(out)
			check(s, r, "cidr_block", r.Body)
			if len(out) == n {
				out = append(out, factResult{Outcome: holds, Stack: s, Resource: r, Message: r.Address + ": " + f.Title})
			}
		}
	}
	return out
}

// sgWorldIngress: ingress from 0.0.0.0/0 or ::/0 only to the allowed ports
// (EC2.18, authorizedTcpPorts default 80 and 443;
// https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18).
func sgWorldIngress(f *Fact, a account) []factResult {
	var out []factResult
	allowed := func(proto string, from, to float64) bool {
		if proto == "-1" || proto == "all" {
			return false
		}
		for p := from; p <= to; p++ {
			ok := false
			for _, x := range f.Params.Allowed {
				ok = ok || float64(x) == p
			}
			if !ok {
				return false
			}
			if to-from > 65535 {
				return false
			}
		}
		return true
	}
	judge := func(s *guard.Stack, r *guard.Resource, attr string, e map[string]any) {
		var cidrs []string
		for _, k := range []string{"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"} {
			cidrs = append(cidrs, strs(s, e[k])...)
		}
		world := ""
		for _, c := range cidrs {
			if worldCIDR(c) {
				world = c
			}
		}
		if world == "" {
			return
		}
		proto := strings.ToLower(s.Resolve(e["protocol"]))
		if proto == "" {
			proto = strings.ToLower(s.Resolve(e["ip_protocol"]))
		}
		from, to := num(e["from_port"]), num(e["to_port"])
		if proto == "-1" || proto == "all" {
			from, to = 0, 65535
		}
		if !allowed(proto, from, to) {
			out = append(out, factResult{Outcome: fails, Stack: s, Resource: r, Attr: attr, Message: fmt.Sprintf("%s: ingress from %s to ports %v-%v (%s); only %v may be open to the internet", r.Address, world, from, to, proto, f.Params.Allowed)})
		}
	}
	for _, s := range a.stacks {
		for _, r := range s.OfType("aws_security_group") {
			for _, e := range blocksOf(r.Body["ingress"]) {
				judge(s, r, "ingress", e)
			}
		}
		for _, r := range s.OfType("aws_vpc_security_group_ingress_rule") {
			judge(s, r, "cidr_ipv4", r.Body)
		}
		for _, r := range s.OfType("aws_security_group_rule") {
			if s.Resolve(r.Body["type"]) == "ingress" {
				judge(s, r, "cidr_blocks", r.Body)
			}
		}
	}
	if len(out) == 0 {
		a.each([]string{"aws_security_group"}, func(s *guard.Stack, r *guard.Resource) {
			out = append(out, factResult{Outcome: holds, Stack: s, Resource: r, Message: r.Address + ": " + f.Title})
		})
	}
	return out
}

// containerDefinitions decodes an ECS task definition's container
// definitions (a JSON string); ok is false when it is not known before apply.
func containerDefinitions(s *guard.Stack, r *guard.Resource) ([]map[string]any, bool) {
	raw := s.Resolve(r.Body["container_definitions"])
	var defs []map[string]any
	if err := json.Unmarshal([]byte(raw), &defs); err != nil {
		return nil, false
	}
	return defs, true
}

// ecsEnvCredentials (ECS.8;
// https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-8).
func ecsEnvCredentials(f *Fact, a account) []factResult {
	var out []factResult
	a.each(f.Types, func(s *guard.Stack, r *guard.Resource) {
		defs, ok := containerDefinitions(s, r)
		if !ok {
			out = append(out, factResult{Outcome: unknown, Stack: s, Resource: r, Attr: "container_definitions", Message: r.Address + ": container_definitions is not known before apply"})
			return
		}
		bad := []string{}
		for _, d := range defs {
			for _, e := range blocksOf(d["environment"]) {
				switch n := str2(e["name"]); n {
				case "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA":
					bad = append(bad, fmt.Sprintf("%s sets %s", str2(d["name"]), n))
				}
			}
		}
		if len(bad) > 0 {
			sort.Strings(bad)
			out = append(out, factResult{Outcome: fails, Stack: s, Resource: r, Attr: "container_definitions", Message: fmt.Sprintf("%s: %s in its environment (pass secrets through the secrets field)", r.Address, strings.Join(bad, ", "))})
			return
		}
		out = append(out, factResult{Outcome: holds, Stack: s, Resource: r, Message: r.Address + ": " + f.Title})
	})
	return out
}

// ecsLogConfiguration (ECS.9;
// https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-9).
func ecsLogConfiguration(f *Fact, a account) []factResult {
	var out []factResult
	a.each(f.Types, func(s *guard.Stack, r *guard.Resource) {
		defs, ok := containerDefinitions(s, r)
		if !ok {
			out = append(out, factResult{Outcome: unknown, Stack: s, Resource: r, Attr: "container_definitions", Message: r.Address + ": container_definitions is not known before apply"})
			return
		}
		var missing []string
		for _, d := range defs {
			lc, _ := d["logConfiguration"].(map[string]any)
			if lc == nil || str2(lc["logDriver"]) == "" {
				missing = append(missing, str2(d["name"]))
			}
		}
		if len(missing) > 0 {
			out = append(out, factResult{Outcome: fails, Stack: s, Resource: r, Attr: "container_definitions", Message: fmt.Sprintf("%s: container(s) %s without logConfiguration.logDriver", r.Address, strings.Join(missing, ", "))})
			return
		}
		out = append(out, factResult{Outcome: holds, Stack: s, Resource: r, Message: r.Address + ": " + f.Title})
	})
	return out
}

// guardDutyFeature: the account's GuardDuty detector has a protection plan
// on: an aws_guardduty_detector_feature named Params.Feature with status
// ENABLED (and, with Params.Additional, that additional_configuration
// ENABLED too), or the detector's older datasources block with
// Params.Datasource true. Feature and configuration names:
// https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DetectorFeatureConfiguration.html
// (GuardDuty.6-13: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html).
func guardDutyFeature(f *Fact, a account) []factResult {
	p := f.Params
	var near []factResult
	var unk *factResult
	for _, s := range a.stacks {
		for _, r := range s.OfType("aws_guardduty_detector_feature") {
			name := s.Resolve(r.Body["name"])
			if hasInterp(name) {
				if unk == nil {
					unk = &factResult{Outcome: unknown, Stack: s, Resource: r, Attr: "name", Message: r.Address + ": name is not known before apply"}
				}
				continue
			}
			if !slices.Contains(strings.Split(p.Feature, "|"), name) {
				continue
			}
			status := s.Resolve(r.Body["status"])
			if hasInterp(status) {
				if unk == nil {
					unk = &factResult{Outcome: unknown, Stack: s, Resource: r, Attr: "status", Message: r.Address + ": status is not known before apply"}
				}
				continue
			}
			if status != "ENABLED" {
				near = append(near, factResult{Outcome: fails, Stack: s, Resource: r, Attr: "status", Message: fmt.Sprintf("%s: %s status = %q (want: %s)", r.Address, name, status, f.Title)})
				continue
			}
			if p.Additional == "" {
				return []factResult{{Outcome: holds, Stack: s, Resource: r, Attr: "status", Message: fmt.Sprintf("%s: %s is ENABLED", r.Address, name)}}
			}
			got := ""
			for _, ac := range blocksOf(r.Body["additional_configuration"]) {
				if s.Resolve(ac["name"]) == p.Additional {
					got = s.Resolve(ac["status"])
				}
			}
			if got == "ENABLED" {
				return []factResult{{Outcome: holds, Stack: s, Resource: r, Attr: "additional_configuration", Message: fmt.Sprintf("%s: %s is ENABLED with %s ENABLED", r.Address, name, p.Additional)}}
			}
			if hasInterp(got) {
				if unk == nil {
					unk = &factResult{Outcome: unknown, Stack: s, Resource: r, Attr: "additional_configuration", Message: r.Address + ": additional_configuration status is not known before apply"}
				}
				continue
			}
			if got == "" {
				got = "not set"
			} else {
				got = strconv.Quote(got)
			}
			near = append(near, factResult{Outcome: fails, Stack: s, Resource: r, Attr: "additional_configuration", Message: fmt.Sprintf("%s: additional_configuration %s is %s (want: %s)", r.Address, p.Additional, got, f.Title)})
		}
		if p.Datasource == "" {
			continue
		}
		for _, d := range s.OfType("aws_guardduty_detector") {
			vs := values(d.Body, strings.Split("datasources."+p.Datasource, "."))
			if len(vs) == 0 {
				continue
			}
			switch o := (&Predicate{Attribute: "datasources." + p.Datasource, Op: "equals", Value: true}).one(s, vs[0]); o {
			case holds:
				return []factResult{{Outcome: holds, Stack: s, Resource: d, Attr: "datasources", Message: fmt.Sprintf("%s: datasources.%s = true", d.Address, p.Datasource)}}
			case unknown:
				if unk == nil {
					unk = &factResult{Outcome: unknown, Stack: s, Resource: d, Attr: "datasources", Message: fmt.Sprintf("%s: datasources.%s is not known before apply", d.Address, p.Datasource)}
				}
			default:
				near = append(near, factResult{Outcome: fails, Stack: s, Resource: d, Attr: "datasources", Message: fmt.Sprintf("%s: datasources.%s = %s (want: %s)", d.Address, p.Datasource, show(vs[0]), f.Title)})
			}
		}
	}
	switch {
	case unk != nil:
		return []factResult{*unk}
	case len(near) > 0:
		return near
	}
	return []factResult{{Outcome: fails, Message: fmt.Sprintf("no aws_guardduty_detector_feature %s in the %d stack(s) judged as one account (want: %s)", p.Feature, len(a.stacks), f.Title)}}
}
