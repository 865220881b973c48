package baseline

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// valid has non-nil (never dereferenced) dependencies: Validate only checks presence.
func valid() Props {
	return Props{Key: &encryption.Key{}, LogsBucket: &storage.LogsBucket{}, Topic: &monitoring.Topic{}}
}

func TestValidate(t *testing.T) {
	contact := Contact{Name: "Security team", Title: "SecOps", Email: "security@example.com", Phone: "+1 206-555-0100"}
	tests := []struct {
		name string
		edit func(*Props)
		want []string // nil: valid
	}{
		{"zero value with dependencies", func(*Props) {}, nil},
		{"nothing", func(p *Props) { *p = Props{} }, []string{"key: required", "logsBucket: required", "topic: required"}},
		{"typed nil key", func(p *Props) { p.Key = (*encryption.Key)(nil) }, []string{"key: required"}},
		{"length 13 names CIS and IAM.7", func(p *Props) { p.PasswordPolicy.MinimumLength = 13 },
			[]string{"passwordPolicy.minimumLength: 13 is weaker than CIS AWS Foundations v5.0.0 1.7 and FSBP IAM.7"}},
		{"length 8 (IAM.7's old minimum) is still weaker than CIS", func(p *Props) { p.PasswordPolicy.MinimumLength = 8 }, []string{"1.7", "IAM.7"}},
		{"length 14", func(p *Props) { p.PasswordPolicy.MinimumLength = 14 }, nil},
		{"length 128", func(p *Props) { p.PasswordPolicy.MinimumLength = 128 }, nil},
		{"length 129", func(p *Props) { p.PasswordPolicy.MinimumLength = 129 }, []string{"more than IAM accepts"}},
		{"max age 91 names IAM.7", func(p *Props) { p.PasswordPolicy.MaxAgeDays = 91 }, []string{"passwordPolicy.maxAgeDays: 91 is weaker than FSBP IAM.7"}},
		{"max age 30", func(p *Props) { p.PasswordPolicy.MaxAgeDays = 30 }, nil},
		{"max age negative", func(p *Props) { p.PasswordPolicy.MaxAgeDays = -1 }, []string{"negative"}},
		{"contact valid", func(p *Props) { c := contact; p.SecurityContact = &c }, nil},
		{"contact empty", func(p *Props) { p.SecurityContact = &Contact{} },
			[]string{"securityContact.name: required", "securityContact.title: required", "securityContact.phone: required", "securityContact.email: required"}},
		{"contact bad e-mail", func(p *Props) { c := contact; c.Email = "Security <security@example.com>"; p.SecurityContact = &c }, []string{"securityContact.email", "not an e-mail address"}},
		{"contact e-mail without dot", func(p *Props) { c := contact; c.Email = "sec@localhost"; p.SecurityContact = &c }, []string{"securityContact.email"}},
		{"contact bad phone", func(p *Props) { c := contact; c.Phone = "call me"; p.SecurityContact = &c }, []string{"securityContact.phone", "digits"}},
		{"contact long name", func(p *Props) { c := contact; c.Name = strings.Repeat("n", 65); p.SecurityContact = &c }, []string{"securityContact.name: 65 characters; AWS accepts at most 64"}},
		{"contact long title", func(p *Props) { c := contact; c.Title = strings.Repeat("t", 51); p.SecurityContact = &c }, []string{"securityContact.title: 51"}},
		{"prefix AWSLogs", func(p *Props) { p.FindingsPrefix = "AWSLogs" }, []string{"findingsPrefix", "CloudTrail"}},
		{"prefix slash", func(p *Props) { p.FindingsPrefix = "gd/" }, []string{"findingsPrefix"}},
		{"prefix nested", func(p *Props) { p.FindingsPrefix = "security/guardduty" }, nil},
		{"unused age without analyzer", func(p *Props) { p.UnusedAccessAgeDays = 30 }, []string{"unusedAccessAgeDays: set without unusedAccessAnalyzer"}},
		{"unused age out of range", func(p *Props) { p.UnusedAccessAnalyzer = true; p.UnusedAccessAgeDays = 400 }, []string{"1-365"}},
		{"unused analyzer", func(p *Props) { p.UnusedAccessAnalyzer = true; p.UnusedAccessAgeDays = 30 }, nil},
		{"unused analyzer but managed", func(p *Props) { p.UnusedAccessAnalyzer = true; p.Managed.AccessAnalyzer = true }, []string{"managed.accessAnalyzer"}},
		{"LZA needs only the topic-free parts", func(p *Props) { *p = Props{Managed: LandingZoneAccelerator()} }, nil},
		{"GuardDuty managed: no bucket needed", func(p *Props) { p.LogsBucket = nil; p.Managed.GuardDuty = true }, nil},
		{"GuardDuty managed, EBS not: key still needed", func(p *Props) { p.Key = nil; p.Managed.GuardDuty = true }, []string{"key: required"}},
	}
	for _, tt := range tests {
		p := valid()
		tt.edit(&p)
		errtest.Contains(t, tt.name, p.Validate(), tt.want...)
	}
}

// TestControlsCatalogue: every control names resources and an AWS source,
// every Part is a Managed field, and every rule id is one of the guard's
// ACC0xx rules.
func TestControlsCatalogue(t *testing.T) {
	parts := map[string]bool{"": true, "PasswordPolicy": true, "S3BlockPublicAccess": true, "EBSEncryption": true, "EC2Defaults": true,
		"GuardDuty": true, "SecurityHub": true, "AccessAnalyzer": true, "SecurityContact": true}
	for _, c := range Controls {
		if len(c.Resources) == 0 || !strings.HasPrefix(c.Source, "https://docs.aws.amazon.com/") {
			t.Errorf("control %q: needs resources and an AWS documentation source, got %v %q", c.Name, c.Resources, c.Source)
		}
		if !parts[c.Part] {
			t.Errorf("control %q: part %q is not a Managed field", c.Name, c.Part)
		}
		if c.Rule != "" && !strings.HasPrefix(c.Rule, "ACC0") {
			t.Errorf("control %q: rule %q is not an ACC0xx id", c.Name, c.Rule)
		}
		if _, ok := guard.Lookup(c.Rule); c.Rule != "" && !ok {
			t.Errorf("control %q: rule %q is not in the guard's rule pack", c.Name, c.Rule)
		}
	}
}
