// Package certificate gives a load balancer its TLS certificate: an ACM
// certificate validated through DNS records it writes into a Route 53
// hosted zone (the validation resource waits for them, so nothing uses the
// certificate before ACM has issued it), or an existing certificate by ARN,
// checked to be an ACM certificate in the stack's region.
package certificate

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/acmcertificate"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/acmcertificatevalidation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53record"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// MaxNames is ACM's default quota of domain names per certificate (the
// domain plus its alternative names):
// https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html
const MaxNames = 10

// maxDomainLength is ACM's limit on the first domain name (it becomes the
// certificate's common name, at most 64 characters):
// https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
const maxDomainLength = 64

// Props configures a Certificate: either Domain with HostedZoneID (a new
// certificate validated through DNS) or ExistingArn.
type Props struct {
	// Domain is the certificate's domain name, e.g. "app.example.com" or
	// "*.example.com" (at most 64 characters). Required unless ExistingArn
	// is set.
	Domain string
	// AlternativeNames are further names the certificate covers. Default: none.
	AlternativeNames []string
	// HostedZoneID is the public Route 53 hosted zone ("Z..." or a Terraform
	// reference) the validation records are written to. Required with
	// Domain: without records in a zone AWS resolves, validation waits 75
	// minutes and fails.
	HostedZoneID string
	// ExistingArn is an issued ACM certificate in the stack's region
	// ("arn:<partition>:acm:<region>:<account>:certificate/<id>" or a
	// reference). Default: "", a new certificate for Domain.
	ExistingArn string
}

var (
	labelPattern  = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	zonePattern   = regexp.MustCompile(`^Z[A-Z0-9]{1,31}$`)
	acmArnPattern = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov):acm:([a-z0-9-]+):(\d{12}):certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

// Validate reports every problem with the props that does not need the
// stack (the region of ExistingArn is checked by New), each naming its field.
func (p Props) Validate() error {
	var errs []error
	if p.ExistingArn != "" {
		if p.Domain != "" || len(p.AlternativeNames) > 0 || p.HostedZoneID != "" {
			errs = append(errs, errors.New("existingArn: set either ExistingArn or Domain with HostedZoneID, not both"))
		}
		if err := tfexpr.Check("existingArn", p.ExistingArn); err != nil {
			errs = append(errs, err)
		} else if !tfexpr.IsReference(p.ExistingArn) && !acmArnPattern.MatchString(p.ExistingArn) {
			errs = append(errs, fmt.Errorf("existingArn: %q is not an ACM certificate ARN; use arn:<partition>:acm:<region>:<account>:certificate/<uuid>", p.ExistingArn))
		}
		return errors.Join(errs...)
	}
	if p.Domain == "" {
		return errors.New("domain: required; set Domain (with HostedZoneID) for a new certificate, or ExistingArn")
	}
	if len(p.Domain) > maxDomainLength {
		errs = append(errs, fmt.Errorf("domain: %q is %d characters; ACM allows at most %d in the first name (put longer names in AlternativeNames)", p.Domain, len(p.Domain), maxDomainLength))
	}
	errs = append(errs, checkDomain("domain", p.Domain))
	seen := map[string]bool{p.Domain: true}
	for i, n := range p.AlternativeNames {
		field := fmt.Sprintf("alternativeNames[%d]", i)
		if err := checkDomain(field, n); err != nil {
			errs = append(errs, err)
			continue
		}
		if seen[n] {
			errs = append(errs, fmt.Errorf("%s: %q is listed twice (or is the Domain)", field, n))
		}
		seen[n] = true
	}
	if n := 1 + len(p.AlternativeNames); n > MaxNames {
		errs = append(errs, fmt.Errorf("alternativeNames: %d names in all; ACM allows %d per certificate by default", n, MaxNames))
	}
	switch {
	case p.HostedZoneID == "":
		errs = append(errs, errors.New("hostedZoneID: required with Domain; the validation records go into this public Route 53 zone (without them ACM never issues the certificate), or use ExistingArn"))
	case tfexpr.IsReference(p.HostedZoneID):
		errs = append(errs, tfexpr.Check("hostedZoneID", p.HostedZoneID))
	case !zonePattern.MatchString(p.HostedZoneID):
		errs = append(errs, fmt.Errorf("hostedZoneID: %q is not a Route 53 hosted zone ID; use the form %q or a reference", p.HostedZoneID, "Z0123456789ABCDEFGHIJ"))
	}
	return errors.Join(errs...)
}

