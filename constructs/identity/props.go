package identity

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
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
		if !strings.Contains(s, "${") && !servicePattern.MatchString(s) {
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
		}
	}
	return errors.Join(errs...)
}

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
		return nil
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
