package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// maxTags is AWS's limit of user tags per resource.
const maxTags = 50

func init() {
	register(engine.Rule{
		ID:       "TAG001",
		Title:    "more than 50 tags once the provider's default tags are added",
		Severity: engine.Error,
		Doc: "A resource whose own tags plus the default_tags of the aws provider it uses (the default provider, or the " +
			"alias named by its provider argument; a resource tag overrides a default tag of the same key) number more " +
			"than 50, or a provider whose default_tags alone do. Keys starting with aws: are AWS's own and not counted. " +
			"Why: AWS refuses a 51st tag (TooManyTagsException or a validation error) at apply, whatever the plan showed. " +
			"Fix: drop or merge tags, or move descriptive data out of tags.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			providers := awsProviders(s)
			for _, pv := range providers {
				if n := userTagCount(pv.tags); pv.known && n > maxTags {
					p.ReportAt(pv.address, "", fmt.Sprintf("default_tags has %d tags; every taggable resource it applies to gets them and AWS allows %d", n, maxTags),
						"keep default_tags to the few tags every resource needs")
				}
			}
			for _, r := range s.Resources {
				tags, ok := resourceTags(r)
				if !ok || r.Data {
					continue
				}
				pv := providers[providerKey(r)]
				if pv != nil && pv.known && userTagCount(pv.tags) > maxTags {
					continue // reported on the provider
				}
				if pv != nil && !pv.known {
					pv = nil // default_tags is an expression: count the resource's own tags only
				}
				merged := map[string]string{}
				if pv != nil {
					for k, v := range pv.tags {
						merged[k] = v
					}
				}
				for k, v := range tags {
					merged[k] = v
				}
				if n := userTagCount(merged); n > maxTags {
					from := ""
					if pv != nil && len(pv.tags) > 0 {
						from = fmt.Sprintf(" (%d of its own, %d from the default_tags of %s)", userTagCount(tags), n-userTagCount(tags), pv.address)
					}
					p.Reportf(r, "remove tags from the resource or from the provider's default_tags so that together they number at most 50",
						"has %d tags%s; AWS allows %d", n, from, maxTags)
				}
			}
		},
	})
}

// awsProvider is one aws provider configuration and its default tags.
type awsProvider struct {
	address string            // "provider.aws" or "provider.aws.<alias>"
	tags    map[string]string // default_tags, values resolved
	known   bool              // default_tags is absent or a literal map
}

// awsProviders returns the aws provider configurations by key ("aws" or "aws.<alias>").
func awsProviders(s *engine.Stack) map[string]*awsProvider {
	out := map[string]*awsProvider{}
	for _, v := range engine.List(engine.Map(s.Raw["provider"])["aws"]) {
		m := engine.Map(v)
		if m == nil {
			continue
		}
		key := "aws"
		if a := engine.Str(m["alias"]); a != "" {
			key = "aws." + a
		}
		pv := &awsProvider{address: "provider." + key, tags: map[string]string{}, known: true}
		for _, dt := range engine.Blocks(m["default_tags"]) {
			raw, isMap := dt["tags"].(map[string]any)
			if dt["tags"] != nil && !isMap {
				pv.known = false
			}
			for k, v := range raw {
				pv.tags[k] = s.Resolve(v)
			}
		}
		if _, isStr := m["default_tags"].(string); isStr {
			pv.known = false
		}
		out[key] = pv
	}
	return out
}

// providerKey returns the aws provider configuration a resource uses ("aws",
// "aws.<alias>"), or "" for resources of other providers.
func providerKey(r *engine.Resource) string {
	if !strings.HasPrefix(r.Type, "aws_") {
		return ""
	}
	pr := strings.TrimSpace(engine.Str(r.Body["provider"]))
	if e, ok := engine.SingleInterp(pr); ok {
		pr = strings.TrimSpace(e)
	}
	if pr == "" {
		return "aws"
	}
	return pr
}

// resourceTags returns a resource's literal tags map; ok is false when it has
// none or they are an expression.
func resourceTags(r *engine.Resource) (map[string]string, bool) {
	raw, ok := r.Body["tags"].(map[string]any)
	if !ok {
		return nil, false
	}
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		out[k] = engine.Str(v)
	}
	return out, true
}

// userTagCount counts the tags that count against the limit (not aws:...).
func userTagCount(tags map[string]string) int {
	n := 0
	for k := range tags {
		if !strings.HasPrefix(strings.ToLower(k), "aws:") {
			n++
		}
	}
	return n
}

// sortedTagKeys returns the keys of a tag map in order.
func sortedTagKeys(tags map[string]string) []string {
	out := make([]string, 0, len(tags))
	for k := range tags {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
