// Package service is the container front door: a team's private HTTP
// service on Fargate behind the library's public load balancer and WAF,
// with no NAT gateway (its tasks pull their image through VPC endpoints).
//
// The reference stack (examples/reference) puts its Lambda function behind
// the front door instead, because a function answers on the first deploy.
// A service answers once its image is in the repository: apply, push the
// image (`docker push <repository_url>:v1` prints its digest), set
// Config.ImageDigest to that digest and apply again.
package service

import (
	"errors"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53record"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53zone"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/certificate"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/container"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/loadbalancer"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/waf"
)

// Config is the service's environment.
type Config struct {
	// Company, Environment and Region name the stack "{company}-{environment}-svc". Required.
	Company, Environment, Region string
	// CertificateArn is an issued ACM certificate for the service's domain,
	// in Region. Default: "", a new certificate for Domain.
	CertificateArn string
	// Domain is the service's DNS name, used when CertificateArn is "": the
	// stack requests a certificate for it, validated through DNS in
	// HostedZoneID, and points an alias record at the load balancer.
	// Required without CertificateArn.
	Domain string
	// HostedZoneID is the public Route 53 zone serving Domain. Default: "",
	// the stack creates a zone for Domain (delegate Domain to its name
	// servers, output name_servers, before the first apply can finish).
	HostedZoneID string
	// ImageDigest is the image to run, "sha256:...". Required.
	ImageDigest string
	// ContainerPort is the port the image listens on. Default: 8080.
	ContainerPort int
	// HealthCheckPath is what the load balancer checks. Default: "/healthz".
	HealthCheckPath string
}

// StackID is "{company}-{environment}-svc".
func (c Config) StackID() string { return c.Company + "-" + c.Environment + "-svc" }

// Service is the built stack.
type Service struct {
	Stack        *stack.Stack
	Key          *encryption.Key
	VPC          *network.VPC
	Repository   *container.Repository
	LoadBalancer *loadbalancer.LoadBalancer
	WebACL       *waf.WebACL
	Service      *container.Service
}

// New builds the stack in app.
func New(app *stack.App, cfg Config) (*Service, error) {
	port, path := cfg.ContainerPort, cfg.HealthCheckPath
	if port == 0 {
		port = 8080
	}
	if path == "" {
		path = "/healthz"
	}
	s, err := stack.New(app, cfg.StackID(), stack.Props{Company: cfg.Company, Environment: cfg.Environment, Region: cfg.Region})
	if err != nil {
		return nil, err
	}
	out := &Service{Stack: s}
	if out.Key, err = encryption.NewKey(s, "key", encryption.KeyProps{}); err != nil {
		return nil, err
	}
	if out.VPC, err = network.NewVPC(s, "vpc", network.VPCProps{FlowLogKey: out.Key, NATGateways: network.NoNAT}); err != nil {
		return nil, err
	}
	zoneID, nameServers := cfg.HostedZoneID, ""
	cp := certificate.Props{ExistingArn: cfg.CertificateArn}
	if cfg.CertificateArn == "" {
		if cfg.Domain == "" {
			return nil, errors.New("domain: required without CertificateArn; set Domain (and HostedZoneID) or CertificateArn")
		}
		if zoneID == "" {
			err := stack.Catch(func() {
				zone := route53zone.NewRoute53Zone(s, str("zone"), &route53zone.Route53ZoneConfig{Name: str(cfg.Domain), Comment: str("Service " + s.Naming.Prefix())})
				zoneID, nameServers = *zone.ZoneId(), *cdktf.Fn_Join(str(", "), zone.NameServers())
			})
			if err != nil {
				return nil, err
			}
		}
		cp = certificate.Props{Domain: cfg.Domain, HostedZoneID: zoneID}
	}
	cert, err := certificate.New(s, "certificate", cp)
	if err != nil {
		return nil, err
	}
	if out.LoadBalancer, err = loadbalancer.New(s, "svc", loadbalancer.Props{VPC: out.VPC, Certificate: cert}); err != nil {
		return nil, err
	}
	if out.WebACL, err = waf.New(s, "svc-acl", waf.Props{Key: out.Key}); err != nil {
		return nil, err
	}
	if err := out.WebACL.Associate(out.LoadBalancer.Arn()); err != nil {
		return nil, err
	}
	production := naming.IsProductionEnvironment(cfg.Environment)
	if out.Repository, err = container.NewRepository(s, "images", container.RepositoryProps{Name: "app", Key: out.Key, ForceDelete: !production}); err != nil {
		return nil, err
	}
	target, err := out.LoadBalancer.NewIPTargetGroup("app", loadbalancer.IPTargetProps{Port: port, HealthCheckPath: path})
	if err != nil {
		return nil, err
	}
	out.Service, err = container.NewService(s, "app", container.ServiceProps{
		VPC: out.VPC, Repository: out.Repository, ImageDigest: cfg.ImageDigest, ContainerPort: port,
		Target: target, Key: out.Key,
	})
	if err != nil {
		return nil, err
	}
	outputs := []stack.Output{
		{Name: "repository_url", Value: out.Repository.URL(), Description: "push the image here"},
		{Name: "load_balancer_dns_name", Value: out.LoadBalancer.DNSName(), Description: "point the certificate's domain here (alias)"},
	}
	if zoneID != "" {
		err = stack.Catch(func() {
			route53record.NewRoute53Record(s, str("alias"), &route53record.Route53RecordConfig{
				ZoneId: str(zoneID), Name: str(cfg.Domain), Type: str("A"),
				Alias: &route53record.Route53RecordAlias{Name: str(out.LoadBalancer.DNSName()), ZoneId: str(out.LoadBalancer.ZoneID()), EvaluateTargetHealth: true},
			})
		})
		if err != nil {
			return nil, err
		}
	}
	if nameServers != "" {
		outputs = append(outputs, stack.Output{Name: "name_servers", Value: nameServers, Description: "delegate Domain to these name servers"})
	}
	return out, stack.Outputs(s, outputs)
}

func str(s string) *string { return &s }
