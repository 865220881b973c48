package controls

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// catalogueJSON is the control catalogue: frameworks, their controls and
// the resource facts that decide some of them. It is data, reviewed like
// code: every framework, control and fact carries the URL it comes from.
//
//go:embed catalogue.json
var catalogueJSON []byte

// Catalogue is the control catalogue.
type Catalogue struct {
	// Comment explains the file to its readers.
	Comment string `json:"comment"`
	// Frameworks are the compliance frameworks, e.g. fsbp and cis-aws-v5.0.0.
	Frameworks []Framework `json:"frameworks"`
	// Facts are the resource facts that controls name as deciders.
	Facts []Fact `json:"facts"`

	facts map[string]*Fact
}

// Framework is one compliance framework: its identity, where its control
// list comes from, and its controls.
type Framework struct {
	// ID is the spelling guard -compliance takes: "fsbp", "cis-aws-v5.0.0".
	ID string `json:"id"`
	// Name and Version are the framework's own.
	Name    string `json:"name"`
	Version string `json:"version"`
	// Source is the URL of the framework's control list.
	Source string `json:"source"`
	// Retrieved is the date (YYYY-MM-DD) the list was taken from Source.
	Retrieved string `json:"retrieved"`
	// Scope says which of the framework's controls the catalogue holds.
	Scope string `json:"scope"`
	// References are further sources (URLs, with what each gave).
	References []string `json:"references"`
	// Controls are the framework's controls, in the framework's order.
	Controls []Control `json:"controls"`
}

// Control is one control of a framework and how it is decided.
//
// A control is decided by guard rules, access expectations and resource
// facts together (any failure fails it), or it is Manual (not decidable
// from configuration, with the reason) or NotApplicable (with the reason).
type Control struct {
	// ID is the framework's own id: "S3.1", "2.1.4".
	ID string `json:"id"`
	// Title is the framework's title of the control.
	Title string `json:"title"`
	// Severity is the framework's severity (FSBP: low, medium, high, critical).
	Severity string `json:"severity,omitempty"`
	// Profile and Assessment are CIS's "Level 1"/"Level 2" and "Automated"/"Manual".
	Profile    string `json:"profile,omitempty"`
	Assessment string `json:"assessment,omitempty"`
	// Scope is "resource" (judged resource by resource; not-applicable when
	// no resource of ResourceTypes is in the configuration) or "account"
	// (judged over every stack given, as one account).
	Scope string `json:"scope"`
	// ResourceTypes are the Terraform resource types the control concerns.
	ResourceTypes []string `json:"resourceTypes"`
	// Rules are the guard rule ids whose findings fail the control.
	Rules []string `json:"rules,omitempty"`
	// FindingTypes, when set, narrows the rule findings that count to
	// those on resources of these types (POL002 also fires on roles).
	FindingTypes []string `json:"findingTypes,omitempty"`
	// FindingPattern, when set, narrows them further to the findings
	// whose message matches this regular expression (Go syntax): ACC006
	// reports every missing GuardDuty plan in one finding, each plan
	// being its own control.
	FindingPattern string `json:"findingPattern,omitempty"`
	// Expectations are access expectation kinds (access.Kinds) that must hold.
	Expectations []string `json:"expectations,omitempty"`
	// Facts are ids of Catalogue.Facts that must hold.
	Facts []string `json:"facts,omitempty"`
	// Manual is why the control cannot be decided from configuration.
	Manual string `json:"manual,omitempty"`
	// NotApplicable is why the control never applies to a configuration.
	NotApplicable string `json:"notApplicable,omitempty"`
	// Note qualifies how the deciders read the control.
	Note string `json:"note,omitempty"`
	// SecurityHub lists the Security Hub controls that check a CIS recommendation.
	SecurityHub []string `json:"securityHub,omitempty"`
	// Source is the URL of the control's definition.
	Source string `json:"source"`
}

// Decidable reports whether the control names deciders (rules,
// expectations or facts) rather than being manual or not applicable.
func (c Control) Decidable() bool {
	return c.Manual == "" && c.NotApplicable == "" && len(c.Rules)+len(c.Expectations)+len(c.Facts) > 0
}

