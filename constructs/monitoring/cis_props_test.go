package monitoring

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

func TestCISPropsValidate(t *testing.T) {
	topic := &Topic{}
	lg := "/acme/dev/trail"
	all := metricNames()
	tests := []struct {
		name  string
		props CISProps
		want  []string
	}{
		{"minimal", CISProps{Topic: topic, LogGroupName: lg}, nil},
		{"reference log group", CISProps{Topic: topic, LogGroupName: "${aws_cloudwatch_log_group.x.name}"}, nil},
		{"custom namespace and exclude", CISProps{Topic: topic, LogGroupName: lg, Namespace: "Acme/CIS", Exclude: []string{"OrganizationsChanges"}}, nil},
		{"nil topic", CISProps{LogGroupName: lg}, []string{"topic: must not be nil"}},
		{"empty log group", CISProps{Topic: topic}, []string{"logGroupName: must not be empty"}},
		{"log group ARN", CISProps{Topic: topic, LogGroupName: "arn:aws:logs:us-east-1:123456789012:log-group:x"}, []string{"logGroupName:", "is an ARN"}},
		{"log group with space", CISProps{Topic: topic, LogGroupName: "my group"}, []string{"logGroupName:", "not a log group name"}},
		{"nil dependency", CISProps{Topic: topic, LogGroupName: lg, DependsOn: []cdktf.ITerraformDependable{nil}}, []string{"dependsOn[0]: must not be nil"}},
		{"AWS namespace", CISProps{Topic: topic, LogGroupName: lg, Namespace: "AWS/CIS"}, []string{"namespace:", "reserved for AWS"}},
		{"long namespace", CISProps{Topic: topic, LogGroupName: lg, Namespace: strings.Repeat("n", 256)}, []string{"namespace:", "1-255"}},
		{"namespace with trailing space", CISProps{Topic: topic, LogGroupName: lg, Namespace: "CIS "}, []string{"namespace:"}},
		{"unknown exclude", CISProps{Topic: topic, LogGroupName: lg, Exclude: []string{"RootUsage"}}, []string{`exclude[0]: "RootUsage" is not a CIS control metric name`, "RootAccountUsage"}},
		{"duplicate exclude", CISProps{Topic: topic, LogGroupName: lg, Exclude: []string{"VPCChanges", "VPCChanges"}}, []string{"exclude[1]:", "duplicates exclude[0]"}},
		{"everything excluded", CISProps{Topic: topic, LogGroupName: lg, Exclude: all}, []string{"exclude: every control is excluded"}},
		{"errors joined", CISProps{Namespace: "AWS/x"}, []string{"topic:", "logGroupName:", "namespace:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { errtest.Contains(t, "Validate()", tc.props.Validate(), tc.want...) })
	}
}
