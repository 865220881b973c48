package monitoring

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Defaults of AlarmsProps thresholds.
const (
	DefaultLambdaErrorsThreshold    = 1
	DefaultLambdaThrottlesThreshold = 1
	DefaultRDSCPUPercent            = 80
	DefaultRDSFreeStorageBytes      = 2 << 30 // 2 GiB
	DefaultRDSConnections           = 100
	DefaultEvaluationPeriods        = 1
	// MaxEvaluationPeriods keeps periods x 300 s within CloudWatch's one-day limit.
	MaxEvaluationPeriods = 86400 / PeriodSeconds
)

// AlarmsProps configures the Lambda and RDS alarms. Topic is required and at
// least one function or DB instance must be listed; every threshold's zero
// value means its documented default.
type AlarmsProps struct {
	// Topic is notified when an alarm enters ALARM and when it returns to OK. Required.
	Topic *Topic
	// LambdaFunctions are function names: a *compute.Function's Name() (a
	// reference, resolved through stack.PlainText) or plain text such as
	// "acme-dev-processor",
	// that get an Errors and a Throttles alarm (namespace AWS/Lambda,
	// dimension FunctionName, Sum over 300 s). Default: none.
	LambdaFunctions []string
	// DBInstances are RDS DB instance identifiers: a *database.Instance's
	// Identifier() (a reference, resolved through stack.PlainText) or plain
	// text such as "acme-dev-db", that get CPUUtilization, FreeStorageSpace and
	// DatabaseConnections alarms (namespace AWS/RDS, dimension
	// DBInstanceIdentifier, Average over 300 s). Default: none.
	DBInstances []string
	// LambdaErrorsThreshold alarms when a function's errors in 5 minutes reach it (>=). Default: 1.
	LambdaErrorsThreshold int
	// LambdaThrottlesThreshold alarms when a function's throttles in 5 minutes reach it (>=). Default: 1.
	LambdaThrottlesThreshold int
	// RDSCPUPercent alarms when average CPU utilization exceeds it (>), 1-100. Default: 80.
	RDSCPUPercent int
	// RDSFreeStorageBytes alarms when free storage falls below it (<). Default: 2 GiB.
	RDSFreeStorageBytes int64
	// RDSConnections alarms when average connections exceed it (>). Default: 100.
	RDSConnections int
	// EvaluationPeriods is how many consecutive 5-minute periods must breach
	// before an alarm fires, 1-288. Default: 1.
	EvaluationPeriods int
}

var (
	lambdaNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)
	dbIDPattern       = regexp.MustCompile(`^[a-z]([a-z0-9]|-[a-z0-9])*$`)
)

// Validate reports every problem with the props, each naming its field.
func (p AlarmsProps) Validate() error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if p.Topic == nil {
		add("topic: must not be nil; pass the *Topic from monitoring.NewTopic so every alarm notifies it")
	}
	if len(p.LambdaFunctions) == 0 && len(p.DBInstances) == 0 {
		add("lambdaFunctions: nothing to monitor; list at least one Lambda function name or one DB instance identifier (dbInstances)")
	}
	seen := map[string]int{}
	for i, fn := range p.LambdaFunctions {
		field := fmt.Sprintf("lambdaFunctions[%d]", i)
		fn, known := stack.PlainText(fn)
		switch {
		case !known:
			add("%s: %q is a Terraform reference no construct of this library returned; pass the function's Name() or its plain name (alarm names must be known at synth)", field, p.LambdaFunctions[i])
		case !lambdaNamePattern.MatchString(fn):
			add("%s: %q is not a Lambda function name; use 1-64 letters, digits, hyphens and underscores", field, fn)
		default:
			if j, dup := seen[fn]; dup {
				add("%s: %q duplicates lambdaFunctions[%d]; list each function once", field, fn, j)
			}
			seen[fn] = i
		}
	}
	seen = map[string]int{}
	for i, db := range p.DBInstances {
		field := fmt.Sprintf("dbInstances[%d]", i)
		db, known := stack.PlainText(db)
		switch {
		case !known:
			add("%s: %q is a Terraform reference no construct of this library returned; pass the instance's Identifier() or its plain identifier (alarm names must be known at synth)", field, p.DBInstances[i])
		case len(db) > 63 || !dbIDPattern.MatchString(db):
			add("%s: %q is not an RDS instance identifier; use 1-63 lower-case letters, digits and single hyphens, starting with a letter", field, db)
		default:
			if j, dup := seen[db]; dup {
				add("%s: %q duplicates dbInstances[%d]; list each instance once", field, db, j)
			}
			seen[db] = i
		}
	}
	if p.LambdaErrorsThreshold < 0 {
		add("lambdaErrorsThreshold: %d is negative; use 1 or more (0 means the default, %d)", p.LambdaErrorsThreshold, DefaultLambdaErrorsThreshold)
	}
	if p.LambdaThrottlesThreshold < 0 {
		add("lambdaThrottlesThreshold: %d is negative; use 1 or more (0 means the default, %d)", p.LambdaThrottlesThreshold, DefaultLambdaThrottlesThreshold)
	}
	if c := p.RDSCPUPercent; c < 0 || c > 100 {
		add("rdsCpuPercent: %d is out of range; use 1-100 (0 means the default, %d)", c, DefaultRDSCPUPercent)
	}
	if p.RDSFreeStorageBytes < 0 {
		add("rdsFreeStorageBytes: %d is negative; use a byte count such as %d (2 GiB, the default)", p.RDSFreeStorageBytes, DefaultRDSFreeStorageBytes)
	}
	if p.RDSConnections < 0 {
		add("rdsConnections: %d is negative; use 1 or more (0 means the default, %d)", p.RDSConnections, DefaultRDSConnections)
	}
	if e := p.EvaluationPeriods; e < 0 || e > MaxEvaluationPeriods {
		add("evaluationPeriods: %d is out of range; use 1-%d five-minute periods (0 means the default, %d)", e, MaxEvaluationPeriods, DefaultEvaluationPeriods)
	}
	return errors.Join(errs...)
}
