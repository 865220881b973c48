package controls

import (
	"encoding/json"
	"fmt"
	"strings"
)

// fixture is a passing and a failing configuration for one fact: the
// "resource" object of a Terraform JSON file. Fail must fail the fact
// naming FailAddr ("" for an account fact whose resource is absent).
type fixture struct {
	Pass, Fail string
	FailAddr   string
}

const (
	dbBase      = `"engine":"postgres","instance_class":"db.t3.micro","multi_az":true,"deletion_protection":true,"auto_minor_version_upgrade":true,"monitoring_interval":60,"enabled_cloudwatch_logs_exports":["postgresql"],"iam_database_authentication_enabled":true,"backup_retention_period":7,"copy_tags_to_snapshot":true,"db_subnet_group_name":"g","port":5433,"username":"appadmin","storage_encrypted":true`
	clusterBase = `"engine":"aurora-postgresql","deletion_protection":true,"iam_database_authentication_enabled":true,"storage_encrypted":true,"copy_tags_to_snapshot":true,"master_username":"appadmin","enabled_cloudwatch_logs_exports":["postgresql"]`
	mysqlBase   = `"engine":"aurora-mysql","backtrack_window":86400,"enabled_cloudwatch_logs_exports":["audit"],"deletion_protection":true,"iam_database_authentication_enabled":true,"storage_encrypted":true,"copy_tags_to_snapshot":true,"master_username":"appadmin"`
	passwordOK  = `"minimum_password_length":14,"require_uppercase_characters":true,"require_lowercase_characters":true,"require_symbols":true,"require_numbers":true,"password_reuse_prevention":24`
	dynamoBase  = `"name":"t","hash_key":"id","billing_mode":"PAY_PER_REQUEST","point_in_time_recovery":{"enabled":true},"deletion_protection_enabled":true`
	ecrBase     = `"name":"r","image_tag_mutability":"IMMUTABLE","image_scanning_configuration":{"scan_on_push":true}`
	lbBase      = `"name":"l","load_balancer_type":"application","drop_invalid_header_fields":true,"enable_deletion_protection":true,"access_logs":{"bucket":"b","enabled":true},"subnets":["a","b"]`
	clbBase     = `"connection_draining":true,"cross_zone_load_balancing":true,"subnets":["a","b"],"access_logs":{"bucket":"b","enabled":true}`
	instance    = `"ami":"ami-1","instance_type":"t3.micro","associate_public_ip_address":false,"iam_instance_profile":"p"`
	trailBase   = `"name":"t","s3_bucket_name":"b","is_multi_region_trail":true,"cloud_watch_logs_group_arn":"${aws_cloudwatch_log_group.g.arn}:*"`
	fargate     = `"name":"s","launch_type":"FARGATE","network_configuration":{"subnets":["a"],"assign_public_ip":false}`
	lambdaFn    = `"function_name":"f","role":"arn:aws:iam::111122223333:role/r","runtime":"python3.13","handler":"app.handler","s3_bucket":"b","s3_key":"k","vpc_config":{"subnet_ids":["a","b"],"security_group_ids":["s"]}`
)

func containers(extra string) string {
	b, _ := json.Marshal(`[{"name":"app","image":"x","logConfiguration":{"logDriver":"awslogs"},"environment":[{"name":"MODE","value":"a"}]` + extra + `}]`)
	return string(b)
}

var dataEvents = func(rw string) string {
	return `"event_selector":[{"read_write_type":"` + rw + `","include_management_events":true,"data_resource":[{"type":"AWS::S3::Object","values":["arn:aws:s3"]}]}]`
}

func metricFixture(tokens []string, actions string) string {
	return `{"aws_cloudtrail":{"t":{` + trailBase + `}},
	"aws_cloudwatch_log_group":{"g":{"name":"/trail"}},
	"aws_cloudwatch_log_metric_filter":{"f":{"name":"f","log_group_name":"${aws_cloudwatch_log_group.g.name}","pattern":"` + strings.ReplaceAll(strings.Join(tokens, " "), `"`, `\"`) + `","metric_transformation":{"name":"m","namespace":"CIS","value":"1"}}},
	"aws_cloudwatch_metric_alarm":{"a":{"alarm_name":"a","metric_name":"m","namespace":"CIS","comparison_operator":"GreaterThanOrEqualToThreshold","evaluation_periods":1,"period":300,"statistic":"Sum","threshold":1` + actions + `}}}`
}

