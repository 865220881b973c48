package encryption

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmsalias"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// SidRootAdministration is the Sid of the first key policy statement, which
// lets this account's root principal administer the key through IAM.
const SidRootAdministration = "EnableRootAccountAdministration"

// Key is a customer managed KMS key with rotation, an alias and an explicit
// key policy that grows only as services and roles are allowed to use it.
type Key struct {
	node      constructs.Construct
	key       kmskey.KmsKey
	alias     kmsalias.KmsAlias
	ctx       *awscontext.Context
	aliasName string
	region    string // the stack's region, plain text
	arn       string // the key's ARN token, read once
	doc       policy.Document
	trails    []string
	grants    map[string][]string // sid -> principal ARNs, in order
}

// NewKey validates props and creates the key and its alias under scope.
func NewKey(scope constructs.Construct, id string, props KeyProps) (*Key, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	name := props.Name
	if name == "" {
		name = id
	}
	st, full, err := stack.Named(scope, id, naming.KMSAlias, name)
	if err != nil {
		return nil, err
	}
	desc := props.Description
	if desc == "" {
		desc = st.Naming.Prefix() + " " + name + " key, managed by cdktf-secure-go"
	}
	k := &Key{ctx: st.AWS, aliasName: "alias/" + full, region: st.RegionName, grants: map[string][]string{}}
	k.doc.Add(policy.Statement{
		Sid:        SidRootAdministration,
		Principals: []policy.Principal{policy.AWS(st.AWS.RootPrincipal())},
		Actions:    []string{"kms:*"},
		Resources:  []string{"*"},
	})
	doc, err := k.doc.JSON()
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	err = stack.Catch(func() {
		k.node = st.NewNode(scope, id)
		k.key = kmskey.NewKmsKey(k.node, str("key"), &kmskey.KmsKeyConfig{
			Description:          str(desc),
			EnableKeyRotation:    true,
			DeletionWindowInDays: f64(props.deletionWindow()),
			Policy:               str(doc),
		})
		k.alias = kmsalias.NewKmsAlias(k.node, str("alias"), &kmsalias.KmsAliasConfig{
			Name:        str(k.aliasName),
			TargetKeyId: k.key.KeyId(),
		})
		k.arn = *k.key.Arn()
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// Arn is the key's ARN (a Terraform reference).
func (k *Key) Arn() string { return k.arn }

// ID is the key's ID (a Terraform reference).
func (k *Key) ID() string { return *k.key.KeyId() }

// Region is the region the key lives in: its stack's region (plain text).
// KMS keys are regional; CheckRegion uses it to refuse a key of another
// region, also one handed over from another stack.
func (k *Key) Region() string { return k.region }

// AliasName is the alias, "alias/{company}-{environment}-{name}" (plain text).
func (k *Key) AliasName() string { return k.aliasName }

// AliasArn is the alias's ARN (a Terraform reference).
func (k *Key) AliasArn() string { return *k.alias.Arn() }

// Construct is the key's construct node.
func (k *Key) Construct() constructs.Construct { return k.node }

// Policy returns a copy of the key policy's current statements.
func (k *Key) Policy() policy.Document {
	return k.doc.Clone()
}

func str(s string) *string { return &s }
func f64(i int) *float64   { f := float64(i); return &f }
