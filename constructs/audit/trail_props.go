package audit

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// Data event resource types a trail's event selector accepts.
const (
	DataEventS3Object       = "AWS::S3::Object"
	DataEventLambdaFunction = "AWS::Lambda::Function"
	DataEventDynamoDBTable  = "AWS::DynamoDB::Table"
)

// dataEventServices maps each supported type to the ARN service its values name.
var dataEventServices = map[string]string{
	DataEventS3Object:       "s3",
	DataEventLambdaFunction: "lambda",
	DataEventDynamoDBTable:  "dynamodb",
}

// maxDataEventValues is CloudTrail's limit on data resource values per trail.
const maxDataEventValues = 250

// DataEvent selects data events (object- or function-level API calls) to log.
type DataEvent struct {
	// Type is the resource type: DataEventS3Object ("AWS::S3::Object"),
	// DataEventLambdaFunction ("AWS::Lambda::Function") or
	// DataEventDynamoDBTable ("AWS::DynamoDB::Table"). Required.
	Type string
	// Values are ARN prefixes, e.g. "arn:aws:s3:::my-bucket/" or a function
	// ARN. Default: every resource of the type in the account
	// ("arn:<partition>:s3", "arn:<partition>:lambda", "arn:<partition>:dynamodb").
	Values []string
}

// DefaultDataEvents are logged when TrailProps.DataEvents is empty: every S3
// object and every Lambda function.
func DefaultDataEvents() []DataEvent {
	return []DataEvent{{Type: DataEventS3Object}, {Type: DataEventLambdaFunction}}
}

// TrailProps configures a Trail. The zero value of every optional field is
// the secure setting: multi-region, management events, S3 and Lambda data
// events, logging on.
type TrailProps struct {
	// Name is the trail name suffix: the trail is "{company}-{environment}-{Name}".
	// Default: "trail".
	Name string
	// Bucket receives the log files. Required. NewTrail adds the trail's
	// statements to its policy (LogsBucket.AllowCloudTrail).
	Bucket *storage.LogsBucket
	// Key encrypts the log files and the CloudWatch Logs group. Required.
	// NewTrail adds the CloudTrail and CloudWatch Logs statements to its policy.
	Key *encryption.Key
	// LogRetentionDays is the CloudWatch Logs retention; one of
	// logging.RetentionValues. Default: 365.
	LogRetentionDays int
	// DataEvents are the data events to log. Default: DefaultDataEvents()
	// (all S3 objects and all Lambda functions).
	DataEvents []DataEvent
	// DisableDataEvents logs no data events at all. Default: false.
	DisableDataEvents bool
	// ExcludeManagementEvents stops logging management (control plane)
	// events. Default: false (management events are logged).
	ExcludeManagementEvents bool
	// DisableLogging creates the trail with logging stopped (enable_logging
	// false), e.g. for an emulator that cannot start logging. Default: false.
	DisableLogging bool
}

// Validate reports every problem with the props, each error naming the field.
func (p TrailProps) Validate() error {
	var errs []error
	if p.Name != "" {
		errs = append(errs, validateTrailSuffix(p.Name))
	}
	if p.Bucket == nil {
		errs = append(errs, errors.New("bucket: required; create one with storage.NewLogsBucket and pass it"))
	}
	if p.Key == nil {
		errs = append(errs, errors.New("key: required; create one with encryption.NewKey and pass it"))
	}
	if r := p.LogRetentionDays; r != 0 && !validRetention(r) {
		errs = append(errs, fmt.Errorf("logRetentionDays: %d is not a CloudWatch retention value; use one of %s", r, retentionList()))
	}
	if p.DisableDataEvents && len(p.DataEvents) > 0 {
		errs = append(errs, errors.New("dataEvents: set while disableDataEvents is true; remove one of them"))
	}
	if p.DisableDataEvents && p.ExcludeManagementEvents {
		errs = append(errs, errors.New("excludeManagementEvents: with disableDataEvents the trail would log nothing; log management events or some data events"))
	}
	errs = append(errs, validateDataEvents(p.DataEvents))
	return errors.Join(errs...)
}

func validateDataEvents(events []DataEvent) error {
	var errs []error
	total := 0
	for i, e := range events {
		field := fmt.Sprintf("dataEvents[%d]", i)
		service, ok := dataEventServices[e.Type]
		if !ok {
			errs = append(errs, fmt.Errorf("%s.type: %q is not a data event type; use one of %s", field, e.Type, strings.Join(dataEventTypes(), ", ")))
			continue
		}
		total += max(len(e.Values), 1)
		for j, v := range e.Values {
			if err := checkDataEventValue(service, v); err != nil {
				errs = append(errs, fmt.Errorf("%s.values[%d]: %w", field, j, err))
			}
		}
	}
	if total > maxDataEventValues {
		errs = append(errs, fmt.Errorf("dataEvents: %d values; CloudTrail allows at most %d per trail", total, maxDataEventValues))
	}
	return errors.Join(errs...)
}

// checkDataEventValue accepts Terraform tokens as they are, and otherwise an
// ARN (prefix) of the type's service.
func checkDataEventValue(service, v string) error {
	if v == "" {
		return errors.New("must not be empty; give an ARN prefix or leave Values empty for all resources")
	}
	if strings.Contains(v, "${") {
		return tfexpr.Check("value", v)
	}
	parts := strings.SplitN(v, ":", 4)
	if len(parts) < 3 || parts[0] != "arn" || parts[2] != service {
		return fmt.Errorf("%q is not an ARN of service %q (e.g. %q)", v, service, "arn:aws:"+service)
	}
	return nil
}

func dataEventTypes() []string {
	out := make([]string, 0, len(dataEventServices))
	for t := range dataEventServices {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func validRetention(r int) bool {
	for _, v := range logging.RetentionValues {
		if v == r {
			return true
		}
	}
	return false
}

func retentionList() string {
	s := make([]string, len(logging.RetentionValues))
	for i, v := range logging.RetentionValues {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}
