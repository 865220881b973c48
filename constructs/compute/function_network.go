package compute

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"

	"errors"
	"fmt"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// FunctionNetwork places a function in a VPC. The function gets its own
// security group (Function.SecurityGroup) with no ingress and no egress to
// the internet: its groups reach only what it is granted, through the VPC's
// endpoints. GrantReadSecret opens the Secrets Manager endpoint,
// GrantDecrypt the KMS endpoint; Endpoints adds the services its code calls
// besides. Writing its logs, decrypting its environment and sending its
// Lambda trace segments are done by the Lambda service outside the VPC, so
// they need no endpoint. Add peers with SecurityGroup().AllowTo / the peer's
// AllowFrom.
type FunctionNetwork struct {
	// VPC holds the function's security group and endpoints. Required.
	VPC *network.VPC
	// SubnetIDs are the subnets the function's ENIs use. Default: the VPC's
	// private subnets.
	SubnetIDs []string
	// SecurityGroups are groups the function joins besides its own (or
	// instead, with NoOwnSecurityGroup): a *network.SecurityGroup, whose
	// endpoint access the function wires like its own, or
	// network.ExistingGroup("sg-..."), whose rules are its owner's. Default: none.
	SecurityGroups []network.Group
	// NoOwnSecurityGroup leaves out the function's own group; SecurityGroups
	// must then name at least one. Default: false (the function has its own).
	NoOwnSecurityGroup bool
	// Endpoints are the AWS services the function's code calls through the
	// VPC, besides those its grants open: e.g. "s3", "dynamodb" (gateway
	// endpoints), "sqs", or "xray" when the code sends traces with the X-Ray
	// SDK. Default: none.
	Endpoints []string
}

func (n *FunctionNetwork) validate() error {
	var errs []error
	if n.VPC == nil {
		errs = append(errs, errors.New("network.vpc: must not be nil; pass the VPC the function's security group belongs to"))
	}
	for i, s := range n.SubnetIDs {
		field := fmt.Sprintf("network.subnetIDs[%d]", i)
		switch {
		case s == "":
			errs = append(errs, fmt.Errorf("%s: must not be empty", field))
		case tfexpr.IsReference(s):
			if err := tfexpr.Check(field, s); err != nil {
				errs = append(errs, err)
			}
		case !subnetPattern.MatchString(s):
			errs = append(errs, fmt.Errorf("%s: %q is not a subnet ID; use \"subnet-\" and 8 or 17 hex digits, or a Terraform reference", field, s))
		}
	}
	if len(n.SubnetIDs) > 16 {
		errs = append(errs, fmt.Errorf("network.subnetIDs: %d subnets; Lambda allows at most 16", len(n.SubnetIDs)))
	}
	errs = append(errs, validateGroups("network.", n.VPC, n.SecurityGroups, n.NoOwnSecurityGroup, n.Endpoints))
	return errors.Join(errs...)
}

// validateGroups checks the bring-your-own groups and endpoint services
// shared by the function and the instance; prefix is "network." or "".
func validateGroups(prefix string, vpc *network.VPC, groups []network.Group, noOwn bool, endpoints []string) error {
	var errs []error
	errs = append(errs, network.ValidateGroups(prefix+"securityGroups", groups, vpc, !noOwn))
	if noOwn && len(groups) == 0 {
		errs = append(errs, fmt.Errorf("%snoOwnSecurityGroup: set, but securityGroups is empty; give at least one group or let the workload have its own", prefix))
	}
	for i, e := range endpoints {
		switch {
		case e == "":
			errs = append(errs, fmt.Errorf("%sendpoints[%d]: must not be empty; name a service such as %q", prefix, i, "sqs"))
		case e == network.S3 || e == network.DynamoDB:
		default:
			region := ""
			if vpc != nil {
				region = vpc.Region()
			}
			if err := catalog.CheckInterfaceEndpoint(fmt.Sprintf("%sendpoints[%d]", prefix, i), region, e); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// subnets returns the configured subnets or the VPC's private ones.
func (n *FunctionNetwork) subnets() []string {
	if len(n.SubnetIDs) > 0 {
		return append([]string(nil), n.SubnetIDs...)
	}
	return n.VPC.PrivateSubnetIDs()
}
