package stack

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// Output is one Terraform output of a stack.
type Output struct {
	// Name is the output name: letters, digits, underscores. Required.
	Name string
	// Value is the value, usually a reference such as key.Arn(). Required.
	Value string
	// Description says what it is. Default: none.
	Description string
	// Sensitive hides the value in plan and apply output. Default: false.
	Sensitive bool
}

var outputName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// Outputs adds Terraform outputs to s, with construct ids equal to their
// names so the output names in cdk.tf.json are exactly the ones given.
func Outputs(s *Stack, outputs []Output) error {
	var errs []error
	seen := map[string]bool{}
	for i, o := range outputs {
		switch {
		case !outputName.MatchString(o.Name):
			errs = append(errs, fmt.Errorf("outputs[%d].name: %q must be letters, digits and underscores, not starting with a digit", i, o.Name))
		case seen[o.Name]:
			errs = append(errs, fmt.Errorf("outputs[%d].name: %q is used twice", i, o.Name))
		case o.Value == "":
			errs = append(errs, fmt.Errorf("outputs[%d].value: %q has no value", i, o.Name))
		}
		seen[o.Name] = true
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return Catch(func() {
		for _, o := range outputs {
			cfg := &cdktf.TerraformOutputConfig{Value: str(o.Value), Sensitive: boolp(o.Sensitive)}
			if o.Description != "" {
				cfg.Description = str(o.Description) // in the config: no extra round trip
			}
			cdktf.NewTerraformOutput(s, str(o.Name), cfg).OverrideLogicalId(str(o.Name))
		}
	})
}
