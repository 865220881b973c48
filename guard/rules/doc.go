// Package rules is the guard's rule pack: one file per rule
// (rule_<id>_<topic>.go) with its tests and its fixtures under
// testdata/<ID>/pass and testdata/<ID>/fail. All returns every rule;
// package guard runs them (guard.CheckDir), and package guard/engine gives
// them the parsed stack, references, policies and positions they work on.
// See "Adding a rule" below.
//
// # Rules
//
//	ID      Severity Checks
//	TF001   error    dependency cycle among resources/data/locals/modules (references + depends_on); reports the path
//	TF002   error    reference or depends_on to an undeclared resource, data source, local, variable or module
//	TF003   error    module with a local source (./, ../) that does not exist
//	TF004   error    timestamp()/plantimestamp()/uuid()/bcrypt() in a name or identifier attribute
//	TF005   error    aws_s3_object/aws_s3_bucket_object source file that does not exist relative to the stack folder
//	TF006   error    unresolved CDK token (${TfToken[...]}, #{TfToken[...]}, ${Token[...]}, encoded number) in any string, key or number, base64 user data decoded
//	TF007   error    two resources with the same physical name (bucket, IAM, per-region names, security group per VPC), or two Config recorders in a region
//	MOD001  info     single file (not a cdk.tf.json) refers to objects it does not declare: likely part of a module; said once per file
//	MOD002  info     module call the guard does not follow (a registry or remote source terraform init has not fetched): its resources are not checked
//	CT001   error    CloudTrail bucket policy lacks GetBucketAcl or PutObject (with s3:x-amz-acl = bucket-owner-full-control) for cloudtrail.amazonaws.com
//	CT002   error    aws:SourceArn / kms:EncryptionContext:aws:cloudtrail:arn does not name a declared trail
//	CT003   warning  cloudtrail.amazonaws.com bucket statement without aws:SourceArn
//	CT004   error    trail does not depend (depends_on, direct or transitive) on its bucket policy
//	CT005   warning  trail without enable_log_file_validation
//	CT006   warning  trail without kms_key_id
//	CT007   warning  trail not multi-region
//	CT008   warning  trail without event_selector / advanced_event_selector
//	KMS001  error    key policy allows a wildcard account (arn:aws:iam::*:root) or "*" without conditions
//	KMS002  warning  key rotation off (symmetric keys)
//	KMS003  error    key used by a log group (kms_key_id) lacks a logs.<region>.amazonaws.com statement
//	KMS004  error    key used by a trail (kms_key_id) lacks a cloudtrail.amazonaws.com GenerateDataKey* statement
//	KMS005  error    key policy lets a service principal use kms:* (or "*") with no condition
//	S3001   warning  bucket without a public access block with all four flags true
//	S3002   warning  bucket without a server-side encryption configuration
//	S3003   warning  bucket without versioning Enabled
//	S3004   warning  bucket policy without a TLS-only Deny (Principal *, aws:SecureTransport = false)
//	S3005   error    MFA delete set through Terraform (versioning mfa_delete)
//	S3006   warning  bucket a CloudTrail trail writes to without server access logging (aws_s3_bucket_logging or inline logging)
//	S3007   error    bucket/bucket_prefix S3 refuses: 3-63 chars, a-z 0-9 . -, no "..", no IP, reserved prefixes xn-- sthree- amzn-s3-demo-, suffixes -s3alias --ol-s3 .mrap --x-s3 --table-s3
//	IAM001  error    admin-equivalent grant ("*" or iam:* on "*", NotAction on "*", AdministratorAccess/IAMFullAccess/PowerUserAccess attached) without a suppression recording why
//	POL001  error    policy that is not valid JSON or not a policy document (Statement, Effect Allow/Deny, known condition operators, Resource "*"/ARN/reference)
//	POL002  error    resource or trust policy allowing "*" / {"AWS": "*"} without conditions, or a wildcard account (arn:aws:iam::*:root)
//	NET001  error    internet gateway without vpc_id and without an aws_internet_gateway_attachment
//	SG001   warning  inline ingress/egress rule in aws_security_group referencing other groups
//	SG002   error    ingress from the whole internet (0.0.0.0/0, ::/0, or blocks adding up to it per group and port) to a port of constructs/network/ports.Sensitive
//	SG003   warning  aws_security_group with inline ingress/egress (even empty) plus separate rule resources for the same group
//	SG004   warning  egress to the whole internet (0.0.0.0/0, ::/0, or halves) without a suppression recording why
//	SG005   warning  ingress from the whole internet (0.0.0.0/0, ::/0, or halves) without a suppression recording why
//	ELB001  warning  HTTP listener (or a rule on it) that forwards or serves instead of redirecting to HTTPS
//	ELB002  warning  HTTPS/TLS listener without ssl_policy (ELBSecurityPolicy-2016-08) or with a policy older than the TLS 1.2+ policies
//	ELB003  warning  internet-facing Application Load Balancer without a WAF web ACL association
//	ELB004  error    ALB without access logs, or whose log bucket is SSE-KMS or has no policy letting the region's ELB log delivery write
//	ELB005  warning  ALB without drop_invalid_header_fields = true
//	ECS001  error    ECS container definition with "privileged": true
//	ECS002  warning  ECS container running as root (user unset, root, 0 or 0:gid)
//	ECS003  warning  ECS container without "readonlyRootFilesystem": true
//	ECS004  warning  ECS service with assign_public_ip = true
//	WAF001  error    WAF logging destination (log group, bucket, Firehose stream) whose name lacks the aws-waf-logs- prefix
//	LMB001  error    Lambda/layer filename that does not exist relative to the stack folder
//	LMB002  warning  deprecated Lambda runtime (dated table, judged against Options.Now)
//	LMB003  info     Lambda function without vpc_config
//	LMB004  error    aws_lambda_permission for a service principal with neither source_arn nor source_account (s3.amazonaws.com: without either)
//	LMB005  warning  S3 notification to a function of the stack without depends_on its s3.amazonaws.com permission (or without one)
//	DDB001  warning  DynamoDB table without server_side_encryption by a customer managed key (kms_key_arn)
//	DDB002  warning  DynamoDB table without point_in_time_recovery enabled
//	SEC001  warning  Secrets Manager secret without kms_key_id (AWS managed aws/secretsmanager key)
//	RDS001  error    publicly_accessible = true
//	RDS002  error    storage_encrypted not true
//	RDS003  error    invalid final_snapshot_identifier (letter first, letters/digits/hyphens, no --, no trailing -, <= 255, no timestamp())
//	RDS004  error    skip_final_snapshot false (the default) without final_snapshot_identifier: destroy fails
//	RDS005  info     deletion_protection = true: terraform destroy fails until it is turned off
//	RDS006  error    PostgreSQL before 15, MySQL or MariaDB on a parameter group that does not set rds.force_ssl / require_secure_transport to 1
//	RDS007  error    read replica without db_subnet_group_name or vpc_security_group_ids, or unencrypted (storage_encrypted false, unencrypted primary, ARN source without kms_key_id)
//	RDS008  error    Aurora cluster on the default cluster parameter group or one that does not turn rds.force_ssl / require_secure_transport on
//	ENC001  error    aws_neptune_cluster / aws_docdb_cluster without storage_encrypted, aws_ebs_volume without encrypted (unless EBS encryption by default)
//	EC2001  warning  aws_instance/aws_launch_template without metadata_options.http_tokens = "required"
//	EC2002  warning  unencrypted root volume (root_block_device.encrypted; launch template ebs blocks)
//	EC2003  info     aws_instance.user_data as plain text; prefer user_data_base64
//	EC2004  warning  base64 content in user_data (arrives still encoded), or text in user_data_base64 / a launch template's user_data; locals followed
//	TAG001  error    more than 50 tags on a resource once its aws provider's default_tags (alias respected) are added, or in default_tags alone
//	TAG002  error    tag key > 128 or value > 256 characters (runes, not bytes), or a key starting with aws:, in tags or default_tags
//	TAG003  error    IAM resource tag (own or from default_tags) with a character outside letters, digits, spaces and _ . : / = + - @
//	CFG001  warning  AWS Config recorder without a recorder status with is_enabled = true
//	MON001  warning  log group without kms_key_id
//	MON002  warning  SNS topic without kms_master_key_id
//	MON003  warning  CloudWatch alarm without alarm_actions
//	ACC001  warning  IAM account password policy weaker than CIS v5.0.0 1.7/1.8 and FSBP IAM.7 (length < 14, reuse < 24, a character class not required)
//	ACC002  warning  aws_s3_account_public_access_block with any of the four settings off
//	ACC003  warning  EBS encryption by default off, or without an aws_ebs_default_kms_key, or with an AWS managed key (alias/aws/ebs)
//	ACC004  warning  aws_ec2_instance_metadata_defaults allowing IMDSv1 (http_tokens not "required") or a hop limit above 1
//	ACC005  warning  EBS snapshot block public access not "block-all-sharing", AMI block public access not "block-new-sharing"
//	ACC006  warning  GuardDuty detector disabled, or without S3, EBS malware, RDS login, Lambda network and EC2 runtime monitoring plans
//	ACC007  warning  Security Hub without FSBP and CIS AWS Foundations v5.0.0 standards subscriptions
//
// Severity: error = the apply or destroy fails, or a serious exposure;
// warning = deploys but is a security or reliability gap; info = advice.
// All returns each rule's full documentation.
//
// # Adding a rule
//
// Write rule_<id>_<topic>.go (lower-case id, e.g. rule_s3008_object_lock.go)
// with an init function that registers one engine.Rule: a new ID (append it
// to the table above), a one-line Title, a Severity and a Doc saying why and
// what passes. Its Check walks p.Stack (OfType, DataOfType, Linked,
// Referrers, ResolveTarget, Policy) and calls p.Report(resource, message,
// fix) per problem; the finding is positioned on the attribute the message
// names. Read values with engine.Str, engine.Bool (a Tri: True, False,
// Unset, Unknown; stay silent on Unknown), engine.Blocks and engine.Attr.
// Give it fixtures: testdata/<ID>/pass/ and testdata/<ID>/fail/, each a
// cdk.tf.json (or one other *.tf / *.tf.json file, or a module folder's
// files), and testdata/<ID>/fail/want.txt listing the address each finding
// must name, one per line. TestRuleFixtures finds them by the rule's ID:
// the rule must fire on fail with exactly those addresses and stay silent
// on pass; TestRulesDocumented wants the ID in the table above.
package rules
