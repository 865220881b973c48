package engine

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
)

// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the
// subset code-scanning services and editors read: one run, the tool's rule
// descriptors (id, name, short and full description, help, default level)
// and one result per finding with its physical location (file and region).
// Suppressed findings are results carrying an accepted in-source
// suppression with its justification. The structures are written by hand:
// the maintained Go SARIF library (github.com/owenrumney/go-sarif/v3)
// links a JSON-schema validator into every program that imports it.

// SARIFVersion and SARIFSchema identify the format written by WriteSARIF.
const (
	SARIFVersion = "2.1.0"
	SARIFSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool sarifTool `json:"tool"`
	// ColumnKind says how columns count: hcl counts characters, not UTF-16 units.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	Help                 sarifText     `json:"help"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// sarifURI turns a file path into a URI reference: relative paths stay
// relative (with forward slashes), absolute ones become file:// URIs.
func sarifURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path
		}
		return "file://" + p
	}
	return strings.TrimPrefix(p, "./")
}

// WriteSARIF writes the report as a SARIF 2.1.0 log with one run of the
// tool "cdktf-secure-go guard", describing every rule of the checker that
// made the report (so results can refer to them by index; a report built by
// hand describes the rules its findings name, by ID only) and one result
// per finding, suppressed ones included with their reason.
func (r Report) WriteSARIF(w io.Writer) error {
	rules := r.catalogue
	if len(rules) == 0 {
		seen := map[string]bool{}
		for _, f := range append(append([]Finding(nil), r.Findings...), r.Suppressed...) {
			if !seen[f.RuleID] {
				seen[f.RuleID] = true
				rules = append(rules, Rule{ID: f.RuleID, Title: f.RuleID, Severity: f.Severity})
			}
		}
	}
	index := map[string]int{}
	driver := sarifDriver{Name: "cdktf-secure-go guard", InformationURI: "https://github.com/cdktf-secure-go/cdktf-secure-go", Rules: []sarifRule{}}
	for i, rule := range rules {
		index[rule.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: rule.ID, Name: ruleName(rule.Title),
			ShortDescription:     sarifText{rule.Title},
			FullDescription:      sarifText{rule.Doc},
			Help:                 sarifText{rule.Doc},
			DefaultConfiguration: sarifRuleConf{sarifLevel(rule.Severity)},
		})
	}
	results := []sarifResult{}
	add := func(f Finding, suppressed bool) {
		msg := f.Message
		if f.Fix != "" {
			msg += " (fix: " + f.Fix + ")"
		}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(f.File)}}}
		if f.Line > 0 {
			reg := &sarifRegion{StartLine: f.Line, StartColumn: f.Column}
			if f.EndLine >= f.Line && f.EndColumn > 0 {
				reg.EndLine, reg.EndColumn = f.EndLine, f.EndColumn
			}
			loc.PhysicalLocation.Region = reg
		}
		if f.Address != "" {
			loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: f.Address, Kind: "resource"}}
		}
		res := sarifResult{RuleID: f.RuleID, RuleIndex: index[f.RuleID], Level: sarifLevel(f.Severity),
			Message: sarifText{f.Address + ": " + msg}, Locations: []sarifLocation{loc}}
		if suppressed {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Status: "accepted", Justification: f.Reason}}
		}
		results = append(results, res)
	}
	for _, f := range r.Findings {
		add(f, false)
	}
	for _, f := range r.Suppressed {
		add(f, true)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: results}}})
}

// ruleName turns a title into a PascalCase name ("trail without KMS" -> "TrailWithoutKMS").
func ruleName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}
