package rules

import "testing"

func res(body string) string { return `{"resource": {` + body + `}}` }

func TestACC001Cases(t *testing.T) {
	strict := `"minimum_password_length": 14, "password_reuse_prevention": 24, "require_lowercase_characters": true, "require_uppercase_characters": true, "require_numbers": true, "require_symbols": true`
	runRuleCases(t, "ACC001", []ruleCase{
		{"strict", res(`"aws_iam_account_password_policy": {"p": {` + strict + `}}`), nil},
		{"longer is fine", res(`"aws_iam_account_password_policy": {"p": {"minimum_password_length": 32, "password_reuse_prevention": 24, "require_lowercase_characters": true, "require_uppercase_characters": true, "require_numbers": true, "require_symbols": true}}`), nil},
		{"length 13", res(`"aws_iam_account_password_policy": {"p": {"minimum_password_length": 13, "password_reuse_prevention": 24, "require_lowercase_characters": true, "require_uppercase_characters": true, "require_numbers": true, "require_symbols": true}}`),
			[]string{"aws_iam_account_password_policy.p: minimum_password_length = 13 (CIS 1.7"}},
		{"reuse 23, no symbols", res(`"aws_iam_account_password_policy": {"p": {"minimum_password_length": 14, "password_reuse_prevention": 23, "require_lowercase_characters": true, "require_uppercase_characters": true, "require_numbers": true, "require_symbols": false}}`),
			[]string{"aws_iam_account_password_policy.p: password_reuse_prevention = 23 (CIS 1.8 wants 24); require_symbols not true"}},
		{"length from a variable", res(`"aws_iam_account_password_policy": {"p": {"minimum_password_length": "${var.len}", "password_reuse_prevention": 24, "require_lowercase_characters": true, "require_uppercase_characters": true, "require_numbers": true, "require_symbols": true}}`), nil},
	})
}

func TestACC002Cases(t *testing.T) {
	runRuleCases(t, "ACC002", []ruleCase{
		{"nothing set", res(`"aws_s3_account_public_access_block": {"a": {}}`), []string{"aws_s3_account_public_access_block.a: leaves block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets off"}},
		{"from a variable", res(`"aws_s3_account_public_access_block": {"a": {"block_public_acls": "${var.b}", "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}}`), nil},
		{"bucket-level blocks are not ACC002's", res(`"aws_s3_bucket_public_access_block": {"b": {"bucket": "x"}}`), nil},
	})
}

func TestACC003Cases(t *testing.T) {
	runRuleCases(t, "ACC003", []ruleCase{
		{"enabled, no default key", res(`"aws_ebs_encryption_by_default": {"e": {"enabled": true}}`), []string{"aws_ebs_encryption_by_default.e: without an aws_ebs_default_kms_key"}},
		{"enabled from a variable", res(`"aws_ebs_encryption_by_default": {"e": {"enabled": "${var.on}"}}`), nil},
		{"literal alias ARN", res(`"aws_ebs_encryption_by_default": {"e": {}}, "aws_ebs_default_kms_key": {"k": {"key_arn": "arn:aws:kms:us-east-1:123456789012:alias/aws/ebs"}}`), []string{"aws_ebs_default_kms_key.k: AWS managed key alias/aws/ebs"}},
		{"data.aws_kms_key of the alias", `{"data": {"aws_kms_key": {"ebs": {"key_id": "alias/aws/ebs"}}}, "resource": {"aws_ebs_encryption_by_default": {"e": {}}, "aws_ebs_default_kms_key": {"k": {"key_arn": "${data.aws_kms_key.ebs.arn}"}}}}`, []string{"aws_ebs_default_kms_key.k: AWS managed key alias/aws/ebs"}},
		{"customer managed key", res(`"aws_kms_key": {"cmk": {}}, "aws_ebs_encryption_by_default": {"e": {}}, "aws_ebs_default_kms_key": {"k": {"key_arn": "${aws_kms_key.cmk.arn}"}}`), nil},
		{"customer key by literal ARN", res(`"aws_ebs_encryption_by_default": {"e": {}}, "aws_ebs_default_kms_key": {"k": {"key_arn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}`), nil},
	})
}

func TestACC004Cases(t *testing.T) {
	runRuleCases(t, "ACC004", []ruleCase{
		{"nothing set", res(`"aws_ec2_instance_metadata_defaults": {"d": {}}`), []string{"aws_ec2_instance_metadata_defaults.d: http_tokens is not set"}},
		{"no-preference", res(`"aws_ec2_instance_metadata_defaults": {"d": {"http_tokens": "no-preference", "http_put_response_hop_limit": 1}}`), []string{`aws_ec2_instance_metadata_defaults.d: http_tokens = "no-preference"`}},
		{"required, hop 1", res(`"aws_ec2_instance_metadata_defaults": {"d": {"http_tokens": "required", "http_put_response_hop_limit": 1}}`), nil},
		{"required, hop unset", res(`"aws_ec2_instance_metadata_defaults": {"d": {"http_tokens": "required"}}`), nil},
		{"required, hop 3", res(`"aws_ec2_instance_metadata_defaults": {"d": {"http_tokens": "required", "http_put_response_hop_limit": 3}}`), []string{"aws_ec2_instance_metadata_defaults.d: http_put_response_hop_limit = 3"}},
		{"tokens from a variable", res(`"aws_ec2_instance_metadata_defaults": {"d": {"http_tokens": "${var.t}"}}`), nil},
	})
}

