package tfrun

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-exec/tfexec"
)

// Environment variables read by Discover.
const (
	// BinaryEnv names the terraform executable to use instead of PATH lookup.
	BinaryEnv = "TERRAFORM_BINARY"
	// MirrorEnv names the provider filesystem mirror root.
	MirrorEnv = "CDKTF_SECURE_PROVIDER_MIRROR"
	// DefaultMirror is the mirror root used when MirrorEnv is unset.
	DefaultMirror = "/opt/tf-plugins"
)

// ErrMissing marks a discovery failure caused by an absent tool (the
// engine's binary or provider mirror), as opposed to an I/O error.
var ErrMissing = errors.New("terraform tooling missing")

// Env is a discovered toolchain: the engine (Terraform or OpenTofu), the
// provider mirror and the generated CLI configuration that installs
// providers only from it.
type Env struct {
	// Engine is the command that runs: Terraform (the default) or OpenTofu.
	Engine Engine
	// Mirror is the provider filesystem mirror root.
	Mirror string
	// CLIConfig is the generated CLI configuration file.
	CLIConfig string
}

// No TF_PLUGIN_CACHE_DIR is set on purpose: terraform init links an unpacked
// filesystem mirror's provider into .terraform (a symlink, 28 KB), while a
// plugin cache would first copy the ~700 MB AWS provider binary into it.

// Option adjusts Discover, Require and Validate.
type Option func(*options)

type options struct{ engine string }

// WithEngine selects the engine, Terraform or OpenTofu ("terraform" or
// "tofu"), over CDKTF_SECURE_ENGINE. Empty keeps the variable's choice.
func WithEngine(name string) Option { return func(o *options) { o.engine = name } }

func collect(opts []Option) options {
	var o options
	for _, f := range opts {
		f(&o)
	}
	return o
}

// Discover finds the engine's binary (Terraform unless WithEngine or
// CDKTF_SECURE_ENGINE say "tofu") and the provider mirror, and writes the
// CLI configuration into workDir (when empty, a new temporary folder, which
// the caller removes). A missing binary or mirror yields an error wrapping
// ErrMissing that says how to provide it. Tests use Require instead.
func Discover(workDir string, opts ...Option) (*Env, error) {
	name, err := EngineName(collect(opts).engine)
	if err != nil {
		return nil, err
	}
	eng, mirror, err := locate(name)
	if err != nil {
		return nil, err
	}
	if workDir == "" {
		d, err := os.MkdirTemp("", "tfrun-*")
		if err != nil {
			return nil, err
		}
		workDir = d
	}
	cfg, err := WriteCLIConfig(workDir, mirror, eng)
	if err != nil {
		return nil, err
	}
	return &Env{Engine: eng, Mirror: mirror, CLIConfig: cfg}, nil
}

// locate finds the named engine and the provider mirror, reporting every
// missing piece at once.
func locate(name string) (eng Engine, mirror string, err error) {
	var missing []error
	eng, lerr := locateEngine(name)
	if lerr != nil {
		missing = append(missing, lerr)
	}
	mirror = os.Getenv(MirrorEnv)
	if mirror == "" {
		mirror = DefaultMirror
	}
	mirror = absPath(mirror)
	if found, _ := filepath.Glob(filepath.Join(mirror, "registry.*", "hashicorp", "aws", "*")); len(found) == 0 {
		missing = append(missing, fmt.Errorf("no AWS provider in mirror %s (want %s/registry.terraform.io/hashicorp/aws/<version>/<os_arch>); "+
			"run `terraform providers mirror <dir>` on a connected machine and set %s=<dir>", mirror, mirror, MirrorEnv))
	}
	if len(missing) > 0 {
		return Engine{}, "", fmt.Errorf("%w: %w", ErrMissing, errors.Join(missing...))
	}
	return eng, mirror, nil
}

// Vars returns the environment for the engine: the current process environment
// with TF_CLI_CONFIG_FILE (read by Terraform and OpenTofu alike) set to the generated configuration (overriding any
// user setting) and checkpoint calls disabled, minus
// the variables terraform-exec manages itself. extra entries win.
func (e *Env) Vars(extra map[string]string) map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	delete(env, "TF_CLI_CONFIG_FILE")
	delete(env, "TERRAFORM_CONFIG") // legacy name of TF_CLI_CONFIG_FILE
	env["TF_CLI_CONFIG_FILE"] = e.CLIConfig
	env["CHECKPOINT_DISABLE"] = "1"
	delete(env, "TF_PLUGIN_CACHE_DIR")
	for k, v := range extra {
		env[k] = v
	}
	return tfexec.CleanEnv(env)
}

// New returns a terraform-exec handle running the engine in dir with this
// Env's environment plus extra variables.
func (e *Env) New(dir string, extra map[string]string) (*tfexec.Terraform, error) {
	tf, err := tfexec.NewTerraform(dir, e.Engine.Binary)
	if err != nil {
		return nil, err
	}
	if err := tf.SetEnv(e.Vars(extra)); err != nil {
		return nil, err
	}
	return tf, nil
}
