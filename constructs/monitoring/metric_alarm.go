package monitoring

import (
	"errors"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// MetricAlarmProps describes one alarm on one metric, for constructs that
// watch their own resources (queue.Queue.AlarmOnDepth). Alarm and OK
// actions always notify Topic.
type MetricAlarmProps struct {
	// Topic is notified on ALARM and on OK. Required.
	Topic *Topic
	// Name is the alarm name suffix: "{company}-{environment}-{Name}". Required.
	Name string
	// Description is the alarm description. Required.
	Description string
	// Namespace and Metric name the metric, e.g. "AWS/SQS",
	// "ApproximateNumberOfMessagesVisible". Required.
	Namespace, Metric string
	// Dimensions select the metric's series; values may be references a
	// construct of this library returned (stack.PlainText). Default: none.
	Dimensions map[string]string
	// Statistic is "Sum", "Average", "Maximum", ... Required.
	Statistic string
	// Operator is GreaterThanOrEqual, GreaterThan or LessThan. Required.
	Operator string
	// Threshold is compared with the statistic over PeriodSeconds.
	Threshold float64
	// EvaluationPeriods is 1-288. Default: 1.
	EvaluationPeriods int
	// TreatMissingData is "notBreaching", "breaching", "ignore" or
	// "missing". Default: "notBreaching".
	TreatMissingData string
}

// NewMetricAlarm creates one alarm under scope (construct id id), its name
// claimed like every other alarm of this package.
func NewMetricAlarm(scope constructs.Construct, id string, p MetricAlarmProps) (*Alarm, error) {
	var errs []error
	if p.Topic == nil {
		errs = append(errs, errors.New("topic: must not be nil; pass the *monitoring.Topic the alarm notifies"))
	}
	if p.Name == "" || p.Namespace == "" || p.Metric == "" || p.Statistic == "" || p.Operator == "" {
		errs = append(errs, errors.New("name, namespace, metric, statistic and operator: required"))
	}
	if p.EvaluationPeriods < 0 || p.EvaluationPeriods > MaxEvaluationPeriods {
		errs = append(errs, fmt.Errorf("evaluationPeriods: %d is out of range 1-%d", p.EvaluationPeriods, MaxEvaluationPeriods))
	}
	dims := map[string]string{}
	for k, v := range p.Dimensions {
		plain, ok := stack.PlainText(v)
		if !ok {
			errs = append(errs, fmt.Errorf("dimensions[%q]: %q is a Terraform reference no construct of this library returned; pass the plain name", k, v))
			continue
		}
		dims[k] = plain
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	name, err := st.Name(naming.AlarmName, p.Name)
	if err != nil {
		return nil, err
	}
	if err := st.Claim(naming.AlarmName, name, scope, id); err != nil {
		return nil, err
	}
	if p.EvaluationPeriods == 0 {
		p.EvaluationPeriods = DefaultEvaluationPeriods
	}
	if p.TreatMissingData == "" {
		p.TreatMissingData = "notBreaching"
	}
	var a *Alarm
	err = stack.Catch(func() {
		a = newAlarm(scope, p.Topic, alarmSpec{
			id: id, name: name, description: p.Description, namespace: p.Namespace, metric: p.Metric,
			dimensions: dims, statistic: p.Statistic, operator: p.Operator, threshold: p.Threshold,
			evaluationPeriods: p.EvaluationPeriods, treatMissingData: p.TreatMissingData,
		})
	})
	return a, err
}
