package stack

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
)

// Engine is the command a stack is meant to be applied with. The output is
// plain Terraform JSON that both engines apply; the engine matters only for
// the features one of them lacks (StateEncryption).
type Engine string

// The engines.
const (
	// Terraform is HashiCorp's terraform (the zero value "" means it too).
	Terraform Engine = "terraform"
	// OpenTofu is the Linux Foundation's tofu.
	OpenTofu Engine = "tofu"
)

// StateEncryption encrypts the stack's state and plan files client-side with
// OpenTofu's encryption block
// (https://opentofu.org/docs/language/state/encryption/): the aws_kms key
// provider asks KMS for a data key per write (GenerateDataKey, key spec
// AES_256), the aes_gcm method encrypts the whole state or plan with it, and
// only the KMS-wrapped data key is stored beside the ciphertext. Both targets
// are enforced: OpenTofu refuses to write an unencrypted state or plan.
//
// The key must exist before the stack: the state cannot be encrypted with a
// key the same state creates (the first apply would need it before creating
// it, and a destroy would delete the key that decrypts the state). Create it
// once in a bootstrap stack of its own, applied first (its state holds only
// the key's metadata), and give its alias here; see the README ("Encrypted
// state (OpenTofu)"). The principal that runs tofu needs kms:GenerateDataKey
// and kms:Decrypt on it. Losing the key loses the state.
type StateEncryption struct {
	// KMSKeyID is the existing key: a key ARN, an alias ARN, a key id or an
	// alias ("alias/acme-tofu-state"). Required; a Terraform reference is
	// refused (OpenTofu reads the encryption block before any resource, and
	// a key this stack creates cannot protect the stack's own state).
	KMSKeyID string
	// Region is the key's region. Default: the stack's region.
	Region string
}

// Names in the encryption block the stack writes; keyProviderName is also
// the label in the key provider's metadata inside the encrypted file.
const (
	encryptionName  = "state"
	keyProviderName = "aws_kms." + encryptionName
)

// validateEngine checks Engine and StateEncryption together.
func (p Props) validateEngine() []error {
	var errs []error
	switch p.Engine {
	case "", Terraform, OpenTofu:
	default:
		errs = append(errs, fmt.Errorf("engine: %q is not an engine; use stack.Terraform (the default) or stack.OpenTofu", string(p.Engine)))
	}
	enc := p.StateEncryption
	if enc == nil {
		return errs
	}
	if p.Engine != OpenTofu {
		errs = append(errs, fmt.Errorf("stateEncryption: needs Engine: stack.OpenTofu; the stack targets Terraform, which has no "+
			"client-side state encryption and refuses the terraform block's `encryption` block (terraform init: "+
			"\"No argument or block type is named \\\"encryption\\\"\"), so every terraform command would fail. Apply the stack with tofu and set Engine: stack.OpenTofu, or leave "+
			"StateEncryption nil and rely on the backend's encryption (Backend.S3 with KMSKeyID)"))
	}
	switch v := enc.KMSKeyID; {
	case v == "":
		errs = append(errs, fmt.Errorf("stateEncryption.kmsKeyID: must not be empty; give the alias or ARN of a KMS key that exists before the stack (e.g. \"alias/%s-%s-tofu-state\")", p.Company, p.Environment))
	case strings.Contains(v, "${"):
		errs = append(errs, fmt.Errorf("stateEncryption.kmsKeyID: %q is a reference; the state key must exist before the stack (a key this stack creates cannot encrypt its own state, and OpenTofu reads the encryption block before any resource): create it in a bootstrap stack and give its alias", v))
	case kmsKeyARN.MatchString(v), kmsKeyUUID.MatchString(v), kmsAlias.MatchString(v):
	default:
		errs = append(errs, fmt.Errorf("stateEncryption.kmsKeyID: %q is not a KMS key; use a key ARN (arn:aws:kms:<region>:<account>:key/<id>), an alias ARN, a key id (1234abcd-12ab-34cd-56ef-1234567890ab) or an alias (alias/acme-tofu-state)", v))
	}
	if enc.Region != "" {
		if err := awscontext.ValidateRegion(enc.Region); err != nil {
			errs = append(errs, fmt.Errorf("stateEncryption.%w", err))
		}
	}
	return errs
}

// addEncryption writes OpenTofu's encryption block into the terraform block.
func addEncryption(st cdktf.TerraformStack, props Props) {
	enc := props.StateEncryption
	if enc == nil {
		return
	}
	region := enc.Region
	if region == "" {
		region = props.Region
	}
	st.AddOverride(str("terraform.encryption"), EncryptionBlock(enc.KMSKeyID, region))
}

// EncryptionBlock is the JSON form of the terraform block's `encryption`
// block that StateEncryption writes: key provider aws_kms "state" (key spec
// AES_256), method aes_gcm "state" using it, and state and plan both
// encrypted with that method, enforced. In JSON a method reference is a
// plain traversal string and the keys are an interpolation.
func EncryptionBlock(kmsKeyID, region string) map[string]any {
	target := map[string]any{"method": "method.aes_gcm." + encryptionName, "enforced": true}
	return map[string]any{
		"key_provider": map[string]any{"aws_kms": map[string]any{encryptionName: map[string]any{
			"kms_key_id": kmsKeyID,
			"region":     region,
			"key_spec":   "AES_256",
		}}},
		"method": map[string]any{"aes_gcm": map[string]any{encryptionName: map[string]any{
			"keys": "${key_provider." + keyProviderName + "}",
		}}},
		"state": target,
		"plan":  target,
	}
}
