package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// FormatChanges lists every resource change in a plan: address, actions,
// and the attribute paths that differ (values that become known only after
// apply are marked "(known after apply)").
func FormatChanges(p *tfjson.Plan) string {
	var b strings.Builder
	for _, rc := range p.ResourceChanges {
		if rc.Change == nil || rc.Change.Actions.NoOp() || rc.Change.Actions.Read() {
			continue
		}
		fmt.Fprintf(&b, "  %s: %s", rc.Address, actionsString(rc.Change.Actions))
		if rc.ActionReason != "" {
			fmt.Fprintf(&b, " (%s)", rc.ActionReason)
		}
		b.WriteString("\n")
		for _, d := range diffPaths(rc.Change.Before, rc.Change.After, rc.Change.AfterUnknown) {
			b.WriteString("      " + d + "\n")
		}
		for _, rp := range rc.Change.ReplacePaths {
			fmt.Fprintf(&b, "      forces replacement: %v\n", rp)
		}
	}
	for _, oc := range sortedOutputs(p.OutputChanges) {
		fmt.Fprintf(&b, "  output.%s: %s\n", oc.name, actionsString(oc.change.Actions))
	}
	if b.Len() == 0 {
		return "  (terraform reported changes, but no resource or output changes are in the plan)\n"
	}
	return b.String()
}

func actionsString(a tfjson.Actions) string {
	s := make([]string, len(a))
	for i, x := range a {
		s[i] = string(x)
	}
	return strings.Join(s, ",")
}

type namedOutput struct {
	name   string
	change *tfjson.Change
}

func sortedOutputs(m map[string]*tfjson.Change) []namedOutput {
	var out []namedOutput
	for n, c := range m {
		if c != nil && !c.Actions.NoOp() {
			out = append(out, namedOutput{n, c})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// diffPaths returns "path: before -> after" for every leaf that differs.
func diffPaths(before, after, unknown any) []string {
	var out []string
	var walk func(path string, a, b, u any)
	walk = func(path string, a, b, u any) {
		if u == true {
			out = append(out, fmt.Sprintf("%s: %s -> (known after apply)", label(path), short(a)))
			return
		}
		am, aok := a.(map[string]any)
		bm, bok := b.(map[string]any)
		if aok && bok {
			um, _ := u.(map[string]any)
			for _, k := range unionKeys(am, bm, um) {
				walk(join(path, k), am[k], bm[k], um[k])
			}
			return
		}
		al, aok := a.([]any)
		bl, bok := b.([]any)
		ul, _ := u.([]any)
		if (aok || a == nil) && (bok || b == nil) && (aok || bok) && len(al) == len(bl) {
			for i := range al {
				var ui any
				if i < len(ul) {
					ui = ul[i]
				}
				walk(path+"["+strconv.Itoa(i)+"]", al[i], bl[i], ui)
			}
			return
		}
		if um, ok := u.(map[string]any); ok && bm == nil && len(um) > 0 && b == nil {
			// whole block unknown
			out = append(out, fmt.Sprintf("%s: %s -> (known after apply)", label(path), short(a)))
			return
		}
		if !reflect.DeepEqual(a, b) {
			out = append(out, fmt.Sprintf("%s: %s -> %s", label(path), short(a), short(b)))
		}
	}
	walk("", before, after, unknown)
	sort.Strings(out)
	return out
}

// unionKeys returns the keys of every map, sorted.
func unionKeys(ms ...map[string]any) []string {
	all := map[string]any{}
	for _, m := range ms {
		maps.Copy(all, m)
	}
	return slices.Sorted(maps.Keys(all))
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func label(path string) string {
	if path == "" {
		return "(whole object)"
	}
	return path
}

func short(v any) string {
	if v == nil {
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
