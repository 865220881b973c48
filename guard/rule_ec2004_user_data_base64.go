package guard

import (
	"encoding/base64"
	"regexp"
	"strings"
)

func init() {
	register(Rule{
		ID:       "EC2004",
		Title:    "base64 content in user_data",
		Severity: Warning,
		Doc: "The provider passes user_data through as text, so base64 text in it (a literal, or " +
			"${base64encode(...)}) reaches the instance still encoded and cloud-init does not run it. Use user_data_base64.",
		Check: func(p *Pass) {
			for _, r := range p.Stack.OfType("aws_instance") {
				ud := str(r.Body["user_data"])
				if ud == "" || !looksBase64(ud) {
					continue
				}
				p.Report(r, "user_data holds base64-encoded content, which the instance receives still encoded", "move the value to user_data_base64")
			}
		},
	})
}

var base64Text = regexp.MustCompile(`^[A-Za-z0-9+/\r\n]+={0,2}$`)

// looksBase64 reports whether v is base64 text or a base64encode/filebase64 call.
func looksBase64(v string) bool {
	if e, ok := singleInterp(v); ok {
		return strings.HasPrefix(e, "base64encode(") || strings.HasPrefix(e, "filebase64(") || strings.HasPrefix(e, "base64gzip(")
	}
	t := strings.TrimSpace(v)
	if len(t) < 16 || len(t)%4 != 0 || !base64Text.MatchString(t) {
		return false
	}
	_, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\n", "", "\r", "").Replace(t))
	return err == nil
}