func TestACC005Cases(t *testing.T) {
	runRuleCases(t, "ACC005", []ruleCase{
		{"snapshots unblocked", res(`"aws_ebs_snapshot_block_public_access": {"s": {"state": "unblocked"}}`), []string{`aws_ebs_snapshot_block_public_access.s: state = "unblocked"`}},
		{"state from a variable", res(`"aws_ebs_snapshot_block_public_access": {"s": {"state": "${var.s}"}}, "aws_ec2_image_block_public_access": {"i": {"state": "${var.s}"}}`), nil},
	})
}

func TestACC006Cases(t *testing.T) {
	feature := func(name, plan, extra string) string {
		return `"` + name + `": {"detector_id": "${aws_guardduty_detector.d.id}", "name": "` + plan + `", "status": "ENABLED"` + extra + `}`
	}
	all := feature("s3", "S3_DATA_EVENTS", "") + "," + feature("ebs", "EBS_MALWARE_PROTECTION", "") + "," + feature("rds", "RDS_LOGIN_EVENTS", "") + "," +
		feature("lambda", "LAMBDA_NETWORK_LOGS", "") + "," + feature("rt", "RUNTIME_MONITORING", `, "additional_configuration": [{"name": "EC2_AGENT_MANAGEMENT", "status": "ENABLED"}]`)
	runRuleCases(t, "ACC006", []ruleCase{
		{"every plan", res(`"aws_guardduty_detector": {"d": {"enable": true}}, "aws_guardduty_detector_feature": {` + all + `}`), nil},
		{"no plans at all", res(`"aws_guardduty_detector": {"d": {}}`), []string{"aws_guardduty_detector.d: without the protection plans S3_DATA_EVENTS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS, RUNTIME_MONITORING"}},
		{"legacy malware protection counts", res(`"aws_guardduty_detector": {"d": {"datasources": {"malware_protection": {"scan_ec2_instance_with_findings": {"ebs_volumes": {"enable": true}}}}}}, "aws_guardduty_detector_feature": {` +
			feature("s3", "S3_DATA_EVENTS", "") + "," + feature("rds", "RDS_LOGIN_EVENTS", "") + "," + feature("lambda", "LAMBDA_NETWORK_LOGS", "") + "," +
			feature("rt", "RUNTIME_MONITORING", `, "additional_configuration": [{"name": "EC2_AGENT_MANAGEMENT", "status": "ENABLED"}]`) + `}`), nil},
		{"feature of an unknown detector", res(`"aws_guardduty_detector": {"d": {}}, "aws_guardduty_detector_feature": {"x": {"detector_id": "${var.detector}", "name": "S3_DATA_EVENTS", "status": "ENABLED"}}`), nil},
		{"status from a variable", res(`"aws_guardduty_detector": {"d": {}}, "aws_guardduty_detector_feature": {"x": {"detector_id": "${aws_guardduty_detector.d.id}", "name": "S3_DATA_EVENTS", "status": "${var.s}"}}`), nil},
		{"enable from a variable", res(`"aws_guardduty_detector": {"d": {"enable": "${var.on}"}}`), nil},
	})
}

func TestACC007Cases(t *testing.T) {
	sub := func(name, arn string) string {
		return `"` + name + `": {"standards_arn": "` + arn + `", "depends_on": ["aws_securityhub_account.h"]}`
	}
	fsbp := sub("fsbp", "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0")
	cis5 := sub("cis", "arn:aws:securityhub:${data.aws_region.r.name}::standards/cis-aws-foundations-benchmark/v/5.0.0")
	cis3 := sub("cis3", "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0")
	runRuleCases(t, "ACC007", []ruleCase{
		{"both", res(`"aws_securityhub_account": {"h": {"enable_default_standards": false}}, "aws_securityhub_standards_subscription": {` + fsbp + `,` + cis5 + `}`), nil},
		{"defaults and CIS v5.0.0", res(`"aws_securityhub_account": {"h": {}}, "aws_securityhub_standards_subscription": {` + cis5 + `}`), nil},
		{"defaults only", res(`"aws_securityhub_account": {"h": {}}`), []string{"aws_securityhub_account.h: CIS AWS Foundations Benchmark v5.0.0 (only v1.2.0 (enable_default_standards))"}},
		{"FSBP and CIS v3.0.0", res(`"aws_securityhub_account": {"h": {"enable_default_standards": false}}, "aws_securityhub_standards_subscription": {` + fsbp + `,` + cis3 + `}`), []string{"aws_securityhub_account.h: CIS AWS Foundations Benchmark v5.0.0 (only v3.0.0)"}},
		{"standard from a variable", res(`"aws_securityhub_account": {"h": {"enable_default_standards": false}}, "aws_securityhub_standards_subscription": {` + sub("x", "${var.standard}") + `}`), nil},
		{"subscriptions without the account are not judged", res(`"aws_securityhub_standards_subscription": {` + cis3 + `}`), nil},
	})
}
