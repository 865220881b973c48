package identity

import (
	"errors"
	"fmt"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/isnil"
)

// Grantee is what the constructs' Grant* methods give permissions to: a
// *Role, or a workload with a role of its own (*compute.Function,
// *compute.Instance).
type Grantee interface {
	// GranteeRole is the IAM role that receives the statements.
	GranteeRole() *Role
}

// EndpointUser is implemented by grantees that may run in a VPC without
// internet access (*compute.Function, *compute.Instance): a grant opens the
// VPC endpoints of the services it lets them call. Outside a VPC it does
// nothing.
type EndpointUser interface {
	UseEndpoints(services ...string) error
}

// GranteeRole returns r: a role is its own grantee.
func (r *Role) GranteeRole() *Role { return r }

// Grant adds statements to the grantee's role and, when the grantee is an
// EndpointUser, opens the endpoints of services (e.g. "dynamodb",
// "secretsmanager"). field names the argument in errors.
func Grant(field string, g Grantee, services []string, stmts ...policy.Statement) error {
	if isnil.Is(g) {
		return fmt.Errorf("%s: must not be nil; pass a *compute.Function, a *compute.Instance or an *identity.Role", field)
	}
	role := g.GranteeRole()
	if role == nil {
		return errors.New(field + ": has no IAM role")
	}
	if err := role.AddStatements(stmts...); err != nil {
		return fmt.Errorf("%s: %w", field, err)
	}
	if u, ok := g.(EndpointUser); ok && len(services) > 0 {
		if err := u.UseEndpoints(services...); err != nil {
			return fmt.Errorf("%s: %w", field, err)
		}
	}
	return nil
}
