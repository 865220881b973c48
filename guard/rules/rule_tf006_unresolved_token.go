package rules

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "TF006",
		Title:    "unresolved CDKTF token left in the configuration",
		Severity: engine.Error,
		Doc: "A string (or object key) anywhere in a resource, data source, local, output, module call, variable or " +
			"provider holds an unresolved CDK token, ${TfToken[TOKEN.n]} or #{TfToken[TOKEN.n]} (cdktf) or " +
			"${Token[...]} (AWS CDK), or a number is cdktf's encoded number token (-1.8881545897087626e+289). " +
			"Base64 user data is decoded (gunzipped when compressed) and searched too: aws_instance and " +
			"aws_spot_instance_request user_data_base64, aws_launch_configuration user_data_base64, " +
			"aws_launch_template user_data, and base64 text in user_data; references to locals are followed. Why: " +
			"a token is a placeholder for a value that was never resolved (a Go string built with fmt.Sprintf or " +
			"concatenation from a token and then changed, a value read before synthesis); Terraform sees a " +
			"reference to an undeclared TfToken, or AWS receives the placeholder text. Fix: pass tokens through " +
			"unchanged (cdktf.Fn / cdktf.Token helpers instead of string manipulation), and build user data with " +
			"Fn.base64encode over the template rather than encoding it in Go.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			fix := "pass the token through unchanged or build the value with cdktf.Fn functions; do not format, slice or base64-encode a token in Go"
			for _, r := range s.Resources {
				var where []string
				walkTokens(r.Body, "", func(path, tok string) { where = append(where, fmt.Sprintf("%s (%s)", path, tok)) })
				for _, attr := range userDataAttrs(r) {
					if tok := tokenInBase64(s.Resolve(r.Body[attr])); tok != "" {
						where = append(where, fmt.Sprintf("%s, once base64-decoded (%s)", attr, tok))
					}
				}
				if len(where) > 0 {
					p.Reportf(r, fix, "unresolved CDK token in %s", strings.Join(where, "; "))
				}
			}
			others := []struct {
				kind string
				m    map[string]any
			}{{"local", s.Locals}, {"output", engine.AnyMap(s.Outputs)}, {"module", engine.AnyMap(s.Modules)}, {"var", engine.AnyMap(s.Variables)}}
			for _, o := range others {
				for _, name := range engine.SortedKeys(o.m) {
					var where []string
					walkTokens(o.m[name], "", func(path, tok string) {
						if path == "" {
							path = "value"
						}
						where = append(where, fmt.Sprintf("%s (%s)", path, tok))
					})
					if len(where) > 0 {
						p.ReportAt(o.kind+"."+name, "", "unresolved CDK token in "+strings.Join(where, "; "), fix)
					}
				}
			}
			for _, name := range engine.SortedKeys(engine.Map(s.Raw["provider"])) {
				for i, cfg := range engine.List(engine.Map(s.Raw["provider"])[name]) {
					var where []string
					walkTokens(cfg, "", func(path, tok string) { where = append(where, fmt.Sprintf("%s (%s)", path, tok)) })
					if len(where) > 0 {
						addr := "provider." + name
						if a := engine.Str(engine.Map(cfg)["alias"]); a != "" {
							addr += "." + a
						} else if i > 0 {
							addr += fmt.Sprintf("[%d]", i)
						}
						p.ReportAt(addr, "", "unresolved CDK token in "+strings.Join(where, "; "), fix)
					}
				}
			}
		},
	})
}

// cdkToken matches a CDK token's string encoding.
var cdkToken = regexp.MustCompile(`[$#]\{(?:Tf)?Token\[[^\]\}]*\]\}`)

// numberToken reports whether f is cdktf's encoding of a number token
// (-1.8881545897087626e+289 plus a small offset).
func numberToken(f float64) bool {
	return f < 0 && math.Abs(f/-1.8881545897087626e+289-1) < 1e-9
}

// walkTokens calls fn with the dotted path and the token text of every
// token in v: in strings, in object keys and as encoded numbers. The "//"
// metadata key is skipped.
func walkTokens(v any, path string, fn func(path, tok string)) {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch t := v.(type) {
	case string:
		if tok := cdkToken.FindString(t); tok != "" {
			fn(path, tok)
		}
	case float64:
		if numberToken(t) {
			fn(path, fmt.Sprint(t))
		}
	case []any:
		for i, e := range t {
			walkTokens(e, fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "//" {
				continue
			}
			if tok := cdkToken.FindString(k); tok != "" {
				fn(join(k), tok)
			}
			walkTokens(t[k], join(k), fn)
		}
	}
}

// userDataAttrs lists the attributes of r that hold base64 user data (and
// user_data when it holds base64 text, EC2004's mistake).
func userDataAttrs(r *engine.Resource) []string {
	var out []string
	switch r.Type {
	case "aws_instance", "aws_spot_instance_request", "aws_launch_configuration":
		out = append(out, "user_data_base64", "user_data")
	case "aws_launch_template":
		out = append(out, "user_data")
	}
	return out
}

// maxUserData bounds what is decoded: EC2 takes 16 KB of user data; gzip
// may expand it, so the decompressed text is read up to 1 MB.
const maxUserData = 1 << 20

// tokenInBase64 decodes v when it is literal base64 text (gunzipping it when
// compressed) and returns the first CDK token in it, or "".
func tokenInBase64(v string) string {
	t := strings.TrimSpace(v)
	if t == "" || engine.HasInterp(t) || len(t) > 4*maxUserData || !base64Text.MatchString(t) {
		return ""
	}
	b, err := decodeBase64(t)
	if err != nil {
		return ""
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
			if u, err := io.ReadAll(io.LimitReader(zr, maxUserData)); err == nil || len(u) > 0 {
				b = u
			}
		}
	}
	return cdkToken.FindString(string(b))
}
