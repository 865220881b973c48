package controls

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// WriteText prints one line per control ("CONTROL  STATUS  [SEVERITY]  TITLE"),
// its evidence indented under it (passing resource evidence only with
// verbose), and the counts.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s over %d stack(s) as one account\n", r.Name, r.Version, "("+r.Framework+")", len(r.Stacks))
	for _, c := range r.Controls {
		sev := c.Severity
		if sev == "" {
			sev = "-"
		}
		fmt.Fprintf(&b, "%-16s %-14s %-8s %s\n", c.Control, c.Status, sev, c.Title)
		for _, ev := range c.Evidence {
			if !verbose && (ev.Outcome == "pass" || c.Status == NotApplicable) {
				continue
			}
			fmt.Fprintf(&b, "    %s\n", ev.line())
		}
	}
	fmt.Fprintf(&b, "compliance %s: %s\n", r.Framework, r.CountsLine())
	_, err := io.WriteString(w, b.String())
	return err
}

// String formats evidence as one line:
// "file:line: outcome kind id: address: message (reason: ...)".
func (ev Evidence) String() string { return ev.line() }

// line formats evidence as one line.
func (ev Evidence) line() string {
	var parts []string
	if ev.Outcome != "" {
		parts = append(parts, ev.Outcome)
	}
	if ev.Kind != "note" {
		parts = append(parts, ev.Kind+" "+ev.ID)
	}
	s := strings.Join(parts, " ")
	if ev.Location != "" {
		s = ev.Location + ": " + s
	}
	if s != "" {
		s += ": "
	}
	if ev.Address != "" && !strings.Contains(ev.Message, ev.Address) {
		s += ev.Address + ": "
	}
	s += ev.Message
	if ev.Reason != "" {
		s += " (reason: " + ev.Reason + ")"
	}
	return s
}

// WriteMarkdown prints a Markdown table: control, title, severity, status
// and the evidence that decided it (failures, exceptions with reasons,
// unknowns and notes; passing evidence is counted).
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "| Control | Title | Severity | Status | Evidence |\n|---|---|---|---|---|\n")
	for _, c := range r.Controls {
		sev := c.Severity
		if sev == "" {
			sev = "-"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Control, mdEscape(c.Title), sev, c.Status, mdEscape(c.summary()))
	}
	fmt.Fprintf(&b, "\n%s %s: %s\n", r.Name, r.Version, r.CountsLine())
	_, err := io.WriteString(w, b.String())
	return err
}

