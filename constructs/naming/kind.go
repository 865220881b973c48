package naming

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Kind describes the naming rules of one AWS resource kind.
type Kind struct {
	// Label is the human name used in errors, e.g. "S3 bucket".
	Label string
	// Min and Max bound the full name's length, in characters.
	Min, Max int
	// Pattern is the set of allowed names.
	Pattern *regexp.Regexp
	// Rule describes Pattern for the fix in an error message.
	Rule string
	// ReservedPrefixes and ReservedSuffixes are starts and ends AWS keeps
	// for itself (S3's "xn--", "-s3alias", ...). Default: none.
	ReservedPrefixes, ReservedSuffixes []string
}

// Check reports whether full is a valid name of this kind: its length in
// characters, its characters, and the prefixes and suffixes AWS reserves.
func (k Kind) Check(full string) error {
	if n := utf8.RuneCountInString(full); n < k.Min || n > k.Max {
		return fmt.Errorf("name: %s name %q is %d characters; it must be %d-%d, so shorten the company, environment or name", k.Label, full, n, k.Min, k.Max)
	}
	for _, p := range k.ReservedPrefixes {
		if strings.HasPrefix(full, p) {
			return fmt.Errorf("name: %s name %q starts with %q, a prefix AWS reserves; change the company or name so the full name starts differently", k.Label, full, p)
		}
	}
	for _, s := range k.ReservedSuffixes {
		if strings.HasSuffix(full, s) {
			return fmt.Errorf("name: %s name %q ends with %q, a suffix AWS reserves; change the name's ending", k.Label, full, s)
		}
	}
	if !k.Pattern.MatchString(full) {
		return fmt.Errorf("name: %s name %q is invalid; %s", k.Label, full, k.Rule)
	}
	return nil
}

const lowerRule = "use lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen"

var lowerHyphen = regexp.MustCompile(`^[a-z]([a-z0-9]|-[a-z0-9])*$`)

