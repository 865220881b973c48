package rules

import (
	"encoding/base64"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "EC2004",
		Title:    "base64 content in user_data, or text in user_data_base64",
		Severity: engine.Warning,
		Doc: "The provider passes user_data through as text, so base64 text in it (a literal, a local holding one, or " +
			"${base64encode(...)}) reaches the instance still encoded and cloud-init does not run it; the reverse, " +
			"aws_instance.user_data_base64 or aws_launch_template.user_data (base64 only) set to text that is not " +
			"base64 (a literal or a local), is refused or garbled. References " +
			"to locals are followed. Fix: base64 content goes in user_data_base64, plain text in user_data.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, r := range s.OfType("aws_instance") {
				if ud := s.Resolve(r.Body["user_data"]); ud != "" && looksBase64(ud) {
					p.Report(r, "user_data holds base64-encoded content"+viaLocal(r.Body["user_data"])+", which the instance receives still encoded", "move the value to user_data_base64")
				}
				reportTextInBase64(p, r, "user_data_base64", "encode it (user_data_base64 = base64encode(<script>), cdktf: Fn.base64encode) or move it to user_data")
			}
			for _, r := range s.OfType("aws_launch_template") {
				reportTextInBase64(p, r, "user_data", "encode it: user_data = base64encode(<script>) (cdktf: Fn.base64encode); launch templates take base64 only")
			}
		},
	})
}

// reportTextInBase64 reports attribute attr of r when it resolves to a
// literal that is not base64.
func reportTextInBase64(p *engine.Pass, r *engine.Resource, attr, fix string) {
	raw := r.Body[attr]
	ud := p.Stack.Resolve(raw)
	if ud == "" || engine.HasInterp(ud) {
		return
	}
	if _, err := decodeBase64(ud); err != nil {
		p.Report(r, attr+" holds text that is not base64"+viaLocal(raw), fix)
	}
}

// viaLocal says " (through local.x)" when v is a single reference to a local.
func viaLocal(v any) string {
	if e, ok := engine.SingleInterp(engine.Str(v)); ok && strings.HasPrefix(strings.TrimSpace(e), "local.") {
		return " (through " + strings.TrimSpace(e) + ")"
	}
	return ""
}

var base64Text = regexp.MustCompile(`^[A-Za-z0-9+/\r\n]+={0,2}$`)

// looksBase64 reports whether v is base64 text or a base64encode/filebase64 call.
func looksBase64(v string) bool {
	if e, ok := engine.SingleInterp(v); ok {
		return strings.HasPrefix(e, "base64encode(") || strings.HasPrefix(e, "filebase64(") || strings.HasPrefix(e, "base64gzip(")
	}
	t := strings.TrimSpace(v)
	if len(t) < 16 || len(t)%4 != 0 || !base64Text.MatchString(t) {
		return false
	}
	_, err := decodeBase64(t)
	return err == nil
}

// decodeBase64 decodes standard base64 text, ignoring line breaks.
func decodeBase64(v string) ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.NewReplacer("\n", "", "\r", "").Replace(strings.TrimSpace(v)))
}
