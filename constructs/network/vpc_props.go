package network

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
)

// Defaults and limits of VPCProps.
const (
	DefaultCIDR                 = "10.0.0.0/16"
	DefaultAZCount              = 3
	MinAZCount                  = 1
	MaxAZCount                  = 6
	DefaultFlowLogRetentionDays = 365
	DefaultFlowLogTrafficType   = "ALL"
)

// VPCProps configures a VPC. The zero value (plus FlowLogKey) is a highly
// available three-AZ VPC with flow logs on.
type VPCProps struct {
	// Name is the suffix of the Name tag "{company}-{environment}-{Name}" and
	// of derived names. Default: the construct id.
	Name string
	// CIDR is the VPC's IPv4 block, prefix /16 to /24, no host bits set.
	// Default "10.0.0.0/16". See SubnetPlan for how it is split.
	CIDR string
	// AZCount is the number of availability zones (1-6). Default 3, or
	// len(AZs) when AZs is set. With one AZ no DB subnet group is created
	// (RDS needs two AZs) and DatabaseSubnetGroupName returns "".
	AZCount int
	// AZs names the zones explicitly instead of reading the
	// aws_availability_zones data source (state "available", zone type
	// "availability-zone"). Default: none. Names must be unique, in the
	// stack's region, and match AZCount when both are set.
	AZs []string
	// NATGateways gives the private subnets a route to the internet. Ask for
	// it only when a workload needs the internet (not AWS APIs: those go
	// through the VPC endpoints), and give its security group an explicit
	// SecurityGroup.AllowInternetEgress with the reason. Default NoNAT: no
	// NAT gateway, no EIP, and the private subnets have no route out of the
	// VPC except the S3 and DynamoDB gateway endpoints.
	NATGateways NATGateways
	// InterfaceEndpoints are extra interface endpoint services to create
	// (e.g. "sqs", "sns", "ecr.api"), beyond those the constructs ask for.
	// Default: none. A workload still needs AllowEndpoints to reach them.
	InterfaceEndpoints []string
	// MapPublicIPOnLaunch gives instances in public subnets a public IP.
	// Default false on every subnet, public ones included.
	MapPublicIPOnLaunch bool
	// FlowLogKey encrypts the flow-log group. Required: flow logs are always
	// on. Pass the key from encryption.NewKey.
	FlowLogKey logging.Key
	// FlowLogRetentionDays is the flow-log group's retention, a CloudWatch
	// retention value. Default 365.
	FlowLogRetentionDays int
	// FlowLogTrafficType is "ALL", "ACCEPT" or "REJECT". Default "ALL".
	FlowLogTrafficType string
}

// NATGateways says how many NAT gateways a VPC has.
type NATGateways int

const (
	// NoNAT creates no NAT gateway (the default): private subnets reach AWS
	// through VPC endpoints only.
	NoNAT NATGateways = iota
	// SingleNAT shares one NAT gateway (in the first AZ) between all private
	// subnets: cheaper, but private egress fails with that AZ.
	SingleNAT
	// NATPerAZ gives every AZ its own NAT gateway and private route table.
	NATPerAZ
)

func (n NATGateways) String() string {
	switch n {
	case NoNAT:
		return "NoNAT"
	case SingleNAT:
		return "SingleNAT"
	case NATPerAZ:
		return "NATPerAZ"
	}
	return fmt.Sprintf("NATGateways(%d)", int(n))
}

var (
	azPattern   = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-[0-9]+[a-z]$`)
	namePattern = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`)
)

