package rules

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// policySource is one policy attached to something, with the resource that holds it.
type policySource struct {
	holder *engine.Resource
	policy *engine.Policy // nil when undecodable
}

// bucketPolicies returns the policies attached to a bucket: aws_s3_bucket_policy
// resources naming it and its legacy inline policy. known is false when any
// of them cannot be decoded.
func bucketPolicies(s *engine.Stack, bucket *engine.Resource) (srcs []policySource, known bool) {
	known = true
	add := func(holder *engine.Resource, v any) {
		p, ok := s.Policy(v)
		if !ok {
			known = false
		}
		srcs = append(srcs, policySource{holder, p})
	}
	for _, bp := range s.Linked("aws_s3_bucket_policy", "bucket", bucket, "bucket") {
		add(bp, bp.Body["policy"])
	}
	if v, ok := bucket.Body["policy"]; ok && engine.Str(v) != "" {
		add(bucket, v)
	}
	return srcs, known
}

// keyPolicyState says what is known about a KMS key's policy.
type keyPolicyState int

const (
	keyPolicyDefault keyPolicyState = iota // no policy: the default grants only the account
	keyPolicyKnown
	keyPolicyUnknown
)

// keyPolicies returns a key's policy from its policy attribute or an aws_kms_key_policy resource.
func keyPolicies(s *engine.Stack, key *engine.Resource) ([]policySource, keyPolicyState) {
	var srcs []policySource
	state := keyPolicyDefault
	add := func(holder *engine.Resource, v any) {
		p, ok := s.Policy(v)
		if !ok {
			state = keyPolicyUnknown
		} else if state == keyPolicyDefault {
			state = keyPolicyKnown
		}
		srcs = append(srcs, policySource{holder, p})
	}
	if v, ok := key.Body["policy"]; ok && engine.Str(v) != "" {
		add(key, v)
	}
	for _, kp := range s.Linked("aws_kms_key_policy", "key_id", key, "") {
		add(kp, kp.Body["policy"])
	}
	return srcs, state
}

// kmsKeyOf returns the aws_kms_key a kms_key_id/kms_key_arn value designates
// (directly or through an aws_kms_alias), or nil for external keys.
func kmsKeyOf(s *engine.Stack, v any) *engine.Resource {
	r, _ := s.Target(v)
	if r == nil || r.Data {
		return nil
	}
	switch r.Type {
	case "aws_kms_key":
		return r
	case "aws_kms_alias":
		if k, _ := s.Target(r.Body["target_key_id"]); k != nil && k.Type == "aws_kms_key" && !k.Data {
			return k
		}
	}
	return nil
}

// statements lists every statement of the known policies.
func statements(srcs []policySource) []engine.Statement {
	var out []engine.Statement
	for _, src := range srcs {
		if src.policy != nil {
			out = append(out, src.policy.Statements...)
		}
	}
	return out
}

var dnsToken = `(amazonaws\.com|amazonaws\.com\.cn|c2s\.ic\.gov|sc2s\.sgov\.gov|\$\{[^}]*\})`

var (
	cloudTrailPrincipal = regexp.MustCompile(`^cloudtrail\.` + dnsToken + `$`)
	logsPrincipal       = regexp.MustCompile(`^logs\.([a-z0-9-]+|\$\{[^}]*\})\.` + dnsToken + `$`)
)

// cloudTrailService returns a test for CloudTrail service principals
// (cloudtrail.amazonaws.com and the other partitions' names), references resolved.
func cloudTrailService(s *engine.Stack) func(string) bool {
	return func(p string) bool { return cloudTrailPrincipal.MatchString(s.Resolve(p)) }
}

// logsService returns a test for CloudWatch Logs service principals
// (logs.<region>.amazonaws.com), references resolved.
func logsService(s *engine.Stack) func(string) bool {
	return func(p string) bool { return logsPrincipal.MatchString(s.Resolve(p)) }
}

