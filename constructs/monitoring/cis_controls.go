package monitoring

// CISControl is one CIS AWS Foundations Benchmark monitoring recommendation:
// a CloudWatch Logs metric filter on the CloudTrail log group and an alarm on
// its metric (Sum >= 1 over 300 s).
type CISControl struct {
	// MetricName is the metric the filter emits and the alarm watches; it also
	// names the control in CISProps.Exclude.
	MetricName string
	// Suffix is the filter and alarm name suffix: "{company}-{environment}-cis-{Suffix}".
	Suffix string
	// SecurityHub is the AWS Security Hub control id ("CloudWatch.1"), or "" when there is none.
	SecurityHub string
	// CIS lists the CIS AWS Foundations Benchmark recommendations the control
	// satisfies, as Security Hub maps them (e.g. "v1.4.0 4.3, v1.2.0 3.3").
	CIS string
	// Title describes what the alarm reports.
	Title string
	// Pattern is the metric filter pattern, exactly as the benchmark and
	// Security Hub prescribe it (Security Hub fails a control whose filter
	// adds or changes terms).
	Pattern string
}

// cisControls are copied from the Security Hub CloudWatch.1-14 remediation
// steps (AWS Security Hub User Guide, "Amazon CloudWatch controls") and, for
// AWS Organizations, CIS AWS Foundations Benchmark v1.4.0 4.15.
var cisControls = []CISControl{
	{
		MetricName: "RootAccountUsage", Suffix: "root-account-usage", SecurityHub: "CloudWatch.1", CIS: "v1.4.0 4.3, v1.2.0 3.3",
		Title:   `Usage of the "root" user`,
		Pattern: `{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`,
	},
	{
		MetricName: "UnauthorizedAPICalls", Suffix: "unauthorized-api-calls", SecurityHub: "CloudWatch.2", CIS: "v1.2.0 3.1",
		Title:   "Unauthorized API calls",
		Pattern: `{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}`,
	},
	{
		MetricName: "ConsoleSigninWithoutMFA", Suffix: "console-signin-without-mfa", SecurityHub: "CloudWatch.3", CIS: "v1.2.0 3.2",
		Title:   "Management Console sign-in without MFA",
		Pattern: `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`,
	},
	{
		MetricName: "IAMPolicyChanges", Suffix: "iam-policy-changes", SecurityHub: "CloudWatch.4", CIS: "v1.4.0 4.4, v1.2.0 3.4",
		Title:   "IAM policy changes",
		Pattern: `{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}`,
	},
	{
		MetricName: "CloudTrailChanges", Suffix: "cloudtrail-changes", SecurityHub: "CloudWatch.5", CIS: "v1.4.0 4.5, v1.2.0 3.5",
		Title:   "CloudTrail configuration changes",
		Pattern: `{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}`,
	},
	{
		MetricName: "ConsoleAuthenticationFailures", Suffix: "console-authentication-failures", SecurityHub: "CloudWatch.6", CIS: "v1.4.0 4.6, v1.2.0 3.6",
		Title:   "Management Console authentication failures",
		Pattern: `{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}`,
	},
	{
		MetricName: "DisableOrDeleteCMK", Suffix: "disable-or-delete-cmk", SecurityHub: "CloudWatch.7", CIS: "v1.4.0 4.7, v1.2.0 3.7",
		Title:   "Disabling or scheduled deletion of customer managed KMS keys",
		Pattern: `{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}`,
	},
	{
		MetricName: "S3BucketPolicyChanges", Suffix: "s3-bucket-policy-changes", SecurityHub: "CloudWatch.8", CIS: "v1.4.0 4.8, v1.2.0 3.8",
		Title:   "S3 bucket policy changes",
		Pattern: `{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}`,
	},
	{
		MetricName: "AWSConfigChanges", Suffix: "aws-config-changes", SecurityHub: "CloudWatch.9", CIS: "v1.4.0 4.9, v1.2.0 3.9",
		Title:   "AWS Config configuration changes",
		Pattern: `{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}`,
	},
	{
		MetricName: "SecurityGroupChanges", Suffix: "security-group-changes", SecurityHub: "CloudWatch.10", CIS: "v1.4.0 4.10, v1.2.0 3.10",
		Title:   "Security group changes",
		Pattern: `{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}`,
	},
	{
		MetricName: "NetworkACLChanges", Suffix: "network-acl-changes", SecurityHub: "CloudWatch.11", CIS: "v1.4.0 4.11, v1.2.0 3.11",
		Title:   "Network ACL changes",
		Pattern: `{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}`,
	},
	{
		MetricName: "NetworkGatewayChanges", Suffix: "network-gateway-changes", SecurityHub: "CloudWatch.12", CIS: "v1.4.0 4.12, v1.2.0 3.12",
		Title:   "Network gateway changes",
		Pattern: `{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}`,
	},
	{
		MetricName: "RouteTableChanges", Suffix: "route-table-changes", SecurityHub: "CloudWatch.13", CIS: "v1.4.0 4.13, v1.2.0 3.13",
		Title:   "Route table changes",
		Pattern: `{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}`,
	},
	{
		MetricName: "VPCChanges", Suffix: "vpc-changes", SecurityHub: "CloudWatch.14", CIS: "v1.4.0 4.14, v1.2.0 3.14",
		Title:   "VPC changes",
		Pattern: `{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}`,
	},
	{
		MetricName: "OrganizationsChanges", Suffix: "organizations-changes", CIS: "v1.4.0 4.15",
		Title:   "AWS Organizations changes",
		Pattern: `{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }`,
	},
}

// CISControls returns a copy of the CIS monitoring controls NewCISAlarms implements, in order.
func CISControls() []CISControl { return append([]CISControl(nil), cisControls...) }
