package controls

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

func allRules(string) bool { return true }

// scopeResource is a minimal resource of the control's first type, so a
// resource-scope control decided by rules or expectations is in scope.
func scopeResource(c *Control) string {
	if c.Scope != "resource" || len(c.ResourceTypes) == 0 {
		return `{}`
	}
	return `{"` + c.ResourceTypes[0] + `":{"scope":{}}}`
}

func judge(t *testing.T, cat *Catalogue, fw string, c *Control, in Input) Result {
	t.Helper()
	rep, err := cat.Evaluate(fw, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Controls {
		if r.Control == c.ID {
			return r
		}
	}
	t.Fatalf("%s: no result", c.ID)
	return Result{}
}

func evidence(r Result) string {
	var b strings.Builder
	for _, ev := range r.Evidence {
		fmt.Fprintf(&b, "\n  %s", ev.line())
	}
	return b.String()
}

// TestControlFixtures gives every decidable control of both frameworks a
// passing configuration (the passing fixtures of its facts, no finding,
// expectations that hold) and, per decider, a failing one: the fact's
// failing fixture, a finding of the rule, a failing expectation. The
// failure must name the resource. A finding covered by a suppression makes
// the control excepted, with the reason in the evidence.
func TestControlFixtures(t *testing.T) {
	cat := mustCatalogue(t)
	for _, fw := range cat.Frameworks {
		for i := range fw.Controls {
			c := &fw.Controls[i]
			if !c.Decidable() {
				continue
			}
			t.Run(fw.ID+"/"+c.ID, func(t *testing.T) {
				var passRes []string
				for _, f := range c.Facts {
					passRes = append(passRes, factFixtures[f].Pass)
				}
				passStack := parseFixture(t, passRes...)
				inScope := c.Scope == "account" || len(c.ResourceTypes) == 0
				for _, typ := range c.ResourceTypes {
					inScope = inScope || len(passStack.OfType(typ)) > 0
				}
				if !inScope {
					passStack = parseFixture(t, append(passRes, scopeResource(c))...)
				}
				subject := ""
				for _, typ := range append(append([]string{}, c.FindingTypes...), c.ResourceTypes...) {
					if rs := passStack.OfType(typ); len(rs) > 0 {
						subject = rs[0].Address
						break
					}
				}
				if subject == "" {
					subject = "aws_x.scope"
				}
				holding := map[string][]access.Result{}
				for _, k := range c.Expectations {
					holding[passStack.File] = append(holding[passStack.File], access.Result{Expectation: access.Expectation{Kind: k, Subject: subject}, Decision: access.Decision{Allowed: false}})
				}
				in := Input{Stacks: []*guard.Stack{passStack}, Access: holding, RuleExists: allRules}
				if r := judge(t, cat, fw.ID, c, in); r.Status != Pass {
					t.Fatalf("passing fixture: status %s; want pass%s", r.Status, evidence(r))
				}
				for _, f := range c.Facts {
					fx := factFixtures[f]
					s := parseFixture(t, fx.Fail)
					r := judge(t, cat, fw.ID, c, Input{Stacks: []*guard.Stack{s}, Access: map[string][]access.Result{}, AccessErrors: map[string]string{s.File: "not run"}, RuleExists: allRules})
					if r.Status != Fail && !(r.Status == Manual && len(c.Expectations) > 0) {
						t.Errorf("fact %s failing fixture: status %s; want fail%s", f, r.Status, evidence(r))
					}
					if !named(r, "fact", f, fx.FailAddr) {
						t.Errorf("fact %s failing fixture: no failure naming %q%s", f, fx.FailAddr, evidence(r))
					}
				}
				for _, rule := range c.Rules {
					msg := "finding of " + rule
					if c.FindingPattern != "" {
						msg = patternSamples[fw.ID+"/"+c.ID][0]
					}
					finding := guard.Finding{RuleID: rule, Address: subject, File: passStack.File, Line: 3, Message: msg}
					in := Input{Stacks: []*guard.Stack{passStack}, Access: holding, RuleExists: allRules, Guard: guard.Report{Findings: []guard.Finding{finding}}}
					if r := judge(t, cat, fw.ID, c, in); r.Status != Fail || !named(r, "rule", rule, subject) {
						t.Errorf("finding of %s on %s: status %s; want fail naming it%s", rule, subject, r.Status, evidence(r))
					}
					finding.Reason = "reviewed: accepted for this test"
					in.Guard = guard.Report{Suppressed: []guard.Finding{finding}}
					r := judge(t, cat, fw.ID, c, in)
					if r.Status != Excepted || !strings.Contains(evidence(r), "reason: reviewed: accepted for this test") {
						t.Errorf("suppressed finding of %s: status %s; want excepted with the reason%s", rule, r.Status, evidence(r))
					}
				}
				for _, k := range c.Expectations {
					broken := map[string][]access.Result{passStack.File: {{Expectation: access.Expectation{Kind: k, Subject: subject}, Decision: access.Decision{Allowed: true, Reason: "allowed by statement #1"}}}}
					in := Input{Stacks: []*guard.Stack{passStack}, Access: broken, RuleExists: allRules}
					if r := judge(t, cat, fw.ID, c, in); r.Status != Fail || !named(r, "expectation", k, subject) {
						t.Errorf("expectation %s broken on %s: status %s; want fail naming it%s", k, subject, r.Status, evidence(r))
					}
				}
			})
		}
	}
}

func named(r Result, kind, id, addr string) bool {
	for _, ev := range r.Evidence {
		if ev.Kind == kind && ev.ID == id && ev.Outcome == "fail" && ev.Address == addr {
			return true
		}
	}
	return false
}

func TestStatuses(t *testing.T) {
	cat := mustCatalogue(t)
	db := parseFixture(t, `{"aws_db_instance":{"d":{`+dbBase+`}}}`)
	unknownDB := parseFixture(t, `{"aws_db_instance":{"d":{`+dbBase+`,"multi_az":"${var.standby}"}}}`)
	empty := parseFixture(t, `{}`)
	get := func(fw, id string, in Input) Result {
		f, _ := cat.Framework(fw)
		c, _ := f.Control(id)
		return judge(t, cat, fw, c, in)
	}
	tests := []struct {
		name, fw, id string
		in           Input
		want         Status
		evidence     string
	}{
		{"resource control, nothing in scope", "fsbp", "RDS.8", Input{Stacks: []*guard.Stack{empty}}, NotApplicable, "no aws_db_instance in the configuration"},
		{"value known after apply", "fsbp", "RDS.5", Input{Stacks: []*guard.Stack{unknownDB}}, Manual, "multi_az is not known before apply"},
		{"manual control", "fsbp", "IAM.6", Input{Stacks: []*guard.Stack{db}}, Manual, "root user MFA"},
		{"decider rule not in this build", "fsbp", "CloudTrail.1", Input{Stacks: []*guard.Stack{db}, RuleExists: func(id string) bool { return id != "CT007" }}, Manual, "undecided: rule CT007 not in this build"},
		{"account control, baselined elsewhere", "cis-aws-v5.0.0", "1.19", Input{Stacks: []*guard.Stack{db}, BaselinedElsewhere: true}, Manual, "baselined in another configuration"},
		{"account control judged over two stacks", "cis-aws-v5.0.0", "1.19", Input{Stacks: []*guard.Stack{db, parseFixture(t, factFixtures["account-access-analyzer"].Pass)}}, Pass, "aws_accessanalyzer_analyzer.a"},
		{"account control missing", "cis-aws-v5.0.0", "1.19", Input{Stacks: []*guard.Stack{db, empty}}, Fail, "no aws_accessanalyzer_analyzer in the 2 stack(s) judged as one account"},
		{"expectations not evaluated", "fsbp", "S3.5", Input{Stacks: []*guard.Stack{parseFixture(t, `{"aws_s3_bucket":{"b":{"bucket":"b"}}}`)}, RuleExists: allRules}, Manual, "access expectations not evaluated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(tt.fw, tt.id, tt.in)
			if r.Status != tt.want || !strings.Contains(evidence(r), tt.evidence) {
				t.Errorf("%s %s: status %s; want %s with evidence %q%s", tt.fw, tt.id, r.Status, tt.want, tt.evidence, evidence(r))
			}
		})
	}
}

