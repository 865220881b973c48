package monitoring

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
)

// PeriodSeconds is the period every alarm of this package evaluates (5 minutes).
const PeriodSeconds = 300

// Comparison operators used by the alarms.
const (
	GreaterThanOrEqual = "GreaterThanOrEqualToThreshold"
	GreaterThan        = "GreaterThanThreshold"
	LessThan           = "LessThanThreshold"
)

// Alarm is one CloudWatch metric alarm, notifying its topic on ALARM and OK.
type Alarm struct {
	res        cloudwatchmetricalarm.CloudwatchMetricAlarm
	name       string
	namespace  string
	metricName string
}

// Name is the alarm's name (plain text).
func (a *Alarm) Name() string { return a.name }

// Arn is the alarm's ARN (a Terraform reference).
func (a *Alarm) Arn() string { return *a.res.Arn() }

// Namespace is the namespace of the metric the alarm watches (plain text).
func (a *Alarm) Namespace() string { return a.namespace }

// MetricName is the name of the metric the alarm watches (plain text).
func (a *Alarm) MetricName() string { return a.metricName }

// alarmSpec describes one alarm; newAlarm is the only place an alarm resource
// is created, and it always wires alarm and OK actions to the topic.
type alarmSpec struct {
	id, name, description string
	namespace, metric     string
	dimensions            map[string]string
	statistic, operator   string
	threshold             float64
	evaluationPeriods     int
	treatMissingData      string
}

// newAlarm creates the alarm resource; call it inside stack.Catch.
func newAlarm(scope constructs.Construct, topic *Topic, s alarmSpec) *Alarm {
	cfg := &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
		AlarmName:          str(s.name),
		AlarmDescription:   str(s.description),
		Namespace:          str(s.namespace),
		MetricName:         str(s.metric),
		Statistic:          str(s.statistic),
		Period:             f64(PeriodSeconds),
		EvaluationPeriods:  f64(float64(s.evaluationPeriods)),
		ComparisonOperator: str(s.operator),
		Threshold:          f64(s.threshold),
		TreatMissingData:   str(s.treatMissingData),
		ActionsEnabled:     true,
		AlarmActions:       strs(topic.Arn()),
		OkActions:          strs(topic.Arn()),
	}
	if len(s.dimensions) > 0 {
		cfg.Dimensions = jsiival.StringMap(s.dimensions)
	}
	res := cloudwatchmetricalarm.NewCloudwatchMetricAlarm(scope, str(s.id), cfg)
	return &Alarm{res: res, name: s.name, namespace: s.namespace, metricName: s.metric}
}
