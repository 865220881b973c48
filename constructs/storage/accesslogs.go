package storage

import (
	"errors"
	"fmt"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketlogging"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// AccessLogsBucketID is the construct id of a stack's access-logs bucket,
// directly under the stack: one per stack.
const AccessLogsBucketID = "access-logs"

// SidServerAccessLogs is the Sid of the statement that lets S3 server access
// logging deliver to the access-logs bucket.
const SidServerAccessLogs = "S3ServerAccessLogsPolicy"

// Defaults of AccessLogsBucketProps.
const (
	DefaultAccessLogsExpirationDays = 365
	// accessLogsNoncurrentDays expires replaced log objects (S3 writes new
	// keys, so there are few).
	accessLogsNoncurrentDays = 30
)

// AccessLogsBucketProps configures a stack's access-logs bucket.
type AccessLogsBucketProps struct {
	// Name is the bucket name suffix ("{company}-{environment}-{Name}").
	// Default: "access-logs".
	Name string
	// ExpirationDays deletes access-log objects this many days after they
	// are written. Default: 365.
	ExpirationDays int
	// ForceDestroy lets `terraform destroy` delete the bucket with its logs.
	// Default: false.
	ForceDestroy bool
}

// Validate reports every problem with the props, each error naming the field.
func (p AccessLogsBucketProps) Validate() error {
	return errors.Join(validateSuffix(p.Name), validateDays("expirationDays", p.ExpirationDays, 1))
}

// AccessLogsBucket receives the S3 server access logs of every other bucket
// of its stack, each under the prefix "{source bucket name}/". S3 cannot
// deliver server access logs to an SSE-KMS bucket, so it is encrypted with
// SSE-S3 (AES256); otherwise it is hardened like every bucket (versioning,
// public access block, BucketOwnerEnforced, TLS-only Deny). Its policy lets
// logging.s3.amazonaws.com put objects only for this account's listed
// source buckets (aws:SourceAccount, aws:SourceArn). Its own access is not
// logged (that would log into itself). It has every method of Bucket.
type AccessLogsBucket struct {
	*Bucket
	sources []string // source bucket ARNs (references), in order added
}

var (
	accessLogsMu sync.Mutex
	accessLogs   = map[*stack.Stack]*AccessLogsBucket{}
)

// NewAccessLogsBucket creates the stack's access-logs bucket under the stack
// (construct id AccessLogsBucketID). Call it before the stack's first other
// bucket to choose its settings; otherwise that bucket creates it with the
// defaults. A second call for the same stack is an error.
func NewAccessLogsBucket(scope constructs.Construct, props AccessLogsBucketProps) (*AccessLogsBucket, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	accessLogsMu.Lock()
	defer accessLogsMu.Unlock()
	if _, ok := accessLogs[st]; ok {
		return nil, fmt.Errorf("scope: stack %s already has its access-logs bucket; create it once, before the stack's other buckets", st.Naming.Prefix())
	}
	return newAccessLogsBucket(st, props)
}

// AccessLogsOf returns the access-logs bucket of scope's stack, creating it
// with the default AccessLogsBucketProps on first use.
func AccessLogsOf(scope constructs.Construct) (*AccessLogsBucket, error) {
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	accessLogsMu.Lock()
	defer accessLogsMu.Unlock()
	if lb, ok := accessLogs[st]; ok {
		return lb, nil
	}
	return newAccessLogsBucket(st, AccessLogsBucketProps{})
}

// newAccessLogsBucket builds the bucket; the caller holds accessLogsMu.
func newAccessLogsBucket(st *stack.Stack, p AccessLogsBucketProps) (*AccessLogsBucket, error) {
	if p.Name == "" {
		p.Name = AccessLogsBucketID
	}
	if p.ExpirationDays == 0 {
		p.ExpirationDays = DefaultAccessLogsExpirationDays
	}
	b, err := newBucket(st, AccessLogsBucketID, p.Name, nil, p.ForceDestroy)
	if err != nil {
		return nil, err
	}
	alb := &AccessLogsBucket{Bucket: b}
	b.service = alb.serviceStatements
	if err := b.addLifecycle([]lifecycleRule{
		expireCurrent(p.ExpirationDays),
		expireNoncurrent(accessLogsNoncurrentDays),
		abortMultipart(DefaultAbortIncompleteMultipartUploadDays),
	}); err != nil {
		return nil, err
	}
	accessLogs[st] = alb
	return alb, nil
}

// Sources lists the ARNs of the buckets that log into this one, in order (as
// given: references or plain text).
func (alb *AccessLogsBucket) Sources() []string { return append([]string(nil), alb.sources...) }

// serviceStatements is the delivery statement, once a source exists (an
// ArnLike with no values would be refused).
func (alb *AccessLogsBucket) serviceStatements() []policy.Statement {
	if len(alb.sources) == 0 {
		return nil
	}
	return []policy.Statement{{
		Sid:        SidServerAccessLogs,
		Principals: []policy.Principal{policy.Service("logging.s3.amazonaws.com")},
		Actions:    []string{"s3:PutObject"},
		Resources:  []string{alb.Arn() + "/*"},
		Conditions: []policy.Condition{
			{Operator: "ArnLike", Key: "aws:SourceArn", Values: alb.Sources()},
			{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{alb.aws.AccountID()}},
		},
	}}
}

// logInto turns on server access logging of b into the stack's access-logs
// bucket (prefix "{bucket name}/") and admits b in that bucket's policy.
// The logging resource depends on the access-logs bucket's policy, so S3
// can deliver from the first request.
func (b *Bucket) logInto() error {
	alb, err := AccessLogsOf(b.node)
	if err != nil {
		return fmt.Errorf("access logs: %w", err)
	}
	alb.sources = append(alb.sources, b.Arn())
	if err := alb.rewrite(); err != nil {
		alb.sources = alb.sources[:len(alb.sources)-1]
		return err
	}
	b.accessLogs = alb
	return stack.Catch(func() {
		deps := alb.DependsOnTargets()
		s3bucketlogging.NewS3BucketLoggingA(b.node, str("access-logging"), &s3bucketlogging.S3BucketLoggingAConfig{
			Bucket:       str(b.id),
			TargetBucket: str(alb.Name()),
			TargetPrefix: str(b.fullName + "/"),
			DependsOn:    &deps,
		})
	})
}

// AccessLogs is the bucket this one's server access logs go to; nil for
// the access-logs bucket itself.
func (b *Bucket) AccessLogs() *AccessLogsBucket { return b.accessLogs }