// TestFactSuppression: a suppression of the fact at the resource's
// construct path (or an ancestor) excepts it with the reason; an account
// fact is excepted by a suppression in any of the account's stacks.
func TestFactSuppression(t *testing.T) {
	cat := mustCatalogue(t)
	res := `{"aws_db_instance":{"d":{` + dbBase + `,"deletion_protection":false,"//":{"metadata":{"path":"acme-dev/db/instance"}}}}}`
	b, err := stackJSON(res)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	_ = json.Unmarshal(b, &doc)
	doc["//"] = map[string]any{"guard": map[string]any{"suppressions": []any{
		map[string]any{"rule": "rds-deletion-protection", "path": "acme-dev/db", "reason": "dev is destroyed freely"},
		map[string]any{"rule": "account-support-role", "path": "acme-dev", "reason": "support cases go through the organization's management account"},
	}}}
	b, _ = json.Marshal(doc)
	file := filepath.Join(t.TempDir(), "cdk.tf.json")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := guard.Load(file, 0)
	if err != nil {
		t.Fatal(err)
	}
	fsbp, _ := cat.Framework("fsbp")
	rds8, _ := fsbp.Control("RDS.8")
	r := judge(t, cat, "fsbp", rds8, Input{Stacks: []*guard.Stack{s}})
	if r.Status != Excepted || !strings.Contains(evidence(r), "(reason: dev is destroyed freely)") {
		t.Errorf("RDS.8: status %s; want excepted with the reason%s", r.Status, evidence(r))
	}
	cis, _ := cat.Framework("cis-aws-v5.0.0")
	c116, _ := cis.Control("1.16")
	r = judge(t, cat, "cis-aws-v5.0.0", c116, Input{Stacks: []*guard.Stack{s}})
	if r.Status != Excepted || !strings.Contains(evidence(r), "organization's management account") {
		t.Errorf("1.16: status %s; want excepted%s", r.Status, evidence(r))
	}
}

