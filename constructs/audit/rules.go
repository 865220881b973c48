package audit

import (
	"sort"
	"strings"
)

// managedRules are the AWS Config managed rules NewConfig accepts: each needs
// no input parameters. The value is the rule's description.
var managedRules = map[string]string{
	"S3_BUCKET_PUBLIC_READ_PROHIBITED":         "S3 buckets do not allow public read access.",
	"S3_BUCKET_PUBLIC_WRITE_PROHIBITED":        "S3 buckets do not allow public write access.",
	"S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED": "S3 buckets have default server-side encryption.",
	"S3_BUCKET_SSL_REQUESTS_ONLY":              "S3 bucket policies deny requests that do not use TLS.",
	"S3_BUCKET_VERSIONING_ENABLED":             "S3 buckets have versioning enabled.",
	"S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED": "S3 buckets block public access at bucket level.",
	"CLOUD_TRAIL_ENABLED":                      "At least one CloudTrail trail is logging in the account.",
	"MULTI_REGION_CLOUD_TRAIL_ENABLED":         "At least one multi-region CloudTrail trail exists.",
	"CLOUD_TRAIL_ENCRYPTION_ENABLED":           "CloudTrail trails encrypt log files with KMS.",
	"CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED":  "CloudTrail trails have log file validation enabled.",
	"CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED":     "CloudTrail trails deliver to CloudWatch Logs.",
	"ENCRYPTED_VOLUMES":                        "Attached EBS volumes are encrypted.",
	"EC2_EBS_ENCRYPTION_BY_DEFAULT":            "EBS encryption by default is enabled.",
	"EC2_IMDSV2_CHECK":                         "EC2 instances require IMDSv2.",
	"RDS_STORAGE_ENCRYPTED":                    "RDS instances have storage encryption enabled.",
	"RDS_INSTANCE_PUBLIC_ACCESS_CHECK":         "RDS instances are not publicly accessible.",
	"RDS_SNAPSHOTS_PUBLIC_PROHIBITED":          "RDS snapshots are not public.",
	"RDS_INSTANCE_DELETION_PROTECTION_ENABLED": "RDS instances have deletion protection enabled.",
	"INCOMING_SSH_DISABLED":                    "Security groups do not allow unrestricted SSH (restricted-ssh).",
	"VPC_DEFAULT_SECURITY_GROUP_CLOSED":        "Default security groups allow no traffic.",
	"VPC_FLOW_LOGS_ENABLED":                    "VPCs have flow logs enabled.",
	"CMK_BACKING_KEY_ROTATION_ENABLED":         "Customer managed KMS keys have rotation enabled.",
	"CLOUDWATCH_LOG_GROUP_ENCRYPTED":           "CloudWatch Logs groups are encrypted with KMS.",
	"LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED": "Lambda function policies do not allow public access.",
	"IAM_ROOT_ACCESS_KEY_CHECK":                "The root user has no access keys.",
	"ROOT_ACCOUNT_MFA_ENABLED":                 "The root user has MFA enabled.",
}

// SupportedRules lists the managed rule identifiers NewConfig accepts, sorted.
func SupportedRules() []string {
	out := make([]string, 0, len(managedRules))
	for id := range managedRules {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// DefaultRules are created when ConfigProps.Rules is empty: S3 public access
// and encryption, CloudTrail, EBS and RDS encryption, and restricted SSH.
func DefaultRules() []string {
	return []string{
		"S3_BUCKET_PUBLIC_READ_PROHIBITED",
		"S3_BUCKET_PUBLIC_WRITE_PROHIBITED",
		"S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
		"S3_BUCKET_SSL_REQUESTS_ONLY",
		"CLOUD_TRAIL_ENABLED",
		"CLOUD_TRAIL_ENCRYPTION_ENABLED",
		"CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
		"ENCRYPTED_VOLUMES",
		"RDS_STORAGE_ENCRYPTED",
		"INCOMING_SSH_DISABLED",
	}
}

// ruleSuffix turns "S3_BUCKET_PUBLIC_READ_PROHIBITED" into "s3-bucket-public-read-prohibited".
func ruleSuffix(identifier string) string {
	return strings.ReplaceAll(strings.ToLower(identifier), "_", "-")
}
