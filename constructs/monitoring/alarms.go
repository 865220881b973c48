package monitoring

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Alarms are the Lambda and RDS alarms of one NewAlarms call.
type Alarms struct {
	node   constructs.Construct
	alarms []*Alarm
}

// NewAlarms validates props and creates, under scope, an Errors and a
// Throttles alarm per Lambda function and a CPUUtilization, FreeStorageSpace
// and DatabaseConnections alarm per RDS instance, each notifying props.Topic
// on ALARM and OK.
//
// Alarm names are "{company}-{environment}-{name}-{metric}", where name is
// the function name or DB identifier without a leading
// "{company}-{environment}-" (so "acme-dev-processor" gives
// "acme-dev-processor-errors"), e.g. "-errors", "-throttles", "-cpu",
// "-free-storage", "-connections".
func NewAlarms(scope constructs.Construct, id string, props AlarmsProps) (*Alarms, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, err := stack.Start(scope, id)
	if err != nil {
		return nil, err
	}
	specs, err := alarmSpecs(st, props)
	if err != nil {
		return nil, err
	}
	var list []string
	for _, s := range specs {
		list = append(list, s.name)
	}
	if err := reserve(st, scope, id, kindAlarm, list); err != nil {
		return nil, err
	}
	a := &Alarms{}
	err = stack.Catch(func() {
		a.node = st.NewNode(scope, id)
		for _, s := range specs {
			a.alarms = append(a.alarms, newAlarm(a.node, props.Topic, s))
		}
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// alarmSpecs derives every alarm, checking names before any resource exists.
// Construct ids use the names without the "{company}-{environment}-" prefix,
// so the logical ids are the same in every environment.
func alarmSpecs(st *stack.Stack, p AlarmsProps) ([]alarmSpec, error) {
	prefix := st.Naming.Prefix() + "-"
	short := func(v string) string {
		if s := strings.TrimPrefix(v, prefix); s != "" {
			return s
		}
		return v
	}
	periods := cmp.Or(p.EvaluationPeriods, DefaultEvaluationPeriods)
	var specs []alarmSpec
	var errs []error
	used := map[string]string{}
	add := func(field string, s alarmSpec, suffix string) {
		name, err := st.Name(naming.AlarmName, suffix)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", field, err))
			return
		}
		if other, dup := used[name]; dup {
			errs = append(errs, fmt.Errorf("%s: alarm name %q is also derived from %s; list each resource once (names are compared without the %q prefix)", field, name, other, prefix))
			return
		}
		used[name] = field
		s.name = name
		s.evaluationPeriods = periods
		specs = append(specs, s)
	}
	for i, fn := range p.LambdaFunctions {
		field := fmt.Sprintf("lambdaFunctions[%d]", i)
		fn, _ := stack.PlainText(fn)
		dims := map[string]string{"FunctionName": fn}
		add(field, alarmSpec{
			id: "lambda-" + short(fn) + "-errors", namespace: "AWS/Lambda", metric: "Errors", dimensions: dims,
			statistic: "Sum", operator: GreaterThanOrEqual,
			threshold:        float64(cmp.Or(p.LambdaErrorsThreshold, DefaultLambdaErrorsThreshold)),
			treatMissingData: "notBreaching",
			description:      fmt.Sprintf("Lambda function %s reported errors (Sum of Errors over %d s >= threshold).", fn, PeriodSeconds),
		}, short(fn)+"-errors")
		add(field, alarmSpec{
			id: "lambda-" + short(fn) + "-throttles", namespace: "AWS/Lambda", metric: "Throttles", dimensions: dims,
			statistic: "Sum", operator: GreaterThanOrEqual,
			threshold:        float64(cmp.Or(p.LambdaThrottlesThreshold, DefaultLambdaThrottlesThreshold)),
			treatMissingData: "notBreaching",
			description:      fmt.Sprintf("Lambda function %s was throttled (Sum of Throttles over %d s >= threshold).", fn, PeriodSeconds),
		}, short(fn)+"-throttles")
	}
	for i, db := range p.DBInstances {
		field := fmt.Sprintf("dbInstances[%d]", i)
		db, _ := stack.PlainText(db)
		dims := map[string]string{"DBInstanceIdentifier": db}
		// "missing": an instance that stops reporting goes to INSUFFICIENT_DATA
		// instead of looking healthy.
		add(field, alarmSpec{
			id: "rds-" + short(db) + "-cpu", namespace: "AWS/RDS", metric: "CPUUtilization", dimensions: dims,
			statistic: "Average", operator: GreaterThan,
			threshold:        float64(cmp.Or(p.RDSCPUPercent, DefaultRDSCPUPercent)),
			treatMissingData: "missing",
			description:      fmt.Sprintf("RDS instance %s average CPU utilization is above the threshold (percent).", db),
		}, short(db)+"-cpu")
		add(field, alarmSpec{
			id: "rds-" + short(db) + "-free-storage", namespace: "AWS/RDS", metric: "FreeStorageSpace", dimensions: dims,
			statistic: "Average", operator: LessThan,
			threshold:        float64(cmp.Or(p.RDSFreeStorageBytes, DefaultRDSFreeStorageBytes)),
			treatMissingData: "missing",
			description:      fmt.Sprintf("RDS instance %s free storage space is below the threshold (bytes).", db),
		}, short(db)+"-free-storage")
		add(field, alarmSpec{
			id: "rds-" + short(db) + "-connections", namespace: "AWS/RDS", metric: "DatabaseConnections", dimensions: dims,
			statistic: "Average", operator: GreaterThan,
			threshold:        float64(cmp.Or(p.RDSConnections, DefaultRDSConnections)),
			treatMissingData: "missing",
			description:      fmt.Sprintf("RDS instance %s has more database connections than the threshold.", db),
		}, short(db)+"-connections")
	}
	return specs, errors.Join(errs...)
}

// List returns the alarms, Lambda alarms first, in the order of the props.
func (a *Alarms) List() []*Alarm { return append([]*Alarm(nil), a.alarms...) }

// Construct is the alarms' construct node.
func (a *Alarms) Construct() constructs.Construct { return a.node }
