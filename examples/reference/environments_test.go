package reference_test

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// allowedEnvDifferences are the only places dev and prod may differ: what the
// environment setting is meant to change, and nothing else.
var allowedEnvDifferences = []struct {
	pattern *regexp.Regexp
	why     string
}{
	{regexp.MustCompile(`^//`), "stack metadata (stack name, guard suppressions)"},
	{regexp.MustCompile(`^resource\.aws_s3_bucket\.[^.]+\.force_destroy$`), "dev buckets can be emptied on destroy; prod buckets refuse"},
	{regexp.MustCompile(`^resource\.aws_db_instance\.[^.]+\.(deletion_protection|skip_final_snapshot|final_snapshot_identifier|delete_automated_backups|multi_az)$`), "prod protects the database and runs a standby"},
	{regexp.MustCompile(`^resource\.aws_lb\.[^.]+\.enable_deletion_protection$`), "prod protects the public load balancer from deletion"},
}

// TestEnvironmentsDifferOnlyWhereIntended synthesizes dev and prod from the
// same code and requires every difference (after naming the environment
// generically) to be one the environment setting is meant to make.
func TestEnvironmentsDifferOnlyWhereIntended(t *testing.T) {
	res := synth.Get(t)
	dev := flatten(normalize(res.Stack(t, "acme-dev").Raw, "dev"))
	prod := flatten(normalize(res.Stack(t, "acme-prod").Raw, "prod"))
	var unexpected, expected []string
	for _, p := range union(dev, prod) {
		if fmt.Sprint(dev[p]) == fmt.Sprint(prod[p]) {
			continue
		}
		line := fmt.Sprintf("%s: dev=%v prod=%v", p, show(dev, p), show(prod, p))
		if allowedDifference(p) {
			expected = append(expected, line)
		} else {
			unexpected = append(unexpected, line)
		}
	}
	for _, u := range unexpected {
		t.Errorf("unexpected difference between environments: %s", u)
	}
	if len(expected) == 0 {
		t.Error("dev and prod are identical; prod must protect its data")
	}
	for _, want := range []string{"deletion_protection", "skip_final_snapshot", "force_destroy"} {
		found := false
		for _, e := range expected {
			found = found || strings.Contains(e, want)
		}
		if !found {
			t.Errorf("dev and prod do not differ in %s", want)
		}
	}
}

func allowedDifference(path string) bool {
	for _, a := range allowedEnvDifferences {
		if a.pattern.MatchString(path) {
			return true
		}
	}
	return false
}

// normalize replaces the environment's name with ENV wherever it is part of a
// name, so only real configuration differences remain.
func normalize(v any, env string) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[normalizeString(k, env)] = normalize(e, env)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e, env)
		}
		return out
	case string:
		return normalizeString(x, env)
	}
	return v
}

func normalizeString(s, env string) string {
	if s == env {
		return "ENV"
	}
	s = strings.ReplaceAll(s, "acme-"+env, "acme-ENV")
	return strings.ReplaceAll(s, "/acme/"+env+"/", "/acme/ENV/")
}

func flatten(v any) map[string]any {
	out := map[string]any{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(join(prefix, k), e)
			}
		case []any:
			for i, e := range x {
				walk(join(prefix, fmt.Sprint(i)), e)
			}
		default:
			out[prefix] = v
		}
	}
	walk("", v)
	return out
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// union returns the keys of a and b, sorted.
func union(a, b map[string]any) []string {
	all := maps.Clone(a)
	maps.Copy(all, b)
	return slices.Sorted(maps.Keys(all))
}

func show(m map[string]any, p string) string {
	v, ok := m[p]
	if !ok {
		return "(absent)"
	}
	s := fmt.Sprint(v)
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}
