package baseline

import (
	"errors"
	"fmt"
	"net/mail"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
)

// Password policy bounds. The minimums are CIS AWS Foundations Benchmark
// v5.0.0 1.7 (length 14) and 1.8 (reuse prevention 24), which AWS Config's
// iam-password-policy rule checks with the same defaults (and MaxPasswordAge
// 90): https://docs.aws.amazon.com/config/latest/developerguide/iam-password-policy.html
// IAM accepts a length of 6-128 and reuse prevention of 1-24:
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
const (
	MinPasswordLength      = 14
	MaxPasswordLength      = 128
	PasswordReusePrevented = 24
	MaxPasswordAgeDays     = 90
	// DefaultUnusedAccessAgeDays is how long access may go unused before
	// the unused-access analyzer reports it.
	DefaultUnusedAccessAgeDays = 90
	// DefaultFindingsPrefix is where GuardDuty exports its findings in the
	// logs bucket.
	DefaultFindingsPrefix = "guardduty"
)

// Props configures a Baseline. Key, LogsBucket and Topic are required (unless
// Managed leaves out every part that uses them); the zero value of every other
// field is the secure setting.
type Props struct {
	// Key is the stack's customer managed key: the EBS default key and the key
	// GuardDuty encrypts exported findings with. Its policy gains the EBS
	// (kms:ViaService ec2) and GuardDuty statements. Required.
	Key *encryption.Key
	// LogsBucket receives GuardDuty's findings under FindingsPrefix; its
	// policy gains the GuardDuty statements. Required.
	LogsBucket *storage.LogsBucket
	// Topic receives high and critical findings through EventBridge; its
	// policy and its key's policy gain the EventBridge statements. Required.
	Topic *monitoring.Topic

	// PasswordPolicy tightens the IAM account password policy. Default: the
	// CIS v5.0.0 / FSBP IAM.7 policy (length 14, reuse prevention 24, every
	// character class, expiry after 90 days).
	PasswordPolicy PasswordPolicy
	// SecurityContact, when set, is registered as the account's SECURITY
	// alternate contact (CIS v5.0.0 1.2, FSBP Account.1). Default: none (the
	// account's contacts are left as they are).
	SecurityContact *Contact
	// FindingsPrefix is the key prefix of GuardDuty's findings in the logs
	// bucket. Default "guardduty".
	FindingsPrefix string
	// UnusedAccessAnalyzer adds an IAM Access Analyzer unused-access analyzer,
	// which AWS bills per role and user analyzed. Default: off (only the free
	// external-access analyzer).
	UnusedAccessAnalyzer bool
	// UnusedAccessAgeDays is the unused-access analyzer's threshold (1-365).
	// Default 90. Only with UnusedAccessAnalyzer.
	UnusedAccessAgeDays int
	// FargateRuntimeMonitoring has GuardDuty add its security agent to every
	// new ECS task on Fargate (Runtime Monitoring's FargateAgent, FSBP
	// GuardDuty.12). It needs each task's execution role to pull GuardDuty's
	// agent image from GuardDuty's own ECR repository in the region, which
	// container.Service's execution role (its own repository only) does not
	// grant yet, so the agent would stay unhealthy on the library's
	// services. Default: off (EC2 and EKS runtime monitoring are on).
	// https://docs.aws.amazon.com/guardduty/latest/ug/prereq-runtime-monitoring-ecs-support.html
	FargateRuntimeMonitoring bool
	// AutoScalingRoleExists says the account already has the Auto Scaling
	// service-linked role AWSServiceRoleForAutoScaling (`aws iam get-role
	// --role-name AWSServiceRoleForAutoScaling`). The key policy names that
	// role, and KMS refuses a policy naming a role that does not exist, so by
	// default the baseline creates it (aws_iam_service_linked_role); creating
	// it fails when it exists. Default false: the baseline creates it.
	AutoScalingRoleExists bool
	// Managed is member-account mode: the parts your organization already
	// manages (Control Tower, Landing Zone Accelerator, delegated
	// administrators), which the baseline then leaves out. Default: none, the
	// baseline creates every part. See the package documentation for which
	// service manages which part.
	Managed Managed
}

// PasswordPolicy tightens the IAM account password policy; the zero value
// is the CIS v5.0.0 / FSBP IAM.7 policy. A value weaker than that is an
// error naming the control.
type PasswordPolicy struct {
	// MinimumLength is the minimum password length, 14-128. Default 14.
	MinimumLength int
	// MaxAgeDays is how many days a password is valid, 1-90. Default 90.
	MaxAgeDays int
	// HardExpiry stops users with an expired password from choosing a new
	// one (an administrator must reset it). Default false.
	HardExpiry bool
}

