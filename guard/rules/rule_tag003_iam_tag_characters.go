package rules

import (
	"fmt"
	"regexp"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "TAG003",
		Title:    "IAM resource tag with characters IAM refuses",
		Severity: engine.Error,
		Doc: "An IAM role, user, policy, instance profile, OIDC or SAML provider, server certificate or virtual MFA " +
			"device whose tags, including the default_tags its aws provider adds, have a key or value with a character " +
			"outside IAM's tag pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@] (letters, digits, spaces and _ . : / = + - @; " +
			"https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html). Other services accept more, so a " +
			"default tag such as Department = \"R&D\" works on buckets and fails on the first IAM role. Why: the apply " +
			"fails with a validation error. Fix: use only those characters in tags that reach IAM (\"R and D\").",
		Check: func(p *engine.Pass) {
			s := p.Stack
			providers := awsProviders(s)
			for _, typ := range iamTaggedTypes {
				for _, r := range s.OfType(typ) {
					own, _ := resourceTags(r)
					pv := providers[providerKey(r)]
					type tag struct{ k, v, from string }
					var tags []tag
					if pv != nil {
						for _, k := range sortedTagKeys(pv.tags) {
							if _, overridden := own[k]; !overridden {
								tags = append(tags, tag{k, pv.tags[k], " (from the default_tags of " + pv.address + ")"})
							}
						}
					}
					for _, k := range sortedTagKeys(own) {
						tags = append(tags, tag{k, s.Resolve(own[k]), ""})
					}
					for _, t := range tags {
						what, bad := "", ""
						if c := iamTagBadChar(t.k); c != "" {
							what, bad = fmt.Sprintf("key %q", t.k), c
						} else if c := iamTagBadChar(t.v); c != "" && !engine.HasInterp(t.v) {
							what, bad = fmt.Sprintf("%s = %q", t.k, t.v), c
						}
						if bad != "" {
							at := "tags." + t.k
							if t.from != "" {
								at = "tags" // from the provider: the resource's own tags, if any, else its header
							}
							p.ReportAttrf(r, at, "use only letters, digits, spaces and _ . : / = + - @ in tags that reach IAM resources",
								"tag %s%s has %s, which IAM refuses in tags", what, t.from, bad)
						}
					}
				}
			}
		},
	})
}

// iamTaggedTypes are the IAM resource types that take tags.
var iamTaggedTypes = []string{
	"aws_iam_role", "aws_iam_user", "aws_iam_policy", "aws_iam_instance_profile",
	"aws_iam_openid_connect_provider", "aws_iam_saml_provider", "aws_iam_server_certificate",
	"aws_iam_virtual_mfa_device", "aws_iam_service_linked_role",
}

var iamTagChar = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]$`)

// iamTagBadChar returns the first character IAM refuses in a tag, quoted, or "".
func iamTagBadChar(s string) string {
	for _, c := range s {
		if !iamTagChar.MatchString(string(c)) {
			return fmt.Sprintf("%q", c)
		}
	}
	return ""
}
