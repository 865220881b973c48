package rules

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "S3007",
		Title:    "bucket name S3 refuses or reserves",
		Severity: engine.Error,
		Doc: "An aws_s3_bucket bucket (or bucket_prefix) that breaks the general purpose bucket naming rules " +
			"(https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html): 3 to 63 characters " +
			"(bucket_prefix at most 37, the provider adds 26); only lower-case letters, digits, dots and hyphens; a " +
			"letter or digit first and last; no \"..\"; not an IP address; none of the reserved prefixes xn--, sthree-, " +
			"amzn-s3-demo- and none of the reserved suffixes -s3alias, --ol-s3, .mrap, --x-s3, --table-s3. Names " +
			"built from references are judged on their literal parts (a reserved literal prefix, a reserved literal " +
			"suffix, characters no bucket may have). Why: CreateBucket fails at apply, after the plan looked fine. " +
			"Fix: rename the bucket.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, b := range s.OfType("aws_s3_bucket") {
				for _, a := range []string{"bucket", "bucket_prefix"} {
					v, ok := b.Body[a]
					if !ok || v == nil {
						continue
					}
					name := s.Resolve(v)
					if problem := bucketNameProblem(name, a == "bucket_prefix"); problem != "" {
						p.Reportf(b, "choose a name of 3-63 lower-case letters, digits, hyphens (and dots) without the reserved prefixes and suffixes",
							"%s %q %s", a, name, problem)
					}
				}
			}
		},
	})
}

var (
	reservedBucketPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	reservedBucketSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// bucketNameProblem says why S3 refuses a bucket name (or, with prefix,
// a bucket_prefix), or "". Interpolations left in the name are judged only
// by the literal text around them.
func bucketNameProblem(name string, prefix bool) string {
	if name == "" {
		return ""
	}
	ph, _ := placeholders(name)
	segs := strings.Split(ph, "\x00")
	// segs alternate literal, index, literal, ...: the literals are the even ones.
	var lits []string
	for i := 0; i < len(segs); i += 2 {
		lits = append(lits, segs[i])
	}
	dynamic := len(lits) > 1
	head, tail := lits[0], lits[len(lits)-1]
	literalLen := 0
	for _, l := range lits {
		literalLen += len(l)
		for _, c := range l {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
				return fmt.Sprintf("contains %q; only lower-case letters, digits, dots and hyphens are allowed", c)
			}
		}
		if strings.Contains(l, "..") {
			return "contains \"..\""
		}
	}
	for _, r := range reservedBucketPrefixes {
		if strings.HasPrefix(head, r) {
			return fmt.Sprintf("starts with the reserved prefix %q", r)
		}
	}
	if !prefix {
		for _, r := range reservedBucketSuffixes {
			if strings.HasSuffix(tail, r) {
				return fmt.Sprintf("ends with the reserved suffix %q", r)
			}
		}
	}
	max := 63
	if prefix {
		max = 37
	}
	if literalLen > max {
		return fmt.Sprintf("is %d characters long; the limit is %d", literalLen, max)
	}
	if dynamic {
		if head != "" && !alnum(head[0]) {
			return "does not start with a letter or digit"
		}
		if !prefix && tail != "" && !alnum(tail[len(tail)-1]) {
			return "does not end with a letter or digit"
		}
		return ""
	}
	if !prefix && len(name) < 3 {
		return fmt.Sprintf("is %d characters long; the minimum is 3", len(name))
	}
	if !alnum(name[0]) {
		return "does not start with a letter or digit"
	}
	if !prefix && !alnum(name[len(name)-1]) {
		return "does not end with a letter or digit"
	}
	if _, err := netip.ParseAddr(name); err == nil && !prefix {
		return "is formatted as an IP address"
	}
	return ""
}

func alnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
