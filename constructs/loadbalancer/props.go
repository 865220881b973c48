// Package loadbalancer is the library's public front door: an
// internet-facing Application Load Balancer in the VPC's public subnets
// with one HTTPS listener (a TLS 1.3 security policy), port 80 only
// redirecting to 443, invalid header fields dropped, the strictest desync
// mitigation, deletion protection in production, and access and connection
// logs in an SSE-S3 bucket ELB can write to in the stack's region. Its
// security group is the one place the library accepts ingress from the
// internet (tcp/443 and tcp/80 from 0.0.0.0/0), recorded as a guard
// suppression of SG005 with the reason.
//
// Targets: ForwardToLambda (a compute.Function) or NewIPTargetGroup (a
// container service, see package container). A web ACL (package waf) is
// associated with Associate on the WAF side.
package loadbalancer

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
)

// DefaultTLSPolicy is the HTTPS listener's security policy: TLS 1.3 and
// TLS 1.2 with forward-secret AEAD ciphers only, the policy the ELB console
// uses by default. The APIs (and so Terraform) default to
// ELBSecurityPolicy-2016-08, which accepts TLS 1.0:
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
const DefaultTLSPolicy = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"

// DesyncMitigationMode is the strictest of ELB's HTTP desync mitigation
// modes (monitor, defensive, strictest): only requests that comply with
// RFC 7230 are forwarded:
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode
const DesyncMitigationMode = "strictest"

// DefaultIdleTimeoutSeconds is the load balancer's idle timeout.
const DefaultIdleTimeoutSeconds = 60

// tls13Policy matches the ELB security policies whose lowest protocol is
// TLS 1.2 or TLS 1.3 and that offer TLS 1.3 (ELBSecurityPolicy-TLS13-1-2-*,
// ELBSecurityPolicy-TLS13-1-3-*; the TLS13-1-0 and TLS13-1-1 ones still
// accept TLS 1.0/1.1), from the table in the page above.
var tls13Policy = regexp.MustCompile(`^ELBSecurityPolicy-TLS13-1-[23](-[A-Za-z0-9]+)*-20[0-9]{2}-[0-9]{2}$`)

// Protection decides whether the load balancer can be deleted.
type Protection int

const (
	// ByEnvironment (the zero value) turns deletion protection on in
	// production environments ("prod", "production") and off elsewhere.
	ByEnvironment Protection = iota
	// Protect turns deletion protection on.
	Protect
	// AllowDeletion turns it off.
	AllowDeletion
)

// Certificate is what the HTTPS listener serves; *certificate.Certificate
// implements it.
type Certificate interface {
	// Arn is the certificate's ARN (a reference that waits for validation).
	Arn() string
}

// Props configures a LoadBalancer.
type Props struct {
	// Name is the name suffix: the load balancer is
	// "{company}-{environment}-{Name}" (at most 32 characters). Default: the
	// construct id.
	Name string
	// VPC is the VPC whose public subnets the load balancer uses. Required.
	VPC *network.VPC
	// Certificate is served by the HTTPS listener. Required.
	Certificate Certificate
	// TLSPolicy is the HTTPS listener's security policy; only TLS 1.3
	// policies whose lowest version is TLS 1.2 or 1.3 are accepted.
	// Default: DefaultTLSPolicy.
	TLSPolicy string
	// DeletionProtection: Protect, AllowDeletion, or (zero) ByEnvironment.
	DeletionProtection Protection
	// Logs receives access and connection logs under the prefix
	// "{company}-{environment}-{Name}". Default: a new
	// storage.LoadBalancerLogsBucket "{company}-{environment}-{Name}-lb-logs"
	// (ForceDestroy outside production).
	Logs *storage.LoadBalancerLogsBucket
	// IdleTimeoutSeconds is the connection idle timeout, 1-4000. Default: 60.
	IdleTimeoutSeconds int
}

// Validate reports every problem with the props, each naming its field.
func (p Props) Validate() error {
	var errs []error
	if p.VPC == nil {
		errs = append(errs, errors.New("vpc: required; pass the *network.VPC whose public subnets the load balancer uses"))
	}
	if p.Certificate == nil || (reflect.ValueOf(p.Certificate).Kind() == reflect.Pointer && reflect.ValueOf(p.Certificate).IsNil()) {
		errs = append(errs, errors.New("certificate: required; pass a *certificate.Certificate (certificate.New), the HTTPS listener serves it"))
	}
	if p.TLSPolicy != "" && !tls13Policy.MatchString(p.TLSPolicy) {
		errs = append(errs, fmt.Errorf("tlsPolicy: %q is not a TLS 1.3 policy with TLS 1.2 or later as its lowest version; use %q or another ELBSecurityPolicy-TLS13-1-2-* / -TLS13-1-3-* policy", p.TLSPolicy, DefaultTLSPolicy))
	}
	if p.DeletionProtection < ByEnvironment || p.DeletionProtection > AllowDeletion {
		errs = append(errs, fmt.Errorf("deletionProtection: %d is not a Protection; use loadbalancer.ByEnvironment, Protect or AllowDeletion", int(p.DeletionProtection)))
	}
	if t := p.IdleTimeoutSeconds; t != 0 && (t < 1 || t > 4000) {
		errs = append(errs, fmt.Errorf("idleTimeoutSeconds: %d is out of range; ELB accepts 1-4000", t))
	}
	return errors.Join(errs...)
}

var lbNamePattern = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`)

// checkELBName checks a load balancer or target group name: at most 32
// letters, digits and hyphens, not starting or ending with a hyphen, not
// starting with "internal-":
// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
func checkELBName(field, kind, name string) error {
	switch {
	case len(name) > 32:
		return fmt.Errorf("%s: the %s name %q is %d characters; ELB allows at most 32 (shorten the company, environment or name)", field, kind, name, len(name))
	case !lbNamePattern.MatchString(name):
		return fmt.Errorf("%s: the %s name %q is not allowed; use letters, digits and hyphens, not starting or ending with a hyphen", field, kind, name)
	case strings.HasPrefix(name, "internal-"):
		return fmt.Errorf("%s: the %s name %q starts with \"internal-\", which ELB refuses", field, kind, name)
	}
	return nil
}