// Fact is a property of resources a control needs that no guard rule
// states, read from the configuration: attribute predicates on every
// resource of Types (Where all hold, or one of AnyOf; When selects the
// resources it applies to), "linked" (another resource refers to it),
// "forbidden" (no resource of Types may exist), "exists" (scope account:
// at least one resource of Types satisfies Where, over all stacks), or a
// Custom check written in Go (facts.go).
type Fact struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Scope is "resource" or "account".
	Scope string   `json:"scope"`
	Types []string `json:"types"`
	// Op is "" (predicates), "linked", "forbidden" or "exists".
	Op       string      `json:"op,omitempty"`
	Where    []Predicate `json:"where,omitempty"`
	AnyOf    []Predicate `json:"anyOf,omitempty"`
	When     []Predicate `json:"when,omitempty"`
	LinkedBy *Link       `json:"linkedBy,omitempty"`
	// Custom names a check of facts.go; Params are its parameters.
	Custom string  `json:"custom,omitempty"`
	Params *Params `json:"params,omitempty"`
	// Source is the URL of the attribute's or resource's documentation.
	Source string `json:"source"`
}

// Predicate is a test of one attribute (a dotted path through nested
// blocks: "metadata_options.http_tokens"). Ops: equals, notEquals, in,
// notIn, gt, gte, nonEmpty, empty, minItems, contains, endsWith,
// notEndsWith. Through a list of blocks, positive ops hold when one
// element holds, negative ops (notEquals, notIn, notEndsWith, empty) when
// every element does. An absent attribute takes Default; without one it
// fails, unless Absent is "pass" (empty always passes when absent).
type Predicate struct {
	Attribute string `json:"attribute"`
	Op        string `json:"op"`
	Value     any    `json:"value,omitempty"`
	Default   any    `json:"default,omitempty"`
	Absent    string `json:"absent,omitempty"`
}

// Link says which resource must refer to the judged one: a resource of
// Type whose Attribute refers to it (or names its NameAttribute literally),
// satisfying Where; or the judged resource's own Inline attribute, set.
type Link struct {
	Type          string      `json:"type"`
	Attribute     string      `json:"attribute"`
	NameAttribute string      `json:"nameAttribute,omitempty"`
	Inline        string      `json:"inline,omitempty"`
	Where         []Predicate `json:"where,omitempty"`
}

// Params are the parameters of a custom fact.
type Params struct {
	// Mode is "read" or "write" (trail-s3-data-events).
	Mode string `json:"mode,omitempty"`
	// Tokens must all appear in a metric filter pattern (metric-filter-alarm).
	Tokens []string `json:"tokens,omitempty"`
	// Allowed are the ports open to the internet that pass (sg-world-ingress).
	Allowed []int `json:"allowed,omitempty"`
	// Feature is a GuardDuty detector feature name, e.g. "S3_DATA_EVENTS",
	// or names that do the same job separated by "|" (any one enabled
	// holds), and Additional one of its additional configurations, e.g.
	// "EC2_AGENT_MANAGEMENT" (guardduty-feature).
	Feature    string `json:"feature,omitempty"`
	Additional string `json:"additional,omitempty"`
	// Datasource is the path under an aws_guardduty_detector's older
	// datasources block that turns the same protection on, e.g.
	// "s3_logs.enable" (guardduty-feature).
	Datasource string `json:"datasource,omitempty"`
}

var (
	builtinOnce sync.Once
	builtin     *Catalogue
	builtinErr  error
)

// Builtin returns the catalogue embedded in the package (catalogue.json),
// validated. The error is only ever non-nil for a broken build.
func Builtin() (*Catalogue, error) {
	builtinOnce.Do(func() { builtin, builtinErr = Parse(catalogueJSON) })
	return builtin, builtinErr
}

