package access

// awsManaged holds the few AWS managed policies the integrations rely on,
// as AWS publishes them (AWS Managed Policy Reference Guide,
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/), keyed
// by the part of the ARN after ":iam::aws:policy/". Other AWS managed
// policies are listed in Report.Managed as not evaluated.
var awsManaged = map[string]string{
	"service-role/AWSLambdaBasicExecutionRole": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}`,
	"service-role/AWSLambdaVPCAccessExecutionRole": `{"Version":"2012-10-17","Statement":[{"Sid":"AWSLambdaVPCAccessExecutionPermissions","Effect":"Allow",
		"Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents","ec2:CreateNetworkInterface","ec2:DescribeNetworkInterfaces",
		"ec2:DescribeSubnets","ec2:DeleteNetworkInterface","ec2:AssignPrivateIpAddresses","ec2:UnassignPrivateIpAddresses"],"Resource":"*"}]}`,
	"service-role/AmazonRDSEnhancedMonitoringRole": `{"Version":"2012-10-17","Statement":[
		{"Sid":"EnableCreationAndManagementOfRDSCloudwatchLogGroups","Effect":"Allow","Action":["logs:CreateLogGroup","logs:PutRetentionPolicy"],"Resource":["arn:aws:logs:*:*:log-group:RDS*"]},
		{"Sid":"EnableCreationAndManagementOfRDSCloudwatchLogStreams","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents","logs:DescribeLogStreams","logs:GetLogEvents"],"Resource":["arn:aws:logs:*:*:log-group:RDS*:log-stream:*"]}]}`,
}
