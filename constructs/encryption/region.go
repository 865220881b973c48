package encryption

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// Regional is a key that knows its region; *Key implements it.
type Regional interface {
	Region() string
}

// CheckRegion refuses a key of another region than region, where user (e.g.
// "a log group", "a bucket") would use it. KMS keys are regional, and every
// service the library integrates (CloudWatch Logs, S3 SSE-KMS, SNS, EBS,
// RDS, Lambda, GuardDuty's export) only accepts a key of the resource's own
// region:
// https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
// ("KMS keys are a Regional resource"). The key's region is known either from
// the key itself (a *Key, also one created in another stack and passed in,
// which CDKTF would turn into a cross-stack reference) or from a literal key
// ARN; a Terraform reference to a key elsewhere passes (Terraform resolves it).
// field names the props field in the error.
func CheckRegion(field string, key any, region, user string) error {
	if key == nil || region == "" {
		return nil
	}
	if v := reflect.ValueOf(key); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil
	}
	if r, ok := key.(Regional); ok && r.Region() != "" {
		if r.Region() != region {
			name := ""
			if a, ok := key.(interface{ AliasName() string }); ok {
				name = " " + a.AliasName()
			}
			return fmt.Errorf("%s: the key%s is in region %s; %s in %s can only use a KMS key of its own region: create a key in this region's stack (encryption.NewKey)", field, name, r.Region(), user, region)
		}
		return nil
	}
	a, ok := key.(interface{ Arn() string })
	if !ok {
		return nil
	}
	arn := a.Arn()
	if tfexpr.IsReference(arn) {
		return tfexpr.Check(field, arn)
	}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" && parts[2] == "kms" && parts[3] != region {
		return fmt.Errorf("%s: %q is a key in region %s; %s in %s can only use a KMS key of its own region: create a key in this region's stack (encryption.NewKey)", field, arn, parts[3], user, region)
	}
	return nil
}
