package loadbalancer

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lb"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lblistener"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/suppress"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"
)

// Ports the load balancer accepts from the internet.
const (
	HTTPSPort = 443
	HTTPPort  = 80
)

// WorldIngressReason is the reason recorded with the SG005 suppression on
// the load balancer's group: the one documented exception to "no ingress
// from the internet".
const WorldIngressReason = "public front door: an internet-facing load balancer accepts tcp/443 (HTTPS) and tcp/80 (redirected to 443 only) from 0.0.0.0/0; every other group of the library admits only groups or narrower blocks"

// kind is the naming rule of load balancers and target groups.
var kind = naming.Kind{Label: "load balancer", Min: 1, Max: 32,
	Pattern: regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`), Rule: "use letters, digits and inner hyphens"}

// LoadBalancer is an internet-facing Application Load Balancer with an
// HTTPS listener and an HTTP listener that only redirects to it.
type LoadBalancer struct {
	node       constructs.Construct
	st         *stack.Stack
	fullName   string
	vpc        *network.VPC
	sg         *network.SecurityGroup
	lb         lb.Lb
	arn, dns   string // read from the kernel once, on first use
	https      lblistener.LbListener
	http       lblistener.LbListener
	logs       *storage.LoadBalancerLogsBucket
	tlsPolicy  string
	protected  bool
	targets    []*TargetGroup
	forwarding *TargetGroup
}

// New validates props and creates the security group (world ingress on 443
// and 80 only), the logs bucket when none is given, the load balancer and
// both listeners. Until a target is set (ForwardToLambda, NewIPTargetGroup)
// the HTTPS listener answers 404.
func New(scope constructs.Construct, id string, props Props) (*LoadBalancer, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	name := props.Name
	if name == "" {
		name = id
	}
	st, fullName, err := stack.Named(scope, id, kind, name)
	if err != nil {
		return nil, err
	}
	if err := checkELBName("name", "load balancer", fullName); err != nil {
		return nil, err
	}
	if len(props.VPC.PublicSubnetIDs()) < 2 {
		return nil, fmt.Errorf("vpc: %s has %d public subnet(s); an Application Load Balancer needs subnets in at least two availability zones", props.VPC.Name(), len(props.VPC.PublicSubnetIDs()))
	}
	production := naming.IsProductionEnvironment(st.Naming.Environment)
	l := &LoadBalancer{st: st, fullName: fullName, vpc: props.VPC, logs: props.Logs,
		tlsPolicy: props.TLSPolicy}
	if l.tlsPolicy == "" {
		l.tlsPolicy = DefaultTLSPolicy
	}
	switch props.DeletionProtection {
	case Protect:
		l.protected = true
	case ByEnvironment:
		l.protected = production
	}
	if err := stack.Catch(func() { l.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	if l.logs == nil {
		l.logs, err = storage.NewLoadBalancerLogsBucket(l.node, "logs", storage.LoadBalancerLogsBucketProps{
			Name: name + "-lb-logs", ForceDestroy: !production,
		})
		if err != nil {
			return nil, fmt.Errorf("logs: %w", err)
		}
	}
	if err := l.logs.AllowLoadBalancer(fullName); err != nil {
		return nil, fmt.Errorf("logs: %w", err)
	}
	if err := l.newSecurityGroup(name); err != nil {
		return nil, err
	}
	err = stack.Catch(func() {
		deps := append(l.logs.DependsOnTargets(), props.VPC.InternetGatewayAttachment())
		l.lb = lb.NewLb(l.node, str("lb"), &lb.LbConfig{
			Name:                     str(fullName),
			Internal:                 false,
			LoadBalancerType:         str("application"),
			IpAddressType:            str("ipv4"),
			Subnets:                  jsiival.Strings(props.VPC.PublicSubnetIDs()),
			SecurityGroups:           jsiival.Strings([]string{l.sg.ID()}),
			DropInvalidHeaderFields:  true,
			DesyncMitigationMode:     str(DesyncMitigationMode),
			EnableDeletionProtection: l.protected,
			EnableHttp2:              true,
			IdleTimeout:              f64(orInt(props.IdleTimeoutSeconds, DefaultIdleTimeoutSeconds)),
			AccessLogs: &lb.LbAccessLogs{
				Bucket: str(l.logs.Name()), Prefix: str(fullName), Enabled: true,
			},
			ConnectionLogs: &lb.LbConnectionLogs{
				Bucket: str(l.logs.Name()), Prefix: str(fullName), Enabled: true,
			},
			Tags:      &map[string]*string{"Name": str(fullName)},
			DependsOn: &deps,
		})
		l.https = lblistener.NewLbListener(l.node, str("https"), &lblistener.LbListenerConfig{
			LoadBalancerArn: str(l.Arn()),
			Port:            f64(HTTPSPort),
			Protocol:        str("HTTPS"),
			SslPolicy:       str(l.tlsPolicy),
			CertificateArn:  str(props.Certificate.Arn()),
			DefaultAction:   notFound(),
		})
		l.http = lblistener.NewLbListener(l.node, str("http-redirect"), &lblistener.LbListenerConfig{
			LoadBalancerArn: str(l.Arn()),
			Port:            f64(HTTPPort),
			Protocol:        str("HTTP"),
			DefaultAction: []*lblistener.LbListenerDefaultAction{{
				Type: str("redirect"),
				Redirect: &lblistener.LbListenerDefaultActionRedirect{
					Protocol: str("HTTPS"), Port: str(fmt.Sprint(HTTPSPort)), StatusCode: str("HTTP_301"),
				},
			}},
		})
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// newSecurityGroup creates "{name}-lb", the one group admitting the
// internet, on 443 and 80 only, with the SG005 suppression giving the reason.
func (l *LoadBalancer) newSecurityGroup(name string) error {
	sg, err := network.NewSecurityGroup(l.node, "security-group", network.SecurityGroupProps{
		VPC: l.vpc, Name: name + "-lb", Description: "Internet-facing load balancer " + l.fullName + ": HTTPS and HTTP (redirect) from anywhere",
	})
	if err != nil {
		return fmt.Errorf("security group: %w", err)
	}
	for _, p := range []int{HTTPSPort, HTTPPort} {
		desc := "HTTPS from the internet"
		if p == HTTPPort {
			desc = "HTTP from the internet, redirected to HTTPS"
		}
		if err := sg.AllowFromCIDR("0.0.0.0/0", p, desc); err != nil {
			return fmt.Errorf("security group: %w", err)
		}
	}
	if err := suppress.Rule(sg.Construct(), "SG005", WorldIngressReason); err != nil {
		return err
	}
	l.sg = sg
	return nil
}

func notFound() []*lblistener.LbListenerDefaultAction {
	return []*lblistener.LbListenerDefaultAction{{
		Type: str("fixed-response"),
		FixedResponse: &lblistener.LbListenerDefaultActionFixedResponse{
			ContentType: str("text/plain"), MessageBody: str("Not Found"), StatusCode: str("404"),
		},
	}}
}

// forward makes tg the HTTPS listener's default action.
func (l *LoadBalancer) forward(tg *TargetGroup) error {
	if l.forwarding != nil {
		return fmt.Errorf("target: load balancer %s already forwards to %s; it has one target", l.fullName, l.forwarding.name)
	}
	err := stack.Catch(func() {
		l.https.PutDefaultAction([]*lblistener.LbListenerDefaultAction{{
			Type: str("forward"), TargetGroupArn: str(tg.arn),
		}})
	})
	if err != nil {
		return err
	}
	l.forwarding = tg
	return nil
}

// Arn is the load balancer's ARN (a reference).
func (l *LoadBalancer) Arn() string { return jsiival.Once(&l.arn, l.lb.Arn) }

// Name is the load balancer's name, "{company}-{environment}-{name}" (plain
// text known at synth; depend on the construct for ordering).
func (l *LoadBalancer) Name() string { return l.fullName }

// DNSName is the load balancer's DNS name (a reference).
func (l *LoadBalancer) DNSName() string { return jsiival.Once(&l.dns, l.lb.DnsName) }

// ZoneID is the load balancer's canonical hosted zone ID, for alias records
// (a reference).
func (l *LoadBalancer) ZoneID() string { return *l.lb.ZoneId() }

// SecurityGroup is the load balancer's group (world ingress on 443 and 80).
func (l *LoadBalancer) SecurityGroup() *network.SecurityGroup { return l.sg }

// Logs is the bucket receiving the access and connection logs.
func (l *LoadBalancer) Logs() *storage.LoadBalancerLogsBucket { return l.logs }

// TLSPolicy is the HTTPS listener's security policy (plain text).
func (l *LoadBalancer) TLSPolicy() string { return l.tlsPolicy }

// DeletionProtected reports whether deletion protection is on.
func (l *LoadBalancer) DeletionProtected() bool { return l.protected }

// HTTPSListener is the HTTPS listener, for resources that must wait for it
// (an ECS service registering with a target group).
func (l *LoadBalancer) HTTPSListener() cdktf.ITerraformDependable { return l.https }

// Construct is the load balancer's construct node.
func (l *LoadBalancer) Construct() constructs.Construct { return l.node }

func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func str(s string) *string { return &s }
func f64(n int) *float64   { f := float64(n); return &f }

var errNilTarget = errors.New("target: required")

// targetName is "{lb name}-{suffix}", checked as an ELB name.
func (l *LoadBalancer) targetName(field, suffix string) (string, error) {
	if suffix == "" || strings.Trim(suffix, "-") != suffix {
		return "", fmt.Errorf("%s: %q is not a target group name suffix; use letters, digits and inner hyphens", field, suffix)
	}
	full := l.st.Naming.Prefix() + "-" + suffix
	return full, checkELBName(field, "target group", full)
}
