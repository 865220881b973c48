package secret

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lambdapermission"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/secretsmanagersecret"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/secretsmanagersecretpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/secretsmanagersecretrotation"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/isnil"
)

// Key is the customer managed KMS key the secret is encrypted with, e.g. an
// *encryption.Key.
type Key interface{ Arn() string }

// RotationFunction is the Lambda function that rotates the secret, e.g. a
// *compute.Function.
type RotationFunction interface {
	identity.Grantee
	Arn() string
	Name() string
}

// Recovery window bounds and defaults (AWS Secrets Manager API Reference,
// DeleteSecret: 7-30 days, default 30,
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html),
// and the rotation interval (RotationRulesType: AutomaticallyAfterDays
// 1-1000,
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotationRulesType.html).
const (
	MinRecoveryWindowDays     = 7
	MaxRecoveryWindowDays     = 30
	DefaultRecoveryWindowDays = 30
	DefaultRotationDays       = 30
	MaxRotationDays           = 1000
)

// Props configures a Secret. The zero value of every optional field is the
// secure choice.
type Props struct {
	// Name is the secret name suffix: "{company}-{environment}-{Name}" (at
	// most 512 characters). Default: the construct id.
	Name string
	// Description is the secret's description. Default: none.
	Description string
	// Key encrypts the secret. Required: without it Secrets Manager uses
	// the AWS managed key aws/secretsmanager, which no key policy of yours
	// governs and which other accounts can never be granted.
	Key Key
	// RecoveryWindowDays is how long a deleted secret can be restored, 7-30.
	// Default: 30.
	RecoveryWindowDays int
	// Rotation rotates the secret with a function. Default: nil (no rotation).
	Rotation *Rotation
}

// Rotation is a rotation schedule.
type Rotation struct {
	// Function rotates the secret; it is granted what rotation needs (the
	// four rotation steps on this secret, GetRandomPassword, the key through
	// Secrets Manager) and Secrets Manager may invoke it for this secret only.
	// Required.
	Function RotationFunction
	// AfterDays rotates every that many days, 1-1000. Default: 30.
	AfterDays int
}

// Validate reports every problem, each naming its field.
func (p Props) Validate() error {
	var errs []error
	if isnil.Is(p.Key) {
		errs = append(errs, errors.New("key: must not be nil; pass the KMS key the secret is encrypted with"))
	}
	if w := p.RecoveryWindowDays; w != 0 && (w < MinRecoveryWindowDays || w > MaxRecoveryWindowDays) {
		errs = append(errs, fmt.Errorf("recoveryWindowDays: %d is out of range; Secrets Manager allows %d-%d days (default %d)", w, MinRecoveryWindowDays, MaxRecoveryWindowDays, DefaultRecoveryWindowDays))
	}
	if len(p.Description) > 2048 {
		errs = append(errs, fmt.Errorf("description: %d characters; Secrets Manager allows at most 2048", len(p.Description)))
	}
	if r := p.Rotation; r != nil {
		if isnil.Is(r.Function) {
			errs = append(errs, errors.New("rotation.function: must not be nil; pass the *compute.Function that rotates the secret"))
		}
		if d := r.AfterDays; d < 0 || d > MaxRotationDays {
			errs = append(errs, fmt.Errorf("rotation.afterDays: %d is out of range; use 1-%d (0 means %d)", d, MaxRotationDays, DefaultRotationDays))
		}
	}
	return errors.Join(errs...)
}

// SidDenyOtherAccounts is the Sid of the resource policy's only statement.
const SidDenyOtherAccounts = "DenyOtherAccounts"

// Secret is a Secrets Manager secret.
type Secret struct {
	node     constructs.Construct
	s        secretsmanagersecret.SecretsmanagerSecret
	fullName string
	arn      string
	keyArn   string
	region   string
}

// New validates props and creates the secret, its resource policy and,
// with Rotation, the invoke permission and the rotation schedule.
func New(scope constructs.Construct, id string, props Props) (*Secret, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, full, err := stack.Named(scope, id, naming.Secret, props.Name)
	if err != nil {
		return nil, err
	}
	window := props.RecoveryWindowDays
	if window == 0 {
		window = DefaultRecoveryWindowDays
	}
	s := &Secret{fullName: full, keyArn: props.Key.Arn(), region: st.RegionName}
	err = stack.Catch(func() {
		s.node = st.NewNode(scope, id)
		cfg := &secretsmanagersecret.SecretsmanagerSecretConfig{
			Name:                 str(full),
			KmsKeyId:             str(props.Key.Arn()),
			RecoveryWindowInDays: f64(window),
		}
		if props.Description != "" {
			cfg.Description = str(props.Description)
		}
		s.s = secretsmanagersecret.NewSecretsmanagerSecret(s.node, str("secret"), cfg)
		s.arn = *s.s.Arn()
		// Deny every principal of another account, whatever an identity
		// policy there says (aws:PrincipalAccount, IAM User Guide,
		// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount).
		doc := policy.Document{Statements: []policy.Statement{{
			Sid: SidDenyOtherAccounts, Effect: policy.Deny,
			Principals: []policy.Principal{policy.Anyone()},
			Actions:    []string{"secretsmanager:*"}, Resources: []string{"*"},
			Conditions: []policy.Condition{{Operator: "StringNotEquals", Key: "aws:PrincipalAccount", Values: []string{st.AWS.AccountID()}}},
		}}}
		secretsmanagersecretpolicy.NewSecretsmanagerSecretPolicy(s.node, str("policy"), &secretsmanagersecretpolicy.SecretsmanagerSecretPolicyConfig{
			SecretArn: str(s.arn), Policy: str(doc.MustJSON()), BlockPublicPolicy: true,
		})
	})
	if err != nil {
		return nil, err
	}
	if r := props.Rotation; r != nil {
		if err := s.rotate(st, r); err != nil {
			return nil, fmt.Errorf("rotation: %w", err)
		}
	}
	return s, nil
}