// Validate checks every field and returns all problems joined, each naming the field.
func (p VPCProps) Validate() error {
	var errs []error
	if p.Name != "" {
		if err := checkNameSuffix("name", p.Name); err != nil {
			errs = append(errs, err)
		}
	}
	r := p.resolved("")
	_, cidrErr := ParseVPCCIDR("cidr", r.CIDR)
	if cidrErr != nil {
		errs = append(errs, cidrErr)
	}
	azCountOK := true
	if p.AZCount != 0 && (p.AZCount < MinAZCount || p.AZCount > MaxAZCount) {
		errs = append(errs, fmt.Errorf("azCount: %d is out of range; use %d to %d (0 means %d)", p.AZCount, MinAZCount, MaxAZCount, DefaultAZCount))
		azCountOK = false
	}
	if len(p.AZs) > 0 {
		errs = append(errs, validateAZs(p.AZs, p.AZCount)...)
		if len(p.AZs) > MaxAZCount {
			azCountOK = false
		}
	}
	if azCountOK && cidrErr == nil {
		if _, err := PlanSubnets(r.CIDR, r.AZCount); err != nil {
			errs = append(errs, err)
		}
	}
	if p.NATGateways < NoNAT || p.NATGateways > NATPerAZ {
		errs = append(errs, fmt.Errorf("natGateways: %d is not a NAT setting; use network.NoNAT, network.SingleNAT or network.NATPerAZ", int(p.NATGateways)))
	}
	errs = append(errs, validateEndpointServices("interfaceEndpoints", p.InterfaceEndpoints)...)
	if p.FlowLogKey == nil {
		errs = append(errs, errors.New("flowLogKey: required; flow logs are always on and their log group is KMS-encrypted: pass the key from encryption.NewKey"))
	}
	if p.FlowLogRetentionDays != 0 && !validRetention(p.FlowLogRetentionDays) {
		errs = append(errs, fmt.Errorf("flowLogRetentionDays: %d is not a CloudWatch retention value; use one of %s (0 means %d)", p.FlowLogRetentionDays, retentionList(), DefaultFlowLogRetentionDays))
	}
	switch p.FlowLogTrafficType {
	case "", "ALL", "ACCEPT", "REJECT":
	default:
		errs = append(errs, fmt.Errorf("flowLogTrafficType: %q is not allowed; use \"ALL\", \"ACCEPT\" or \"REJECT\" (empty means %q)", p.FlowLogTrafficType, DefaultFlowLogTrafficType))
	}
	return errors.Join(errs...)
}

func validateAZs(azs []string, azCount int) []error {
	var errs []error
	if len(azs) > MaxAZCount {
		errs = append(errs, fmt.Errorf("azs: %d zones given; use at most %d", len(azs), MaxAZCount))
	}
	seen := map[string]bool{}
	for i, az := range azs {
		switch {
		case !azPattern.MatchString(az):
			errs = append(errs, fmt.Errorf("azs[%d]: %q is not an availability zone name; use names such as %q", i, az, "us-east-1a"))
		case seen[az]:
			errs = append(errs, fmt.Errorf("azs[%d]: %q is listed twice; each subnet tier needs distinct zones", i, az))
		}
		seen[az] = true
	}
	if azCount != 0 && azCount != len(azs) {
		errs = append(errs, fmt.Errorf("azs: %d zones given but azCount is %d; set azCount to %d or leave it 0", len(azs), azCount, len(azs)))
	}
	return errs
}

// resolved returns a copy with every default filled in; the caller's props are untouched.
func (p VPCProps) resolved(id string) VPCProps {
	r := p
	r.AZs = append([]string(nil), p.AZs...)
	if r.Name == "" {
		r.Name = id
	}
	if r.CIDR == "" {
		r.CIDR = DefaultCIDR
	}
	if r.AZCount == 0 {
		r.AZCount = DefaultAZCount
		if len(r.AZs) > 0 {
			r.AZCount = len(r.AZs)
		}
	}
	if r.FlowLogRetentionDays == 0 {
		r.FlowLogRetentionDays = DefaultFlowLogRetentionDays
	}
	if r.FlowLogTrafficType == "" {
		r.FlowLogTrafficType = DefaultFlowLogTrafficType
	}
	return r
}

func checkNameSuffix(field, name string) error {
	if !namePattern.MatchString(name) || strings.Contains(name, "--") {
		return fmt.Errorf("%s: %q is not allowed; use letters, digits and single hyphens, not starting or ending with a hyphen", field, name)
	}
	return nil
}

func validRetention(d int) bool {
	for _, v := range logging.RetentionValues {
		if v == d {
			return true
		}
	}
	return false
}

func retentionList() string {
	s := make([]string, len(logging.RetentionValues))
	for i, v := range logging.RetentionValues {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, ", ")
}
