package tfexpr_test

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/audit"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/compute"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// TestMalformedReferencesInProps is issue 16's class "malformed Terraform
// expressions in string props": each props Validate refuses an unclosed
// "${" naming its own field, before any construct exists.
func TestMalformedReferencesInProps(t *testing.T) {
	const bad = "${aws_vpc.x.id"
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"security group vpcID", network.SecurityGroupProps{VpcID: bad}.Validate(), "vpcID: "},
		{"Config snsTopicArn", audit.ConfigProps{SNSTopicArn: "${aws_sns_topic.t.arn"}.Validate(), "snsTopicArn: "},
		{"CIS logGroupName", monitoring.CISProps{LogGroupName: "${aws_cloudwatch_log_group.g.name"}.Validate(), "logGroupName: "},
		{"role services", identity.ServiceRoleProps{Services: []string{"logs.${data.aws_region.r.name.amazonaws.com"}}.Validate(), "services[0]: "},
		{"role managedPolicyArns", identity.ServiceRoleProps{Services: []string{"lambda.amazonaws.com"}, ManagedPolicyArns: []string{"${aws_iam_policy.p.arn"}}.Validate(), "managedPolicyArns[0]: "},
		{"policy resources", policy.Document{Statements: []policy.Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"${aws_s3_bucket.b.arn}/*", "${aws_s3_bucket.b.arn/*"}}}}.Validate(), "resources[1]: "},
		{"instance subnetID", compute.InstanceProps{SubnetID: bad}.Validate(), "subnetID: "},
		{"instance ami", compute.InstanceProps{AMI: "${data.aws_ami.al.id"}.Validate(), "ami: "},
		{"function S3 bucket", compute.FunctionProps{Handler: "app.handler", Code: compute.CodeFromS3Object("${aws_s3_bucket.b.bucket", "k.zip", "v")}.Validate(), "code: S3 bucket: "},
		{"stack backend key", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1", Backend: stack.Backend{S3: &stack.S3Backend{Bucket: "acme-state", Key: "${var.env/state"}}}.Validate(), "backend.s3.key: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errtest.Contains(t, "Validate()", tt.err, tt.want, "unclosed template sequence")
		})
	}
}
