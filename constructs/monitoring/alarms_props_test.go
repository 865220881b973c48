package monitoring

import (
	"cmp"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

func TestAlarmsPropsValidate(t *testing.T) {
	topic := &Topic{}
	fn := []string{"acme-dev-processor"}
	tests := []struct {
		name  string
		props AlarmsProps
		want  []string
	}{
		{"function only", AlarmsProps{Topic: topic, LambdaFunctions: fn}, nil},
		{"db only", AlarmsProps{Topic: topic, DBInstances: []string{"acme-dev-db"}}, nil},
		{"all thresholds at bounds", AlarmsProps{Topic: topic, LambdaFunctions: fn, LambdaErrorsThreshold: 5, LambdaThrottlesThreshold: 1,
			RDSCPUPercent: 100, RDSFreeStorageBytes: 1, RDSConnections: 1, EvaluationPeriods: MaxEvaluationPeriods}, nil},
		{"nil topic", AlarmsProps{LambdaFunctions: fn}, []string{"topic: must not be nil"}},
		{"nothing to monitor", AlarmsProps{Topic: topic}, []string{"lambdaFunctions: nothing to monitor"}},
		{"bad function name", AlarmsProps{Topic: topic, LambdaFunctions: []string{"my fn"}}, []string{`lambdaFunctions[0]: "my fn" is not a Lambda function name`}},
		{"long function name", AlarmsProps{Topic: topic, LambdaFunctions: []string{strings.Repeat("f", 65)}}, []string{"lambdaFunctions[0]:", "1-64"}},
		{"token function name", AlarmsProps{Topic: topic, LambdaFunctions: []string{"${aws_lambda_function.x.function_name}"}}, []string{"lambdaFunctions[0]:", "Terraform reference"}},
		{"duplicate function", AlarmsProps{Topic: topic, LambdaFunctions: []string{"a", "b", "a"}}, []string{`lambdaFunctions[2]: "a" duplicates lambdaFunctions[0]`}},
		{"upper-case db", AlarmsProps{Topic: topic, DBInstances: []string{"MyDB"}}, []string{"dbInstances[0]:", "lower-case"}},
		{"db double hyphen", AlarmsProps{Topic: topic, DBInstances: []string{"a--b"}}, []string{"dbInstances[0]:"}},
		{"db too long", AlarmsProps{Topic: topic, DBInstances: []string{strings.Repeat("d", 64)}}, []string{"dbInstances[0]:", "1-63"}},
		{"duplicate db", AlarmsProps{Topic: topic, DBInstances: []string{"db", "db"}}, []string{"dbInstances[1]:", "duplicates dbInstances[0]"}},
		{"negative errors", AlarmsProps{Topic: topic, LambdaFunctions: fn, LambdaErrorsThreshold: -1}, []string{"lambdaErrorsThreshold: -1 is negative"}},
		{"negative throttles", AlarmsProps{Topic: topic, LambdaFunctions: fn, LambdaThrottlesThreshold: -2}, []string{"lambdaThrottlesThreshold: -2 is negative"}},
		{"cpu over 100", AlarmsProps{Topic: topic, LambdaFunctions: fn, RDSCPUPercent: 101}, []string{"rdsCpuPercent: 101 is out of range"}},
		{"negative cpu", AlarmsProps{Topic: topic, LambdaFunctions: fn, RDSCPUPercent: -5}, []string{"rdsCpuPercent: -5 is out of range"}},
		{"negative storage", AlarmsProps{Topic: topic, LambdaFunctions: fn, RDSFreeStorageBytes: -1}, []string{"rdsFreeStorageBytes: -1 is negative"}},
		{"negative connections", AlarmsProps{Topic: topic, LambdaFunctions: fn, RDSConnections: -1}, []string{"rdsConnections: -1 is negative"}},
		{"too many periods", AlarmsProps{Topic: topic, LambdaFunctions: fn, EvaluationPeriods: 289}, []string{"evaluationPeriods: 289 is out of range", "1-288"}},
		{"negative periods", AlarmsProps{Topic: topic, LambdaFunctions: fn, EvaluationPeriods: -1}, []string{"evaluationPeriods: -1 is out of range"}},
		{"errors joined", AlarmsProps{LambdaFunctions: []string{"x y"}, RDSCPUPercent: 200}, []string{"topic:", "lambdaFunctions[0]:", "rdsCpuPercent:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { errtest.Contains(t, "Validate()", tc.props.Validate(), tc.want...) })
	}
}

func TestDefaultsFillZero(t *testing.T) {
	if got := cmp.Or(0, DefaultRDSCPUPercent); got != 80 {
		t.Errorf("cmp.Or(0, 80) = %d; want 80", got)
	}
	if got := cmp.Or(int64(5), DefaultRDSFreeStorageBytes); got != 5 {
		t.Errorf("cmp.Or(5, 2GiB) = %d; want 5", got)
	}
	if DefaultRDSFreeStorageBytes != 2*1024*1024*1024 {
		t.Errorf("DefaultRDSFreeStorageBytes = %d; want 2 GiB", DefaultRDSFreeStorageBytes)
	}
}
