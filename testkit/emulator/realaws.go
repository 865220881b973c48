package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

var accountRE = regexp.MustCompile(`^[0-9]{12}$`)

// realAccount refuses to go on unless AccountEnv names exactly the account
// the ambient credentials belong to. It asks with Terraform itself (the same
// provider, mirror and credentials the deploy will use): a configuration in
// dir holding only the aws_caller_identity data source, applied (which
// creates nothing), and its account output read back. No AWS SDK is needed.
func realAccount(ctx context.Context, env *tfrun.Env, dir, region string) (string, error) {
	want := os.Getenv(AccountEnv)
	if !accountRE.MatchString(want) {
		return "", fmt.Errorf("%s=aws deploys billable resources to a real account: set %s to that account's 12-digit id to confirm (have %q)",
			TargetEnv, AccountEnv, want)
	}
	b, err := json.MarshalIndent(callerIdentityConfig(region), "", "  ")
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), b, 0o644); err != nil {
		return "", err
	}
	tf, err := env.New(dir, nil)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	tf.SetStdout(&out)
	if err := tf.Init(ctx, tfexec.Upgrade(false)); err != nil {
		return "", fmt.Errorf("terraform init (account check): %w\n%s", err, out.String())
	}
	if err := tf.Apply(ctx); err != nil {
		return "", fmt.Errorf("reading the ambient credentials' account (data.aws_caller_identity): %w\n%s", err, out.String())
	}
	outputs, err := tf.Output(ctx)
	if err != nil {
		return "", fmt.Errorf("terraform output (account check): %w", err)
	}
	var got string
	if err := json.Unmarshal(outputs["account"].Value, &got); err != nil {
		return "", fmt.Errorf("account output %s: %w", outputs["account"].Value, err)
	}
	if got != want {
		return "", fmt.Errorf("the ambient credentials belong to account %s, not %s=%s: refusing to deploy", got, AccountEnv, want)
	}
	return want, nil
}

// callerIdentityConfig is a Terraform JSON configuration that only reads
// the caller's account id.
func callerIdentityConfig(region string) map[string]any {
	return map[string]any{
		"provider": map[string]any{"aws": map[string]any{"region": region}},
		"data":     map[string]any{"aws_caller_identity": map[string]any{"current": map[string]any{}}},
		"output":   map[string]any{"account": map[string]any{"value": "${data.aws_caller_identity.current.account_id}"}},
	}
}

// writeLocalBackendOverride keeps the test's state in its own folder on real
// AWS too, whatever backend the stack declares.
func writeLocalBackendOverride(dir string) error {
	b, _ := json.MarshalIndent(map[string]any{
		"terraform": map[string]any{"backend": map[string]any{"local": map[string]any{"path": "terraform.tfstate"}}},
	}, "", "  ")
	return os.WriteFile(filepath.Join(dir, "local_backend_override.tf.json"), append(b, '\n'), 0o644)
}
