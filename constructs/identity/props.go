package identity

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// DefaultDescription is a role's description when ServiceRoleProps.Description is empty.
const DefaultDescription = "Managed by cdktf-secure-go"

// ServiceRoleProps configures a service role.
type ServiceRoleProps struct {
	// Name is the role name suffix; the role is "{company}-{environment}-{Name}"
	// (at most 64 characters). Default: the construct id.
	Name string
	// Services are the service principals allowed to assume the role, e.g.
	// "lambda.amazonaws.com". Required.
	Services []string
	// Description is the role's description. Default: "Managed by cdktf-secure-go".
	Description string
	// Statements form the role's inline policy (identity statements: no
	// principals). Default: none, and no inline policy resource until
	// AddStatements adds one.
	Statements []policy.Statement
	// ManagedPolicyArns are managed policies to attach (ARNs or tokens), e.g.
	// ManagedPolicyARN(partition, "service-role/AWSLambdaBasicExecutionRole").
	// Default: none.
	ManagedPolicyArns []string
	// AllowAdmin permits an admin-equivalent grant: a statement allowing "*"
	// or "iam:*" (or NotAction) on "*", or an AdministratorAccess,
	// IAMFullAccess or PowerUserAccess attachment. Default: false, such
	// grants are refused. It needs AdminReason, which is recorded for the
	// guard as a suppression of rule IAM001 on the role.
	AllowAdmin bool
	// AdminReason says why the role needs admin power (reviewers read it in
	// the synthesized JSON). Required with AllowAdmin; default "".
	AdminReason string
	// SourceAccount adds the trust condition StringEquals aws:SourceAccount =
	// this account, so only this account's resources can make the service
	// assume the role (confused-deputy protection). Default: false.
	SourceAccount bool
}

var (
	servicePattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*\.[a-z0-9.-]+$`)
	descriptionPattern = regexp.MustCompile(`^[\x{0009}\x{000A}\x{000D}\x{0020}-\x{007E}\x{00A1}-\x{00FF}]*$`)
)

// Validate reports every problem with the props, each naming its field.
// The role name is checked by NewServiceRole, which knows the naming prefix.
func (p ServiceRoleProps) Validate() error {
	var errs []error
	if len(p.Services) == 0 {
		errs = append(errs, errors.New("services: required; list the service principals that assume the role, e.g. \"lambda.amazonaws.com\""))
	}
	for i, s := range p.Services {
		if strings.Contains(s, "${") {
			if err := tfexpr.Check(fmt.Sprintf("services[%d]", i), s); err != nil {
				errs = append(errs, err)
			}
		} else if !servicePattern.MatchString(s) {
			errs = append(errs, fmt.Errorf("services[%d]: %q is not a service principal; use the form \"lambda.amazonaws.com\"", i, s))
		}
	}
	if len(p.Description) > 1000 {
		errs = append(errs, fmt.Errorf("description: %d characters; IAM allows at most 1000", len(p.Description)))
	} else if !descriptionPattern.MatchString(p.Description) {
		errs = append(errs, errors.New("description: contains characters IAM does not accept; use printable Latin-1 text"))
	}
	if len(p.Statements) > 0 {
		if err := validateStatements(p.Statements); err != nil {
			errs = append(errs, fmt.Errorf("statements: %w", err))
		}
	}
	for i, arn := range p.ManagedPolicyArns {
		if err := validateManagedPolicyArn(arn); err != nil {
			errs = append(errs, fmt.Errorf("managedPolicyArns[%d]: %w", i, err))
		} else if !p.AllowAdmin {
			if name, admin := AdminPolicy(arn); admin {
				errs = append(errs, fmt.Errorf("managedPolicyArns[%d]: %s is admin-equivalent on a service role; attach a policy scoped to what the service needs, or set AllowAdmin with an AdminReason", i, name))
			}
		}
	}
	if !p.AllowAdmin {
		for i, s := range p.Statements {
			if what, admin := s.AdminEquivalent(); admin {
				errs = append(errs, fmt.Errorf("statements[%d]: allows %s, which is admin-equivalent; list the actions and resources the service needs, or set AllowAdmin with an AdminReason", i, what))
			}
		}
	}
	switch {
	case p.AllowAdmin && strings.TrimSpace(p.AdminReason) == "":
		errs = append(errs, errors.New("adminReason: required with AllowAdmin; say why the role needs admin power (it is recorded for the guard's IAM001)"))
	case !p.AllowAdmin && p.AdminReason != "":
		errs = append(errs, errors.New("adminReason: set without AllowAdmin; set AllowAdmin too, or remove the reason"))
	}
	return errors.Join(errs...)
}

// adminPolicies are the AWS managed policies that grant (or can escalate
// to) administrator power.
var adminPolicies = []string{"AdministratorAccess", "IAMFullAccess", "PowerUserAccess"}

// AdminPolicy reports whether arn is an admin-equivalent AWS managed policy
// (AdministratorAccess, IAMFullAccess, PowerUserAccess), and its name.
func AdminPolicy(arn string) (string, bool) {
	for _, n := range adminPolicies {
		if strings.HasPrefix(arn, "arn:") && strings.HasSuffix(arn, ":iam::aws:policy/"+n) {
			return n, true
		}
	}
	return "", false
}

// CheckManagedPolicyArn reports why arn is not a managed policy ARN (or a
// Terraform reference), for constructs that pass their own lists to a role.
func CheckManagedPolicyArn(arn string) error { return validateManagedPolicyArn(arn) }

// validateStatements checks identity-policy statements: a valid document
// whose statements name no principals.
func validateStatements(stmts []policy.Statement) error {
	var errs []error
	for i, s := range stmts {
		if len(s.Principals) > 0 {
			errs = append(errs, fmt.Errorf("statement %d: principals: not allowed in a role's inline (identity) policy; remove them", i))
		}
	}
	errs = append(errs, policy.Document{Statements: stmts}.Validate())
	return errors.Join(errs...)
}

func validateManagedPolicyArn(arn string) error {
	switch {
	case arn == "":
		return errors.New("must not be empty; use identity.ManagedPolicyARN(partition, name)")
	case strings.Contains(arn, "${"):
		return tfexpr.Check("value", arn)
	case !strings.HasPrefix(arn, "arn:") || !strings.Contains(arn, ":iam::") || !strings.Contains(arn, ":policy/"):
		return fmt.Errorf("%q is not an IAM policy ARN (arn:<partition>:iam::<account|aws>:policy/<name>)", arn)
	}
	return nil
}

// ManagedPolicyARN returns the ARN of an AWS managed policy,
// "arn:{partition}:iam::aws:policy/{name}", e.g.
// ManagedPolicyARN(st.AWS.Partition(), "service-role/AWSLambdaBasicExecutionRole").
func ManagedPolicyARN(partition, name string) string {
	return "arn:" + partition + ":iam::aws:policy/" + name
}
