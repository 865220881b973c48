// Command library is the small example: a team's own CDKTF app whose stack
// uses two constructs of the library next to a resource of its own.
//
//	cd examples/library && go run .     # writes cdktf.out/stacks/acme-data-dev/cdk.tf.json
package main

import (
	"fmt"
	"os"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ssmparameter"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
)

// StackID is the id of the example's stack.
const StackID = "acme-data-dev"

func main() {
	code := 0
	app, err := stack.NewApp(stack.AppProps{})
	if err == nil {
		err = Build(app)
	}
	if err == nil {
		err = app.Synthesize()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		code = 1
	} else {
		fmt.Println("wrote", app.StackFile(StackID))
	}
	stack.Close()
	os.Exit(code)
}

// Build adds the example stack to app: a KMS key, a secure data bucket, a
// bucket for its access logs... and the team's own SSM parameter, written
// with the plain provider bindings, that publishes the bucket name.
func Build(app *stack.App) error {
	s, err := stack.New(app, StackID, stack.Props{
		Company:     "acme",
		Environment: "dev",
		Region:      "eu-west-1",
		Project:     "data-platform",
		Tags:        map[string]string{"Team": "data"},
	})
	if err != nil {
		return err
	}

	// A scoped key: only this account's root administers it, and each
	// construct that uses it adds its own statement.
	key, err := encryption.NewKey(s, "data", encryption.KeyProps{})
	if err != nil {
		return err
	}

	// A bucket with versioning, SSE-KMS, the public access block, owner
	// enforced and a TLS-only policy, named acme-dev-data-raw.
	raw, err := storage.NewBucket(s, "raw", storage.BucketProps{Name: "data-raw", Key: key, ForceDestroy: true})
	if err != nil {
		return err
	}

	// Anything the library does not cover is written with the provider
	// bindings as usual, in the same stack, referencing our constructs.
	return stack.Catch(func() {
		name := "/acme/dev/data/raw-bucket"
		ssmparameter.NewSsmParameter(s, strp("raw-bucket-name"), &ssmparameter.SsmParameterConfig{
			Name:  &name,
			Type:  strp("String"),
			Value: strp(raw.Name()),
		})
	})
}

func strp(s string) *string { return &s }
