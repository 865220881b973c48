package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "TAG002",
		Title:    "tag key or value AWS refuses: too long or aws: prefix",
		Severity: engine.Error,
		Doc: "A tag, in a resource's tags or in an aws provider's default_tags, whose key is longer than 128 " +
			"characters, whose value is longer than 256 characters, or whose key starts with aws: (reserved for AWS). " +
			"Lengths are counted in characters (Unicode code points), as AWS counts them, not in bytes: 129 x \"é\" is " +
			"129 characters and refused, 256 x \"é\" (512 bytes) is accepted. Values built from references are judged " +
			"once resolved, and skipped when they cannot be. Why: the apply fails with a validation error. Fix: shorten " +
			"the key or value, or rename the key.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			fix := "keep tag keys to 128 characters and values to 256, and do not start keys with aws:"
			for _, pv := range sortedProviders(awsProviders(s)) {
				for _, k := range sortedTagKeys(pv.tags) {
					if problem := tagProblem(k, pv.tags[k]); problem != "" {
						p.ReportAt(pv.address, "", "default_tags: "+problem, fix)
					}
				}
			}
			for _, r := range s.Resources {
				tags, ok := resourceTags(r)
				if !ok || r.Data {
					continue
				}
				for _, k := range sortedTagKeys(tags) {
					if problem := tagProblem(k, s.Resolve(tags[k])); problem != "" {
						p.ReportAttr(r, "tags."+k, "tags: "+problem, fix)
					}
				}
			}
		},
	})
}

// tagProblem says why AWS refuses a tag, or "".
func tagProblem(key, value string) string {
	if n := utf8.RuneCountInString(key); n > 128 && !engine.HasInterp(key) {
		return fmt.Sprintf("key %s is %d characters long; the limit is 128", clip(key), n)
	}
	if strings.HasPrefix(strings.ToLower(key), "aws:") {
		return fmt.Sprintf("key %q starts with aws:, which is reserved for AWS", key)
	}
	if n := utf8.RuneCountInString(value); n > 256 && !engine.HasInterp(value) {
		return fmt.Sprintf("value of %s is %d characters long; the limit is 256", clip(key), n)
	}
	return ""
}

// clip quotes a possibly long text for a message, cut to 40 characters.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return fmt.Sprintf("%q", s)
	}
	r := []rune(s)
	return fmt.Sprintf("%q...", string(r[:40]))
}

// sortedProviders returns providers in address order.
func sortedProviders(m map[string]*awsProvider) []*awsProvider {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	out := make([]*awsProvider, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
