package guard

import (
	"strings"
	"time"
)

// testNow fixes the date runtime deprecations are judged against.
var testNow = time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC)

func findingsOf(rep Report, id string) []Finding {
	var out []Finding
	for _, f := range rep.Findings {
		if f.RuleID == id {
			out = append(out, f)
		}
	}
	return out
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  " + f.String())
	}
	return b.String()
}