// TestGuardRuleFixtures runs the guard's own fixtures of every decider rule
// through the report: the failing fixture fails the controls the rule
// decides, naming the finding's resource; the passing fixture leaves no
// failure of that rule.
func TestGuardRuleFixtures(t *testing.T) {
	cat := mustCatalogue(t)
	for _, rule := range cat.RuleIDs() {
		if _, ok := guard.Lookup(rule); !ok {
			continue
		}
		for _, kind := range []string{"fail", "pass"} {
			dir := filepath.Join("..", "rules", "testdata", rule, kind)
			if _, err := os.Stat(dir); err != nil {
				t.Errorf("%s: no guard fixture %s", rule, dir)
				continue
			}
			in, err := LoadAccount([]string{dir}, CheckOptions{})
			if err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			for _, fw := range cat.Frameworks {
				rep, _ := cat.Evaluate(fw.ID, in)
				for _, r := range rep.Controls {
					c, _ := fw.Control(r.Control)
					if !slices.Contains(c.Rules, rule) || r.Status == Manual && strings.Contains(evidence(r), "undecided") {
						continue
					}
					failed := false
					for _, ev := range r.Evidence {
						failed = failed || ev.Kind == "rule" && ev.ID == rule && ev.Outcome == "fail" && ev.Address != ""
					}
					hasFinding := false
					for _, f := range in.Guard.Findings {
						hasFinding = hasFinding || f.RuleID == rule && c.counts(f)
					}
					switch {
					case kind == "fail" && hasFinding && (!failed || r.Status != Fail):
						t.Errorf("%s %s over %s: status %s; want fail naming the finding%s", fw.ID, c.ID, dir, r.Status, evidence(r))
					case kind == "pass" && failed:
						t.Errorf("%s %s over %s: rule %s fails it%s", fw.ID, c.ID, dir, rule, evidence(r))
					}
				}
			}
		}
	}
}

func TestFormats(t *testing.T) {
	cat := mustCatalogue(t)
	s := parseFixture(t, `{"aws_db_instance":{"d":{`+dbBase+`,"multi_az":false}}}`)
	rep, err := cat.Evaluate("fsbp", Input{Stacks: []*guard.Stack{s}, BaselinedElsewhere: true})
	if err != nil {
		t.Fatal(err)
	}
	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Controls []map[string]any `json:"controls"`
		Summary  map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var rds5 map[string]any
	for _, c := range doc.Controls {
		for _, k := range []string{"framework", "control", "title", "status", "evidence"} {
			if _, ok := c[k]; !ok {
				t.Fatalf("control %v: no %q", c["control"], k)
			}
		}
		if c["control"] == "RDS.5" {
			rds5 = c
		}
	}
	if rds5["status"] != "fail" || rds5["framework"] != "fsbp" || !strings.Contains(fmt.Sprint(rds5["evidence"]), "aws_db_instance.d") || !strings.Contains(fmt.Sprint(rds5["evidence"]), "cdk.tf.json:") {
		t.Errorf("RDS.5 = %v; want fail with evidence naming aws_db_instance.d at file:line", rds5)
	}
	if doc.Summary["fail"] != rep.Count(Fail) || len(rep.Failing("low")) != 1 || len(rep.Failing("medium")) != 1 || len(rep.Failing("high")) != 0 {
		t.Errorf("summary %v, failing(medium) %d, failing(high) %d%s", doc.Summary, len(rep.Failing("medium")), len(rep.Failing("high")), rep.Failing("low"))
	}
	var md, txt bytes.Buffer
	_ = rep.WriteMarkdown(&md)
	_ = rep.WriteText(&txt, false)
	if !strings.Contains(md.String(), "| RDS.5 | RDS DB instances should be configured with multiple Availability Zones | medium | fail | fail fact rds-multi-az: aws_db_instance.d: multi_az = false") {
		t.Errorf("markdown:\n%s", md.String())
	}
	if !strings.Contains(txt.String(), "RDS.5            fail") || !strings.Contains(txt.String(), "compliance fsbp: 143 controls:") {
		t.Errorf("text:\n%s", txt.String())
	}
}

