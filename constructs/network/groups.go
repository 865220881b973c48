package network

import (
	"errors"
	"fmt"
	"regexp"
)

// Group is a security group a workload can be placed in besides, or instead
// of, its own: a *SecurityGroup made with NewSecurityGroup (whose rules and
// endpoint access the constructs can wire), or ExistingGroup, a group made
// elsewhere whose rules its owner manages.
type Group interface {
	// ID is the group's ID: "sg-..." or a Terraform reference.
	ID() string
}

// ExistingGroup is a security group made outside these constructs, by ID:
// "sg-" and 8 or 17 hex digits, or a Terraform reference such as
// "${aws_security_group.shared.id}". The constructs add no rule to it.
type ExistingGroup string

// ID is the group's ID, as given (plain text or a Terraform reference).
func (e ExistingGroup) ID() string { return string(e) }

// MaxGroupsPerWorkload is AWS's default limit of security groups per
// network interface (and per RDS instance).
const MaxGroupsPerWorkload = 5

var groupIDPattern = regexp.MustCompile(`^sg-([0-9a-f]{8}|[0-9a-f]{17})$`)

// ValidateGroups checks the groups a workload is given (field names them in
// errors): no nil entry, every ExistingGroup a group ID or a Terraform
// reference, no group twice, and every *SecurityGroup in vpc (when vpc is
// not nil): AWS refuses a group of another VPC. With own set the workload
// also has its own group, which counts toward AWS's limit of 5.
func ValidateGroups(field string, groups []Group, vpc *VPC, own bool) error {
	var errs []error
	seen := map[string]int{}
	for i, g := range groups {
		label := fmt.Sprintf("%s[%d]", field, i)
		var id string
		switch x := g.(type) {
		case nil:
			errs = append(errs, fmt.Errorf("%s: must not be nil; pass a *network.SecurityGroup or network.ExistingGroup(\"sg-...\")", label))
			continue
		case *SecurityGroup:
			if x == nil {
				errs = append(errs, fmt.Errorf("%s: must not be a nil *network.SecurityGroup", label))
				continue
			}
			if vpc != nil && x.vpc != vpc && x.vpcID != vpc.ID() {
				errs = append(errs, fmt.Errorf("%s: group %s is in another VPC than %s; a workload's groups must all be in its VPC", label, x.name, vpc.Name()))
			}
			id = x.id
		case ExistingGroup:
			id = string(x)
			if !isToken(id) && !groupIDPattern.MatchString(id) {
				errs = append(errs, fmt.Errorf("%s: %q is not a security group ID; use \"sg-\" and 8 or 17 hex digits, or a Terraform reference", label, id))
				continue
			}
		default:
			id = g.ID()
			if !isToken(id) && !groupIDPattern.MatchString(id) {
				errs = append(errs, fmt.Errorf("%s: %q is not a security group ID; use \"sg-\" and 8 or 17 hex digits, or a Terraform reference", label, id))
				continue
			}
		}
		if j, dup := seen[id]; dup {
			errs = append(errs, fmt.Errorf("%s: the same group as %s[%d]; list each group once", label, field, j))
		}
		seen[id] = i
	}
	total := len(groups)
	if own {
		total++
	}
	if total > MaxGroupsPerWorkload {
		errs = append(errs, fmt.Errorf("%s: %d groups (%d with the workload's own); AWS allows at most %d per network interface", field, len(groups), total, MaxGroupsPerWorkload))
	}
	return errors.Join(errs...)
}

// Ours returns the groups made with NewSecurityGroup, in order: the ones the
// constructs can add rules and endpoint access to.
func Ours(groups []Group) []*SecurityGroup {
	var out []*SecurityGroup
	for _, g := range groups {
		if sg, ok := g.(*SecurityGroup); ok && sg != nil {
			out = append(out, sg)
		}
	}
	return out
}

// IDs returns every group's ID, in order.
func IDs(groups []Group) []string {
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = g.ID()
	}
	return out
}
