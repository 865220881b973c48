// Package tfrun runs the Terraform or OpenTofu CLI on synthesized stacks,
// offline, through terraform-exec: it discovers the engine's binary and a
// local provider mirror, writes a CLI configuration that installs providers
// only from that mirror (for OpenTofu through a mirror view that also serves
// the mirror's registry.terraform.io packages under registry.opentofu.org,
// the host OpenTofu resolves "aws" to), and implements the validate tier
// (init -backend=false + validate) for tests.
//
// Configuration (environment):
//
//	CDKTF_SECURE_ENGINE           "terraform" (default) or "tofu", when no
//	                              WithEngine option chooses
//	TERRAFORM_BINARY              terraform executable (default: "terraform" on PATH)
//	TOFU_BINARY                   tofu executable (default: "tofu" on PATH, else
//	                              the one scripts/build-tofu.sh leaves in
//	                              <user cache>/cdktf-secure-go/tofu-v1.11.5/tofu)
//	CDKTF_SECURE_PROVIDER_MIRROR  filesystem mirror root holding
//	                              registry.terraform.io/hashicorp/aws/<version>/<os_arch>
//	                              (default: /opt/tf-plugins). Fill one with
//	                              `terraform providers mirror <dir>` on a connected machine.
//	CI                            "true": a missing engine or mirror fails the test
//	                              instead of skipping it.
//
// The user's own CLI configuration (~/.terraformrc, TF_CLI_CONFIG_FILE) is
// never read: every run gets TF_CLI_CONFIG_FILE pointing at the generated file.
package tfrun
