package baseline

// Control is one account-level control the baseline turns on.
type Control struct {
	// Name is a short name ("password policy").
	Name string
	// CIS is the CIS AWS Foundations Benchmark v5.0.0 recommendation, "" when
	// the benchmark has none.
	CIS string
	// FSBP are the AWS Foundational Security Best Practices controls that
	// check it (Security Hub control ids), none when FSBP has none.
	FSBP []string
	// Resources are the Terraform resource types the baseline creates for it.
	Resources []string
	// Part is the Managed field that leaves it out.
	Part string
	// Rule is the guard rule that reports a weakened version, "" when none.
	Rule string
	// Source is the AWS documentation of the control.
	Source string
}

// Controls are the baseline's controls, in the order New creates them. The
// Security Hub control pages give each FSBP control's related CIS
// requirements: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html
var Controls = []Control{
	{Name: "IAM password policy (length 14, reuse 24, every class, 90-day expiry)", CIS: "1.7, 1.8", FSBP: []string{"IAM.7", "IAM.15", "IAM.16"},
		Resources: []string{"aws_iam_account_password_policy"}, Part: "PasswordPolicy", Rule: "ACC001",
		Source: "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-7"},
	{Name: "S3 account Block Public Access (all four)", CIS: "2.1.4", FSBP: []string{"S3.1"},
		Resources: []string{"aws_s3_account_public_access_block"}, Part: "S3BlockPublicAccess", Rule: "ACC002",
		Source: "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1"},
	{Name: "EBS encryption by default, customer managed key", CIS: "5.1.1", FSBP: []string{"EC2.7"},
		Resources: []string{"aws_ebs_encryption_by_default", "aws_ebs_default_kms_key", "aws_iam_service_linked_role"}, Part: "EBSEncryption", Rule: "ACC003",
		Source: "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7"},
	{Name: "IMDSv2 required, hop limit 1 (account default)", CIS: "5.7", FSBP: []string{"EC2.8"},
		Resources: []string{"aws_ec2_instance_metadata_defaults"}, Part: "EC2Defaults", Rule: "ACC004",
		Source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html"},
	{Name: "EBS snapshot block public access (block all sharing)", FSBP: []string{"EC2.1"},
		Resources: []string{"aws_ebs_snapshot_block_public_access"}, Part: "EC2Defaults", Rule: "ACC005",
		Source: "https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html"},
	{Name: "AMI block public access", Resources: []string{"aws_ec2_image_block_public_access"}, Part: "EC2Defaults", Rule: "ACC005",
		Source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html"},
	{Name: "EC2 serial console access off", Resources: []string{"aws_ec2_serial_console_access"}, Part: "EC2Defaults",
		Source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configure-access-to-serial-console.html"},
	{Name: "GuardDuty detector and protection plans", FSBP: []string{"GuardDuty.1", "GuardDuty.5", "GuardDuty.6", "GuardDuty.7", "GuardDuty.8", "GuardDuty.9", "GuardDuty.10", "GuardDuty.11", "GuardDuty.13"},
		Resources: []string{"aws_guardduty_detector", "aws_guardduty_detector_feature"}, Part: "GuardDuty", Rule: "ACC006",
		Source: "https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html"},
	{Name: "GuardDuty findings export (logs bucket, stack key)", Resources: []string{"aws_guardduty_publishing_destination"}, Part: "GuardDuty",
		Source: "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html"},
	{Name: "Security Hub with FSBP and CIS v5.0.0, consolidated findings", CIS: "4.16",
		Resources: []string{"aws_securityhub_account", "aws_securityhub_standards_subscription"}, Part: "SecurityHub", Rule: "ACC007",
		Source: "https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html"},
	{Name: "IAM Access Analyzer (external access)", CIS: "1.19", FSBP: []string{"IAM.28"},
		Resources: []string{"aws_accessanalyzer_analyzer"}, Part: "AccessAnalyzer",
		Source: "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-28"},
	{Name: "High and critical findings to the alarm topic", Resources: []string{"aws_cloudwatch_event_rule", "aws_cloudwatch_event_target"},
		Source: "https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cloudwatch-events.html"},
	{Name: "Security alternate contact (optional)", CIS: "1.2", FSBP: []string{"Account.1"},
		Resources: []string{"aws_account_alternate_contact"}, Part: "SecurityContact",
		Source: "https://docs.aws.amazon.com/securityhub/latest/userguide/account-controls.html#account-1"},
}
