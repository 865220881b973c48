package compute

import (
	"errors"
	"fmt"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// FunctionNetwork places a function in a VPC. The function gets its own
// security group (Function.SecurityGroup) with no ingress and, unless
// DisableHTTPSEgress is set, one egress rule: HTTPS (443) to 0.0.0.0/0, so
// it reaches AWS APIs such as Secrets Manager through the NAT gateway. Add
// more with SecurityGroup().AllowTo / the peer's AllowFrom.
type FunctionNetwork struct {
	// VPC holds the function's security group. Required.
	VPC *network.VPC
	// SubnetIDs are the subnets the function's ENIs use. Default: the VPC's
	// private subnets.
	SubnetIDs []string
	// DisableHTTPSEgress leaves out the HTTPS egress rule, e.g. when VPC
	// endpoints serve every AWS API the function calls. Default: false.
	DisableHTTPSEgress bool
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
	return errors.Join(errs...)
}

// subnets returns the configured subnets or the VPC's private ones.
func (n *FunctionNetwork) subnets() []string {
	if len(n.SubnetIDs) > 0 {
		return append([]string(nil), n.SubnetIDs...)
	}
	return n.VPC.PrivateSubnetIDs()
}