// Contact is an account alternate contact. Limits from the Account
// Management API: https://docs.aws.amazon.com/accounts/latest/reference/API_PutAlternateContact.html
type Contact struct {
	// Name of the contact, 1-64 characters. Required.
	Name string
	// Title of the contact, 1-50 characters. Required.
	Title string
	// Email address, at most 254 characters. Required.
	Email string
	// Phone number, 1-25 characters of digits, spaces, "+", "-", "(" and ")". Required.
	Phone string
}

// Managed names the parts of the baseline an organization manages centrally
// in this account; each true field leaves that part out. The zero value
// (nothing managed) creates every part.
type Managed struct {
	// PasswordPolicy: the IAM account password policy (LZA iamPasswordPolicy).
	PasswordPolicy bool
	// S3BlockPublicAccess: the account-level S3 Block Public Access (LZA
	// centralSecurityServices.s3PublicAccessBlock).
	S3BlockPublicAccess bool
	// EBSEncryption: EBS encryption by default and its default key (LZA
	// centralSecurityServices.ebsDefaultVolumeEncryption).
	EBSEncryption bool
	// EC2Defaults: the instance-metadata defaults, snapshot and AMI block
	// public access and serial console access.
	EC2Defaults bool
	// GuardDuty: the detector, its protection plans and findings export (a
	// delegated GuardDuty administrator with auto-enable, or LZA).
	GuardDuty bool
	// SecurityHub: Security Hub and its standards (a delegated Security Hub
	// administrator with central configuration, or LZA).
	SecurityHub bool
	// AccessAnalyzer: the account's analyzers (LZA accessAnalyzer, or an
	// organization analyzer your security team prefers to rely on).
	AccessAnalyzer bool
	// SecurityContact: alternate contacts set from the management account
	// (Organizations' account management) or by LZA.
	SecurityContact bool
}

// LandingZoneAccelerator is Managed for an account governed by Landing Zone
// Accelerator on AWS with its security-config.yaml turning on the IAM password
// policy, S3 account Block Public Access, EBS default encryption, GuardDuty,
// Security Hub and Access Analyzer (see the package documentation). Adjust
// the result when your configuration differs.
func LandingZoneAccelerator() Managed {
	return Managed{PasswordPolicy: true, S3BlockPublicAccess: true, EBSEncryption: true,
		GuardDuty: true, SecurityHub: true, AccessAnalyzer: true}
}

// Validate reports every problem with the props, each naming its field.
func (p Props) Validate() error {
	var errs []error
	m := p.Managed
	needKey := !m.EBSEncryption || !m.GuardDuty
	if isNil(p.Key) && needKey {
		errs = append(errs, errors.New("key: required; pass the stack's *encryption.Key (the EBS default key and GuardDuty's export key)"))
	}
	if isNil(p.LogsBucket) && !m.GuardDuty {
		errs = append(errs, errors.New("logsBucket: required; pass the *storage.LogsBucket GuardDuty exports its findings to"))
	}
	if isNil(p.Topic) && !(m.GuardDuty && m.SecurityHub && m.AccessAnalyzer) {
		errs = append(errs, errors.New("topic: required; pass the *monitoring.Topic high and critical findings are sent to"))
	}
	errs = append(errs, p.PasswordPolicy.validate()...)
	if c := p.SecurityContact; c != nil {
		errs = append(errs, c.validate("securityContact")...)
	}
	if p.FindingsPrefix != "" {
		if err := checkPrefix(p.FindingsPrefix); err != nil {
			errs = append(errs, err)
		}
	}
	if d := p.UnusedAccessAgeDays; d != 0 {
		if !p.UnusedAccessAnalyzer {
			errs = append(errs, errors.New("unusedAccessAgeDays: set without unusedAccessAnalyzer; turn the analyzer on or leave the age at 0"))
		} else if d < 1 || d > 365 {
			errs = append(errs, fmt.Errorf("unusedAccessAgeDays: %d is out of range; IAM Access Analyzer accepts 1-365 days (default %d)", d, DefaultUnusedAccessAgeDays))
		}
	}
	if p.UnusedAccessAnalyzer && m.AccessAnalyzer {
		errs = append(errs, errors.New("unusedAccessAnalyzer: set while managed.accessAnalyzer leaves the analyzers out; drop one of them"))
	}
	return errors.Join(errs...)
}