// checkDomain accepts a lower-case DNS name with at least two labels, the
// first of which may be "*".
func checkDomain(field, d string) error {
	if len(d) > 253 {
		return fmt.Errorf("%s: %q is longer than 253 characters", field, d)
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return fmt.Errorf("%s: %q is not a fully qualified domain name; use e.g. %q", field, d, "app.example.com")
	}
	for i, l := range labels {
		if i == 0 && l == "*" {
			continue
		}
		if !labelPattern.MatchString(l) {
			return fmt.Errorf("%s: %q has the label %q; use lower-case letters, digits and inner hyphens, 1-63 characters per label (a wildcard only as the whole first label)", field, d, l)
		}
	}
	return nil
}

// Certificate is a TLS certificate a listener can use once it is issued.
type Certificate struct {
	node       constructs.Construct
	arn        string
	validation cdktf.ITerraformDependable
	domain     string
}

// New validates props and creates the certificate, its DNS validation
// records and the validation resource, or records the existing ARN.
func New(scope constructs.Construct, id string, props Props) (*Certificate, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, err := stack.Start(scope, id)
	if err != nil {
		return nil, err
	}
	if m := acmArnPattern.FindStringSubmatch(props.ExistingArn); m != nil && m[2] != st.RegionName {
		return nil, fmt.Errorf("existingArn: the certificate is in %s, the stack in %s; a load balancer can only use a certificate of its own region", m[2], st.RegionName)
	}
	c := &Certificate{domain: props.Domain}
	err = stack.Catch(func() {
		c.node = st.NewNode(scope, id)
		if props.ExistingArn != "" {
			c.arn = props.ExistingArn
			return
		}
		var sans *[]*string
		if len(props.AlternativeNames) > 0 {
			l := make([]*string, len(props.AlternativeNames))
			for i := range props.AlternativeNames {
				l[i] = &props.AlternativeNames[i]
			}
			sans = &l
		}
		cert := acmcertificate.NewAcmCertificate(c.node, str("certificate"), &acmcertificate.AcmCertificateConfig{
			DomainName:              str(props.Domain),
			SubjectAlternativeNames: sans,
			ValidationMethod:        str("DNS"),
			KeyAlgorithm:            str("EC_prime256v1"),
			Lifecycle:               &cdktf.TerraformResourceLifecycle{CreateBeforeDestroy: jsiiTrue()},
		})
		// One record per validation option, keyed by domain name; a
		// wildcard and its apex share a record, hence allow_overwrite.
		it := cdktf.TerraformIterator_FromComplexList(cert.DomainValidationOptions(), str("domain_name"))
		records := route53record.NewRoute53Record(c.node, str("validation-record"), &route53record.Route53RecordConfig{
			ForEach:        it,
			ZoneId:         str(props.HostedZoneID),
			Name:           it.GetString(str("resource_record_name")),
			Type:           it.GetString(str("resource_record_type")),
			Records:        &[]*string{it.GetString(str("resource_record_value"))},
			Ttl:            f64(60),
			AllowOverwrite: jsiiTrue(),
		})
		v := acmcertificatevalidation.NewAcmCertificateValidation(c.node, str("validation"), &acmcertificatevalidation.AcmCertificateValidationConfig{
			CertificateArn: cert.Arn(),
			ValidationRecordFqdns: cdktf.Token_AsList(
				str("${[for record in aws_route53_record."+*records.FriendlyUniqueId()+" : record.fqdn]}"), nil),
		})
		// The validated ARN: anything using it waits for the certificate to be issued.
		c.arn = *v.CertificateArn()
		c.validation = v
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Arn is the certificate's ARN: for a new certificate a reference to the
// validation resource, so listeners wait until ACM has issued it.
func (c *Certificate) Arn() string { return c.arn }

// Domain is the certificate's domain name (plain text); "" for an existing
// certificate.
func (c *Certificate) Domain() string { return c.domain }

// Validation is the validation resource (nil for an existing certificate).
func (c *Certificate) Validation() cdktf.ITerraformDependable { return c.validation }

// Construct is the certificate's construct node.
func (c *Certificate) Construct() constructs.Construct { return c.node }

func str(s string) *string   { return &s }
func f64(n float64) *float64 { return &n }
func jsiiTrue() *bool        { b := true; return &b }