// Parse reads a catalogue and validates it (see Validate).
func Parse(b []byte) (*Catalogue, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var c Catalogue
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("controls: catalogue: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Framework returns the framework with the given id.
func (c *Catalogue) Framework(id string) (*Framework, bool) {
	for i := range c.Frameworks {
		if c.Frameworks[i].ID == id {
			return &c.Frameworks[i], true
		}
	}
	return nil, false
}

// FrameworkIDs returns the framework ids, in catalogue order.
func (c *Catalogue) FrameworkIDs() []string {
	var ids []string
	for _, f := range c.Frameworks {
		ids = append(ids, f.ID)
	}
	return ids
}

// Fact returns the fact with the given id.
func (c *Catalogue) Fact(id string) (*Fact, bool) {
	f, ok := c.facts[id]
	return f, ok
}

// Control returns the control id of the framework.
func (f *Framework) Control(id string) (*Control, bool) {
	for i := range f.Controls {
		if f.Controls[i].ID == id {
			return &f.Controls[i], true
		}
	}
	return nil, false
}

var (
	frameworkID = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	factID      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	typeName    = regexp.MustCompile(`^(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+$`)
	ruleID      = regexp.MustCompile(`^[A-Z][A-Z0-9]*[0-9]{3}$`)
	date        = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	severities  = map[string]int{"low": 1, "medium": 2, "high": 3, "critical": 4}
	predOps     = map[string]bool{"equals": true, "notEquals": true, "in": true, "notIn": true, "gt": true, "gte": true,
		"nonEmpty": true, "empty": true, "minItems": true, "contains": true, "endsWith": true, "notEndsWith": true}
)

// Validate checks the catalogue's shape: unique ids, a source URL and date
// per framework, a title, scope and source per control, a severity for
// every FSBP control, exactly one way of deciding each control, facts
// that exist and are well formed. Errors name the framework, control or
// fact and the field.
func (c *Catalogue) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("controls: "+format, args...)) }
	c.facts = map[string]*Fact{}
	for i := range c.Facts {
		f := &c.Facts[i]
		if !factID.MatchString(f.ID) {
			bad("fact %q: id must be lower-case words joined by '-'", f.ID)
		}
		if _, dup := c.facts[f.ID]; dup {
			bad("fact %s: duplicate id", f.ID)
		}
		c.facts[f.ID] = f
		validateFact(f, bad)
	}
	seenFW := map[string]bool{}
	for _, fw := range c.Frameworks {
		if !frameworkID.MatchString(fw.ID) || seenFW[fw.ID] {
			bad("framework %q: id must be unique, lower case (e.g. fsbp)", fw.ID)
		}
		seenFW[fw.ID] = true
		if !strings.HasPrefix(fw.Source, "https://") {
			bad("framework %s: source must be an https URL", fw.ID)
		}
		if !date.MatchString(fw.Retrieved) {
			bad("framework %s: retrieved must be a date YYYY-MM-DD", fw.ID)
		}
		if fw.Name == "" || fw.Version == "" || len(fw.Controls) == 0 {
			bad("framework %s: name, version and controls are required", fw.ID)
		}
		seen := map[string]bool{}
		for _, ct := range fw.Controls {
			where := fw.ID + " " + ct.ID
			if ct.ID == "" || seen[ct.ID] {
				bad("%s: control id must be set and unique", where)
			}
			seen[ct.ID] = true
			if ct.Title == "" {
				bad("%s: title is required", where)
			}
			if !strings.HasPrefix(ct.Source, "https://") {
				bad("%s: source must be an https URL", where)
			}
			if fw.ID == "fsbp" && severities[ct.Severity] == 0 {
				bad("%s: severity must be low, medium, high or critical", where)
			}
			if ct.Severity != "" && severities[ct.Severity] == 0 {
				bad("%s: severity %q: want low, medium, high or critical", where, ct.Severity)
			}
			if ct.Scope != "resource" && ct.Scope != "account" {
				bad("%s: scope %q: want resource or account", where, ct.Scope)
			}
			for _, t := range append(append([]string{}, ct.ResourceTypes...), ct.FindingTypes...) {
				if !typeName.MatchString(t) {
					bad("%s: %q is not a Terraform resource type", where, t)
				}
			}
			if ct.FindingPattern != "" {
				if _, err := regexp.Compile(ct.FindingPattern); err != nil || len(ct.Rules) == 0 {
					bad("%s: findingPattern must be a regular expression and go with rules (%v)", where, err)
				}
			}
			kinds := 0
			if ct.Manual != "" {
				kinds++
			}
			if ct.NotApplicable != "" {
				kinds++
			}
			if len(ct.Rules)+len(ct.Expectations)+len(ct.Facts) > 0 {
				kinds++
			}
			if kinds != 1 {
				bad("%s: decide it one way: deciders (rules, expectations, facts), manual or notApplicable", where)
			}
			if ct.Decidable() && ct.Scope == "resource" && len(ct.ResourceTypes) == 0 {
				bad("%s: a resource-scope control needs resourceTypes", where)
			}
			for _, id := range ct.Facts {
				if _, ok := c.facts[id]; !ok {
					bad("%s: fact %q is not defined in facts", where, id)
				}
			}
			for _, id := range ct.Rules {
				if !ruleID.MatchString(id) {
					bad("%s: rule %q is not a guard rule id", where, id)
				}
			}
		}
	}
	return errors.Join(errs...)
}

