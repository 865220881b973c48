package access

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
)

// Documentation the external-access analysis follows.
const (
	DocAccessAnalyzer = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html"
	DocPassRole       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html"
	DocPrincipal      = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"
	DocGitHubOIDC     = "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services"
)

// Finding is one statement of a resource-based policy or grant that lets a
// principal outside the zone of trust in.
type Finding struct {
	// Address is the Terraform address of the resource carrying the
	// statement, e.g. "aws_s3_bucket_policy.logs".
	Address string
	// ARN of the resource the policy governs.
	ARN string
	// Statement names the statement: "address#Sid" or "address#index".
	Statement string
	// Who says who gets in.
	Who string
	// Public is set when anyone, including anonymous callers, gets in.
	Public bool
	// Actions are the actions an outsider may perform (each with a
	// concrete request the policy allows).
	Actions []string
	// Why says why no condition stops the outsider.
	Why string
	// Witness is one concrete request from outside that the policy allows.
	Witness Request
	// Reason is set when the finding is suppressed: why it is accepted.
	Reason string
}

// String is the finding on one line.
func (f Finding) String() string {
	s := fmt.Sprintf("%s: %s may %s on %s; %s", f.Statement, f.Who, strings.Join(f.Actions, ", "), f.ARN, f.Why)
	if f.Reason != "" {
		s += " [suppressed: " + f.Reason + "]"
	}
	return s
}

// Suppression accepts the findings of one statement, for a reason. It is
// read from the synthesized JSON under "//".access.suppressions
// (SuppressionsKey) as {"statement", "reason"} objects.
type Suppression struct {
	// Statement is a Sid, or "address#Sid" ("address#index" for a
	// statement without Sid), as Finding.Statement shows it.
	Statement string `json:"statement"`
	// Reason says why the access is intended; it is required.
	Reason string `json:"reason"`
}

// SuppressionsKey is the path of the suppressions in a synthesized
// cdk.tf.json (under the top-level "//" comment, which Terraform ignores).
const SuppressionsKey = "//.access.suppressions"

// matches reports whether the suppression names statement ref.
func (sp Suppression) matches(ref string) bool {
	if strings.Contains(sp.Statement, "#") {
		return sp.Statement == ref
	}
	_, sid, _ := strings.Cut(ref, "#")
	return sid == sp.Statement
}

// suppressions reads "//".access.suppressions.
func (s *Stack) suppressions() ([]Suppression, error) {
	top, _ := s.doc["//"].(map[string]any)
	acc, _ := top["access"].(map[string]any)
	list, _ := acc["suppressions"].([]any)
	var out []Suppression
	for i, v := range list {
		m, _ := v.(map[string]any)
		st, _ := m["statement"].(string)
		reason, _ := m["reason"].(string)
		if st == "" || strings.TrimSpace(reason) == "" {
			return nil, fmt.Errorf("%s[%d]: a suppression needs a statement and a reason, got %v", SuppressionsKey, i, v)
		}
		out = append(out, Suppression{Statement: st, Reason: reason})
	}
	return out, nil
}

// Analysis is the external-access analysis of one stack on its own
// (without the expectations): see AnalyzeFile.
type Analysis struct {
	File string
	// Policies is the number of resource-based policies and grants
	// analysed (one per carrying resource).
	Policies int
	// Findings and Suppressed as in Report.
	Findings, Suppressed []Finding
	// Notes say what could not be judged offline, including policies that
	// cannot be read (which Check reports as errors instead).
	Notes []string
}

// AnalyzeFile runs only the external-access analysis on one
// configuration: a cdk.tf.json, another Terraform JSON or .tf file, or a
// module folder (see LoadConfig). Unlike CheckFile it does not stop at a
// policy it cannot read: the policy is listed in Notes and the others are
// analysed.
func AnalyzeFile(file string, bind Binding) (*Analysis, error) {
	s, err := LoadConfig(file, bind)
	if err != nil {
		return nil, err
	}
	return s.Analyze()
}