func (pp PasswordPolicy) validate() []error {
	var errs []error
	if l := pp.MinimumLength; l != 0 {
		switch {
		case l < MinPasswordLength:
			errs = append(errs, fmt.Errorf("passwordPolicy.minimumLength: %d is weaker than CIS AWS Foundations v5.0.0 1.7 and FSBP IAM.7 (IAM.15), which require at least %d; use %d-%d (default %d)", l, MinPasswordLength, MinPasswordLength, MaxPasswordLength, MinPasswordLength))
		case l > MaxPasswordLength:
			errs = append(errs, fmt.Errorf("passwordPolicy.minimumLength: %d is more than IAM accepts; use %d-%d", l, MinPasswordLength, MaxPasswordLength))
		}
	}
	if d := pp.MaxAgeDays; d != 0 {
		switch {
		case d > MaxPasswordAgeDays:
			errs = append(errs, fmt.Errorf("passwordPolicy.maxAgeDays: %d is weaker than FSBP IAM.7 (AWS Config iam-password-policy: at most %d days); use 1-%d (default %d)", d, MaxPasswordAgeDays, MaxPasswordAgeDays, MaxPasswordAgeDays))
		case d < 0:
			errs = append(errs, fmt.Errorf("passwordPolicy.maxAgeDays: %d is negative; use 1-%d (default %d)", d, MaxPasswordAgeDays, MaxPasswordAgeDays))
		}
	}
	return errs
}

func (pp PasswordPolicy) length() int {
	if pp.MinimumLength == 0 {
		return MinPasswordLength
	}
	return pp.MinimumLength
}

func (pp PasswordPolicy) maxAge() int {
	if pp.MaxAgeDays == 0 {
		return MaxPasswordAgeDays
	}
	return pp.MaxAgeDays
}

var phonePattern = regexp.MustCompile(`^[\s0-9()+-]+$`)

func (c Contact) validate(field string) []error {
	var errs []error
	check := func(name, v string, max int) {
		n := utf8.RuneCountInString(v)
		switch {
		case strings.TrimSpace(v) == "":
			errs = append(errs, fmt.Errorf("%s.%s: required", field, name))
		case n > max:
			errs = append(errs, fmt.Errorf("%s.%s: %d characters; AWS accepts at most %d", field, name, n, max))
		}
	}
	check("name", c.Name, 64)
	check("title", c.Title, 50)
	check("phone", c.Phone, 25)
	if c.Phone != "" && !phonePattern.MatchString(c.Phone) {
		errs = append(errs, fmt.Errorf("%s.phone: %q may hold only digits, spaces, +, -, ( and ), e.g. %q", field, c.Phone, "+1 206-555-0100"))
	}
	switch a, err := mail.ParseAddress(c.Email); {
	case c.Email == "":
		errs = append(errs, fmt.Errorf("%s.email: required", field))
	case err != nil || a.Address != c.Email || !strings.Contains(c.Email[strings.LastIndexByte(c.Email, '@')+1:], "."):
		errs = append(errs, fmt.Errorf("%s.email: %q is not an e-mail address; use the bare form, e.g. %q", field, c.Email, "security@example.com"))
	case len(c.Email) > 254:
		errs = append(errs, fmt.Errorf("%s.email: %d characters; AWS accepts at most 254", field, len(c.Email)))
	}
	return errs
}

func checkPrefix(prefix string) error {
	switch {
	case strings.HasPrefix(prefix, "/") || strings.HasSuffix(prefix, "/"):
		return fmt.Errorf("findingsPrefix: %q starts or ends with \"/\"; use e.g. %q", prefix, DefaultFindingsPrefix)
	case prefix == "AWSLogs" || strings.HasPrefix(prefix, "AWSLogs/"):
		return fmt.Errorf("findingsPrefix: %q is where CloudTrail and AWS Config deliver; give the findings their own prefix, e.g. %q", prefix, DefaultFindingsPrefix)
	case strings.ContainsAny(prefix, "*?${}\\ "):
		return fmt.Errorf("findingsPrefix: %q contains * ? $ { } \\ or a space; use e.g. %q", prefix, DefaultFindingsPrefix)
	}
	return nil
}

func (p Props) findingsPrefix() string {
	if p.FindingsPrefix == "" {
		return DefaultFindingsPrefix
	}
	return p.FindingsPrefix
}

func (p Props) unusedAge() int {
	if p.UnusedAccessAgeDays == 0 {
		return DefaultUnusedAccessAgeDays
	}
	return p.UnusedAccessAgeDays
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	return r.Kind() == reflect.Pointer && r.IsNil()
}
