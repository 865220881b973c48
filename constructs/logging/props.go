package logging

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
)

// DefaultRetentionDays is the retention used when LogGroupProps.RetentionDays is 0.
const DefaultRetentionDays = 365

// RetentionValues are the retention periods, in days, CloudWatch Logs accepts.
var RetentionValues = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// Key is the KMS key a log group is encrypted with; *encryption.Key implements it.
type Key interface {
	// Arn is the key's ARN.
	Arn() string
	// AllowCloudWatchLogs adds the key policy statement that lets CloudWatch
	// Logs in this region use the key; it must be idempotent.
	AllowCloudWatchLogs() error
}

// LogGroupProps configures a LogGroup.
type LogGroupProps struct {
	// Name is the full log group name, e.g. "/aws/lambda/acme-dev-fn".
	// Default: "/{company}/{environment}/{id}".
	Name string
	// Key encrypts the log group. Required. NewLogGroup calls
	// Key.AllowCloudWatchLogs so the key policy lets CloudWatch Logs use it.
	Key Key
	// RetentionDays is how long events are kept; one of RetentionValues.
	// Default: 365.
	RetentionDays int
}

// Validate reports every problem with the props, each naming its field.
func (p LogGroupProps) Validate() error {
	var errs []error
	if isNil(p.Key) {
		errs = append(errs, errors.New("key: required; pass an *encryption.Key so the log group is KMS-encrypted"))
	}
	if r := p.RetentionDays; r != 0 && !validRetention(r) {
		errs = append(errs, fmt.Errorf("retentionDays: %d is not a CloudWatch retention value; use one of %s", r, retentionList()))
	}
	if p.Name != "" {
		if err := checkName(p.Name); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// isNil reports whether k is nil or a typed nil pointer such as (*encryption.Key)(nil).
func isNil(k Key) bool {
	if k == nil {
		return true
	}
	v := reflect.ValueOf(k)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

func checkName(name string) error {
	if strings.HasPrefix(name, "aws/") {
		return fmt.Errorf("name: %q starts with \"aws/\", which AWS reserves; use \"/aws/...\" for service log groups or your own prefix", name)
	}
	return naming.LogGroup.Check(name)
}

func (p LogGroupProps) retention() int {
	if p.RetentionDays == 0 {
		return DefaultRetentionDays
	}
	return p.RetentionDays
}

func validRetention(r int) bool {
	for _, v := range RetentionValues {
		if v == r {
			return true
		}
	}
	return false
}

func retentionList() string {
	s := make([]string, len(RetentionValues))
	for i, v := range RetentionValues {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}
