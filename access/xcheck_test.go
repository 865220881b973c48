package access

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// xcase is one (policies, request) case in the form access/xcheck/simulate.mjs reads.
type xcase struct {
	Name            string              `json:"name"`
	Principal       string              `json:"principal"`
	Action          string              `json:"action"`
	Resource        string              `json:"resource"`
	ResourceAccount string              `json:"resourceAccount"`
	Context         map[string][]string `json:"context"`
	Identity        []json.RawMessage   `json:"identity"`
	ResourcePolicy  json.RawMessage     `json:"resourcePolicy,omitempty"`

	kind      ResourceKind
	principal Principal
}

// TestCrossCheckIamSimulate evaluates generated cases and the documented
// examples with this package and with @cloud-copilot/iam-simulate (an
// independent implementation, AGPL-3.0, run as a separate test-time process
// from access/xcheck, which .ci/run installs with npm ci) and requires the
// same decision wherever iam-simulate evaluates the case fully.
func TestCrossCheckIamSimulate(t *testing.T) {
	dir, _ := filepath.Abs("xcheck")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@cloud-copilot", "iam-simulate")); err != nil {
		skipOrFail(t, "access/xcheck/node_modules is not installed; run: npm ci --prefix access/xcheck (the cross-check needs @cloud-copilot/iam-simulate)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "node is not on PATH; the cross-check runs iam-simulate under Node.js 20+")
	}
	cases := generated(1000)
	for _, dc := range documented {
		cases = append(cases, fromDocCase(dc))
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
	compared, known, skipped := 0, 0, map[string]int{}
	for i, c := range cases {
		r := results[i]
		switch {
		case strings.HasPrefix(r.Result, "error"):
			skipped["iam-simulate refused the input"]++
			continue
		case len(r.Ignored) > 0:
			// iam-simulate drops context keys it does not know for the
			// action (e.g. kms:EncryptionContext:aws:cloudtrail:arn): its
			// answer is then about another request.
			skipped["iam-simulate ignored a context key"]++
			continue
		}
		compared++
		theirs := r.Result == "Allowed"
		d := evaluateXcase(t, c)
		why, ok := knownDifferences[c.Name]
		if !ok && d.Allowed != theirs {
			why, ok = notPrincipalDifference(t, c)
		}
		if ok {
			if d.Allowed == theirs {
				t.Errorf("%s: listed as a known difference but both now say allowed=%v; remove it from knownDifferences", c.Name, theirs)
			} else {
				known++
				t.Logf("known difference: %s: access allowed=%v, iam-simulate %s; %s", c.Name, d.Allowed, r.Result, why)
			}
			continue
		}
		if d.Allowed != theirs {
			t.Errorf("%s: access says allowed=%v (%s %v), iam-simulate says %s\ncase: %s", c.Name, d.Allowed, d.Reason, d.Deciding, r.Result, mustJSON(c))
		}
	}
	t.Logf("cross-checked %d of %d cases against iam-simulate: %d agree, %d known differences (the documentation sides with access); skipped: %v",
		compared, len(cases), compared-known, known, skipped)
	if compared < len(cases)*3/4 {
		t.Errorf("only %d of %d cases could be compared; the cross-check has become too weak", compared, len(cases))
	}
}

// knownDifferences are the cases where iam-simulate 0.1.173 and this
// package disagree and the AWS documentation sides with this package.
var knownDifferences = map[string]string{
	"documented: DateLessThan aws:CurrentTime in epoch seconds":            "date operators accept epoch (UNIX) time as the policy value (" + docOperators + "); iam-simulate reads only ISO 8601",
	"documented: Version 2008-10-17 takes ${...} literally":                "policy variables need Version 2012-10-17, earlier versions take them literally (" + docVariables + "); iam-simulate substitutes them in every version",
	"documented: NotPrincipal Deny hits every other user":                  "a Deny with NotPrincipal [user, account] denies every other principal of the account (" + docNotPrinc + "); iam-simulate lets the account's other users through",
	"documented: NotPrincipal without the account ARN denies the user too": "without the account ARN the account itself is not excluded, so the Deny applies to the named user too (" + docNotPrinc + ")",
}

// notPrincipalDifference recognises the NotPrincipal disagreement in a
// generated case: a Deny with NotPrincipal naming the principal or its
// account but not both. AWS excludes an IAM principal only when both are
// named (docNotPrinc); iam-simulate excludes it when either is.
func notPrincipalDifference(t *testing.T, c xcase) (string, bool) {
	if len(c.ResourcePolicy) == 0 || c.principal.Kind != IAMPrincipal || c.principal.isRoot() {
		return "", false
	}
	p := mustPolicy(t, "resource", string(c.ResourcePolicy))
	for _, st := range p.Statements {
		if st.Effect != "Deny" || !st.HasNotPrincipal {
			continue
		}
		named, account := false, false
		for _, id := range st.NotPrincipal["AWS"] {
			named = named || id == c.principal.ARN
			account = account || accountOf(id) == c.principal.Account()
		}
		if named != account {
			return "NotPrincipal names the principal or its account but not both: AWS applies the Deny (" + docNotPrinc + "), iam-simulate does not", true
		}
	}
	return "", false
}

func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func evaluateXcase(t *testing.T, c xcase) Decision {
	t.Helper()
	pol := Policies{Kind: c.kind}
	for i, p := range c.Identity {
		pol.Identity = append(pol.Identity, mustPolicy(t, fmt.Sprintf("identity%d", i), string(p)))
	}
	if len(c.ResourcePolicy) > 0 {
		pol.Resource = mustPolicy(t, "resource", string(c.ResourcePolicy))
	}
	return Evaluate(Request{Principal: c.principal, Action: c.Action, Resource: c.Resource, ResourceAccount: c.ResourceAccount, Context: c.Context}, pol)
}

func principalString(p Principal) string {
	switch p.Kind {
	case ServicePrincipal:
		return p.Service
	case Anonymous:
		return "anonymous"
	}
	return p.ARN
}

func fromDocCase(dc docCase) xcase {
	c := xcase{Name: "documented: " + dc.name, Principal: principalString(dc.principal), Action: dc.action, Resource: dc.arn,
		ResourceAccount: dc.resAcct, Context: withPrincipalKeys(dc.principal, dc.ctx), kind: dc.kind, principal: dc.principal}
	if c.ResourceAccount == "" {
		c.ResourceAccount = acct
	}
	for _, p := range dc.identity {
		c.Identity = append(c.Identity, json.RawMessage(p))
	}
	if dc.resource != "" {
		c.ResourcePolicy = json.RawMessage(dc.resource)
	}
	return c
}

// withPrincipalKeys adds the principal context keys AWS always sends, which
// iam-simulate does not derive itself.
func withPrincipalKeys(p Principal, ctx map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range ctx {
		out[k] = v
	}
	if p.Kind == IAMPrincipal {
		r := &Request{Principal: p}
		for _, k := range []string{"aws:PrincipalArn", "aws:PrincipalAccount", "aws:username"} {
			if v, ok := r.lookup(k); ok {
				out[k] = v
			}
		}
	}
	return out
}

// generated builds n random but reproducible cases from realistic pieces:
// actions and resources of S3, SNS, SQS, Logs, KMS and STS; principals of
// this account, another account, services and anonymous; identity and
// resource policies with wildcards, NotAction/NotResource and conditions of
// every operator family, against request contexts that sometimes match.
func generated(n int) []xcase {
	rng := rand.New(rand.NewSource(19))
	pick := func(l []string) string { return l[rng.Intn(len(l))] }
	type target struct {
		action, resource string
		kind             ResourceKind
		actions          []string // patterns that match, and some that do not
		resources        []string
	}
	targets := []target{
		{"s3:GetObject", "arn:aws:s3:::bkt/path/file.txt", Ordinary, []string{"s3:GetObject", "s3:Get*", "s3:*", "*", "s3:PutObject", "s3:get?bject"}, []string{"arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt/path/file.txt", "*", "arn:aws:s3:::other/*", "arn:aws:s3:::bkt/p?th/*", "arn:aws:s3:::BKT/*"}},
		{"s3:PutObject", "arn:aws:s3:::bkt/AWSLogs/123456789012/x.gz", Ordinary, []string{"s3:PutObject", "s3:Put*", "s3:*", "s3:GetObject"}, []string{"arn:aws:s3:::bkt/AWSLogs/123456789012/*", "arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt/AWSLogs/111122223333/*", "*"}},
		{"s3:ListBucket", "arn:aws:s3:::bkt", Ordinary, []string{"s3:ListBucket", "s3:List*", "s3:*"}, []string{"arn:aws:s3:::bkt", "arn:aws:s3:::bkt/*", "*"}},
		{"sns:Publish", "arn:aws:sns:us-east-1:123456789012:alarms", Ordinary, []string{"sns:Publish", "sns:*", "SNS:publish", "sqs:*"}, []string{"arn:aws:sns:us-east-1:123456789012:alarms", "arn:aws:sns:*:123456789012:*", "arn:aws:sns:us-east-1:111122223333:alarms", "*"}},
		{"sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:queue", Ordinary, []string{"sqs:SendMessage", "sqs:Send*", "sqs:*"}, []string{"arn:aws:sqs:us-east-1:123456789012:queue", "arn:aws:sqs:*:*:queue", "arn:aws:sqs:us-east-1:123456789012:other"}},
		{"logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:s1", Ordinary, []string{"logs:PutLogEvents", "logs:*", "logs:Put*"}, []string{"arn:aws:logs:us-east-1:123456789012:log-group:app:*", "arn:aws:logs:us-east-1:123456789012:log-group:app", "*"}},
		{"kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", KeyPolicy, []string{"kms:Decrypt", "kms:*", "kms:Decrypt*", "kms:Encrypt"}, []string{"*", "arn:aws:kms:us-east-1:123456789012:key/*", "arn:aws:kms:us-east-1:123456789012:key/other"}},
		{"kms:GenerateDataKey", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", KeyPolicy, []string{"kms:GenerateDataKey*", "kms:*", "kms:GenerateDataKey"}, []string{"*", "arn:aws:kms:us-east-1:123456789012:key/*"}},
		{"sts:AssumeRole", "arn:aws:iam::123456789012:role/app", TrustPolicy, []string{"sts:AssumeRole", "sts:*", "sts:Assume*"}, []string{"arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/*", "*"}},
	}
	principals := []Principal{
		{Kind: IAMPrincipal, ARN: "arn:aws:iam::123456789012:user/Bob"},
		{Kind: IAMPrincipal, ARN: "arn:aws:iam::123456789012:role/worker"},
		{Kind: IAMPrincipal, ARN: "arn:aws:iam::111122223333:role/outsider"},
		{Kind: ServicePrincipal, Service: "cloudtrail.amazonaws.com"},
		{Kind: ServicePrincipal, Service: "sns.amazonaws.com"},
		{Kind: Anonymous},
	}
	conditions := []string{
		`{"StringEquals":{"aws:SourceAccount":"123456789012"}}`,
		`{"StringEquals":{"aws:SourceAccount":["111122223333","444455556666"]}}`,
		`{"StringNotEquals":{"aws:SourceAccount":"123456789012"}}`,
		`{"StringLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}`,
		`{"StringNotLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}`,
		`{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:us-*:123456789012:trail/main"}}`,
		`{"ArnEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/main"}}`,
		`{"ArnNotEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/main"}}`,
		`{"Bool":{"aws:SecureTransport":"false"}}`,
		`{"Bool":{"aws:SecureTransport":"true"}}`,
		`{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`,
		`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`,
		`{"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.0/24"]}}`,
		`{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}`,
		`{"NumericGreaterThanEquals":{"aws:MultiFactorAuthAge":"3600"}}`,
		`{"DateGreaterThan":{"aws:CurrentTime":"2025-01-01T00:00:00Z"}}`,
		`{"DateLessThan":{"aws:CurrentTime":"2025-01-01T00:00:00Z"}}`,
		`{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`,
		`{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`,
		`{"ForAllValues:StringLike":{"aws:TagKeys":["e*"]}}`,
		`{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`,
		`{"Null":{"aws:SourceIp":"true"}}`,
		`{"Null":{"aws:SourceArn":"false"}}`,
		`{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"BLUE"}}`,
		`{"StringEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`,
		`{"StringEquals":{"aws:SourceAccount":"123456789012"},"Bool":{"aws:SecureTransport":"true"}}`,
	}
	contexts := [][]string{
		{"aws:SourceAccount", "123456789012"}, {"aws:SourceAccount", "111122223333"},
		{"aws:SourceArn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"}, {"aws:SourceArn", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"},
		{"aws:SecureTransport", "true"}, {"aws:SecureTransport", "false"},
		{"aws:MultiFactorAuthPresent", "true"}, {"aws:MultiFactorAuthPresent", "false"},
		{"aws:SourceIp", "203.0.113.9"}, {"aws:SourceIp", "192.0.2.1"},
		{"aws:MultiFactorAuthAge", "120"}, {"aws:MultiFactorAuthAge", "7200"},
		{"aws:CurrentTime", "2026-11-30T12:00:00Z"}, {"aws:CurrentTime", "2024-06-01T00:00:00Z"},
		{"aws:TagKeys", "env"}, {"aws:TagKeys", "team"}, {"aws:TagKeys", "owner"},
		{"aws:PrincipalTag/team", "blue"}, {"aws:PrincipalTag/team", "red"},
	}
	stmt := func(t target, withPrincipal bool, p Principal) map[string]any {
		m := map[string]any{"Effect": "Allow"}
		if rng.Intn(5) == 0 {
			m["Effect"] = "Deny"
		}
		if rng.Intn(8) == 0 {
			m["NotAction"] = pick([]string{"iam:*", "s3:DeleteObject", t.action})
		} else {
			m["Action"] = pick(t.actions)
		}
		switch {
		case rng.Intn(10) == 0:
			m["NotResource"] = pick(t.resources)
		case t.kind == TrustPolicy && withPrincipal:
		case t.action == "s3:GetObject" && rng.Intn(4) == 0:
			// Policy variables in the resource.
			m["Resource"] = pick([]string{"arn:aws:s3:::bkt/${aws:username}/*", "arn:aws:s3:::bkt/${aws:PrincipalTag/team, 'path'}/*", "arn:aws:s3:::bkt/${aws:PrincipalTag/team}/*"})
		default:
			m["Resource"] = pick(t.resources)
		}
		if withPrincipal && m["Effect"] == "Deny" && rng.Intn(3) == 0 {
			np := []string{"arn:aws:iam::123456789012:user/Bob"}
			if rng.Intn(2) == 0 {
				np = append(np, "arn:aws:iam::123456789012:root")
			}
			m["NotPrincipal"] = map[string]any{"AWS": np}
		} else if withPrincipal {
			switch rng.Intn(6) {
			case 0:
				m["Principal"] = "*"
			case 1:
				m["Principal"] = map[string]any{"AWS": "arn:aws:iam::123456789012:root"}
			case 2:
				m["Principal"] = map[string]any{"AWS": "arn:aws:iam::111122223333:root"}
			case 3:
				if p.Kind == ServicePrincipal {
					m["Principal"] = map[string]any{"Service": p.Service}
				} else if p.Kind == IAMPrincipal {
					m["Principal"] = map[string]any{"AWS": p.ARN}
				} else {
					m["Principal"] = "*"
				}
			case 4:
				m["Principal"] = map[string]any{"Service": pick([]string{"cloudtrail.amazonaws.com", "sns.amazonaws.com", "config.amazonaws.com"})}
			default:
				m["Principal"] = map[string]any{"AWS": "arn:aws:iam::123456789012:role/worker"}
			}
		}
		if rng.Intn(2) == 0 {
			var cond any
			_ = json.Unmarshal([]byte(pick(conditions)), &cond)
			m["Condition"] = cond
		}
		return m
	}
	policy := func(t target, withPrincipal bool, p Principal) string {
		var stmts []any
		for j := 1 + rng.Intn(3); j > 0; j-- {
			stmts = append(stmts, stmt(t, withPrincipal, p))
		}
		b, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
		return string(b)
	}
	var out []xcase
	for i := 0; i < n; i++ {
		t := targets[rng.Intn(len(targets))]
		p := principals[rng.Intn(len(principals))]
		ctxv := map[string][]string{}
		for j := rng.Intn(5); j > 0; j-- {
			kv := contexts[rng.Intn(len(contexts))]
			if kv[0] == "aws:TagKeys" {
				ctxv[kv[0]] = append(ctxv[kv[0]], kv[1])
			} else {
				ctxv[kv[0]] = []string{kv[1]}
			}
		}
		c := xcase{Name: fmt.Sprintf("generated %d", i), Principal: principalString(p), Action: t.action, Resource: t.resource,
			ResourceAccount: "123456789012", Context: withPrincipalKeys(p, ctxv), kind: t.kind, principal: p}
		if p.Kind == IAMPrincipal {
			for j := rng.Intn(3); j > 0; j-- {
				c.Identity = append(c.Identity, json.RawMessage(policy(t, false, p)))
			}
		}
		if t.kind != Ordinary || rng.Intn(3) > 0 {
			c.ResourcePolicy = json.RawMessage(policy(t, true, p))
		}
		out = append(out, c)
	}
	return out
}
