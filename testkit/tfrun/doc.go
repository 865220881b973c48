// Package tfrun runs the Terraform CLI on synthesized stacks, offline, through
// terraform-exec: it discovers the terraform binary and a local provider
// mirror, writes a CLI configuration that installs providers only from that
// mirror, and implements the validate tier (terraform init -backend=false +
// terraform validate) for tests.
//
// Configuration (environment):
//
//	TERRAFORM_BINARY              terraform executable (default: "terraform" on PATH)
//	CDKTF_SECURE_PROVIDER_MIRROR  filesystem mirror root holding
//	                              registry.terraform.io/hashicorp/aws/<version>/<os_arch>
//	                              (default: /opt/tf-plugins). Fill one with
//	                              `terraform providers mirror <dir>` on a connected machine.
//	CI                            "true": a missing terraform or mirror fails the test
//	                              instead of skipping it.
//
// The user's own CLI configuration (~/.terraformrc, TF_CLI_CONFIG_FILE) is
// never read: every run gets TF_CLI_CONFIG_FILE pointing at the generated file.
package tfrun
