package deploytest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

var accountRE = regexp.MustCompile(`^[0-9]{12}$`)

// realAWS loads the ambient credentials and refuses to go on unless
// AccountEnv names exactly the account they belong to.
func realAWS(ctx context.Context, region string) (aws.Config, string, error) {
	want := os.Getenv(AccountEnv)
	if !accountRE.MatchString(want) {
		return aws.Config{}, "", fmt.Errorf("%s=aws deploys billable resources to a real account: set %s to that account's 12-digit id to confirm (have %q)",
			TargetEnv, AccountEnv, want)
	}
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region))
	if err != nil {
		return aws.Config{}, "", fmt.Errorf("loading AWS credentials: %w", err)
	}
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return aws.Config{}, "", fmt.Errorf("sts GetCallerIdentity with the ambient credentials: %w", err)
	}
	if got := aws.ToString(id.Account); got != want {
		return aws.Config{}, "", fmt.Errorf("the ambient credentials belong to account %s, not %s=%s: refusing to deploy", got, AccountEnv, want)
	}
	return cfg, want, nil
}

// writeLocalBackendOverride keeps the test's state in its own folder on real
// AWS too, whatever backend the stack declares.
func writeLocalBackendOverride(dir string) error {
	b, _ := json.MarshalIndent(map[string]any{
		"terraform": map[string]any{"backend": map[string]any{"local": map[string]any{"path": "terraform.tfstate"}}},
	}, "", "  ")
	return os.WriteFile(filepath.Join(dir, "deploytest_override.tf.json"), append(b, '\n'), 0o644)
}
