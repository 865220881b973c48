// Package benchstack builds the stacks the performance benchmark measures:
// the minimal stack (the secure stack's provider, backend and context plus
// one resource) and the reference stack, once per environment.
package benchstack

import (
	"fmt"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucket"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/examples/reference"
)

// Kinds are the stack kinds Build knows.
var Kinds = []string{"minimal", "reference"}

// Environment returns the environment name of the i-th environment (0-based):
// "dev" first, as in the reference stack's default, then "env2", "env3", ...
func Environment(i int) string {
	if i == 0 {
		return "dev"
	}
	return fmt.Sprintf("env%d", i+1)
}

// Build adds envs stacks of the given kind to app and returns their ids
// ("acme-dev", "acme-env2", ...).
func Build(app *stack.App, kind string, envs int) ([]string, error) {
	if envs < 1 {
		return nil, fmt.Errorf("envs: %d; want at least 1", envs)
	}
	var ids []string
	for i := 0; i < envs; i++ {
		cfg := reference.Config{Company: "acme", Environment: Environment(i), Region: "us-east-1"}
		switch kind {
		case "minimal":
			if err := Minimal(app, cfg.StackID(), cfg.Environment); err != nil {
				return nil, err
			}
		case "reference":
			if _, err := reference.New(app, cfg); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("kind: %q; want one of %v", kind, Kinds)
		}
		ids = append(ids, cfg.StackID())
	}
	return ids, nil
}

// Minimal is the secure stack (provider with default tags, local backend,
// account context) plus one S3 bucket. bench/js/minimal.js is its twin.
func Minimal(app *stack.App, id, environment string) error {
	s, err := stack.New(app, id, stack.Props{Company: "acme", Environment: environment, Region: "us-east-1"})
	if err != nil {
		return err
	}
	return stack.Catch(func() {
		name := "acme-" + environment + "-data"
		s3bucket.NewS3Bucket(s.TerraformStack, &name, &s3bucket.S3BucketConfig{Bucket: &name})
	})
}
