package access

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// witnessCases are small stacks for the bullets of issue 27 that the
// Access Analyzer cases do not cover: the request context AWS always
// sends, other prefixes and actions, wildcards.
var witnessCases = []aaCase{
	{name: "Principal * when aws:ResourceAccount is this account (always)", want: true,
		resources: bucketWith(pol(`{"Sid":"IfResourceAccount","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"` + aaBucket + `/*","Condition":{"StringEquals":{"aws:ResourceAccount":"123456789012"}}}`))},
	{name: "another account until 2099 (aws:CurrentTime)", want: true,
		resources: map[string]map[string]any{"aws_sns_topic": {"alerts": map[string]any{"name": "alerts", "policy": pol(
			`{"Sid":"Until2099","Effect":"Allow","Principal":{"AWS":"` + aaOther + `"},"Action":"sns:Publish","Resource":"` + aaTopic + `","Condition":{"DateLessThan":{"aws:CurrentTime":"2099-01-01T00:00:00Z"}}}`)}}}},
	{name: "kms:CallerAccount naming another account", want: true,
		resources: map[string]map[string]any{"aws_kms_key": {"main": map[string]any{"policy": pol(
			`{"Sid":"CallerAccount","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"444455556666"}}}`)}}}},
	{name: "another account reads uploads/ only", want: true,
		resources: bucketWith(pol(`{"Sid":"Uploads","Effect":"Allow","Principal":{"AWS":"` + aaOther + `"},"Action":"s3:GetObject","Resource":"` + aaBucket + `/uploads/*"}`))},
	{name: "any account's role named deployer (ArnLike aws:PrincipalArn)", want: true,
		resources: bucketWith(pol(`{"Sid":"Deployers","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"` + aaBucket + `/*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/deployer"}}}`))},
	{name: "kms:ViaService without kms:CallerAccount", want: true,
		resources: map[string]map[string]any{"aws_kms_key": {"main": map[string]any{"policy": pol(
			`{"Sid":"ViaS3","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}`)}}}},
	{name: "a service principal with no source condition", want: true,
		resources: map[string]map[string]any{"aws_sns_topic": {"alerts": map[string]any{"name": "alerts", "policy": pol(
			`{"Sid":"Events","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish","Resource":"` + aaTopic + `"}`)}}}},
	{name: "arn:aws:sns:* (a trailing wildcard past colons)", want: true,
		resources: map[string]map[string]any{"aws_sns_topic": {"alerts": map[string]any{"name": "alerts", "policy": pol(
			`{"Sid":"AnyTopic","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sns:Publish","Resource":"arn:aws:sns:*"}`)}}}},
	{name: "ELB log delivery on AWSLogs/<this account>/ (the service writes there only for this account)", want: false,
		resources: bucketWith(pol(`{"Sid":"ELB","Effect":"Allow","Principal":{"Service":"logdelivery.elasticloadbalancing.amazonaws.com"},"Action":"s3:PutObject","Resource":"` + aaBucket + `/lb/AWSLogs/123456789012/*"}`))},
	{name: "ELB log delivery on AWSLogs/* (any account's load balancers write)", want: true,
		resources: bucketWith(pol(`{"Sid":"ELB","Effect":"Allow","Principal":{"Service":"logdelivery.elasticloadbalancing.amazonaws.com"},"Action":"s3:PutObject","Resource":"` + aaBucket + `/lb/AWSLogs/*"}`))},
}

// TestWitnessCases: each of the bullets is a finding (or none, as
// stated), naming the statement.
func TestWitnessCases(t *testing.T) {
	for _, c := range witnessCases {
		a, err := caseStack(t, c).Analyze()
		if err != nil {
			t.Fatal(err)
		}
		if got := len(a.Findings) > 0; got != c.want {
			t.Errorf("%s: finding = %v (%v); want %v", c.name, got, a.Findings, c.want)
		}
		for _, f := range a.Findings {
			t.Logf("%s: %s", c.name, f)
		}
	}
}

// policyJSON writes a parsed policy back as a policy document.
func policyJSON(p *Policy) json.RawMessage {
	principal := func(m map[string][]string) any {
		if ids, ok := m["*"]; ok && len(m) == 1 && len(ids) <= 1 {
			return "*"
		}
		return m
	}
	var stmts []map[string]any
	for _, st := range p.Statements {
		m := map[string]any{"Effect": st.Effect}
		if st.Sid != "" {
			m["Sid"] = st.Sid
		}
		if st.HasPrincipal {
			m["Principal"] = principal(st.Principal)
		}
		if st.HasNotPrincipal {
			m["NotPrincipal"] = principal(st.NotPrincipal)
		}
		if st.Action != nil {
			m["Action"] = st.Action
		}
		if st.NotAction != nil {
			m["NotAction"] = st.NotAction
		}
		if st.HasResource {
			m["Resource"] = st.Resource
		}
		if st.HasNotResource {
			m["NotResource"] = st.NotResource
		}
		if len(st.Condition) > 0 {
			m["Condition"] = st.Condition
		}
		stmts = append(stmts, m)
	}
	version := p.Version
	if version == "" {
		version = "2012-10-17"
	}
	b, _ := json.Marshal(map[string]any{"Version": version, "Statement": stmts})
	return b
}