// trailsByName returns the declared aws_cloudtrail resources with their resolved names.
func trailsByName(s *engine.Stack) map[string]*engine.Resource {
	out := map[string]*engine.Resource{}
	for _, t := range s.OfType("aws_cloudtrail") {
		if n := s.Resolve(t.Body["name"]); n != "" {
			out[n] = t
		}
	}
	return out
}

// placeholders swaps interpolations for NUL-delimited markers so ARNs can be
// split on ':' without breaking expressions; restore undoes it.
func placeholders(v string) (string, func(string) string) {
	is := engine.Interps(v)
	if len(is) == 0 {
		return v, func(x string) string { return x }
	}
	var b strings.Builder
	var saved []string
	last := 0
	for i, in := range is {
		b.WriteString(v[last:in.Start])
		b.WriteString("\x00" + strconv.Itoa(i) + "\x00")
		saved = append(saved, v[in.Start:in.End])
		last = in.End
	}
	b.WriteString(v[last:])
	return b.String(), func(x string) string {
		for i, sv := range saved {
			x = strings.ReplaceAll(x, "\x00"+strconv.Itoa(i)+"\x00", sv)
		}
		return x
	}
}

// trailARNProblem checks a value that should be the ARN of a trail declared
// in this stack. It returns "" when it matches (or cannot be judged: an
// unresolvable reference), else what is wrong. like allows * and ? wildcards.
func trailARNProblem(s *engine.Stack, value string, like bool) string {
	trails := trailsByName(s)
	if len(trails) == 0 {
		return ""
	}
	if r, _ := s.Target(value); r != nil {
		if r.Type == "aws_cloudtrail" {
			return ""
		}
	}
	v := s.Resolve(value)
	if e, ok := engine.SingleInterp(v); ok && !strings.Contains(e, ":") {
		return "" // an opaque expression (variable, function): cannot judge
	}
	ph, restore := placeholders(v)
	parts := strings.SplitN(ph, ":", 6)
	isToken := func(p string) bool { return strings.HasPrefix(p, "\x00") && strings.HasSuffix(p, "\x00") }
	if len(parts) != 6 {
		return "is not an ARN of the form arn:<partition>:cloudtrail:<region>:<account>:trail/<name>"
	}
	if parts[0] != "arn" && !isToken(parts[0]) {
		return "does not start with arn:"
	}
	if p := parts[1]; !isToken(p) && p != "aws" && p != "aws-cn" && p != "aws-us-gov" && p != "aws-iso" && p != "aws-iso-b" && !(like && strings.ContainsAny(p, "*?")) {
		return "has an unknown partition " + strconv.Quote(p)
	}
	if parts[2] != "cloudtrail" && !(like && engine.GlobMatch(parts[2], "cloudtrail")) {
		return "is not a CloudTrail ARN (service " + strconv.Quote(restore(parts[2])) + ")"
	}
	if reg, pr := parts[3], s.ProviderRegion(); pr != "" && !isToken(reg) && !strings.Contains(reg, "\x00") && !(like && engine.GlobMatch(reg, pr)) && reg != pr {
		return "names region " + strconv.Quote(reg) + " but the stack's provider region is " + strconv.Quote(pr)
	}
	if acct := parts[4]; !isToken(acct) && !strings.Contains(acct, "\x00") && !regexp.MustCompile(`^[0-9]{12}$`).MatchString(acct) && !(like && strings.ContainsAny(acct, "*?")) {
		return "has an invalid account id " + strconv.Quote(acct)
	}
	res := parts[5]
	if !strings.HasPrefix(res, "trail/") {
		if like && engine.GlobMatch(res, "trail/x") {
			return ""
		}
		return "has resource " + strconv.Quote(restore(res)) + ", not trail/<name>"
	}
	name := restore(strings.TrimPrefix(res, "trail/"))
	var names []string
	for n := range trails {
		if n == name || (like && engine.GlobMatch(name, n)) {
			return ""
		}
		names = append(names, n)
	}
	if engine.HasInterp(name) {
		return "" // the name is an expression we cannot resolve
	}
	sortStrings(names)
	return "names trail " + strconv.Quote(name) + ", but the declared trail(s) are named " + strings.Join(quoteAll(names), ", ")
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func sortStrings(ss []string) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && ss[j] < ss[j-1]; j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

// isLikeOperator reports whether a condition operator does wildcard matching.
func isLikeOperator(op string) bool {
	op = strings.TrimSuffix(strings.ToLower(op), "ifexists")
	op = strings.TrimPrefix(strings.TrimPrefix(op, "forallvalues:"), "foranyvalue:")
	// ArnEquals and ArnLike both accept wildcards in each ARN component.
	return strings.HasSuffix(op, "like") || strings.HasPrefix(op, "arn")
}

// bucketOfTrail returns the declared bucket a trail writes to, or nil.
// A name taken from the bucket policy ("${aws_s3_bucket_policy.p.bucket}",
// a common way to order the trail after the policy) is followed to the bucket.
func bucketOfTrail(s *engine.Stack, trail *engine.Resource) *engine.Resource {
	v := trail.Body["s3_bucket_name"]
	if r, attr := s.Target(v); r != nil && r.Type == "aws_s3_bucket_policy" && attr == "bucket" {
		v = r.Body["bucket"]
	}
	return s.ResolveTarget(v, "aws_s3_bucket", "bucket")
}

// names lists addresses for messages.
func names(rs []*engine.Resource) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Address)
	}
	return strings.Join(out, ", ")
}

