package audit

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// Non-nil placeholders: validation only checks that they are given.
var (
	bucket = &storage.LogsBucket{}
	key    = &encryption.Key{}
)

func TestTrailPropsValidate(t *testing.T) {
	tests := []struct {
		name  string
		props TrailProps
		want  []string // substrings; none means valid
	}{
		{"defaults", TrailProps{Bucket: bucket, Key: key}, nil},
		{"every option", TrailProps{Name: "org.trail_1", Bucket: bucket, Key: key, LogRetentionDays: 3653, ExcludeManagementEvents: true, DisableLogging: true,
			DataEvents: []DataEvent{{Type: DataEventS3Object, Values: []string{"arn:aws:s3:::b/"}}, {Type: DataEventLambdaFunction}, {Type: DataEventDynamoDBTable, Values: []string{"${aws_dynamodb_table.t.arn}"}}}}, nil},
		{"management only", TrailProps{Bucket: bucket, Key: key, DisableDataEvents: true}, nil},
		{"nil bucket", TrailProps{Key: key}, []string{"bucket: required"}},
		{"nil key", TrailProps{Bucket: bucket}, []string{"key: required"}},
		{"invalid name", TrailProps{Bucket: bucket, Key: key, Name: "my trail"}, []string{`name: "my trail" is not a valid trail name suffix`}},
		{"name with double hyphen", TrailProps{Bucket: bucket, Key: key, Name: "a--b"}, []string{`name: "a--b"`}},
		{"retention not allowed", TrailProps{Bucket: bucket, Key: key, LogRetentionDays: 400 + 1}, []string{"logRetentionDays: 401 is not a CloudWatch retention value; use one of 1, 3, 5"}},
		{"negative retention", TrailProps{Bucket: bucket, Key: key, LogRetentionDays: -1}, []string{"logRetentionDays: -1"}},
		{"unknown data event type", TrailProps{Bucket: bucket, Key: key, DataEvents: []DataEvent{{Type: "AWS::EC2::Instance"}}},
			[]string{`dataEvents[0].type: "AWS::EC2::Instance" is not a data event type; use one of AWS::DynamoDB::Table, AWS::Lambda::Function, AWS::S3::Object`}},
		{"empty data event type", TrailProps{Bucket: bucket, Key: key, DataEvents: []DataEvent{{}}}, []string{`dataEvents[0].type: "" is not a data event type`}},
		{"value of the wrong service", TrailProps{Bucket: bucket, Key: key, DataEvents: []DataEvent{{Type: DataEventLambdaFunction, Values: []string{"arn:aws:s3:::b/"}}}},
			[]string{`dataEvents[0].values[0]: "arn:aws:s3:::b/" is not an ARN of service "lambda"`}},
		{"empty value", TrailProps{Bucket: bucket, Key: key, DataEvents: []DataEvent{{Type: DataEventS3Object, Values: []string{""}}}}, []string{"dataEvents[0].values[0]: must not be empty"}},
		{"too many values", TrailProps{Bucket: bucket, Key: key, DataEvents: []DataEvent{{Type: DataEventS3Object, Values: repeat("arn:aws:s3:::b/", 251)}}}, []string{"dataEvents: 251 values; CloudTrail allows at most 250"}},
		{"data events and disabled", TrailProps{Bucket: bucket, Key: key, DisableDataEvents: true, DataEvents: DefaultDataEvents()}, []string{"dataEvents: set while disableDataEvents is true"}},
		{"logs nothing", TrailProps{Bucket: bucket, Key: key, DisableDataEvents: true, ExcludeManagementEvents: true}, []string{"excludeManagementEvents: with disableDataEvents the trail would log nothing"}},
		{"every error at once", TrailProps{Name: "-x", LogRetentionDays: 2, DataEvents: []DataEvent{{Type: "x"}}},
			[]string{"name:", "bucket: required", "key: required", "logRetentionDays: 2", `dataEvents[0].type: "x"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { errtest.Contains(t, "Validate()", tc.props.Validate(), tc.want...) })
	}
}

func TestConfigPropsValidate(t *testing.T) {
	tests := []struct {
		name  string
		props ConfigProps
		want  []string
	}{
		{"defaults", ConfigProps{Bucket: bucket}, nil},
		{"every option", ConfigProps{Name: "recorder_1", Bucket: bucket, Key: key, SkipGlobalResources: true, Rules: SupportedRules(),
			SNSTopicArn: "arn:aws:sns:us-east-1:123456789012:alerts"}, nil},
		{"token topic", ConfigProps{Bucket: bucket, SNSTopicArn: "${aws_sns_topic.t.arn}"}, nil},
		{"nil bucket", ConfigProps{}, []string{"bucket: required"}},
		{"invalid name", ConfigProps{Bucket: bucket, Name: "my config"}, []string{`name: "my config" is not a valid AWS Config name suffix`}},
		{"unknown rule", ConfigProps{Bucket: bucket, Rules: []string{"S3_BUCKET_PUBLIC_READ_PROHIBITED", "s3-bucket-public-read-prohibited"}},
			[]string{`rules[1]: "s3-bucket-public-read-prohibited" is not a supported managed rule identifier; use one of CLOUDWATCH_LOG_GROUP_ENCRYPTED, CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED`}},
		{"duplicate rule", ConfigProps{Bucket: bucket, Rules: []string{"ENCRYPTED_VOLUMES", "ENCRYPTED_VOLUMES"}}, []string{`rules[1]: "ENCRYPTED_VOLUMES" is listed twice`}},
		{"topic not an ARN", ConfigProps{Bucket: bucket, SNSTopicArn: "alerts"}, []string{`snsTopicArn: "alerts" is not an ARN`}},
		{"topic of another service", ConfigProps{Bucket: bucket, SNSTopicArn: "arn:aws:sqs:us-east-1:123456789012:q"}, []string{"snsTopicArn: \"arn:aws:sqs:us-east-1:123456789012:q\" is not an SNS topic ARN"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { errtest.Contains(t, "Validate()", tc.props.Validate(), tc.want...) })
	}
}

func TestDefaultRulesCoverTheBaseline(t *testing.T) {
	required := []string{
		"S3_BUCKET_PUBLIC_READ_PROHIBITED", "S3_BUCKET_PUBLIC_WRITE_PROHIBITED", "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
		"CLOUD_TRAIL_ENABLED", "ENCRYPTED_VOLUMES", "RDS_STORAGE_ENCRYPTED", "INCOMING_SSH_DISABLED",
	}
	defaults := map[string]bool{}
	for _, r := range DefaultRules() {
		if managedRules[r] == "" {
			t.Errorf("DefaultRules() contains %q, which is not in the supported list", r)
		}
		defaults[r] = true
	}
	for _, r := range required {
		if !defaults[r] {
			t.Errorf("DefaultRules() lacks %q", r)
		}
	}
	if err := (ConfigProps{Bucket: bucket, Rules: DefaultRules()}).Validate(); err != nil {
		t.Errorf("DefaultRules() do not validate: %v", err)
	}
}

func TestRuleSuffix(t *testing.T) {
	if got := ruleSuffix("S3_BUCKET_PUBLIC_READ_PROHIBITED"); got != "s3-bucket-public-read-prohibited" {
		t.Errorf("ruleSuffix = %q; want %q", got, "s3-bucket-public-read-prohibited")
	}
}

func TestValidateTrailSuffix(t *testing.T) {
	for _, ok := range []string{"trail", "org.trail", "a_b", "T1"} {
		if err := validateTrailSuffix(ok); err != nil {
			t.Errorf("validateTrailSuffix(%q) = %v; want nil", ok, err)
		}
	}
	for _, bad := range []string{"", "-a", "a-", "a b", "a--b", "a/b"} {
		if err := validateTrailSuffix(bad); err == nil || !strings.HasPrefix(err.Error(), "name: ") {
			t.Errorf("validateTrailSuffix(%q) = %v; want an error starting with \"name: \"", bad, err)
		}
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}
