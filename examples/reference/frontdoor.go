package reference

import (
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53record"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53zone"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/certificate"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/loadbalancer"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/waf"
)

// FrontDoor is the stack's one public entry: an internet-facing load
// balancer answering HTTPS on Config.Domain (HTTP only redirects), behind a
// WAF web ACL, in front of the reference function.
//
// The target is the existing Lambda function, not a container service,
// because it answers on the first deploy: its code is packaged at synth and
// uploaded by the same apply, whereas a service's image must be pushed into
// a repository the apply creates, so its tasks could not start until a
// second step. The container service is built and tested in
// examples/service instead.
type FrontDoor struct {
	// ZoneID is the public hosted zone holding the validation and alias
	// records: Config.HostedZoneID, or the zone the stack creates.
	ZoneID string
	// NameServers are the created zone's name servers (a reference), to
	// delegate Config.Domain to; "" when Config.HostedZoneID is set.
	NameServers  string
	Certificate  *certificate.Certificate
	LoadBalancer *loadbalancer.LoadBalancer
	WebACL       *waf.WebACL
	Target       *loadbalancer.TargetGroup
}

func newFrontDoor(s *stack.Stack, cfg Config, sec *Security, net *Network, work *Workloads) (*FrontDoor, error) {
	fd := &FrontDoor{ZoneID: cfg.HostedZoneID}
	domain := cfg.domain()
	if fd.ZoneID == "" {
		// A zone of its own: delegate Domain to its name servers (output
		// front_door_name_servers) before the first apply can finish, since
		// ACM validates through public DNS.
		err := stack.Catch(func() {
			zone := route53zone.NewRoute53Zone(s, str("front-door-zone"), &route53zone.Route53ZoneConfig{
				Name:    str(domain),
				Comment: str("Front door of " + s.Naming.Prefix()),
			})
			fd.ZoneID = *zone.ZoneId()
			fd.NameServers = *cdktfJoin(zone.NameServers())
		})
		if err != nil {
			return nil, err
		}
	}
	cert, err := certificate.New(s, "front-door-certificate", certificate.Props{Domain: domain, HostedZoneID: fd.ZoneID})
	if err != nil {
		return nil, err
	}
	lb, err := loadbalancer.New(s, "web", loadbalancer.Props{VPC: net.VPC, Certificate: cert})
	if err != nil {
		return nil, err
	}
	target, err := lb.ForwardToLambda("web-fn", work.Function)
	if err != nil {
		return nil, err
	}
	acl, err := waf.New(s, "web-acl", waf.Props{Key: sec.Key})
	if err != nil {
		return nil, err
	}
	if err := acl.Associate(lb.Arn()); err != nil {
		return nil, err
	}
	err = stack.Catch(func() {
		route53record.NewRoute53Record(s, str("front-door-alias"), &route53record.Route53RecordConfig{
			ZoneId: str(fd.ZoneID),
			Name:   str(domain),
			Type:   str("A"),
			Alias: &route53record.Route53RecordAlias{
				Name: str(lb.DNSName()), ZoneId: str(lb.ZoneID()), EvaluateTargetHealth: true,
			},
		})
	})
	if err != nil {
		return nil, err
	}
	fd.Certificate, fd.LoadBalancer, fd.WebACL, fd.Target = cert, lb, acl, target
	return fd, nil
}

// cdktfJoin joins a list reference with ", " (Terraform's join).
func cdktfJoin(list *[]*string) *string { return cdktf.Fn_Join(str(", "), list) }
func str(s string) *string              { return &s }
