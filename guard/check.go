package guard

import (
	"time"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard/rules"
)

// Options configures a check.
type Options struct {
	// Now is the date Lambda runtime deprecations are judged against. Default: time.Now().
	Now time.Time
	// Rules limits the check to these rule IDs. Default: every rule.
	Rules []string
	// MaxBytes is the largest file read; larger files are refused.
	// Default (0): DefaultMaxBytes, 256 MiB.
	MaxBytes int64
	// Vars are values for the root module's input variables, "name=value"
	// as Terraform's -var (a string for a primitive type, an HCL
	// expression otherwise). Default: none; variables take their
	// defaults, or the values of the folder's terraform.tfvars and
	// *.auto.tfvars, as in `terraform plan`, and are unknown without one.
	Vars []string
	// VarFiles are .tfvars or .tfvars.json files, as Terraform's
	// -var-file, applied in order before Vars. Default: none.
	VarFiles []string
}

// CheckFile checks one file: Terraform JSON (*.json) or native syntax
// (*.tf, *.tofu). A file that need not be a whole module (any but a cdktf
// cdk.tf.json) is Stack.Partial.
func CheckFile(path string, opts Options) (Report, error) {
	s, err := engine.LoadWith(path, opts.MaxBytes, engine.Inputs{Vars: opts.Vars, Files: opts.VarFiles})
	if err != nil {
		return Report{}, err
	}
	return CheckStack(s, opts)
}

// CheckDir checks every configuration a path designates (see Modules): a
// module or stack folder, a cdktf.out folder (each stack on its own), or a file.
func CheckDir(path string, opts Options) (Report, error) {
	paths, err := Modules(path)
	if err != nil {
		return Report{}, err
	}
	var rep Report
	for _, p := range paths {
		r, err := CheckFile(p, opts)
		if err != nil {
			return Report{}, err
		}
		rep.Merge(r)
	}
	return rep, nil
}

// CheckStack runs the rules over a parsed stack and applies its suppressions.
func CheckStack(s *Stack, opts Options) (Report, error) {
	return engine.Checker{Rules: rules.All(), Only: opts.Rules, Now: opts.Now}.Check(s)
}
