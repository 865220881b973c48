package controls

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

// CheckOptions configure CheckPaths.
type CheckOptions struct {
	// Guard are the guard options (MaxBytes, Now); Rules is ignored: every
	// rule runs, since controls name their deciders.
	Guard guard.Options
	// BaselinedElsewhere: see Input.BaselinedElsewhere.
	BaselinedElsewhere bool
	// Region binds the access tier's data.aws_region when a stack's
	// provider names none (default us-east-1).
	Region string
}

// LoadAccount reads every configuration the paths designate (files,
// module or stack folders, cdktf.out folders: see guard.Modules), runs
// every guard rule and the access tier on each, and returns the Input of
// one account. A path the guard cannot read is an error (*guard.InvalidError
// for a file that is not a Terraform configuration); a stack the access
// tier cannot read (a native-syntax module) only leaves its expectations
// unevaluated, with the reason.
func LoadAccount(paths []string, opts CheckOptions) (Input, error) {
	in := Input{Access: map[string][]access.Result{}, AccessErrors: map[string]string{}, BaselinedElsewhere: opts.BaselinedElsewhere}
	gopts := opts.Guard
	gopts.Rules = nil
	for _, p := range paths {
		mods, err := guard.Modules(p)
		if err != nil {
			return Input{}, err
		}
		for _, m := range mods {
			s, err := guard.Load(m, gopts.MaxBytes)
			if err != nil {
				return Input{}, err
			}
			rep, err := guard.CheckStack(s, gopts)
			if err != nil {
				return Input{}, err
			}
			in.Stacks = append(in.Stacks, s)
			in.Guard.Merge(rep)
			runAccess(&in, s, opts.Region)
		}
	}
	if len(in.Stacks) == 0 {
		return Input{}, fmt.Errorf("controls: no configuration in %s", strings.Join(paths, ", "))
	}
	return in, nil
}

// runAccess runs the access tier on one stack when it is Terraform JSON.
func runAccess(in *Input, s *guard.Stack, region string) {
	file := s.File
	if !strings.HasSuffix(file, ".json") {
		if len(s.Files) == 1 && strings.HasSuffix(s.Files[0], ".json") {
			file = s.Files[0]
		} else {
			in.AccessErrors[s.File] = "the access tier reads Terraform JSON (cdk.tf.json); " + filepath.Base(s.File) + " is not"
			return
		}
	}
	bind := access.Binding{Region: s.ProviderRegion()}
	if bind.Region == "" {
		bind.Region = region
	}
	rep, err := access.CheckFile(file, bind)
	if err != nil {
		in.AccessErrors[s.File] = err.Error()
		return
	}
	in.Access[s.File] = rep.Results
}

// CheckPaths is LoadAccount then Evaluate for each framework.
func (c *Catalogue) CheckPaths(paths []string, opts CheckOptions, frameworks ...string) ([]*Report, Input, error) {
	in, err := LoadAccount(paths, opts)
	if err != nil {
		return nil, Input{}, err
	}
	var out []*Report
	for _, fw := range frameworks {
		rep, err := c.Evaluate(fw, in)
		if err != nil {
			return nil, Input{}, err
		}
		out = append(out, rep)
	}
	return out, in, nil
}