// factFixtures holds a passing and a failing configuration for every fact.
var factFixtures = map[string]fixture{
	"account-guardduty":              {`{"aws_guardduty_detector":{"d":{"enable":true}}}`, `{"aws_guardduty_detector":{"d":{"enable":false}}}`, "aws_guardduty_detector.d"},
	"account-guardduty-rds":          {`{"aws_guardduty_detector_feature":{"f":{"detector_id":"x","name":"RDS_LOGIN_EVENTS","status":"ENABLED"}}}`, `{"aws_guardduty_detector_feature":{"f":{"detector_id":"x","name":"RDS_LOGIN_EVENTS","status":"DISABLED"}}}`, "aws_guardduty_detector_feature.f"},
	"account-guardduty-s3":           {`{"aws_guardduty_detector_feature":{"s":{"detector_id":"x","name":"S3_DATA_EVENTS","status":"ENABLED"}}}`, `{"aws_guardduty_detector_feature":{"s":{"detector_id":"x","name":"S3_DATA_EVENTS","status":"DISABLED"}}}`, "aws_guardduty_detector_feature.s"},
	"account-guardduty-lambda":       {`{"aws_guardduty_detector_feature":{"l":{"detector_id":"x","name":"LAMBDA_NETWORK_LOGS","status":"ENABLED"}}}`, `{"aws_guardduty_detector_feature":{"l":{"detector_id":"x","name":"LAMBDA_NETWORK_LOGS","status":"DISABLED"}}}`, "aws_guardduty_detector_feature.l"},
	"account-guardduty-malware":      {`{"aws_guardduty_detector_feature":{"m":{"detector_id":"x","name":"EBS_MALWARE_PROTECTION","status":"ENABLED"}}}`, `{"aws_guardduty_detector_feature":{"m":{"detector_id":"x","name":"EBS_MALWARE_PROTECTION","status":"DISABLED"}}}`, "aws_guardduty_detector_feature.m"},
	"account-guardduty-runtime":      {`{"aws_guardduty_detector_feature":{"r":{"detector_id":"x","name":"RUNTIME_MONITORING","status":"ENABLED"}}}`, `{"aws_guardduty_detector_feature":{"r":{"detector_id":"x","name":"RUNTIME_MONITORING","status":"DISABLED"}}}`, "aws_guardduty_detector_feature.r"},
	"account-guardduty-ec2-runtime":  {`{"aws_guardduty_detector_feature":{"r":{"detector_id":"x","name":"RUNTIME_MONITORING","status":"ENABLED","additional_configuration":[{"name":"EC2_AGENT_MANAGEMENT","status":"ENABLED"}]}}}`, `{"aws_guardduty_detector_feature":{"r":{"detector_id":"x","name":"RUNTIME_MONITORING","status":"ENABLED","additional_configuration":[{"name":"EC2_AGENT_MANAGEMENT","status":"DISABLED"}]}}}`, "aws_guardduty_detector_feature.r"},
	"account-guardduty-eks-audit":    {`{"aws_guardduty_detector_feature":{"k":{"detector_id":"x","name":"EKS_AUDIT_LOGS","status":"ENABLED"}}}`, `{"aws_guardduty_detector_feature":{"k":{"detector_id":"x","name":"EKS_AUDIT_LOGS","status":"DISABLED"}}}`, "aws_guardduty_detector_feature.k"},
	"account-guardduty-eks-runtime":  {`{"aws_guardduty_detector_feature":{"r":{"detector_id":"x","name":"RUNTIME_MONITORING","status":"ENABLED","additional_configuration":[{"name":"EKS_ADDON_MANAGEMENT","status":"ENABLED"}]}}}`, `{"aws_guardduty_detector_feature":{"r":{"detector_id":"x","name":"RUNTIME_MONITORING","status":"ENABLED","additional_configuration":[{"name":"EKS_ADDON_MANAGEMENT","status":"DISABLED"}]}}}`, "aws_guardduty_detector_feature.r"},
	"account-guardduty-ecs-runtime":  {`{"aws_guardduty_detector_feature":{"r":{"detector_id":"x","name":"RUNTIME_MONITORING","status":"ENABLED","additional_configuration":[{"name":"ECS_FARGATE_AGENT_MANAGEMENT","status":"ENABLED"}]}}}`, `{"aws_guardduty_detector_feature":{"r":{"detector_id":"x","name":"RUNTIME_MONITORING","status":"ENABLED","additional_configuration":[{"name":"EC2_AGENT_MANAGEMENT","status":"ENABLED"}]}}}`, "aws_guardduty_detector_feature.r"},
	"account-securityhub":            {`{"aws_securityhub_account":{"h":{}}}`, `{}`, ""},
	"account-password-strong":        {`{"aws_iam_account_password_policy":{"p":{` + passwordOK + `}}}`, `{"aws_iam_account_password_policy":{"p":{` + passwordOK + `,"require_symbols":false}}}`, "aws_iam_account_password_policy.p"},
	"account-password-length-14":     {`{"aws_iam_account_password_policy":{"p":{` + passwordOK + `}}}`, `{"aws_iam_account_password_policy":{"p":{` + passwordOK + `,"minimum_password_length":8}}}`, "aws_iam_account_password_policy.p"},
	"account-password-reuse-24":      {`{"aws_iam_account_password_policy":{"p":{` + passwordOK + `}}}`, `{"aws_iam_account_password_policy":{"p":{` + passwordOK + `,"password_reuse_prevention":5}}}`, "aws_iam_account_password_policy.p"},
	"account-ebs-encryption":         {`{"aws_ebs_encryption_by_default":{"e":{"enabled":true}}}`, `{"aws_ebs_encryption_by_default":{"e":{"enabled":false}}}`, "aws_ebs_encryption_by_default.e"},
	"account-ebs-snapshot-block":     {`{"aws_ebs_snapshot_block_public_access":{"b":{"state":"block-all-sharing"}}}`, `{"aws_ebs_snapshot_block_public_access":{"b":{"state":"block-new-sharing"}}}`, "aws_ebs_snapshot_block_public_access.b"},
	"account-s3-public-access-block": {`{"aws_s3_account_public_access_block":{"a":{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true,"restrict_public_buckets":true}}}`, `{"aws_s3_account_public_access_block":{"a":{"block_public_acls":true,"block_public_policy":false,"ignore_public_acls":true,"restrict_public_buckets":true}}}`, "aws_s3_account_public_access_block.a"},
	"account-access-analyzer":        {`{"aws_accessanalyzer_analyzer":{"a":{"analyzer_name":"x"}}}`, `{"aws_accessanalyzer_analyzer":{"a":{"analyzer_name":"x","type":"ACCOUNT_UNUSED_ACCESS"}}}`, "aws_accessanalyzer_analyzer.a"},
	"account-config-recorder":        {`{"aws_config_configuration_recorder":{"r":{"name":"r","role_arn":"arn:aws:iam::111122223333:role/c"}}}`, `{"aws_config_configuration_recorder":{"r":{"name":"r","role_arn":"arn:aws:iam::111122223333:role/c","recording_group":{"all_supported":false}}}}`, "aws_config_configuration_recorder.r"},
	"account-config-recording":       {`{"aws_config_configuration_recorder_status":{"s":{"name":"r","is_enabled":true}}}`, `{"aws_config_configuration_recorder_status":{"s":{"name":"r","is_enabled":false}}}`, "aws_config_configuration_recorder_status.s"},
	"account-multi-region-trail":     {`{"aws_cloudtrail":{"t":{` + trailBase + `}}}`, `{"aws_cloudtrail":{"t":{` + trailBase + `,"is_multi_region_trail":false}}}`, "aws_cloudtrail.t"},
	"account-support-role":           {`{"aws_iam_role_policy_attachment":{"s":{"role":"r","policy_arn":"arn:aws:iam::aws:policy/AWSSupportAccess"}}}`, `{"aws_iam_role_policy_attachment":{"s":{"role":"r","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}`, "aws_iam_role_policy_attachment.s"},
	"account-security-contact":       {`{"aws_account_alternate_contact":{"c":{"alternate_contact_type":"SECURITY","email_address":"sec@example.com","name":"n","phone_number":"+1","title":"t"}}}`, `{"aws_account_alternate_contact":{"c":{"alternate_contact_type":"BILLING","email_address":"b@example.com","name":"n","phone_number":"+1","title":"t"}}}`, "aws_account_alternate_contact.c"},
	"account-trail-s3-write-events":  {`{"aws_cloudtrail":{"t":{` + trailBase + `,` + dataEvents("All") + `}}}`, `{"aws_cloudtrail":{"t":{` + trailBase + `,` + dataEvents("ReadOnly") + `}}}`, "aws_cloudtrail.t"},
	"account-trail-s3-read-events":   {`{"aws_cloudtrail":{"t":{` + trailBase + `,` + dataEvents("All") + `}}}`, `{"aws_cloudtrail":{"t":{` + trailBase + `,` + dataEvents("WriteOnly") + `}}}`, "aws_cloudtrail.t"},

	"rds-multi-az":                   {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"multi_az":false}}}`, "aws_db_instance.d"},
	"rds-deletion-protection":        {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"deletion_protection":false}}}`, "aws_db_instance.d"},
	"rds-auto-minor-version-upgrade": {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"auto_minor_version_upgrade":false}}}`, "aws_db_instance.d"},
	"rds-enhanced-monitoring":        {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"monitoring_interval":0}}}`, "aws_db_instance.d"},
	"rds-log-exports":                {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"enabled_cloudwatch_logs_exports":[]}}}`, "aws_db_instance.d"},
	"rds-postgres-log-exports":       {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"enabled_cloudwatch_logs_exports":["upgrade"]}}}`, "aws_db_instance.d"},
	"rds-iam-auth":                   {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"iam_database_authentication_enabled":false}}}`, "aws_db_instance.d"},
	"rds-backups-7-days":             {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"backup_retention_period":1}}}`, "aws_db_instance.d"},
	"rds-copy-tags":                  {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"copy_tags_to_snapshot":false}}}`, "aws_db_instance.d"},
	"rds-subnet-group":               {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"db_subnet_group_name":""}}}`, "aws_db_instance.d"},
	"rds-non-default-port":           {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"port":5432}}}`, "aws_db_instance.d"},
	"rds-custom-admin-username":      {`{"aws_db_instance":{"d":{` + dbBase + `}}}`, `{"aws_db_instance":{"d":{` + dbBase + `,"username":"postgres"}}}`, "aws_db_instance.d"},

	"rds-cluster-deletion-protection":   {`{"aws_rds_cluster":{"c":{` + clusterBase + `}}}`, `{"aws_rds_cluster":{"c":{` + clusterBase + `,"deletion_protection":false}}}`, "aws_rds_cluster.c"},
	"rds-cluster-iam-auth":              {`{"aws_rds_cluster":{"c":{` + clusterBase + `}}}`, `{"aws_rds_cluster":{"c":{` + clusterBase + `,"iam_database_authentication_enabled":false}}}`, "aws_rds_cluster.c"},
	"rds-cluster-encrypted":             {`{"aws_rds_cluster":{"c":{` + clusterBase + `}}}`, `{"aws_rds_cluster":{"c":{` + clusterBase + `,"storage_encrypted":false}}}`, "aws_rds_cluster.c"},
	"rds-cluster-copy-tags":             {`{"aws_rds_cluster":{"c":{` + clusterBase + `}}}`, `{"aws_rds_cluster":{"c":{` + clusterBase + `,"copy_tags_to_snapshot":false}}}`, "aws_rds_cluster.c"},
	"rds-cluster-custom-admin-username": {`{"aws_rds_cluster":{"c":{` + clusterBase + `}}}`, `{"aws_rds_cluster":{"c":{` + clusterBase + `,"master_username":"postgres"}}}`, "aws_rds_cluster.c"},
	"rds-cluster-backtracking":          {`{"aws_rds_cluster":{"m":{` + mysqlBase + `}}}`, `{"aws_rds_cluster":{"m":{` + mysqlBase + `,"backtrack_window":0}}}`, "aws_rds_cluster.m"},
	"rds-cluster-mysql-audit-logs":      {`{"aws_rds_cluster":{"m":{` + mysqlBase + `}}}`, `{"aws_rds_cluster":{"m":{` + mysqlBase + `,"enabled_cloudwatch_logs_exports":["error"]}}}`, "aws_rds_cluster.m"},
	"rds-cluster-postgres-logs":         {`{"aws_rds_cluster":{"c":{` + clusterBase + `}}}`, `{"aws_rds_cluster":{"c":{` + clusterBase + `,"enabled_cloudwatch_logs_exports":[]}}}`, "aws_rds_cluster.c"},

	"ec2-no-public-ip":               {`{"aws_instance":{"i":{` + instance + `}}}`, `{"aws_instance":{"i":{` + instance + `,"associate_public_ip_address":true}}}`, "aws_instance.i"},
	"ec2-instance-profile":           {`{"aws_instance":{"i":{` + instance + `}}}`, `{"aws_instance":{"i":{"ami":"ami-1","instance_type":"t3.micro"}}}`, "aws_instance.i"},
	"ebs-volume-encrypted":           {`{"aws_ebs_volume":{"v":{"availability_zone":"us-east-1a","size":8,"encrypted":true}}}`, `{"aws_ebs_volume":{"v":{"availability_zone":"us-east-1a","size":8}}}`, "aws_ebs_volume.v"},
	"launch-template-no-public-ip":   {`{"aws_launch_template":{"l":{"name":"l","network_interfaces":[{"associate_public_ip_address":"false"}]}}}`, `{"aws_launch_template":{"l":{"name":"l","network_interfaces":[{"associate_public_ip_address":"true"}]}}}`, "aws_launch_template.l"},
	"subnet-no-auto-public-ip":       {`{"aws_subnet":{"s":{"vpc_id":"vpc-1","cidr_block":"10.0.0.0/24","map_public_ip_on_launch":false}}}`, `{"aws_subnet":{"s":{"vpc_id":"vpc-1","cidr_block":"10.0.0.0/24","map_public_ip_on_launch":true}}}`, "aws_subnet.s"},
	"vpc-flow-logs":                  {`{"aws_vpc":{"v":{"cidr_block":"10.0.0.0/16"}},"aws_flow_log":{"f":{"vpc_id":"${aws_vpc.v.id}","traffic_type":"ALL"}}}`, `{"aws_vpc":{"v":{"cidr_block":"10.0.0.0/16"}}}`, "aws_vpc.v"},
	"vpc-default-sg-managed":         {`{"aws_vpc":{"v":{"cidr_block":"10.0.0.0/16"}},"aws_default_security_group":{"d":{"vpc_id":"${aws_vpc.v.id}"}}}`, `{"aws_vpc":{"v":{"cidr_block":"10.0.0.0/16"}}}`, "aws_vpc.v"},
	"default-sg-no-rules":            {`{"aws_vpc":{"v":{"cidr_block":"10.0.0.0/16"}},"aws_default_security_group":{"d":{"vpc_id":"${aws_vpc.v.id}","ingress":[],"egress":[]}}}`, `{"aws_vpc":{"v":{"cidr_block":"10.0.0.0/16"}},"aws_default_security_group":{"d":{"vpc_id":"${aws_vpc.v.id}","ingress":[{"from_port":0,"to_port":0,"protocol":"-1","self":true}]}}}`, "aws_default_security_group.d"},
	"vpc-ec2-endpoint":               {`{"aws_vpc":{"v":{"cidr_block":"10.0.0.0/16"}},"aws_vpc_endpoint":{"e":{"vpc_id":"${aws_vpc.v.id}","service_name":"com.amazonaws.${data.aws_region.r.name}.ec2","vpc_endpoint_type":"Interface"}}}`, `{"aws_vpc":{"v":{"cidr_block":"10.0.0.0/16"}},"aws_vpc_endpoint":{"e":{"vpc_id":"${aws_vpc.v.id}","service_name":"com.amazonaws.${data.aws_region.r.name}.ssm","vpc_endpoint_type":"Interface"}}}`, "aws_vpc.v"},
	"transit-gateway-no-auto-accept": {`{"aws_ec2_transit_gateway":{"g":{"auto_accept_shared_attachments":"disable"}}}`, `{"aws_ec2_transit_gateway":{"g":{"auto_accept_shared_attachments":"enable"}}}`, "aws_ec2_transit_gateway.g"},
	"nacl-no-world-admin-ports":      {`{"aws_network_acl":{"n":{"vpc_id":"vpc-1","ingress":[{"rule_no":100,"action":"allow","protocol":"tcp","from_port":443,"to_port":443,"cidr_block":"0.0.0.0/0"}]}}}`, `{"aws_network_acl":{"n":{"vpc_id":"vpc-1","ingress":[{"rule_no":100,"action":"allow","protocol":"tcp","from_port":0,"to_port":1024,"cidr_block":"0.0.0.0/0"}]}}}`, "aws_network_acl.n"},
	"sg-world-ingress-80-443-only":   {`{"aws_security_group":{"g":{"vpc_id":"vpc-1"}},"aws_vpc_security_group_ingress_rule":{"i":{"security_group_id":"${aws_security_group.g.id}","cidr_ipv4":"0.0.0.0/0","from_port":443,"to_port":443,"ip_protocol":"tcp"}}}`, `{"aws_security_group":{"g":{"vpc_id":"vpc-1"}},"aws_vpc_security_group_ingress_rule":{"i":{"security_group_id":"${aws_security_group.g.id}","cidr_ipv4":"0.0.0.0/0","from_port":8080,"to_port":8080,"ip_protocol":"tcp"}}}`, "aws_vpc_security_group_ingress_rule.i"},
	"s3-access-logging":              {`{"aws_s3_bucket":{"b":{"bucket":"acme-b"}},"aws_s3_bucket_logging":{"l":{"bucket":"${aws_s3_bucket.b.id}","target_bucket":"acme-logs","target_prefix":"b/"}}}`, `{"aws_s3_bucket":{"b":{"bucket":"acme-b"}}}`, "aws_s3_bucket.b"},
	"s3-lifecycle":                   {`{"aws_s3_bucket":{"b":{"bucket":"acme-b"}},"aws_s3_bucket_lifecycle_configuration":{"c":{"bucket":"${aws_s3_bucket.b.id}","rule":[{"id":"r","status":"Enabled"}]}}}`, `{"aws_s3_bucket":{"b":{"bucket":"acme-b"}}}`, "aws_s3_bucket.b"},
	"s3-event-notifications":         {`{"aws_s3_bucket":{"b":{"bucket":"acme-b"}},"aws_s3_bucket_notification":{"n":{"bucket":"acme-b","eventbridge":true}}}`, `{"aws_s3_bucket":{"b":{"bucket":"acme-b"}}}`, "aws_s3_bucket.b"},
	"s3-acls-disabled":               {`{"aws_s3_bucket":{"b":{"bucket":"acme-b"}},"aws_s3_bucket_ownership_controls":{"o":{"bucket":"${aws_s3_bucket.b.id}","rule":{"object_ownership":"BucketOwnerEnforced"}}}}`, `{"aws_s3_bucket":{"b":{"bucket":"acme-b"}},"aws_s3_bucket_ownership_controls":{"o":{"bucket":"${aws_s3_bucket.b.id}","rule":{"object_ownership":"ObjectWriter"}}}}`, "aws_s3_bucket.b"},
	"efs-encrypted":                  {`{"aws_efs_file_system":{"f":{"encrypted":true}}}`, `{"aws_efs_file_system":{"f":{"encrypted":false}}}`, "aws_efs_file_system.f"},
	"trail-cloudwatch-logs":          {`{"aws_cloudtrail":{"t":{` + trailBase + `}}}`, `{"aws_cloudtrail":{"t":{"name":"t","s3_bucket_name":"b","is_multi_region_trail":true}}}`, "aws_cloudtrail.t"},
	"lambda-not-public":              {`{"aws_lambda_function":{"fn":{` + lambdaFn + `}},"aws_lambda_permission":{"p":{"function_name":"${aws_lambda_function.fn.function_name}","principal":"s3.amazonaws.com","action":"lambda:InvokeFunction","source_arn":"arn:aws:s3:::acme-b"}}}`, `{"aws_lambda_function":{"fn":{` + lambdaFn + `}},"aws_lambda_permission":{"p":{"function_name":"${aws_lambda_function.fn.function_name}","principal":"*","action":"lambda:InvokeFunction"}}}`, "aws_lambda_permission.p"},
	"lambda-multi-az":                {`{"aws_lambda_function":{"fn":{` + lambdaFn + `}}}`, `{"aws_lambda_function":{"fn":{` + lambdaFn + `,"vpc_config":{"subnet_ids":["a"],"security_group_ids":["s"]}}}}`, "aws_lambda_function.fn"},
	"sns-delivery-status-logging":    {`{"aws_sns_topic":{"t":{"name":"t","sqs_failure_feedback_role_arn":"arn:aws:iam::111122223333:role/f"}}}`, `{"aws_sns_topic":{"t":{"name":"t"}}}`, "aws_sns_topic.t"},
	"dynamodb-on-demand":             {`{"aws_dynamodb_table":{"t":{` + dynamoBase + `}}}`, `{"aws_dynamodb_table":{"t":{` + dynamoBase + `,"billing_mode":"PROVISIONED"}}}`, "aws_dynamodb_table.t"},
	"dynamodb-pitr":                  {`{"aws_dynamodb_table":{"t":{` + dynamoBase + `}}}`, `{"aws_dynamodb_table":{"t":{` + dynamoBase + `,"point_in_time_recovery":{"enabled":false}}}}`, "aws_dynamodb_table.t"},
	"dynamodb-deletion-protection":   {`{"aws_dynamodb_table":{"t":{` + dynamoBase + `}}}`, `{"aws_dynamodb_table":{"t":{` + dynamoBase + `,"deletion_protection_enabled":false}}}`, "aws_dynamodb_table.t"},
	"dax-encrypted":                  {`{"aws_dax_cluster":{"c":{"cluster_name":"c","server_side_encryption":{"enabled":true}}}}`, `{"aws_dax_cluster":{"c":{"cluster_name":"c"}}}`, "aws_dax_cluster.c"},
	"ecr-scan-on-push":               {`{"aws_ecr_repository":{"r":{` + ecrBase + `}}}`, `{"aws_ecr_repository":{"r":{` + ecrBase + `,"image_scanning_configuration":{"scan_on_push":false}}}}`, "aws_ecr_repository.r"},
	"ecr-immutable-tags":             {`{"aws_ecr_repository":{"r":{` + ecrBase + `}}}`, `{"aws_ecr_repository":{"r":{` + ecrBase + `,"image_tag_mutability":"MUTABLE"}}}`, "aws_ecr_repository.r"},
	"ecr-lifecycle-policy":           {`{"aws_ecr_repository":{"r":{` + ecrBase + `}},"aws_ecr_lifecycle_policy":{"l":{"repository":"${aws_ecr_repository.r.name}","policy":"{}"}}}`, `{"aws_ecr_repository":{"r":{` + ecrBase + `}}}`, "aws_ecr_repository.r"},
	"ecs-service-no-public-ip":       {`{"aws_ecs_service":{"s":{` + fargate + `}}}`, `{"aws_ecs_service":{"s":{` + fargate + `,"network_configuration":{"subnets":["a"],"assign_public_ip":true}}}}`, "aws_ecs_service.s"},
	"ecs-fargate-latest":             {`{"aws_ecs_service":{"s":{` + fargate + `}}}`, `{"aws_ecs_service":{"s":{` + fargate + `,"platform_version":"1.3.0"}}}`, "aws_ecs_service.s"},
	"ecs-no-host-pid":                {`{"aws_ecs_task_definition":{"td":{"family":"f","container_definitions":` + containers("") + `}}}`, `{"aws_ecs_task_definition":{"td":{"family":"f","pid_mode":"host","container_definitions":` + containers("") + `}}}`, "aws_ecs_task_definition.td"},
	"ecs-no-env-credentials":         {`{"aws_ecs_task_definition":{"td":{"family":"f","container_definitions":` + containers("") + `}}}`, `{"aws_ecs_task_definition":{"td":{"family":"f","container_definitions":` + strings.Replace(containers(""), "MODE", "AWS_SECRET_ACCESS_KEY", 1) + `}}}`, "aws_ecs_task_definition.td"},
	"ecs-log-configuration":          {`{"aws_ecs_task_definition":{"td":{"family":"f","container_definitions":` + containers("") + `}}}`, `{"aws_ecs_task_definition":{"td":{"family":"f","container_definitions":` + strings.Replace(containers(""), "logConfiguration", "other", 1) + `}}}`, "aws_ecs_task_definition.td"},
	"ecs-container-insights":         {`{"aws_ecs_cluster":{"c":{"name":"c","setting":[{"name":"containerInsights","value":"enabled"}]}}}`, `{"aws_ecs_cluster":{"c":{"name":"c","setting":[{"name":"containerInsights","value":"disabled"}]}}}`, "aws_ecs_cluster.c"},
	"elb-drop-invalid-headers":       {`{"aws_lb":{"l":{` + lbBase + `}}}`, `{"aws_lb":{"l":{` + lbBase + `,"drop_invalid_header_fields":false}}}`, "aws_lb.l"},
	"elb-access-logs":                {`{"aws_lb":{"l":{` + lbBase + `}}}`, `{"aws_lb":{"l":{` + lbBase + `,"access_logs":{"bucket":"b","enabled":false}}}}`, "aws_lb.l"},
	"elb-deletion-protection":        {`{"aws_lb":{"l":{` + lbBase + `}}}`, `{"aws_lb":{"l":{` + lbBase + `,"enable_deletion_protection":false}}}`, "aws_lb.l"},
	"elb-desync-mitigation":          {`{"aws_lb":{"l":{` + lbBase + `}}}`, `{"aws_lb":{"l":{` + lbBase + `,"desync_mitigation_mode":"monitor"}}}`, "aws_lb.l"},
	"elb-multi-az":                   {`{"aws_lb":{"l":{` + lbBase + `}}}`, `{"aws_lb":{"l":{` + lbBase + `,"subnets":["a"]}}}`, "aws_lb.l"},
	"clb-connection-draining":        {`{"aws_elb":{"c":{` + clbBase + `}}}`, `{"aws_elb":{"c":{` + clbBase + `,"connection_draining":false}}}`, "aws_elb.c"},
	"clb-cross-zone":                 {`{"aws_elb":{"c":{` + clbBase + `}}}`, `{"aws_elb":{"c":{` + clbBase + `,"cross_zone_load_balancing":false}}}`, "aws_elb.c"},
	"clb-multi-az":                   {`{"aws_elb":{"c":{` + clbBase + `}}}`, `{"aws_elb":{"c":{` + clbBase + `,"subnets":["a"]}}}`, "aws_elb.c"},
	"secret-rotation":                {`{"aws_secretsmanager_secret":{"s":{"name":"s"}},"aws_secretsmanager_secret_rotation":{"r":{"secret_id":"${aws_secretsmanager_secret.s.id}","rotation_lambda_arn":"arn:aws:lambda:us-east-1:111122223333:function:r"}}}`, `{"aws_secretsmanager_secret":{"s":{"name":"s"}}}`, "aws_secretsmanager_secret.s"},
	"acm-rsa-2048":                   {`{"aws_acm_certificate":{"c":{"domain_name":"example.com","key_algorithm":"RSA_2048"}}}`, `{"aws_acm_certificate":{"c":{"domain_name":"example.com","key_algorithm":"RSA_1024"}}}`, "aws_acm_certificate.c"},
	"wafv2-acl-has-rules":            {`{"aws_wafv2_web_acl":{"w":{"name":"w","scope":"REGIONAL","rule":[{"name":"r","priority":1}]}}}`, `{"aws_wafv2_web_acl":{"w":{"name":"w","scope":"REGIONAL"}}}`, "aws_wafv2_web_acl.w"},
	"iam-no-user-inline-policies":    {`{"aws_iam_user":{"u":{"name":"u"}}}`, `{"aws_iam_user":{"u":{"name":"u"}},"aws_iam_user_policy":{"p":{"user":"u","policy":"{}"}}}`, "aws_iam_user_policy.p"},
	"iam-no-user-policy-attachments": {`{"aws_iam_user":{"u":{"name":"u"}}}`, `{"aws_iam_user":{"u":{"name":"u"}},"aws_iam_user_policy_attachment":{"a":{"user":"u","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}`, "aws_iam_user_policy_attachment.a"},
	"iam-no-cloudshell-full-access":  {`{"aws_iam_role_policy_attachment":{"a":{"role":"r","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}`, `{"aws_iam_role_policy_attachment":{"a":{"role":"r","policy_arn":"arn:aws:iam::aws:policy/AWSCloudShellFullAccess"}}}`, "aws_iam_role_policy_attachment.a"},
}

func init() {
	cat, err := Builtin()
	if err != nil {
		return
	}
	for _, f := range cat.Facts {
		if f.Custom == "metric-filter-alarm" {
			factFixtures[f.ID] = fixture{metricFixture(f.Params.Tokens, `,"alarm_actions":["arn:aws:sns:us-east-1:111122223333:alarms"]`), metricFixture(f.Params.Tokens, ""), "aws_cloudwatch_metric_alarm.a"}
		}
	}
}

// stackJSON wraps resource objects (merged, later attributes winning) in a
// Terraform JSON configuration.
func stackJSON(resources ...string) ([]byte, error) {
	merged := map[string]map[string]map[string]any{}
	for _, r := range resources {
		var m map[string]map[string]map[string]any
		if err := json.Unmarshal([]byte(r), &m); err != nil {
			return nil, fmt.Errorf("fixture %s: %w", r, err)
		}
		for typ, byName := range m {
			if merged[typ] == nil {
				merged[typ] = map[string]map[string]any{}
			}
			for name, attrs := range byName {
				if merged[typ][name] == nil {
					merged[typ][name] = map[string]any{}
				}
				for k, v := range attrs {
					merged[typ][name][k] = v
				}
			}
		}
	}
	doc := map[string]any{
		"terraform": map[string]any{"required_providers": map[string]any{"aws": map[string]any{"source": "hashicorp/aws", "version": "~> 5.99"}}},
		"provider":  map[string]any{"aws": []any{map[string]any{"region": "us-east-1"}}},
		"data":      map[string]any{"aws_region": map[string]any{"r": map[string]any{}}},
	}
	if len(merged) > 0 {
		doc["resource"] = merged
	}
	return json.MarshalIndent(doc, "", " ")
}
