package storage

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// Sids of the service statements a LogsBucket adds to its policy.
const (
	SidCloudTrailACLCheck     = "AWSCloudTrailAclCheck"
	SidCloudTrailWrite        = "AWSCloudTrailWrite"
	SidConfigPermissionsCheck = "AWSConfigBucketPermissionsCheck"
	SidConfigExistenceCheck   = "AWSConfigBucketExistenceCheck"
	SidConfigDelivery         = "AWSConfigBucketDelivery"
	SidGuardDutyLocation      = "AWSGuardDutyGetBucketLocation"
	SidGuardDutyWrite         = "AWSGuardDutyWrite"
)

// LogsBucket is a hardened bucket for CloudTrail and AWS Config logs, with
// archive lifecycle rules and, once allowed, the service statements those
// services need. It has every method of Bucket.
type LogsBucket struct {
	*Bucket
	trails    []trailRef
	config    bool
	guardDuty *guardDutyRef
}

type guardDutyRef struct{ detectorArn, prefix string }

type trailRef struct{ arn, name string }

// NewLogsBucket creates a logs bucket named "{company}-{environment}-{props.Name}".
func NewLogsBucket(scope constructs.Construct, id string, props LogsBucketProps) (*LogsBucket, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.withDefaults(id)
	b, err := newBucket(scope, id, p.Name, p.Key, p.ForceDestroy)
	if err != nil {
		return nil, err
	}
	lb := &LogsBucket{Bucket: b}
	b.service = lb.serviceStatements
	rules := []lifecycleRule{
		archive(p.TransitionToIADays, p.TransitionToGlacierDays, p.ExpirationDays),
		expireNoncurrent(p.NoncurrentVersionExpirationDays),
		abortMultipart(p.AbortIncompleteMultipartUploadDays),
	}
	if err := b.addLifecycle(rules); err != nil {
		return nil, err
	}
	if err := b.logInto(); err != nil {
		return nil, err
	}
	return lb, nil
}