// Analyze runs the external-access analysis on a loaded stack (see
// AnalyzeFile).
func (s *Stack) Analyze() (*Analysis, error) {
	ix := s.index()
	a := &Analysis{File: s.File, Policies: len(ix.entries)}
	for _, e := range ix.errs {
		a.Notes = append(a.Notes, "not analysed: "+strings.ReplaceAll(e.Error(), "\n", "; "))
	}
	sups, err := s.suppressions()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	findings, notes := s.analyze(ix)
	a.Notes = append(a.Notes, notes...)
	a.Findings, a.Suppressed, notes = applySuppressions(findings, sups)
	a.Notes = append(a.Notes, notes...)
	return a, nil
}

// applySuppressions splits findings into active and suppressed ones and
// notes suppressions that match nothing.
func applySuppressions(findings []Finding, sups []Suppression) (active, suppressed []Finding, notes []string) {
	used := make([]bool, len(sups))
	for _, f := range findings {
		hit := false
		for i, sp := range sups {
			if sp.matches(f.Statement) {
				f.Reason, used[i], hit = sp.Reason, true, true
				break
			}
		}
		if hit {
			suppressed = append(suppressed, f)
		} else {
			active = append(active, f)
		}
	}
	for i, sp := range sups {
		if !used[i] {
			notes = append(notes, fmt.Sprintf("suppression %q matches no finding (reason: %s); remove it", sp.Statement, sp.Reason))
		}
	}
	return active, suppressed, notes
}

// zone is the zone of trust: the stack's account, and its organization
// when one is bound.
type zone struct {
	account, org string
}

func (z zone) inside(account string) bool { return account == z.account }

// candidate is one principal outside the zone of trust, with the request
// context it fixes and how it picks the keys it controls.
type candidate struct {
	p      Principal
	who    string
	public bool
	// fixed context keys (lowercased) -> values; nil means absent.
	fixed map[string][]string
	// filter rejects values of a key (lowercased) that would put the
	// request inside the zone of trust.
	filter map[string]func(string) bool
	// extra candidate values of a key (lowercased).
	extra map[string][]string
	// accountPath is set for a service that writes only under
	// "AWSLogs/<the account it acts for>/" (ELB log delivery): acting for
	// another account, it names objects under that account's path.
	accountPath bool
}

// DocELBLogDelivery documents that a load balancer's logs are written
// under "AWSLogs/<the load balancer's account>/" and the bucket policy for
// the log-delivery principal names that path.
const DocELBLogDelivery = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html"

// accountPathServices write their objects under "AWSLogs/<account>/",
// the account being the one they act for (DocELBLogDelivery).
var accountPathServices = map[string]bool{"logdelivery.elasticloadbalancing.amazonaws.com": true}

