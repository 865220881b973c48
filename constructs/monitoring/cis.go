package monitoring

import (
	"fmt"
	"slices"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchlogmetricfilter"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// CISAlarms are the CIS AWS Foundations Benchmark metric filters on a
// CloudTrail log group and their alarms.
type CISAlarms struct {
	node     constructs.Construct
	alarms   []*Alarm
	controls []CISControl
}

// NewCISAlarms validates props and creates under scope, for every control in
// CISControls not excluded, a metric filter on props.LogGroupName (metric
// value "1" in props.Namespace) and an alarm on that metric (Sum >= 1 over
// 300 s, missing data not breaching) that notifies props.Topic on ALARM and
// OK. Filters and alarms are named "{company}-{environment}-cis-{suffix}".
func NewCISAlarms(scope constructs.Construct, id string, props CISProps) (*CISAlarms, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, err := stack.Start(scope, id)
	if err != nil {
		return nil, err
	}
	ns := props.namespace()
	c := &CISAlarms{}
	var specs []alarmSpec
	var list []string
	for _, ctl := range cisControls {
		if slices.Contains(props.Exclude, ctl.MetricName) {
			continue
		}
		name, err := st.Name(naming.AlarmName, "cis-"+ctl.Suffix)
		if err != nil {
			return nil, err
		}
		desc := "CIS AWS Foundations Benchmark " + ctl.CIS
		if ctl.SecurityHub != "" {
			desc += " (Security Hub " + ctl.SecurityHub + ")"
		}
		c.controls = append(c.controls, ctl)
		list = append(list, name)
		specs = append(specs, alarmSpec{
			id: ctl.Suffix + "-alarm", name: name,
			description: fmt.Sprintf("%s: %s in CloudTrail logs.", desc, ctl.Title),
			namespace:   ns, metric: ctl.MetricName,
			statistic: "Sum", operator: GreaterThanOrEqual, threshold: 1,
			evaluationPeriods: 1, treatMissingData: "notBreaching",
		})
	}
	if err := reserve(st, scope, id, kindAlarm, list); err != nil {
		return nil, err
	}
	var deps *[]cdktf.ITerraformDependable
	if len(props.DependsOn) > 0 {
		d := append([]cdktf.ITerraformDependable(nil), props.DependsOn...)
		deps = &d
	}
	err = stack.Catch(func() {
		c.node = st.NewNode(scope, id)
		for i, ctl := range c.controls {
			s := specs[i]
			cloudwatchlogmetricfilter.NewCloudwatchLogMetricFilter(c.node, str(ctl.Suffix+"-filter"), &cloudwatchlogmetricfilter.CloudwatchLogMetricFilterConfig{
				Name:         str(s.name),
				LogGroupName: str(props.LogGroupName),
				Pattern:      str(ctl.Pattern),
				MetricTransformation: &cloudwatchlogmetricfilter.CloudwatchLogMetricFilterMetricTransformation{
					Name:      str(ctl.MetricName),
					Namespace: str(ns),
					Value:     str("1"),
				},
				DependsOn: deps,
			})
			c.alarms = append(c.alarms, newAlarm(c.node, props.Topic, s))
		}
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// List returns the alarms, in the order of Controls.
func (c *CISAlarms) List() []*Alarm { return append([]*Alarm(nil), c.alarms...) }

// Controls returns the controls created, in order.
func (c *CISAlarms) Controls() []CISControl { return append([]CISControl(nil), c.controls...) }

// Construct is the CIS alarms' construct node.
func (c *CISAlarms) Construct() constructs.Construct { return c.node }
