package storage

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// SidLoadBalancerLogs is the Sid of the statement that lets Elastic Load
// Balancing deliver access and connection logs.
const SidLoadBalancerLogs = "AWSLoadBalancerLogDelivery"

// DefaultLoadBalancerLogsExpirationDays is how long load balancer logs are kept.
const DefaultLoadBalancerLogsExpirationDays = 365

// LoadBalancerLogsBucketProps configures a bucket for load balancer logs.
type LoadBalancerLogsBucketProps struct {
	// Name is the bucket name suffix ("{company}-{environment}-{Name}").
	// Default: the construct id.
	Name string
	// ExpirationDays deletes log objects this many days after delivery.
	// Default: 365.
	ExpirationDays int
	// ForceDestroy lets `terraform destroy` delete the bucket with its logs.
	// Default: false.
	ForceDestroy bool
}

// Validate reports every problem with the props, each error naming the field.
func (p LoadBalancerLogsBucketProps) Validate() error {
	return errors.Join(validateSuffix(p.Name), validateDays("expirationDays", p.ExpirationDays, 1))
}

// LoadBalancerLogsBucket receives Application Load Balancer access and
// connection logs. ELB supports only SSE-S3 (AES256) on the target bucket
// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html),
// so it has no KMS key; otherwise it is hardened like every bucket
// (versioning, public access block, BucketOwnerEnforced, TLS-only Deny,
// server access logs into the stack's access-logs bucket). AllowLoadBalancer
// adds the delivery statement for the stack's region: the region's ELB
// account or logdelivery.elasticloadbalancing.amazonaws.com, from
// constructs/catalog, on "<prefix>/AWSLogs/<this account>/*" only.
type LoadBalancerLogsBucket struct {
	*Bucket
	region   string
	delivery catalog.ELBLogDelivery
	prefixes []string
}

// NewLoadBalancerLogsBucket creates the bucket. The stack's region must be
// in the catalogue's ELB log-delivery table (every region the library
// accepts is).
func NewLoadBalancerLogsBucket(scope constructs.Construct, id string, props LoadBalancerLogsBucketProps) (*LoadBalancerLogsBucket, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, err := stack.Of(scope)
	if err != nil {
		return nil, err
	}
	delivery, err := catalog.ELBLogDeliveryFor("region", st.RegionName)
	if err != nil {
		return nil, err
	}
	name := props.Name
	if name == "" {
		name = id
	}
	days := props.ExpirationDays
	if days == 0 {
		days = DefaultLoadBalancerLogsExpirationDays
	}
	b, err := newBucket(scope, id, name, nil, props.ForceDestroy)
	if err != nil {
		return nil, err
	}
	lb := &LoadBalancerLogsBucket{Bucket: b, region: st.RegionName, delivery: delivery}
	b.service = lb.serviceStatements
	if err := b.addLifecycle([]lifecycleRule{
		expireCurrent(days),
		expireNoncurrent(accessLogsNoncurrentDays),
		abortMultipart(DefaultAbortIncompleteMultipartUploadDays),
	}); err != nil {
		return nil, err
	}
	if err := b.logInto(); err != nil {
		return nil, err
	}
	return lb, nil
}

var lbPrefixPattern = regexp.MustCompile(`^[a-zA-Z0-9!_.*'()-]+(/[a-zA-Z0-9!_.*'()-]+)*$`)

// AllowLoadBalancer lets the region's ELB log delivery write objects under
// "<prefix>/AWSLogs/<this account>/" (ELB adds "AWSLogs/<account>/..." after
// the prefix). prefix must not be empty, start or end with "/", or contain
// "AWSLogs" (ELB refuses it). Allowing the same prefix twice is a no-op.
func (lb *LoadBalancerLogsBucket) AllowLoadBalancer(prefix string) error {
	switch {
	case prefix == "":
		return errors.New("prefix: required; use the load balancer's name, e.g. \"acme-dev-web\"")
	case strings.Contains(prefix, "AWSLogs"):
		return fmt.Errorf("prefix: %q contains \"AWSLogs\", which ELB adds itself and refuses in a prefix", prefix)
	case !lbPrefixPattern.MatchString(prefix):
		return fmt.Errorf("prefix: %q is not a log prefix; use letters, digits and !_.*'()- separated by single \"/\", without a leading or trailing \"/\"", prefix)
	}
	for _, p := range lb.prefixes {
		if p == prefix {
			return nil
		}
	}
	lb.prefixes = append(lb.prefixes, prefix)
	if err := lb.rewrite(); err != nil {
		lb.prefixes = lb.prefixes[:len(lb.prefixes)-1]
		return err
	}
	return nil
}

// Delivery is who writes the logs in this bucket's region (from the catalogue).
func (lb *LoadBalancerLogsBucket) Delivery() catalog.ELBLogDelivery { return lb.delivery }

// Prefixes lists the allowed log prefixes, in order (plain text).
func (lb *LoadBalancerLogsBucket) Prefixes() []string { return append([]string(nil), lb.prefixes...) }

// serviceStatements is the delivery statement once a prefix is allowed.
func (lb *LoadBalancerLogsBucket) serviceStatements() []policy.Statement {
	if len(lb.prefixes) == 0 {
		return nil
	}
	var resources []string
	for _, p := range lb.prefixes {
		resources = append(resources, lb.Arn()+"/"+p+"/AWSLogs/"+lb.aws.AccountID()+"/*")
	}
	principal := policy.Service(lb.delivery.Service)
	if lb.delivery.Account != "" {
		principal = policy.AWS("arn:" + lb.aws.Partition() + ":iam::" + lb.delivery.Account + ":root")
	}
	return []policy.Statement{{
		Sid:        SidLoadBalancerLogs,
		Principals: []policy.Principal{principal},
		Actions:    []string{"s3:PutObject"},
		Resources:  resources,
	}}
}