// analyze finds every statement of the stack's resource-based policies and
// grants that lets a principal outside the zone of trust in.
func (s *Stack) analyze(ix *policyIndex) (findings []Finding, notes []string) {
	z := zone{account: s.Bind.Account, org: s.Bind.Org}
	index := map[string]int{}
	for _, e := range ix.entries {
		merged := ix.resource[e.ARN]
		if merged == nil {
			continue
		}
		kind := ix.kind[e.ARN]
		for i := range e.Policy.Statements {
			st := &e.Policy.Statements[i]
			if st.Effect != "Allow" || !st.HasPrincipal {
				continue
			}
			ref := e.Policy.Ref(st)
			cands, skipped := s.outsiders(st, merged, kind, z)
			notes = append(notes, skipped...)
			for _, c := range cands {
				acts, witness, ok := s.witness(e, st, merged, kind, c)
				if !ok {
					continue
				}
				key := ref + "\x00" + c.who
				if i, seen := index[key]; seen {
					findings[i].Actions = union(findings[i].Actions, acts)
					findings[i].Public = findings[i].Public || c.public
					continue
				}
				index[key] = len(findings)
				findings = append(findings, Finding{Address: e.Address, ARN: e.ARN, Statement: ref, Who: c.who, Public: c.public,
					Actions: acts, Why: why(st, c, witness), Witness: witness})
			}
		}
	}
	return findings, notes
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range [][]string{a, b} {
		for _, x := range l {
			if !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	sort.Strings(out)
	return out
}

var accountID = regexp.MustCompile(`\b[0-9]{12}\b`)

// outsiderAccounts are the accounts outside the zone an outsider may
// come from: OutsiderAccount and every other account the policy names.
func outsiderAccounts(pol *Policy, z zone) []string {
	out := []string{OutsiderAccount}
	seen := map[string]bool{OutsiderAccount: true, z.account: true}
	for _, st := range pol.Statements {
		var vals []string
		for _, ids := range st.Principal {
			vals = append(vals, ids...)
		}
		for _, keys := range st.Condition {
			for _, vs := range keys {
				vals = append(vals, vs...)
			}
		}
		for _, v := range vals {
			for _, a := range accountID.FindAllString(v, -1) {
				if !seen[a] {
					seen[a] = true
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// conditionValues lists the policy's values for a key (any operator).
func conditionValues(pol *Policy, key string) []string {
	var out []string
	for _, st := range pol.Statements {
		for _, keys := range st.Condition {
			for k, vs := range keys {
				if strings.EqualFold(k, key) {
					out = append(out, vs...)
				}
			}
		}
	}
	return out
}

// iamOutsiders are IAM principals of account a: a role, the root user,
// and the principals the policy's aws:PrincipalArn patterns admit there.
func iamOutsiders(s *Stack, pol *Policy, a string) []Principal {
	out := []Principal{role("arn:" + s.Bind.Partition + ":iam::" + a + ":role/outsider"), role("arn:" + s.Bind.Partition + ":iam::" + a + ":root")}
	for _, v := range conditionValues(pol, "aws:PrincipalArn") {
		parts := strings.SplitN(v, ":", 6)
		if len(parts) != 6 || (parts[4] != a && !strings.ContainsAny(parts[4], "*?")) {
			continue
		}
		parts[4] = a
		out = append(out, role(fillWildcards(strings.Join(parts, ":"))))
	}
	return out
}

func iamFixed(p Principal) map[string][]string {
	return map[string][]string{
		"aws:principalaccount": {p.Account()}, "aws:principalarn": {p.roleARN()}, "aws:principaltype": {p.principalType()},
		"aws:principalisawsservice": {"false"}, "aws:principalservicename": nil,
		"aws:sourceaccount": nil, "aws:sourcearn": nil, "aws:sourceowner": nil, "aws:sourceorgid": nil, "aws:sourceorgpaths": nil,
		"kms:calleraccount": {p.Account()},
	}
}

// outsiders lists the principals outside the zone of trust that a
// statement's Principal element names. skipped notes principals that
// cannot be judged offline.
func (s *Stack) outsiders(st *Statement, pol *Policy, kind ResourceKind, z zone) (out []candidate, skipped []string) {
	orgFilter := func(v string) bool { return z.org == "" || !strings.EqualFold(v, z.org) }
	orgPathFilter := func(v string) bool { return z.org == "" || !strings.HasPrefix(v, z.org+"/") }
	iam := func(who string, public bool, ps ...Principal) {
		for _, p := range ps {
			if z.inside(p.Account()) {
				continue
			}
			if awsServiceAccount(p.Account()) && !strings.HasPrefix(who, "anyone") {
				continue
			}
			out = append(out, candidate{p: p, who: who, public: public, fixed: iamFixed(p),
				filter: map[string]func(string) bool{"aws:principalorgid": orgFilter, "aws:principalorgpaths": orgPathFilter},
				extra:  map[string][]string{"aws:principalorgid": {"o-outsider00000"}}})
		}
	}
	anonymous := func(who string) {
		out = append(out, candidate{p: Principal{Kind: Anonymous}, who: who, public: true, fixed: map[string][]string{
			"aws:principaltype": {"Anonymous"}, "aws:principalaccount": nil, "aws:principalarn": nil, "aws:principalisawsservice": nil,
			"aws:principalorgid": nil, "aws:sourceaccount": nil, "aws:sourcearn": nil, "aws:sourceowner": nil, "aws:sourceorgid": nil, "kms:calleraccount": nil}})
	}
	ref := (&Policy{}).Ref(st)
	keys := make([]string, 0, len(st.Principal))
	for k := range st.Principal {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, typ := range keys {
		for _, id := range st.Principal[typ] {
			if strings.Contains(id, "<unresolved:") {
				skipped = append(skipped, fmt.Sprintf("%s: principal %s cannot be resolved offline; not analysed", strings.TrimPrefix(ref, "#"), id))
				continue
			}
			switch {
			case typ == "*" || (typ == "AWS" && id == "*"):
				who := `anyone (Principal "*")`
				for _, a := range outsiderAccounts(pol, z) {
					iam(who, false, iamOutsiders(s, pol, a)...)
				}
				anonymous(who)
			case typ == "AWS":
				if acct := accountOf(id); acct != "" {
					if !z.inside(acct) {
						iam("account "+acct+" (another account)", false, iamOutsiders(s, pol, acct)...)
					}
					continue
				}
				parts := strings.SplitN(id, ":", 6)
				if len(parts) == 6 && strings.ContainsAny(parts[4], "*?") {
					for _, a := range outsiderAccounts(pol, z) {
						parts[4] = a
						iam(id+" (any account)", false, role(fillWildcards(strings.Join(parts, ":"))))
					}
					continue
				}
				if len(parts) == 6 && !z.inside(parts[4]) {
					iam(id+" (another account)", false, role(id))
				}
			case typ == "Service":
				if kind == TrustPolicy {
					// A service assumes a role only when a principal of this
					// account passes it (iam:PassRole works within the
					// account): not an outsider (DocPassRole).
					continue
				}
				out = append(out, s.serviceOutsider(id, pol, z))
			case typ == "Federated":
				if c, ok := federatedOutsider(id, pol, z); ok {
					out = append(out, c)
				}
			case typ == "CanonicalUser":
				out = append(out, candidate{p: Principal{Kind: CanonicalUserPrincipal, ID: id}, who: "canonical user " + id + " (an S3 account this stack does not own)",
					fixed: map[string][]string{"aws:principalaccount": nil, "aws:principalarn": nil, "aws:sourceaccount": nil, "aws:sourcearn": nil}})
			}
		}
	}
	return out, skipped
}

// sourceARNKey matches the keys a service sets to the ARN of the resource
// it acts for: aws:SourceArn and the service-set encryption context ARNs
// (kms:EncryptionContext:aws:logs:arn, ...:aws:cloudtrail:arn, and the
// topic ARN SNS puts in the context of an encrypted topic,
// kms:EncryptionContext:aws:sns:topicArn, DocSNSEncryptionContext).
var sourceARNKey = regexp.MustCompile(`(?i)^(aws:sourcearn|kms:encryptioncontext:aws:[a-z0-9-]+:arn|kms:encryptioncontext:aws:sns:topicarn)$`)

// DocSNSEncryptionContext shows a key policy tying the SNS service to one
// encrypted topic through kms:EncryptionContext:aws:sns:topicArn.
const DocSNSEncryptionContext = "https://docs.aws.amazon.com/gamelift/latest/flexmatchguide/queue-notification-sns-sse.html"

// serviceOutsider is a service principal acting for another account: its
// source keys name the outsider's account and resources.
func (s *Stack) serviceOutsider(svc string, pol *Policy, z zone) candidate {
	accts := outsiderAccounts(pol, z)
	buckets := map[string]bool{}
	for _, n := range s.Resources("aws_s3_bucket") {
		buckets[bucketARN(s, s.ref("aws_s3_bucket", n, "bucket"))] = true
	}
	label, _, _ := strings.Cut(svc, ".")
	c := candidate{p: Principal{Kind: ServicePrincipal, Service: svc}, who: svc + " acting for another account (no source condition ties it to this account)",
		fixed: map[string][]string{"aws:principalisawsservice": {"true"}, "aws:principalservicename": {svc}, "aws:principalaccount": nil,
			"aws:principalarn": nil, "aws:principaltype": nil, "kms:calleraccount": nil},
		filter: map[string]func(string) bool{}, extra: map[string][]string{}, accountPath: accountPathServices[svc]}
	outsideARN := func(v string) (string, bool) {
		parts := strings.SplitN(fillWildcards(v), ":", 6)
		if len(parts) != 6 {
			return "", false
		}
		if parts[4] == "" {
			// An S3 bucket ARN has no account: a bucket of this stack is
			// this account's; another may be the outsider's.
			arn := strings.Join(parts, ":")
			b, _, _ := strings.Cut(arn, "/")
			return arn, !buckets[b]
		}
		parts[4] = accts[0]
		return strings.Join(parts, ":"), true
	}
	for _, st := range pol.Statements {
		for _, keys := range st.Condition {
			for k, vs := range keys {
				lk := strings.ToLower(k)
				switch {
				case sourceARNKey.MatchString(k):
					for _, v := range vs {
						if a, ok := outsideARN(v); ok {
							c.extra[lk] = append(c.extra[lk], a)
						}
					}
					c.extra[lk] = append(c.extra[lk], "arn:"+s.Bind.Partition+":"+label+":"+s.Bind.Region+":"+accts[0]+":outsider-source")
					c.filter[lk] = func(string) bool { return false } // only the values above
				case lk == "aws:sourceaccount" || lk == "aws:sourceowner":
					c.extra[lk] = accts
					c.filter[lk] = func(string) bool { return false }
				case lk == "aws:sourceorgid":
					c.extra[lk] = []string{"o-outsider00000"}
					c.filter[lk] = func(v string) bool { return z.org == "" || !strings.EqualFold(v, z.org) }
				}
			}
		}
	}
	return c
}

// federatedOutsider is a user of an identity provider whose token the
// trust policy's conditions admit; ok is false for this account's own
// SAML provider (its users are the company's).
func federatedOutsider(provider string, pol *Policy, z zone) (candidate, bool) {
	if strings.Contains(provider, ":saml-provider/") && strings.Contains(provider, ":"+z.account+":") {
		return candidate{}, false
	}
	host := provider
	if i := strings.Index(provider, ":oidc-provider/"); i >= 0 {
		host = provider[i+len(":oidc-provider/"):]
	}
	c := candidate{p: Principal{Kind: FederatedPrincipal, Provider: provider}, who: "any user of " + host + " whose token the conditions admit",
		fixed: map[string][]string{"aws:principalaccount": nil, "aws:principalarn": nil, "aws:sourceaccount": nil, "aws:sourcearn": nil,
			"aws:principalisawsservice": {"false"}},
		filter: map[string]func(string) bool{}, extra: map[string][]string{}}
	sub, aud := strings.ToLower(host+":sub"), strings.ToLower(host+":aud")
	if strings.HasPrefix(host, "token.actions.githubusercontent.com") {
		// A GitHub token's sub starts with repo:OWNER/REPO: a repository
		// owner pinned without wildcards is in the zone (DocGitHubOIDC).
		pinned := map[string]bool{}
		for _, v := range conditionValues(pol, host+":sub") {
			if o, ok := githubOwner(v); ok && !strings.ContainsAny(o, "*?") {
				pinned[o] = true
			}
		}
		c.filter[sub] = func(v string) bool {
			o, ok := githubOwner(v)
			return !ok || !pinned[o]
		}
		c.extra[sub] = []string{"repo:outsider-org/outsider-repo:ref:refs/heads/main"}
		c.who = "any GitHub Actions workflow whose token the conditions admit (" + host + ")"
		return c, true
	}
	// Other providers: the audience names the application; a pinned
	// audience keeps other applications' users out.
	c.filter[aud] = func(v string) bool {
		for _, p := range conditionValues(pol, host+":aud") {
			if p == v {
				return false
			}
		}
		return true
	}
	return c, true
}

// githubOwner is the OWNER of a GitHub OIDC sub "repo:OWNER/REPO:...".
func githubOwner(sub string) (string, bool) {
	rest, ok := strings.CutPrefix(sub, "repo:")
	if !ok {
		return "", false
	}
	o, _, ok := strings.Cut(rest, "/")
	return o, ok
}

// alwaysPresent keys have a value in every request of an IAM principal or
// anonymous caller (AlwaysSent): absence is no alternative.
var alwaysPresent = map[string]bool{"aws:currenttime": true, "aws:epochtime": true, "aws:securetransport": true, "aws:sourceip": true, "aws:requestedregion": true}

// domain lists the alternatives for one condition key: each a value list,
// nil meaning the key is absent.
func domain(key string, c candidate, relevant map[string]map[string][]string, resourceAccounts []string) [][]string {
	lk := strings.ToLower(key)
	if v, ok := c.fixed[lk]; ok {
		return [][]string{v}
	}
	switch lk {
	case "aws:resourceaccount", "s3:resourceaccount":
		var out [][]string
		for _, a := range resourceAccounts {
			out = append(out, []string{a})
		}
		return out
	}
	var out [][]string
	seen := map[string]bool{}
	add := func(v string) {
		if f := c.filter[lk]; f != nil && !f(v) {
			return
		}
		if !seen[v] {
			seen[v] = true
			out = append(out, []string{v})
		}
	}
	for _, v := range c.extra[lk] {
		seen[v] = true
		out = append(out, []string{v})
	}
	for _, v := range valueCandidates(key, relevant) {
		add(v)
	}
	if !(alwaysPresent[lk] && c.p.Kind != ServicePrincipal) {
		out = append(out, nil)
	}
	return out
}

// witness searches for concrete requests from outside that st allows and
// no Deny of the resource's policy stops; it returns the actions that have
// one and the first request found.
func (s *Stack) witness(e policyEntry, st *Statement, pol *Policy, kind ResourceKind, c candidate) ([]string, Request, bool) {
	// The keys that matter: st's own and every Deny's.
	relevant := map[string]map[string][]string{}
	merge := func(cond map[string]map[string][]string) {
		for op, keys := range cond {
			if relevant[op] == nil {
				relevant[op] = map[string][]string{}
			}
			for k, vs := range keys {
				relevant[op][k] = append(relevant[op][k], vs...)
			}
		}
	}
	merge(st.Condition)
	for _, d := range pol.Statements {
		if d.Effect == "Deny" {
			merge(d.Condition)
		}
	}
	var keys []string
	seenKey := map[string]bool{}
	for _, ks := range relevant {
		for k := range ks {
			if !seenKey[strings.ToLower(k)] {
				seenKey[strings.ToLower(k)] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	endpoint := e.Source.Service == "ec2"
	resAccts := []string{s.Bind.Account}
	if endpoint {
		resAccts = append(resAccts, OutsiderAccount)
	}
	doms := make([][][]string, len(keys))
	for i, k := range keys {
		doms[i] = domain(k, c, relevant, resAccts)
	}
	var identity []*Policy
	if c.p.Kind == IAMPrincipal {
		identity = []*Policy{outsiderPolicy}
	}
	var acts []string
	var first Request
	for _, action := range actionCandidates(st, pol, e.Source.Service, c) {
		found := false
		for _, res := range s.resourceCandidates(e, st, action) {
			if c.accountPath {
				// The service acting for another account writes under
				// that account's path, never this account's.
				if !strings.Contains(res, "/AWSLogs/") {
					continue
				}
				res = strings.Replace(res, "/AWSLogs/"+s.Bind.Account+"/", "/AWSLogs/"+OutsiderAccount+"/", 1)
			}
			sizes := make([]int, len(doms))
			for i, d := range doms {
				sizes[i] = len(d)
			}
			combinations(sizes, func(choice []int) bool {
				req := Request{Principal: c.p, Action: action, Resource: res, ResourceAccount: s.Bind.Account, Context: map[string][]string{}}
				for i, k := range keys {
					v := doms[i][choice[i]]
					if v == nil {
						continue
					}
					lk := strings.ToLower(k)
					if lk == "kms:calleraccount" && !strings.HasPrefix(strings.ToLower(action), "kms:") {
						continue
					}
					req.Context[k] = v
					if lk == "aws:resourceaccount" {
						req.ResourceAccount = v[0]
					}
				}
				if st.appliesResource(&req, pol.Version) == noMatch {
					return true
				}
				if d := Evaluate(req, Policies{Resource: pol, Kind: kind, Identity: identity}); d.Allowed {
					found = true
					if len(acts) == 0 {
						first = req
					}
					return false
				}
				return true
			})
			if found {
				break
			}
		}
		if found {
			acts = append(acts, action)
		}
	}
	if len(acts) == 0 {
		return nil, Request{}, false
	}
	sort.Strings(acts)
	return acts, first, true
}

// actionCatalogue lists, per service, the actions the analysis tries when
// a statement names them by wildcard or NotAction: the reads, writes and
// permission changes an outsider would want.
var actionCatalogue = map[string][]string{
	"s3": {"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketAcl", "s3:PutObjectAcl", "s3:PutBucketPolicy",
		"s3:GetBucketPolicy", "s3:PutBucketAcl", "s3:GetObjectVersion", "s3:DeleteBucket"},
	"kms": {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:CreateGrant", "kms:DescribeKey", "kms:PutKeyPolicy",
		"kms:ScheduleKeyDeletion", "kms:DisableKey"},
	"sns":               {"sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:DeleteTopic"},
	"sqs":               {"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes", "sqs:PurgeQueue"},
	"secretsmanager":    {"secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:PutResourcePolicy", "secretsmanager:DeleteSecret"},
	"sts":               {"sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession"},
	"lambda":            {"lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:GetFunction", "lambda:UpdateFunctionCode"},
	"ecr":               {"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage", "ecr:SetRepositoryPolicy"},
	"es":                {"es:ESHttpGet", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete"},
	"logs":              {"logs:PutLogEvents", "logs:CreateLogStream", "logs:GetLogEvents"},
	"events":            {"events:PutEvents"},
	"execute-api":       {"execute-api:Invoke"},
	"backup":            {"backup:CopyIntoBackupVault", "backup:DeleteRecoveryPoint"},
	"glacier":           {"glacier:InitiateJob", "glacier:GetJobOutput", "glacier:UploadArchive"},
	"elasticfilesystem": {"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"},
	"ec2":               {"s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "dynamodb:PutItem", "secretsmanager:GetSecretValue", "ssm:GetParameter", "kms:Decrypt", "sqs:SendMessage", "sns:Publish", "ec2:DescribeInstances"},
}

// actionCandidates are the actions st allows that are worth a witness:
// every literal action of the policy and the catalogue of the resource's
// service and of the services st names.
func actionCandidates(st *Statement, pol *Policy, service string, c candidate) []string {
	var cands []string
	seen := map[string]bool{}
	add := func(a string) {
		if !seen[strings.ToLower(a)] {
			seen[strings.ToLower(a)] = true
			cands = append(cands, a)
		}
	}
	for _, p := range pol.Statements {
		for _, a := range append(append([]string(nil), p.Action...), p.NotAction...) {
			if !strings.ContainsAny(a, "*?") {
				add(a)
			}
		}
	}
	for _, a := range actionCatalogue[service] {
		add(a)
	}
	for _, a := range append(append([]string(nil), st.Action...), st.NotAction...) {
		if pre, _, ok := strings.Cut(a, ":"); ok {
			for _, x := range actionCatalogue[strings.ToLower(pre)] {
				add(x)
			}
		}
	}
	var out []string
	for _, a := range cands {
		if st.Action != nil || st.NotAction == nil {
			if !anyAction(st.Action, a) {
				continue
			}
		} else if anyAction(st.NotAction, a) {
			continue
		}
		if c.p.Kind == FederatedPrincipal {
			if want := "sts:assumerolewithwebidentity"; strings.Contains(c.p.Provider, ":saml-provider/") {
				if !strings.EqualFold(a, "sts:AssumeRoleWithSAML") {
					continue
				}
			} else if strings.ToLower(a) != want {
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// resourceCandidates are the resources of the governed resource a
// request may name: the resource itself and, for a bucket, objects under
// every prefix the policy names.
func (s *Stack) resourceCandidates(e policyEntry, st *Statement, action string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(r string) {
		if r != "" && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	switch e.Source.Service {
	case "s3":
		add(e.ARN)
		add(e.ARN + "/outsider-object")
		for _, p := range e.Policy.Statements {
			for _, r := range append(append([]string(nil), p.Resource...), p.NotResource...) {
				if strings.HasPrefix(r, e.ARN+"/") {
					add(fillWildcards(r))
				}
			}
		}
	case "ec2":
		// An endpoint policy governs requests to any resource.
		for _, r := range st.Resource {
			if r != "*" {
				add(fillWildcards(r))
			}
		}
		svc, _, _ := strings.Cut(action, ":")
		if svc == "s3" {
			add("arn:" + s.Bind.Partition + ":s3:::outsider-bucket/outsider-object")
		} else {
			add("arn:" + s.Bind.Partition + ":" + svc + ":" + s.Bind.Region + ":" + s.Bind.Account + ":outsider-target")
		}
	default:
		add(e.ARN)
		for _, r := range st.Resource {
			if strings.Contains(r, "<unresolved:") {
				add(r)
			}
		}
	}
	return out
}

// why explains, key by key, why the statement's conditions do not keep
// the outsider out.
func why(st *Statement, c candidate, w Request) string {
	if len(st.Condition) == 0 {
		return "the statement has no condition"
	}
	var keys []string
	seen := map[string]bool{}
	for _, ks := range st.Condition {
		for k := range ks {
			if !seen[strings.ToLower(k)] {
				seen[strings.ToLower(k)] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		v, ok := w.Context[k]
		val := "absent"
		if ok {
			val = strings.Join(v, ",")
		}
		lk := strings.ToLower(k)
		var note string
		switch {
		case lk == "aws:resourceaccount" || lk == "s3:resourceaccount":
			note = "always this account for its own resource: narrows nothing"
		case lk == "aws:currenttime" || lk == "aws:epochtime" || lk == "aws:sourceip":
			note = "unknown offline: some value admits the outsider"
		case strings.HasPrefix(lk, "aws:principal") || lk == "kms:calleraccount":
			note = "the outsider's own value"
		case lk == "aws:sourceaccount" || lk == "aws:sourceowner" || sourceARNKey.MatchString(k):
			note = "the source the service acts for"
		case strings.HasSuffix(lk, ":sub") || strings.HasSuffix(lk, ":aud"):
			note = "the identity provider's token"
		default:
			note = "a key the caller controls: narrows nothing"
		}
		parts = append(parts, fmt.Sprintf("%s=%s (%s)", k, val, note))
	}
	return "its conditions admit " + strings.Join(parts, "; ")
}

// awsServiceAccount reports whether account is an AWS-owned account that
// acts as a service (an ELB log-delivery account).
// The accounts are constructs/catalog's ELB log-delivery table (cited there).
func awsServiceAccount(account string) bool {
	_, ok := catalog.ELBLogDeliveryAccountRegion(account)
	return ok
}