func validateFact(f *Fact, bad func(string, ...any)) {
	if f.Title == "" || !strings.HasPrefix(f.Source, "https://") {
		bad("fact %s: title and an https source are required", f.ID)
	}
	if f.Scope != "resource" && f.Scope != "account" {
		bad("fact %s: scope %q: want resource or account", f.ID, f.Scope)
	}
	if len(f.Types) == 0 {
		bad("fact %s: types are required", f.ID)
	}
	for _, t := range f.Types {
		if !typeName.MatchString(t) {
			bad("fact %s: %q is not a Terraform resource type", f.ID, t)
		}
	}
	preds := append(append(append([]Predicate{}, f.Where...), f.AnyOf...), f.When...)
	if f.LinkedBy != nil {
		preds = append(preds, f.LinkedBy.Where...)
	}
	for _, p := range preds {
		if p.Attribute == "" || !predOps[p.Op] {
			bad("fact %s: predicate on %q: op %q is not one of the predicate ops", f.ID, p.Attribute, p.Op)
		}
		if p.Absent != "" && p.Absent != "pass" && p.Absent != "fail" {
			bad("fact %s: predicate on %s: absent %q: want pass or fail", f.ID, p.Attribute, p.Absent)
		}
	}
	switch {
	case f.Custom != "":
		if _, ok := customFacts[f.Custom]; !ok {
			bad("fact %s: custom check %q does not exist (facts.go)", f.ID, f.Custom)
		}
		if f.Custom == "guardduty-feature" && (f.Params == nil || f.Params.Feature == "") {
			bad("fact %s: guardduty-feature needs params.feature (a detector feature name)", f.ID)
		}
	case f.Op == "linked":
		if f.LinkedBy == nil || f.LinkedBy.Type == "" || f.LinkedBy.Attribute == "" || f.Scope != "resource" {
			bad("fact %s: linked needs linkedBy.type and linkedBy.attribute, scope resource", f.ID)
		}
	case f.Op == "forbidden":
		if f.Scope != "resource" {
			bad("fact %s: forbidden is a resource-scope fact", f.ID)
		}
	case f.Op == "exists":
		if f.Scope != "account" {
			bad("fact %s: exists is an account-scope fact", f.ID)
		}
	case f.Op == "":
		if len(f.Where)+len(f.AnyOf) == 0 || f.Scope != "resource" {
			bad("fact %s: a predicate fact needs where or anyOf, scope resource", f.ID)
		}
	default:
		bad("fact %s: op %q: want linked, forbidden, exists or none (predicates)", f.ID, f.Op)
	}
}

// RuleIDs returns every guard rule id the catalogue names as a decider, sorted.
func (c *Catalogue) RuleIDs() []string {
	set := map[string]bool{}
	for _, fw := range c.Frameworks {
		for _, ct := range fw.Controls {
			for _, r := range ct.Rules {
				set[r] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// ControlsOfRule returns, for each framework id, the ids of the controls
// that name rule as a decider and whose FindingTypes admit a finding on
// resource type typ ("" admits any). It ignores FindingPattern: see
// ControlsOfFinding for the controls one finding breaks.
func (c *Catalogue) ControlsOfRule(rule, typ string) map[string][]string {
	out := map[string][]string{}
	for _, fw := range c.Frameworks {
		for _, ct := range fw.Controls {
			if slices.Contains(ct.Rules, rule) && (typ == "" || len(ct.FindingTypes) == 0 || slices.Contains(ct.FindingTypes, typ)) {
				out[fw.ID] = append(out[fw.ID], ct.ID)
			}
		}
	}
	return out
}

// ControlsOfFinding returns, for each framework id, the ids of the
// controls a guard finding breaks (rule, resource type and message).
func (c *Catalogue) ControlsOfFinding(f guard.Finding) map[string][]string {
	out := map[string][]string{}
	for _, fw := range c.Frameworks {
		for i := range fw.Controls {
			if fw.Controls[i].counts(f) {
				out[fw.ID] = append(out[fw.ID], fw.Controls[i].ID)
			}
		}
	}
	return out
}

// counts reports whether a guard finding is a failure of the control: its
// rule is a decider, and FindingTypes and FindingPattern admit it.
func (ct *Control) counts(f guard.Finding) bool {
	if !slices.Contains(ct.Rules, f.RuleID) || len(ct.FindingTypes) > 0 && !slices.Contains(ct.FindingTypes, addressType(f.Address)) {
		return false
	}
	if ct.FindingPattern == "" {
		return true
	}
	re, err := regexp.Compile(ct.FindingPattern)
	return err == nil && re.MatchString(f.Message)
}

// SeverityRank orders FSBP severities: low 1, medium 2, high 3, critical 4;
// 0 for anything else (CIS recommendations have none).
func SeverityRank(s string) int { return severities[s] }