// patternSamples are, per control with a findingPattern, a finding message
// of its rule that counts against it and one that does not (another plan,
// another setting of the same rule).
var patternSamples = map[string][2]string{
	"fsbp/IAM.7":           {"password policy weaker than CIS v5.0.0 / FSBP IAM.7: require_symbols not true (FSBP IAM.7 wants every character class)", "password policy weaker than CIS v5.0.0 / FSBP IAM.7: minimum_password_length = 8 (CIS 1.7 wants 14 or more)"},
	"cis-aws-v5.0.0/1.7":   {"password policy weaker than CIS v5.0.0 / FSBP IAM.7: minimum_password_length = 8 (CIS 1.7 wants 14 or more)", "password policy weaker than CIS v5.0.0 / FSBP IAM.7: password_reuse_prevention = 5 (CIS 1.8 wants 24)"},
	"cis-aws-v5.0.0/1.8":   {"password policy weaker than CIS v5.0.0 / FSBP IAM.7: password_reuse_prevention = 5 (CIS 1.8 wants 24)", "password policy weaker than CIS v5.0.0 / FSBP IAM.7: minimum_password_length = 8 (CIS 1.7 wants 14 or more)"},
	"fsbp/EC2.7":           {"enabled = false: new EBS volumes and snapshot copies are not encrypted by default (FSBP EC2.7, CIS 5.1.1)", "key_arn is the AWS managed key alias/aws/ebs, not a customer managed key"},
	"cis-aws-v5.0.0/5.1.1": {"enabled = false: new EBS volumes and snapshot copies are not encrypted by default (FSBP EC2.7, CIS 5.1.1)", "key_arn is the AWS managed key alias/aws/ebs, not a customer managed key"},
	"fsbp/GuardDuty.1":     {"enable = false: GuardDuty is suspended and reports nothing (FSBP GuardDuty.1)", "GuardDuty detector without the protection plans S3_DATA_EVENTS: threats to those resources go undetected"},
	"fsbp/GuardDuty.6":     {"GuardDuty detector without the protection plans RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS: threats to those resources go undetected", "GuardDuty detector without the protection plans RDS_LOGIN_EVENTS: threats to those resources go undetected"},
	"fsbp/GuardDuty.8":     {"GuardDuty detector without the protection plans EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS: threats to those resources go undetected", "GuardDuty detector without the protection plans RDS_LOGIN_EVENTS: threats to those resources go undetected"},
	"fsbp/GuardDuty.9":     {"GuardDuty detector without the protection plans EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS: threats to those resources go undetected", "GuardDuty detector without the protection plans EBS_MALWARE_PROTECTION: threats to those resources go undetected"},
	"fsbp/GuardDuty.10":    {"GuardDuty detector without the protection plans S3_DATA_EVENTS: threats to those resources go undetected", "enable = false: GuardDuty is suspended and reports nothing (FSBP GuardDuty.1)"},
	"fsbp/GuardDuty.11":    {"GuardDuty detector without the protection plans LAMBDA_NETWORK_LOGS, RUNTIME_MONITORING: threats to those resources go undetected", "GuardDuty detector without the protection plans RUNTIME_MONITORING with EC2_AGENT_MANAGEMENT: threats to those resources go undetected"},
	"fsbp/GuardDuty.13":    {"GuardDuty detector without the protection plans RUNTIME_MONITORING with EC2_AGENT_MANAGEMENT: threats to those resources go undetected", "GuardDuty detector without the protection plans LAMBDA_NETWORK_LOGS: threats to those resources go undetected"},
}

// TestFindingPatterns: each findingPattern admits its sample and refuses
// the other; every control with a pattern has samples.
func TestFindingPatterns(t *testing.T) {
	cat := mustCatalogue(t)
	for _, fw := range cat.Frameworks {
		for i := range fw.Controls {
			c := &fw.Controls[i]
			if c.FindingPattern == "" {
				continue
			}
			sm, ok := patternSamples[fw.ID+"/"+c.ID]
			if !ok {
				t.Errorf("%s %s: findingPattern without samples (patternSamples)", fw.ID, c.ID)
				continue
			}
			typ := "aws_x"
			if len(c.FindingTypes) > 0 {
				typ = c.FindingTypes[0]
			}
			f := guard.Finding{RuleID: c.Rules[0], Address: typ + ".r", Message: sm[0]}
			if !c.counts(f) {
				t.Errorf("%s %s: %q does not count; want it to", fw.ID, c.ID, sm[0])
			}
			f.Message = sm[1]
			if c.counts(f) {
				t.Errorf("%s %s: %q counts; want it not to", fw.ID, c.ID, sm[1])
			}
		}
	}
}