// AllowCloudTrail lets the trail trailArn (named trailName) deliver to the
// bucket: AWSCloudTrailAclCheck (s3:GetBucketAcl on the bucket) and
// AWSCloudTrailWrite (s3:PutObject on AWSLogs/<account>/* with
// bucket-owner-full-control), both limited by aws:SourceArn to the allowed
// trails. trailArn must end with ":trail/"+trailName, so the two cannot
// disagree; audit.NewTrail calls this with its TrailIdentity. Allowing the
// same trail twice is a no-op; a second trail is added to the same statements.
func (lb *LogsBucket) AllowCloudTrail(trailArn, trailName string) error {
	var errs []error
	if trailName == "" {
		errs = append(errs, errors.New("trailName: must not be empty; pass the trail's full name"))
	}
	if trailArn == "" {
		errs = append(errs, errors.New("trailArn: must not be empty; build it with audit.NewTrailIdentity"))
	} else if err := tfexpr.Check("trailArn", trailArn); err != nil {
		errs = append(errs, err)
	} else if !strings.Contains(trailArn, "${") && !(strings.HasPrefix(trailArn, "arn:") && strings.Contains(trailArn, ":cloudtrail:")) {
		errs = append(errs, fmt.Errorf("trailArn: %q is not a CloudTrail trail ARN (arn:<partition>:cloudtrail:<region>:<account>:trail/<name>)", trailArn))
	} else if trailName != "" && !strings.HasSuffix(trailArn, ":trail/"+trailName) {
		errs = append(errs, fmt.Errorf("trailArn: %q does not end with %q; the ARN must be the trail's own (use audit.NewTrailIdentity)", trailArn, ":trail/"+trailName))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, t := range lb.trails {
		if t.arn == trailArn {
			return nil
		}
	}
	lb.trails = append(lb.trails, trailRef{trailArn, trailName})
	if err := lb.rewrite(); err != nil {
		lb.trails = lb.trails[:len(lb.trails)-1]
		return err
	}
	return nil
}

// AllowConfig lets AWS Config deliver to the bucket from this account:
// AWSConfigBucketPermissionsCheck (s3:GetBucketAcl), AWSConfigBucketExistenceCheck
// (s3:ListBucket) and AWSConfigBucketDelivery (s3:PutObject on
// AWSLogs/<account>/Config/* with bucket-owner-full-control), each limited by
// aws:SourceAccount. Calling it again is a no-op.
func (lb *LogsBucket) AllowConfig() error {
	if lb.config {
		return nil
	}
	lb.config = true
	if err := lb.rewrite(); err != nil {
		lb.config = false
		return err
	}
	return nil
}

// AllowGuardDuty lets the GuardDuty detector detectorArn export its findings
// into the bucket under prefix (e.g. "guardduty"; GuardDuty writes
// "<prefix>/AWSLogs/<account>/GuardDuty/<region>/..."):
// AWSGuardDutyGetBucketLocation (s3:GetBucketLocation on the bucket) and
// AWSGuardDutyWrite (s3:PutObject on "<prefix>/*"), both limited to this
// account (aws:SourceAccount) and this detector (aws:SourceArn), as the
// GuardDuty User Guide's export policy:
// https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
// One detector per bucket: the same detector and prefix again is a no-op,
// another is an error (a region has one detector per account).
func (lb *LogsBucket) AllowGuardDuty(detectorArn, prefix string) error {
	var errs []error
	if detectorArn == "" {
		errs = append(errs, errors.New("detectorArn: must not be empty; pass the detector's ARN (aws_guardduty_detector.arn)"))
	} else if err := tfexpr.Check("detectorArn", detectorArn); err != nil {
		errs = append(errs, err)
	} else if !strings.Contains(detectorArn, "${") && !(strings.HasPrefix(detectorArn, "arn:") && strings.Contains(detectorArn, ":guardduty:") && strings.Contains(detectorArn, ":detector/")) {
		errs = append(errs, fmt.Errorf("detectorArn: %q is not a GuardDuty detector ARN (arn:<partition>:guardduty:<region>:<account>:detector/<id>)", detectorArn))
	}
	if err := checkPrefix(prefix); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	next := &guardDutyRef{detectorArn, prefix}
	if lb.guardDuty != nil {
		if *lb.guardDuty == *next {
			return nil
		}
		return fmt.Errorf("detectorArn: the bucket already admits detector %s under %q; a region has one detector per account", lb.guardDuty.detectorArn, lb.guardDuty.prefix)
	}
	lb.guardDuty = next
	if err := lb.rewrite(); err != nil {
		lb.guardDuty = nil
		return err
	}
	return nil
}

// checkPrefix accepts an S3 key prefix without leading or trailing "/".
func checkPrefix(prefix string) error {
	switch {
	case prefix == "":
		return errors.New("prefix: must not be empty; give the findings their own prefix, e.g. \"guardduty\"")
	case strings.HasPrefix(prefix, "/") || strings.HasSuffix(prefix, "/"):
		return fmt.Errorf("prefix: %q starts or ends with \"/\"; use e.g. \"guardduty\"", prefix)
	case prefix == "AWSLogs" || strings.HasPrefix(prefix, "AWSLogs/"):
		return fmt.Errorf("prefix: %q is where CloudTrail and AWS Config deliver; use e.g. \"guardduty\"", prefix)
	case strings.ContainsAny(prefix, "*?${}\\ "):
		return fmt.Errorf("prefix: %q contains a character S3 keys here may not use (* ? $ { } \\ space)", prefix)
	}
	return nil
}

// TrailArns lists the trail ARNs allowed to deliver, in the order allowed
// (as given: references or plain text).
func (lb *LogsBucket) TrailArns() []string {
	out := make([]string, len(lb.trails))
	for i, t := range lb.trails {
		out[i] = t.arn
	}
	return out
}

// serviceStatements are the CloudTrail and AWS Config statements allowed so far.
func (lb *LogsBucket) serviceStatements() []policy.Statement {
	var out []policy.Statement
	arn, account := lb.Arn(), lb.aws.AccountID()
	fullControl := policy.Condition{Operator: "StringEquals", Key: "s3:x-amz-acl", Values: []string{"bucket-owner-full-control"}}
	if len(lb.trails) > 0 {
		sourceArn := policy.Condition{Operator: "StringEquals", Key: "aws:SourceArn", Values: lb.TrailArns()}
		cloudtrail := []policy.Principal{policy.Service(awscontext.ServicePrincipal("cloudtrail"))}
		out = append(out,
			policy.Statement{
				Sid: SidCloudTrailACLCheck, Principals: cloudtrail,
				Actions: []string{"s3:GetBucketAcl"}, Resources: []string{arn},
				Conditions: []policy.Condition{sourceArn},
			},
			policy.Statement{
				Sid: SidCloudTrailWrite, Principals: cloudtrail,
				Actions: []string{"s3:PutObject"}, Resources: []string{arn + "/AWSLogs/" + account + "/*"},
				Conditions: []policy.Condition{fullControl, sourceArn},
			})
	}
	if lb.config {
		sourceAccount := policy.Condition{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{account}}
		config := []policy.Principal{policy.Service(awscontext.ServicePrincipal("config"))}
		out = append(out,
			policy.Statement{
				Sid: SidConfigPermissionsCheck, Principals: config,
				Actions: []string{"s3:GetBucketAcl"}, Resources: []string{arn},
				Conditions: []policy.Condition{sourceAccount},
			},
			policy.Statement{
				Sid: SidConfigExistenceCheck, Principals: config,
				Actions: []string{"s3:ListBucket"}, Resources: []string{arn},
				Conditions: []policy.Condition{sourceAccount},
			},
			policy.Statement{
				Sid: SidConfigDelivery, Principals: config,
				Actions: []string{"s3:PutObject"}, Resources: []string{arn + "/AWSLogs/" + account + "/Config/*"},
				Conditions: []policy.Condition{fullControl, sourceAccount},
			})
	}
	if g := lb.guardDuty; g != nil {
		conds := []policy.Condition{
			{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{account}},
			{Operator: "StringEquals", Key: "aws:SourceArn", Values: []string{g.detectorArn}},
		}
		guardduty := []policy.Principal{policy.Service(awscontext.ServicePrincipal("guardduty"))}
		out = append(out,
			policy.Statement{
				Sid: SidGuardDutyLocation, Principals: guardduty,
				Actions: []string{"s3:GetBucketLocation"}, Resources: []string{arn},
				Conditions: conds,
			},
			policy.Statement{
				Sid: SidGuardDutyWrite, Principals: guardduty,
				Actions: []string{"s3:PutObject"}, Resources: []string{arn + "/" + g.prefix + "/*"},
				Conditions: conds,
			})
	}
	return out
}