// witnessCase turns a finding's request from outside into a cross-check
// case: the witness with the context AWS sends, the outsider's own
// account's policy, and the resource's merged policy. ok is false for the
// principals iam-simulate does not model (federated users, canonical users).
func witnessCase(s *Stack, ix *policyIndex, f Finding) (xcase, string, bool) {
	w := withAWSContext(f.Witness, s.Bind.Region)
	switch w.Principal.Kind {
	case FederatedPrincipal:
		return xcase{}, "a federated principal (iam-simulate models IAM, service and anonymous principals)", false
	case CanonicalUserPrincipal:
		return xcase{}, "an S3 canonical user", false
	}
	c := xcase{Name: "finding " + f.Statement + " (" + f.Who + ")", Principal: principalString(w.Principal), Action: w.Action,
		Resource: w.Resource, ResourceAccount: w.ResourceAccount, Context: withPrincipalKeys(w.Principal, w.Context),
		ResourcePolicy: policyJSON(ix.resource[f.ARN]), kind: ix.kind[f.ARN], principal: w.Principal}
	if w.Principal.Kind == IAMPrincipal {
		c.Identity = []json.RawMessage{policyJSON(outsiderPolicy)}
	}
	return c, "", true
}

// TestCrossCheckFindings shows, for each external-access finding of the
// Access Analyzer cases, the bullets and the corpus, that the
// finding's concrete request from outside is allowed: by this package and
// by iam-simulate (an independent implementation; see
// TestCrossCheckIamSimulate).
func TestCrossCheckFindings(t *testing.T) {
	dir, _ := filepath.Abs("xcheck")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@cloud-copilot", "iam-simulate")); err != nil {
		skipOrFail(t, "access/xcheck/node_modules is not installed; run: npm ci --prefix access/xcheck (the cross-check needs @cloud-copilot/iam-simulate)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "node is not on PATH; the cross-check runs iam-simulate under Node.js 20+")
	}
	var stacks []*Stack
	for _, c := range append(append([]aaCase(nil), analyzerCases...), witnessCases...) {
		stacks = append(stacks, caseStack(t, c))
	}
	names, paths := corpusConfigs(t)
	for _, n := range names {
		if s, err := LoadConfig(paths[n], Binding{}); err == nil {
			stacks = append(stacks, s)
		}
	}
	var cases []xcase
	findings := 0
	notModelled := map[string]int{}
	for _, s := range stacks {
		a, err := s.Analyze()
		if err != nil {
			t.Fatal(err)
		}
		ix := s.index()
		for _, f := range a.Findings {
			findings++
			c, why, ok := witnessCase(s, ix, f)
			if !ok {
				notModelled[why]++
				continue
			}
			if d := evaluateXcase(t, c); !d.Allowed {
				t.Errorf("%s: this package denies the finding's own request: %s %v\ncase: %s", c.Name, d.Reason, d.Deciding, mustJSON(c))
			}
			cases = append(cases, c)
		}
	}
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "simulate.mjs")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("iam-simulate: %v\n%s", err, stderr.String())
	}
	var results []struct {
		Result  string   `json:"result"`
		Ignored []string `json:"ignored"`
	}
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(cases) {
		t.Fatalf("iam-simulate answered %d results for %d cases (%v)", len(results), len(cases), err)
	}
	allowed := 0
	skipped := map[string]int{}
	var lines []string
	for i, c := range cases {
		r := results[i]
		switch {
		case strings.HasPrefix(r.Result, "error"):
			skipped["iam-simulate refused the input: "+r.Result]++
			continue
		case len(r.Ignored) > 0:
			skipped["iam-simulate ignored a context key ("+strings.Join(r.Ignored, ", ")+")"]++
			continue
		}
		if r.Result != "Allowed" {
			t.Errorf("%s: iam-simulate says %s to the request from outside\ncase: %s", c.Name, r.Result, mustJSON(c))
			continue
		}
		allowed++
		lines = append(lines, c.Name+": "+c.Principal+" "+c.Action+" "+c.Resource)
	}
	sort.Strings(lines)
	t.Logf("%d findings; %d requests from outside cross-checked, %d allowed by both; not modelled by iam-simulate: %v; skipped: %v\n%s",
		findings, len(cases), allowed, notModelled, skipped, strings.Join(lines, "\n"))
	if allowed < len(cases)*3/4 {
		t.Errorf("only %d of %d requests could be compared; the cross-check has become too weak", allowed, len(cases))
	}
}
