package trigger

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lambdapermission"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketnotification"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/compute"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
)

// S3EventTypes are the event types S3 can send to a function (Amazon S3
// User Guide, "Supported event types for SQS, SNS, and Lambda",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
var S3EventTypes = []string{
	"s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
	"s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
	"s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
	"s3:ReducedRedundancyLostObject",
	"s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationMissedThreshold",
	"s3:Replication:OperationReplicatedAfterThreshold", "s3:Replication:OperationNotTracked",
	"s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
	"s3:LifecycleTransition", "s3:IntelligentTiering",
	"s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put",
}

// DefaultS3Events is what a FunctionTarget receives by default: new objects.
var DefaultS3Events = []string{"s3:ObjectCreated:*"}

// FunctionTarget sends a bucket's events to a function.
type FunctionTarget struct {
	// Function is invoked with the events. Required.
	Function *compute.Function
	// Events are S3 event types (S3EventTypes). Default: DefaultS3Events.
	Events []string
	// Prefix and Suffix filter object keys (e.g. "uploads/", ".csv").
	// Default: every key.
	Prefix, Suffix string
}

// BucketNotificationProps configures the notifications of one bucket.
type BucketNotificationProps struct {
	// Bucket sends the events. Required.
	Bucket *storage.Bucket
	// Functions receive them. Required: at least one.
	Functions []FunctionTarget
}

// Validate reports every problem, each naming its field.
func (p BucketNotificationProps) Validate() error {
	var errs []error
	if p.Bucket == nil {
		errs = append(errs, errors.New("bucket: must not be nil; pass the *storage.Bucket whose events invoke the functions"))
	}
	if len(p.Functions) == 0 {
		errs = append(errs, errors.New("functions: required; list at least one FunctionTarget"))
	}
	for i, t := range p.Functions {
		field := fmt.Sprintf("functions[%d]", i)
		if t.Function == nil {
			errs = append(errs, fmt.Errorf("%s.function: must not be nil", field))
		}
		for j, e := range t.Events {
			if !slices.Contains(S3EventTypes, e) {
				errs = append(errs, fmt.Errorf("%s.events[%d]: %q is not an S3 event type; use e.g. %q (trigger.S3EventTypes lists them)", field, j, e, "s3:ObjectCreated:*"))
			}
		}
		for j := 0; j < i; j++ {
			if overlap(p.Functions[j], t) {
				errs = append(errs, fmt.Errorf("%s: overlaps functions[%d] (same event type and overlapping prefix and suffix); S3 refuses overlapping notifications: give them disjoint prefixes, suffixes or events", field, j))
			}
		}
	}
	return errors.Join(errs...)
}

func events(t FunctionTarget) []string {
	if len(t.Events) == 0 {
		return DefaultS3Events
	}
	return t.Events
}

// overlap reports whether S3 would see two rules matching the same event
// of the same key.
func overlap(a, b FunctionTarget) bool {
	same := false
	for _, x := range events(a) {
		for _, y := range events(b) {
			xs, ys := strings.TrimSuffix(x, "*"), strings.TrimSuffix(y, "*")
			if x == y || strings.HasPrefix(x, ys) && strings.HasSuffix(y, "*") || strings.HasPrefix(y, xs) && strings.HasSuffix(x, "*") {
				same = true
			}
		}
	}
	if !same {
		return false
	}
	prefixes := strings.HasPrefix(a.Prefix, b.Prefix) || strings.HasPrefix(b.Prefix, a.Prefix)
	suffixes := strings.HasSuffix(a.Suffix, b.Suffix) || strings.HasSuffix(b.Suffix, a.Suffix)
	return prefixes && suffixes
}

// BucketNotification is a bucket's notification configuration with the
// permissions it needs.
type BucketNotification struct {
	node        constructs.Construct
	permissions []lambdapermission.LambdaPermission
}

// NewBucketNotification validates props and creates one permission per
// function and the notification, which depends on them.
func NewBucketNotification(scope constructs.Construct, id string, props BucketNotificationProps) (*BucketNotification, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, err := stack.Start(scope, id)
	if err != nil {
		return nil, err
	}
	if err := st.Claim(naming.BucketNotification, props.Bucket.FullName(), scope, id); err != nil {
		return nil, fmt.Errorf("bucket: %w (S3 keeps one notification configuration per bucket: list every function in one NewBucketNotification)", err)
	}
	n := &BucketNotification{}
	err = stack.Catch(func() {
		n.node = st.NewNode(scope, id)
		var fns []*s3bucketnotification.S3BucketNotificationLambdaFunction
		var deps []cdktf.ITerraformDependable
		for i, t := range props.Functions {
			// Only this bucket, in this account, may invoke the function
			// (AWS Lambda Developer Guide, "Granting function access to AWS
			// services",
			// https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html).
			perm := lambdapermission.NewLambdaPermission(n.node, str(fmt.Sprintf("permission-%d", i)), &lambdapermission.LambdaPermissionConfig{
				StatementId:   str(fmt.Sprintf("AllowS3-%s-%d", props.Bucket.FullName(), i)),
				Action:        str("lambda:InvokeFunction"),
				FunctionName:  str(t.Function.Name()),
				Principal:     str("s3.amazonaws.com"),
				SourceArn:     str(props.Bucket.Arn()),
				SourceAccount: str(st.AWS.AccountID()),
			})
			n.permissions = append(n.permissions, perm)
			deps = append(deps, perm)
			fn := &s3bucketnotification.S3BucketNotificationLambdaFunction{
				Id:                str(fmt.Sprintf("%s-%d", t.Function.FullName(), i)),
				LambdaFunctionArn: str(t.Function.Arn()),
				Events:            strs(events(t)),
			}
			if t.Prefix != "" {
				fn.FilterPrefix = str(t.Prefix)
			}
			if t.Suffix != "" {
				fn.FilterSuffix = str(t.Suffix)
			}
			fns = append(fns, fn)
		}
		// S3 checks that it may invoke each function when the configuration
		// is written ("Unable to validate the following destination
		// configurations" otherwise: Amazon S3 API Reference,
		// PutBucketNotificationConfiguration,
		// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html),
		// so the notification waits for the permissions and the bucket's hardening.
		deps = append(deps, props.Bucket.DependsOnTargets()...)
		s3bucketnotification.NewS3BucketNotification(n.node, str("notification"), &s3bucketnotification.S3BucketNotificationConfig{
			Bucket:         str(props.Bucket.Name()),
			LambdaFunction: &fns,
			DependsOn:      &deps,
		})
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// Construct is the notification's construct node.
func (n *BucketNotification) Construct() constructs.Construct { return n.node }

func str(s string) *string { return &s }
func strs(s []string) *[]*string {
	out := make([]*string, len(s))
	for i := range s {
		out[i] = str(s[i])
	}
	return &out
}
func f64(i int) *float64 { f := float64(i); return &f }
