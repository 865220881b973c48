package network

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network/ports"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// DefaultSecurityGroupDescription is the description of a group when none is given.
const DefaultSecurityGroupDescription = "Managed by cdktf-secure-go"

// AdminPorts maps each port of the shared list ports.Sensitive to its
// service: the ports that may not be opened to the whole internet unless
// SecurityGroupProps.AllowWorldOnAdminPorts is set.
//
// Deprecated: use ports.Sensitive and ports.Lookup, the one list the guard's
// SG002 uses too.
var AdminPorts = func() map[int]string {
	m := make(map[int]string, len(ports.Sensitive))
	for _, p := range ports.Sensitive {
		m[p.Number] = p.Service
	}
	return m
}()

// SecurityGroupProps configures a SecurityGroup. Set exactly one of VPC and VpcID.
type SecurityGroupProps struct {
	// VPC is the VPC the group belongs to. Default: nil; set it or VpcID.
	VPC *VPC
	// VpcID is the ID of an existing VPC (e.g. "vpc-0abc..." or a Terraform
	// reference), for groups outside a VPC built here. Default "".
	VpcID string
	// Name is the suffix of the group name "{company}-{environment}-{Name}".
	// Default: the construct id.
	Name string
	// Description is the group's description (AWS cannot change it in place).
	// Default "Managed by cdktf-secure-go".
	Description string
	// AllowWorldOnAdminPorts lets AllowFromCIDR open the ports of
	// ports.Sensitive to 0.0.0.0/0 or ::/0 (or blocks adding up to them).
	// Default false: such rules are refused with an error. Set it only for a
	// deliberate, reviewed exception (e.g. a bastion host).
	AllowWorldOnAdminPorts bool
}

var (
	vpcIDPattern = regexp.MustCompile(`^vpc-[0-9a-f]{8}([0-9a-f]{9})?$`)
	// descPattern is the character set AWS allows in group and rule descriptions.
	descPattern = regexp.MustCompile(`^[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]*$`)
)

// Validate checks every field and returns all problems joined, each naming the field.
func (p SecurityGroupProps) Validate() error {
	var errs []error
	switch {
	case p.VPC == nil && p.VpcID == "":
		errs = append(errs, errors.New("vpc: required; set VPC to a *network.VPC, or VpcID to an existing VPC's ID"))
	case p.VPC != nil && p.VpcID != "":
		errs = append(errs, errors.New("vpc: set either VPC or VpcID, not both"))
	case isToken(p.VpcID):
		if err := tfexpr.Check("vpcID", p.VpcID); err != nil {
			errs = append(errs, err)
		}
	case p.VpcID != "" && !vpcIDPattern.MatchString(p.VpcID):
		errs = append(errs, fmt.Errorf("vpcID: %q is not a VPC ID; use the form %q or a Terraform reference", p.VpcID, "vpc-0123456789abcdef0"))
	}
	if p.Name != "" {
		if err := checkNameSuffix("name", p.Name); err != nil {
			errs = append(errs, err)
		}
	}
	if err := checkDescription("description", p.Description); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func checkDescription(field, d string) error {
	switch {
	case len(d) > 255:
		return fmt.Errorf("%s: %d characters; AWS allows at most 255", field, len(d))
	case !descPattern.MatchString(d):
		return fmt.Errorf("%s: %q has characters AWS refuses; use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*", field, d)
	}
	return nil
}

func isToken(s string) bool { return strings.Contains(s, "${") }