// RotationActions are what a rotation function needs on its secret
// (AWS Secrets Manager User Guide, "Permissions for rotation functions",
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html).
var RotationActions = []string{"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"}

func (s *Secret) rotate(st *stack.Stack, r *Rotation) error {
	days := r.AfterDays
	if days == 0 {
		days = DefaultRotationDays
	}
	if err := identity.Grant("rotation.function", r.Function, []string{"secretsmanager"},
		policy.Statement{Actions: RotationActions, Resources: []string{s.arn}},
		policy.Statement{Actions: []string{"secretsmanager:GetRandomPassword"}, Resources: []string{"*"}},
		s.keyStatement([]string{"kms:Decrypt", "kms:GenerateDataKey"}),
	); err != nil {
		return err
	}
	return stack.Catch(func() {
		// Secrets Manager invokes the function; the permission names this
		// secret and this account, so no other secret (of any account) can
		// make it rotate.
		perm := lambdapermission.NewLambdaPermission(s.node, str("rotation-permission"), &lambdapermission.LambdaPermissionConfig{
			Action:        str("lambda:InvokeFunction"),
			FunctionName:  str(r.Function.Name()),
			Principal:     str("secretsmanager.amazonaws.com"),
			SourceArn:     str(s.arn),
			SourceAccount: str(st.AWS.AccountID()),
		})
		deps := []cdktf.ITerraformDependable{perm}
		deps = append(deps, r.Function.GranteeRole().DependsOnTargets()...)
		secretsmanagersecretrotation.NewSecretsmanagerSecretRotation(s.node, str("rotation"), &secretsmanagersecretrotation.SecretsmanagerSecretRotationConfig{
			SecretId:          str(s.arn),
			RotationLambdaArn: str(r.Function.Arn()),
			RotationRules:     &secretsmanagersecretrotation.SecretsmanagerSecretRotationRotationRules{AutomaticallyAfterDays: f64(days)},
			DependsOn:         &deps,
		})
	})
}

// Arn is the secret's ARN (a Terraform reference).
func (s *Secret) Arn() string { return s.arn }

// FullName is the secret's name, "{company}-{environment}-{name}" (plain
// text). Grants and policies take the ARN, never the name.
func (s *Secret) FullName() string { return s.fullName }

// KeyArn is the ARN of the secret's key (a Terraform reference).
func (s *Secret) KeyArn() string { return s.keyArn }

// Construct is the secret's construct node.
func (s *Secret) Construct() constructs.Construct { return s.node }

func (s *Secret) keyStatement(actions []string) policy.Statement {
	return policy.Statement{Actions: actions, Resources: []string{s.keyArn},
		Conditions: []policy.Condition{{Operator: "StringEquals", Key: "kms:ViaService", Values: []string{"secretsmanager." + s.region + ".amazonaws.com"}}}}
}

// ReadActions are the actions of GrantRead.
var ReadActions = []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}

// GrantRead lets g read the secret's value (GetSecretValue, DescribeSecret
// on this secret; kms:Decrypt through Secrets Manager) and, in a VPC, reach
// the Secrets Manager endpoint.
func (s *Secret) GrantRead(g identity.Grantee) error {
	return identity.Grant("grantee", g, []string{"secretsmanager"},
		policy.Statement{Actions: ReadActions, Resources: []string{s.arn}},
		s.keyStatement([]string{"kms:Decrypt"}))
}

// CheckArn reports why v cannot name a secret in a policy: it must be a
// secret ARN ("arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 chars>")
// or a Terraform reference to one (a secret's Arn(), a database's
// SecretArn()). A name, or a reference to a name, is refused: IAM matches
// secrets by ARN, so a policy naming a secret by name grants nothing.
func CheckArn(field, v string) error {
	switch {
	case v == "":
		return fmt.Errorf("%s: must not be empty; pass the secret's Arn() (or a database's SecretArn())", field)
	case strings.Contains(v, "${"):
		ref := strings.TrimSuffix(strings.TrimSpace(v), "}")
		if strings.HasSuffix(ref, ".name") || strings.HasSuffix(ref, "_name") {
			return fmt.Errorf("%s: %q refers to a name, not an ARN; pass the secret's Arn() (IAM matches secrets by ARN)", field, v)
		}
		return nil
	case strings.HasPrefix(v, "arn:"):
		parts := strings.SplitN(v, ":", 7)
		if len(parts) < 7 || parts[2] != "secretsmanager" || !strings.HasPrefix(parts[5], "secret") {
			return fmt.Errorf("%s: %q is not a Secrets Manager secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>)", field, v)
		}
		return nil
	}
	return fmt.Errorf("%s: %q is a secret name; pass the secret's ARN (its Arn(), or a database's SecretArn()): IAM matches secrets by ARN, so a policy naming %q grants nothing", field, v, v)
}

func str(s string) *string { return &s }
func f64(i int) *float64   { f := float64(i); return &f }