// withoutInterps replaces every interpolation with a neutral token ("X").
func withoutInterps(v string) string {
	ph, _ := placeholders(v)
	for i := len(ph) - 1; i >= 0; i-- {
		if ph[i] == 0 {
			j := strings.LastIndexByte(ph[:i], 0)
			if j < 0 {
				break
			}
			ph = ph[:j] + "X" + ph[i+1:]
			i = j
		}
	}
	return ph
}

// reportKeysMissingStatement reports every KMS key that resources of type
// typ encrypt with (their kms_key_id) when the key's policy is known and has
// no Allow statement for which allows returns true. msg gets the list of the
// key's users as its one %s.
func reportKeysMissingStatement(p *engine.Pass, typ string, allows func(st engine.Statement) bool, fix, msg string) {
	s := p.Stack
	users := map[string][]*engine.Resource{}
	for _, r := range s.OfType(typ) {
		if k := kmsKeyOf(s, r.Body["kms_key_id"]); k != nil {
			users[k.Address] = append(users[k.Address], r)
		}
	}
	for _, k := range s.OfType("aws_kms_key") {
		rs := users[k.Address]
		if len(rs) == 0 {
			continue
		}
		srcs, state := keyPolicies(s, k)
		if state == keyPolicyUnknown {
			continue
		}
		ok := false
		for _, st := range statements(srcs) {
			if st.Allow() && allows(st) {
				ok = true
			}
		}
		if !ok {
			p.Reportf(k, fix, msg, names(rs))
		}
	}
}

// producedFile reports whether a local path (relative to the module
// folder, path.module already replaced by ".") is a file Terraform writes
// itself during plan: the output_path of an archive_file (data source or
// resource) or the filename of a local_file/local_sensitive_file, given as
// the same literal path instead of a reference.
func producedFile(s *engine.Stack, name string) bool {
	clean := func(p string) string {
		for _, tok := range []string{"${path.module}", "${path.root}", "${path.cwd}"} {
			p = strings.ReplaceAll(p, tok, ".")
		}
		return filepath.Clean(filepath.FromSlash(p))
	}
	want := clean(name)
	for _, src := range []struct{ typ, attr string }{
		{"data.archive_file", "output_path"}, {"archive_file", "output_path"},
		{"local_file", "filename"}, {"local_sensitive_file", "filename"},
	} {
		var rs []*engine.Resource
		if t, ok := strings.CutPrefix(src.typ, "data."); ok {
			rs = s.DataOfType(t)
		} else {
			rs = s.OfType(src.typ)
		}
		for _, r := range rs {
			if out := s.Resolve(r.Body[src.attr]); out != "" && clean(out) == want {
				return true
			}
		}
	}
	return false
}
