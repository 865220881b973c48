package naming

import (
	"fmt"
	"regexp"
)

// Kind describes the naming rules of one AWS resource kind.
type Kind struct {
	// Label is the human name used in errors, e.g. "S3 bucket".
	Label string
	// Min and Max bound the full name's length.
	Min, Max int
	// Pattern is the set of allowed names.
	Pattern *regexp.Regexp
	// Rule describes Pattern for the fix in an error message.
	Rule string
}

// Check reports whether full is a valid name of this kind.
func (k Kind) Check(full string) error {
	if len(full) < k.Min || len(full) > k.Max {
		return fmt.Errorf("name: %s name %q is %d characters; it must be %d-%d, so shorten the company, environment or name", k.Label, full, len(full), k.Min, k.Max)
	}
	if !k.Pattern.MatchString(full) {
		return fmt.Errorf("name: %s name %q is invalid; %s", k.Label, full, k.Rule)
	}
	return nil
}

const lowerRule = "use lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen"

var lowerHyphen = regexp.MustCompile(`^[a-z]([a-z0-9]|-[a-z0-9])*$`)

// Resource kinds and their limits, from the AWS service quotas and API references.
var (
	S3Bucket       = Kind{"S3 bucket", 3, 63, lowerHyphen, lowerRule}
	IAMRole        = Kind{"IAM role", 1, 64, regexp.MustCompile(`^[\w+=,.@-]+$`), "use letters, digits and +=,.@_-"}
	IAMPolicy      = Kind{"IAM policy", 1, 128, regexp.MustCompile(`^[\w+=,.@-]+$`), "use letters, digits and +=,.@_-"}
	LambdaFunction = Kind{"Lambda function", 1, 64, regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), "use letters, digits, hyphens and underscores"}
	// RDSInstance identifiers: 1-63, letters, digits, hyphens; start with a letter; no "--"; no trailing hyphen.
	RDSInstance = Kind{"RDS instance", 1, 63, lowerHyphen, lowerRule}
	RDSSnapshot = Kind{"RDS snapshot", 1, 255, lowerHyphen, lowerRule}
	// RDSParamGrp: DB parameter group names follow the instance identifier rules, up to 255.
	RDSParamGrp  = Kind{"DB parameter group", 1, 255, lowerHyphen, lowerRule}
	RDSSubnetGrp = Kind{"DB subnet group", 1, 255, regexp.MustCompile(`^[a-z][a-z0-9_. -]*$`), "use lower-case letters, digits, spaces, periods, underscores and hyphens"}
	CloudTrail   = Kind{"CloudTrail trail", 3, 128, regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9._]|-[a-zA-Z0-9._])*$`), "use letters, digits, periods, underscores and single hyphens, starting with a letter or digit"}
	LogGroup     = Kind{"CloudWatch log group", 1, 512, regexp.MustCompile(`^[\w#/.-]+$`), "use letters, digits and _-/.#"}
	KMSAlias     = Kind{"KMS alias", 1, 250, regexp.MustCompile(`^[a-zA-Z0-9/_-]+$`), "use letters, digits and /_-"}
	SNSTopic     = Kind{"SNS topic", 1, 256, regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), "use letters, digits, hyphens and underscores"}
	SecurityGrp  = Kind{"security group", 1, 255, regexp.MustCompile(`^[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]+$`), "use letters, digits and spaces or ._-:/()#,@[]+=&;{}!$*"}
	ConfigName   = Kind{"AWS Config name", 1, 256, regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), "use letters, digits, hyphens and underscores"}
	AlarmName    = Kind{"CloudWatch alarm", 1, 255, regexp.MustCompile(`^[^\x00-\x1f]+$`), "use printable characters"}
	Generic      = Kind{"resource", 1, 255, regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), "use letters, digits, hyphens and underscores"}
)