// summary is the evidence of a control in one cell.
func (c Result) summary() string {
	var parts []string
	passed := map[string]int{}
	var order []string
	for _, ev := range c.Evidence {
		if ev.Outcome == "pass" {
			key := ev.Kind + " " + ev.ID
			if passed[key] == 0 {
				order = append(order, key)
			}
			passed[key]++
			continue
		}
		s := ev.Message
		if ev.Kind != "note" {
			s = ev.Outcome + " " + ev.Kind + " " + ev.ID + ": " + s
		}
		if ev.Reason != "" {
			s += " (reason: " + ev.Reason + ")"
		}
		parts = append(parts, s)
	}
	for _, k := range order {
		kind, id, _ := strings.Cut(k, " ")
		if kind == "rule" {
			parts = append([]string{fmt.Sprintf("rule %s: no finding", id)}, parts...)
		} else {
			parts = append([]string{fmt.Sprintf("%s %s holds (%d)", kind, id, passed[k])}, parts...)
		}
	}
	return strings.Join(parts, "; ")
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// WriteJSON prints the report as JSON: framework, name, version, source,
// stacks, controls (framework, control, title, severity, scope, status,
// evidence) and summary.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// TagSARIF adds, to every result of a SARIF log written by guard
// (Report.WriteSARIF), the controls of the given frameworks its rule
// breaks, as properties.tags ("fsbp/S3.5", "cis-aws-v5.0.0/2.1.1"), so
// code-scanning services group the findings by control. Control failures
// decided by facts or expectations (no guard finding) are added as results
// of rule "control/<framework>/<id>". Unknown fields are kept.
func (c *Catalogue) TagSARIF(sarif []byte, frameworks []string, reports []*Report) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(sarif))
	dec.UseNumber()
	var log map[string]any
	if err := dec.Decode(&log); err != nil {
		return nil, fmt.Errorf("controls: SARIF: %w", err)
	}
	runs, _ := log["runs"].([]any)
	for _, run := range runs {
		rm, _ := run.(map[string]any)
		if rm == nil {
			continue
		}
		results, _ := rm["results"].([]any)
		for _, res := range results {
			m, _ := res.(map[string]any)
			if m == nil {
				continue
			}
			rule, _ := m["ruleId"].(string)
			msg, _ := m["message"].(map[string]any)
			text, _ := msg["text"].(string)
			// The guard writes "ADDRESS: MESSAGE (fix: FIX)"; patterns read MESSAGE.
			addr := sarifAddress(m)
			text = strings.TrimPrefix(text, addr+": ")
			if i := strings.LastIndex(text, " (fix: "); i >= 0 {
				text = text[:i]
			}
			var tags []string
			byFW := c.ControlsOfFinding(guard.Finding{RuleID: rule, Address: addr, Message: text})
			for _, fw := range frameworks {
				for _, id := range byFW[fw] {
					tags = append(tags, fw+"/"+id)
				}
			}
			if len(tags) == 0 {
				continue
			}
			props, _ := m["properties"].(map[string]any)
			if props == nil {
				props = map[string]any{}
			}
			props["tags"] = tags
			m["properties"] = props
		}
		if len(reports) > 0 {
			rm["results"] = appendControlResults(rm, results, reports)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func sarifAddress(m map[string]any) string {
	locs, _ := m["locations"].([]any)
	for _, l := range locs {
		lm, _ := l.(map[string]any)
		logical, _ := lm["logicalLocations"].([]any)
		for _, ll := range logical {
			llm, _ := ll.(map[string]any)
			if n, ok := llm["fullyQualifiedName"].(string); ok {
				return n
			}
		}
	}
	return ""
}

// appendControlResults adds a rule descriptor and results for the failed
// (or excepted) fact and expectation evidence of the reports' controls.
func appendControlResults(run map[string]any, results []any, reports []*Report) []any {
	tool, _ := run["tool"].(map[string]any)
	driver, _ := tool["driver"].(map[string]any)
	if driver == nil {
		return results
	}
	rules, _ := driver["rules"].([]any)
	index := map[string]int{}
	for _, rep := range reports {
		for _, ct := range rep.Controls {
			for _, ev := range ct.Evidence {
				if ev.Kind == "rule" || (ev.Outcome != "fail" && ev.Outcome != "excepted") {
					continue
				}
				id := "control/" + rep.Framework + "/" + ct.Control
				i, ok := index[id]
				if !ok {
					i = len(rules)
					index[id] = i
					level := "warning"
					if ct.Severity == "high" || ct.Severity == "critical" {
						level = "error"
					}
					rules = append(rules, map[string]any{
						"id": id, "name": id,
						"shortDescription":     map[string]any{"text": ct.Title},
						"fullDescription":      map[string]any{"text": ct.Title},
						"help":                 map[string]any{"text": "decided by " + ev.Kind + " " + ev.ID},
						"defaultConfiguration": map[string]any{"level": level},
						"properties":           map[string]any{"tags": []string{rep.Framework + "/" + ct.Control}},
					})
				}
				res := map[string]any{
					"ruleId": id, "ruleIndex": i,
					"level":      rules[i].(map[string]any)["defaultConfiguration"].(map[string]any)["level"],
					"message":    map[string]any{"text": ev.Message},
					"properties": map[string]any{"tags": []string{rep.Framework + "/" + ct.Control}},
				}
				if file, line := splitLocation(ev.Location); file != "" {
					phys := map[string]any{"artifactLocation": map[string]any{"uri": file}}
					if line > 0 {
						phys["region"] = map[string]any{"startLine": line}
					}
					loc := map[string]any{"physicalLocation": phys}
					if ev.Address != "" {
						loc["logicalLocations"] = []any{map[string]any{"fullyQualifiedName": ev.Address, "kind": "resource"}}
					}
					res["locations"] = []any{loc}
				} else {
					res["locations"] = []any{}
				}
				if ev.Outcome == "excepted" {
					res["suppressions"] = []any{map[string]any{"kind": "inSource", "status": "accepted", "justification": ev.Reason}}
				}
				results = append(results, res)
			}
		}
	}
	driver["rules"] = rules
	return results
}

func splitLocation(loc string) (string, int) {
	i := strings.LastIndex(loc, ":")
	if i < 0 {
		return loc, 0
	}
	var n int
	if _, err := fmt.Sscanf(loc[i+1:], "%d", &n); err != nil {
		return loc, 0
	}
	return loc[:i], n
}