// S3 reserves these bucket name prefixes and suffixes (Amazon S3 User
// Guide, "General purpose bucket naming rules", checked 2026-11-30).
var (
	S3ReservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	S3ReservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// Resource kinds and their limits, from the AWS service quotas and API
// references (checked 2026-11-30).
var (
	S3Bucket = Kind{Label: "S3 bucket", Min: 3, Max: 63, Pattern: lowerHyphen, Rule: lowerRule,
		ReservedPrefixes: S3ReservedPrefixes, ReservedSuffixes: S3ReservedSuffixes}
	IAMRole        = Kind{Label: "IAM role", Min: 1, Max: 64, Pattern: regexp.MustCompile(`^[\w+=,.@-]+$`), Rule: "use letters, digits and +=,.@_-"}
	IAMPolicy      = Kind{Label: "IAM policy", Min: 1, Max: 128, Pattern: regexp.MustCompile(`^[\w+=,.@-]+$`), Rule: "use letters, digits and +=,.@_-"}
	LambdaFunction = Kind{Label: "Lambda function", Min: 1, Max: 64, Pattern: regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), Rule: "use letters, digits, hyphens and underscores"}
	// RDSInstance identifiers: 1-63, letters, digits, hyphens; start with a letter; no "--"; no trailing hyphen.
	RDSInstance = Kind{Label: "RDS instance", Min: 1, Max: 63, Pattern: lowerHyphen, Rule: lowerRule}
	RDSSnapshot = Kind{Label: "RDS snapshot", Min: 1, Max: 255, Pattern: lowerHyphen, Rule: lowerRule}
	// RDSParamGrp: DB parameter group names follow the instance identifier rules, up to 255.
	RDSParamGrp = Kind{Label: "DB parameter group", Min: 1, Max: 255, Pattern: lowerHyphen, Rule: lowerRule}
	// RDSSubnetGrp: up to 255 letters, digits, periods, underscores, spaces
	// and hyphens; "default" is reserved.
	RDSSubnetGrp = Kind{Label: "DB subnet group", Min: 1, Max: 255, Pattern: regexp.MustCompile(`^[a-z][a-z0-9_. -]*$`), Rule: "use lower-case letters, digits, spaces, periods, underscores and hyphens"}
	// CloudTrail trail names start and end with a letter or digit and hold no
	// two adjacent periods, underscores or hyphens ("my-_trail", "my--trail").
	CloudTrail = Kind{Label: "CloudTrail trail", Min: 3, Max: 128, Pattern: regexp.MustCompile(`^[a-zA-Z0-9]([._-]?[a-zA-Z0-9])*$`), Rule: "use letters, digits and single periods, underscores or hyphens, starting and ending with a letter or digit"}
	LogGroup   = Kind{Label: "CloudWatch log group", Min: 1, Max: 512, Pattern: regexp.MustCompile(`^[\w#/.-]+$`), Rule: "use letters, digits and _-/.#"}
	// KMSAlias is the part after "alias/" (256 in all); "aws/" is AWS's own.
	KMSAlias = Kind{Label: "KMS alias", Min: 1, Max: 250, Pattern: regexp.MustCompile(`^[a-zA-Z0-9/_-]+$`), Rule: "use letters, digits and /_-", ReservedPrefixes: []string{"aws/"}}
	SNSTopic = Kind{Label: "SNS topic", Min: 1, Max: 256, Pattern: regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), Rule: "use letters, digits, hyphens and underscores"}
	// SecurityGrp: EC2 refuses group names starting with "sg-".
	SecurityGrp = Kind{Label: "security group", Min: 1, Max: 255, Pattern: regexp.MustCompile(`^[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]+$`), Rule: "use letters, digits and spaces or ._-:/()#,@[]+=&;{}!$*", ReservedPrefixes: []string{"sg-"}}
	ConfigName  = Kind{Label: "AWS Config name", Min: 1, Max: 256, Pattern: regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), Rule: "use letters, digits, hyphens and underscores"}
	AlarmName   = Kind{Label: "CloudWatch alarm", Min: 1, Max: 255, Pattern: regexp.MustCompile(`^[^\x00-\x1f]+$`), Rule: "use printable characters"}
	// DynamoDBTable names: 3-255 of a-z A-Z 0-9 _ - . (Amazon DynamoDB
	// Developer Guide, "Supported data types and naming rules",
	// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
	DynamoDBTable = Kind{Label: "DynamoDB table", Min: 3, Max: 255, Pattern: regexp.MustCompile(`^[a-zA-Z0-9_.-]+$`), Rule: "use letters, digits, underscores, hyphens and periods"}
	// Secret names: at most 512 of letters, digits and /_+=.@- (AWS Secrets
	// Manager API Reference, CreateSecret,
	// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html).
	Secret = Kind{Label: "Secrets Manager secret", Min: 1, Max: 512, Pattern: regexp.MustCompile(`^[a-zA-Z0-9/_+=.@-]+$`), Rule: "use letters, digits and /_+=.@-"}
	// SQSQueue names: 1-80 of letters, digits, hyphens and underscores
	// (Amazon SQS API Reference, CreateQueue,
	// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html).
	SQSQueue = Kind{Label: "SQS queue", Min: 1, Max: 80, Pattern: regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), Rule: "use letters, digits, hyphens and underscores"}
	// Schedule names: 1-64 of letters, digits and .-_ (EventBridge Scheduler
	// API Reference, CreateSchedule,
	// https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html).
	Schedule = Kind{Label: "EventBridge schedule", Min: 1, Max: 64, Pattern: regexp.MustCompile(`^[a-zA-Z0-9._-]+$`), Rule: "use letters, digits, periods, hyphens and underscores"}
	// BucketNotification is the one notification configuration S3 keeps
	// per bucket (PutBucketNotificationConfiguration replaces it whole:
	// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html);
	// the name is the bucket's.
	BucketNotification = Kind{Label: "S3 bucket notification configuration", Min: 3, Max: 63, Pattern: lowerHyphen, Rule: lowerRule}
	// EventRule: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
	EventRule = Kind{Label: "EventBridge rule", Min: 1, Max: 64, Pattern: regexp.MustCompile(`^[.\-_A-Za-z0-9]+$`), Rule: "use letters, digits and .-_"}
	// Analyzer: https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CreateAnalyzer.html
	Analyzer = Kind{Label: "IAM Access Analyzer analyzer", Min: 1, Max: 255, Pattern: regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`), Rule: "start with a letter; use letters, digits and _.-"}
	Generic  = Kind{Label: "resource", Min: 1, Max: 255, Pattern: regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), Rule: "use letters, digits, hyphens and underscores"}
)
