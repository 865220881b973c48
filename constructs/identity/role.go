package identity

import (
	"errors"
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicyattachment"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/suppress"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"
)

// TrustSid is the Sid of the trust policy's single statement.
const TrustSid = "AllowServiceAssumeRole"

// Role is an IAM role assumed by AWS services, with an inline policy and
// managed policy attachments kept as separate resources.
type Role struct {
	node        constructs.Construct
	role        iamrole.IamRole
	arn         string // read from the kernel once, on first use
	nameRef     string // the role's name as a reference, likewise
	inline      iamrolepolicy.IamRolePolicy
	name        string
	doc         policy.Document
	attached    []string
	attachIDs   map[string]bool
	attachments []iamrolepolicyattachment.IamRolePolicyAttachment
	// allowAdmin is ServiceRoleProps.AllowAdmin: admin-equivalent grants
	// added later are accepted too.
	allowAdmin bool
}

// NewServiceRole validates props and creates the role, its inline policy
// (when Statements is not empty) and its managed policy attachments.
func NewServiceRole(scope constructs.Construct, id string, props ServiceRoleProps) (*Role, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, full, err := stack.Named(scope, id, naming.IAMRole, props.Name)
	if err != nil {
		return nil, err
	}
	trust := policy.Statement{
		Sid:        TrustSid,
		Principals: []policy.Principal{policy.Service(props.Services...)},
		Actions:    []string{"sts:AssumeRole"},
	}
	if props.SourceAccount {
		trust.Conditions = []policy.Condition{{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{st.AWS.AccountID()}}}
	}
	trustJSON, err := policy.Document{Statements: []policy.Statement{trust}}.JSON()
	if err != nil {
		return nil, fmt.Errorf("services: %w", err)
	}
	desc := props.Description
	if desc == "" {
		desc = DefaultDescription
	}
	r := &Role{name: full, attachIDs: map[string]bool{}, allowAdmin: props.AllowAdmin}
	err = stack.Catch(func() {
		r.node = st.NewNode(scope, id)
		r.role = iamrole.NewIamRole(r.node, str("role"), &iamrole.IamRoleConfig{
			Name:             str(full),
			Description:      str(desc),
			AssumeRolePolicy: str(trustJSON),
		})
	})
	if err != nil {
		return nil, err
	}
	if props.AllowAdmin {
		if err := suppress.Rule(r.node, "IAM001", props.AdminReason); err != nil {
			return nil, fmt.Errorf("adminReason: %w", err)
		}
	}
	if err := r.AddStatements(props.Statements...); err != nil {
		return nil, err
	}
	for _, arn := range props.ManagedPolicyArns {
		if err := r.AttachManagedPolicy(arn); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Arn is the role's ARN (a Terraform reference).
func (r *Role) Arn() string { return jsiival.Once(&r.arn, r.role.Arn) }

// nameReference is the role's name as a Terraform reference, which makes
// what uses it depend on the role.
func (r *Role) nameReference() *string {
	n := jsiival.Once(&r.nameRef, r.role.Name)
	return &n
}

// Name is the role's name, "{company}-{environment}-{name}" (plain text).
func (r *Role) Name() string { return r.name }

// Construct is the role's construct node.
func (r *Role) Construct() constructs.Construct { return r.node }

// Statements returns a copy of the inline policy's statements.
func (r *Role) Statements() []policy.Statement {
	return r.doc.Clone().Statements
}

// AddStatements appends identity statements to the role's inline policy,
// creating the aws_iam_role_policy on first use. Statements equal to one
// already present are skipped; the whole policy is re-validated, and on error
// the role is unchanged.
func (r *Role) AddStatements(s ...policy.Statement) error {
	next := policy.Document{Statements: r.Statements()}
	added := false
	for _, st := range s {
		if containsStatement(next.Statements, st) {
			continue
		}
		next.Add(st)
		added = true
	}
	if !added {
		return nil
	}
	// Judge the caller's statements by their own position in s, so an
	// error says "statements[0]" for the first one given here, whatever the
	// role already holds (the constructs add statements of their own).
	if err := validateAdded(r.doc.Statements, s); err != nil {
		return err
	}
	if err := validateStatements(next.Statements); err != nil {
		return fmt.Errorf("statements: %w", err)
	}
	if !r.allowAdmin {
		for _, st := range s {
			if what, admin := st.AdminEquivalent(); admin {
				return fmt.Errorf("statements: allows %s, which is admin-equivalent; list the actions and resources the service needs, or create the role with AllowAdmin and an AdminReason", what)
			}
		}
	}
	doc, err := next.JSON()
	if err != nil {
		return fmt.Errorf("statements: %w", err)
	}
	err = stack.Catch(func() {
		if r.inline == nil {
			r.inline = iamrolepolicy.NewIamRolePolicy(r.node, str("policy"), &iamrolepolicy.IamRolePolicyConfig{
				Name:   str(r.name),
				Role:   r.nameReference(),
				Policy: str(doc),
			})
			return
		}
		r.inline.SetPolicy(str(doc))
	})
	if err != nil {
		return err
	}
	r.doc = next
	return nil
}

// AttachManagedPolicy attaches a managed policy (an ARN or token) with an
// aws_iam_role_policy_attachment. Attaching the same ARN again does nothing.
func (r *Role) AttachManagedPolicy(arn string) error {
	if err := validateManagedPolicyArn(arn); err != nil {
		return fmt.Errorf("managedPolicyArn: %w", err)
	}
	if name, admin := AdminPolicy(arn); admin && !r.allowAdmin {
		return fmt.Errorf("managedPolicyArn: %s is admin-equivalent on a service role; attach a policy scoped to what the service needs, or create the role with AllowAdmin and an AdminReason", name)
	}
	for _, have := range r.attached {
		if have == arn {
			return nil
		}
	}
	id := r.attachmentID(arn)
	var a iamrolepolicyattachment.IamRolePolicyAttachment
	err := stack.Catch(func() {
		a = iamrolepolicyattachment.NewIamRolePolicyAttachment(r.node, str(id), &iamrolepolicyattachment.IamRolePolicyAttachmentConfig{
			Role:      r.nameReference(),
			PolicyArn: str(arn),
		})
	})
	if err != nil {
		return err
	}
	r.attached = append(r.attached, arn)
	r.attachIDs[id] = true
	r.attachments = append(r.attachments, a)
	return nil
}

// DependsOnTargets lists the role, its inline policy and its attachments as
// they exist now, for a depends_on that needs the role's permissions in place.
func (r *Role) DependsOnTargets() []cdktf.ITerraformDependable {
	out := []cdktf.ITerraformDependable{r.role}
	if r.inline != nil {
		out = append(out, r.inline)
	}
	for _, a := range r.attachments {
		out = append(out, a)
	}
	return out
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9-]+`)

// attachmentID derives a stable construct id from the policy name (the ARN's
// last path segment), falling back to a hash when that is a token.
func (r *Role) attachmentID(arn string) string {
	base := arn[strings.LastIndex(arn, "/")+1:]
	if base == "" || strings.Contains(base, "${") || strings.Contains(base, "}") {
		h := fnv.New32a()
		h.Write([]byte(arn))
		base = fmt.Sprintf("%08x", h.Sum32())
	}
	id := "attachment-" + unsafeID.ReplaceAllString(base, "-")
	for i := 2; r.attachIDs[id]; i++ {
		id = fmt.Sprintf("attachment-%s-%d", unsafeID.ReplaceAllString(base, "-"), i)
	}
	return id
}

func containsStatement(list []policy.Statement, s policy.Statement) bool {
	for _, have := range list {
		if have.Equal(s) {
			return true
		}
	}
	return false
}

func str(s string) *string { return &s }

// validateAdded checks statements added to a role holding have, naming
// each by its index in added (and its Sid when it has one).
func validateAdded(have, added []policy.Statement) error {
	var errs []error
	sids := map[string]bool{}
	for _, h := range have {
		if h.Sid != "" {
			sids[h.Sid] = true
		}
	}
	for i, st := range added {
		label := fmt.Sprintf("statements[%d]", i)
		if st.Sid != "" {
			label += fmt.Sprintf(" (Sid %q)", st.Sid)
		}
		if len(st.Principals) > 0 {
			errs = append(errs, fmt.Errorf("%s: principals: not allowed in a role's inline (identity) policy; remove them", label))
		}
		if err := st.Validate(); err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				errs = append(errs, fmt.Errorf("%s: %s", label, line))
			}
		}
		if st.Sid != "" && sids[st.Sid] && !containsStatement(have, st) {
			errs = append(errs, fmt.Errorf("%s: sid: %q is already used by a statement of the role; choose another Sid", label, st.Sid))
		}
		sids[st.Sid] = st.Sid != "" || sids[st.Sid]
	}
	return errors.Join(errs...)
}
