package audit

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// DefaultConfigName is the AWS Config name suffix used when none is given.
const DefaultConfigName = "config"

// ConfigProps configures AWS Config for the account and region.
type ConfigProps struct {
	// Name is the suffix of the recorder, delivery channel and role names,
	// "{company}-{environment}-{Name}". Default: "config".
	Name string
	// Bucket receives configuration snapshots and history. Required.
	// NewConfig adds the AWS Config statements to its policy (LogsBucket.AllowConfig).
	Bucket *storage.LogsBucket
	// Key encrypts delivered objects (the delivery channel's s3_kms_key_arn).
	// Default: nil (objects get the bucket's default encryption, which is
	// SSE-KMS with the bucket's key).
	Key *encryption.Key
	// SkipGlobalResources stops recording global resources (IAM). Set it in
	// every region but one so they are recorded once. Default: false (global
	// resources are recorded; right for the primary region).
	SkipGlobalResources bool
	// Rules are AWS managed rule identifiers (see SupportedRules) to create.
	// Default: DefaultRules().
	Rules []string
	// SNSTopicArn receives configuration notifications. Default: "" (none).
	SNSTopicArn string
}

var configSuffix = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9_]|-[a-zA-Z0-9_])*$`)

// Validate reports every problem with the props, each error naming the field.
func (p ConfigProps) Validate() error {
	var errs []error
	if p.Name != "" && !configSuffix.MatchString(p.Name) {
		errs = append(errs, fmt.Errorf("name: %q is not a valid AWS Config name suffix; use letters, digits, underscores and single hyphens", p.Name))
	}
	if p.Bucket == nil {
		errs = append(errs, errors.New("bucket: required; create one with storage.NewLogsBucket and pass it"))
	}
	seen := map[string]bool{}
	for i, r := range p.Rules {
		switch {
		case managedRules[r] == "":
			errs = append(errs, fmt.Errorf("rules[%d]: %q is not a supported managed rule identifier; use one of %s", i, r, strings.Join(SupportedRules(), ", ")))
		case seen[r]:
			errs = append(errs, fmt.Errorf("rules[%d]: %q is listed twice; remove the duplicate", i, r))
		}
		seen[r] = true
	}
	if err := tfexpr.Check("snsTopicArn", p.SNSTopicArn); err != nil {
		errs = append(errs, err)
	} else if a := p.SNSTopicArn; a != "" && !strings.Contains(a, "${") && !strings.HasPrefix(a, "arn:") {
		errs = append(errs, fmt.Errorf("snsTopicArn: %q is not an ARN; pass the topic's Arn()", a))
	} else if a != "" && strings.HasPrefix(a, "arn:") && !strings.Contains(a, ":sns:") {
		errs = append(errs, fmt.Errorf("snsTopicArn: %q is not an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>)", a))
	}
	return errors.Join(errs...)
}

func (p ConfigProps) rules() []string {
	if len(p.Rules) == 0 {
		return DefaultRules()
	}
	return append([]string(nil), p.Rules...)
}
