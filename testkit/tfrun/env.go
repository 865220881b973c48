package tfrun

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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

// ErrMissing marks a discovery failure caused by an absent tool (terraform
// binary or provider mirror), as opposed to an I/O error.
var ErrMissing = errors.New("terraform tooling missing")

// Env is a discovered Terraform toolchain: the binary, the provider mirror and
// the generated CLI configuration that installs providers only from it.
type Env struct {
	// Terraform is the absolute path of the terraform executable.
	Terraform string
	// Mirror is the provider filesystem mirror root.
	Mirror string
	// CLIConfig is the generated CLI configuration file.
	CLIConfig string
}

// No TF_PLUGIN_CACHE_DIR is set on purpose: terraform init links an unpacked
// filesystem mirror's provider into .terraform (a symlink, 28 KB), while a
// plugin cache would first copy the ~700 MB AWS provider binary into it.

// Discover finds terraform and the provider mirror and writes the CLI
// configuration into workDir (when empty, a new temporary folder, which the
// caller removes). A missing binary or mirror yields an error wrapping
// ErrMissing that says how to provide it. Tests use Require instead.
func Discover(workDir string) (*Env, error) {
	bin, mirror, err := locate()
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
	cfg, err := WriteCLIConfig(workDir, mirror)
	if err != nil {
		return nil, err
	}
	return &Env{Terraform: bin, Mirror: mirror, CLIConfig: cfg}, nil
}

func locate() (bin, mirror string, err error) {
	var missing []error
	bin = os.Getenv(BinaryEnv)
	if bin != "" {
		if p, lerr := exec.LookPath(bin); lerr != nil {
			missing = append(missing, fmt.Errorf("%s=%q is not an executable: %v", BinaryEnv, bin, lerr))
		} else {
			bin = p
		}
	} else if p, lerr := exec.LookPath("terraform"); lerr != nil {
		missing = append(missing, fmt.Errorf("terraform is not on PATH; install Terraform >= 1.5 or set %s to its path", BinaryEnv))
	} else {
		bin = p
	}
	if bin != "" && len(missing) == 0 {
		if abs, aerr := filepath.Abs(bin); aerr == nil {
			bin = abs
		}
	}

	mirror = os.Getenv(MirrorEnv)
	if mirror == "" {
		mirror = DefaultMirror
	}
	if abs, aerr := filepath.Abs(mirror); aerr == nil {
		mirror = abs
	}
	if found, _ := filepath.Glob(filepath.Join(mirror, "registry.terraform.io", "hashicorp", "aws", "*")); len(found) == 0 {
		missing = append(missing, fmt.Errorf("no AWS provider in mirror %s (want %s/registry.terraform.io/hashicorp/aws/<version>/<os_arch>); "+
			"run `terraform providers mirror <dir>` on a connected machine and set %s=<dir>", mirror, mirror, MirrorEnv))
	}
	if len(missing) > 0 {
		return "", "", fmt.Errorf("%w: %w", ErrMissing, errors.Join(missing...))
	}
	return bin, mirror, nil
}

// CLIConfig returns the Terraform CLI configuration that installs every
// registry.terraform.io provider from mirror and never from the network.
func CLIConfig(mirror string) string {
	return fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %s
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
`, strconv.Quote(mirror))
}

// WriteCLIConfig writes CLIConfig(mirror) to dir/terraformrc and returns its path.
func WriteCLIConfig(dir, mirror string) (string, error) {
	p := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(p, []byte(CLIConfig(mirror)), 0o644); err != nil {
		return "", err
	}
	return p, nil
}

// Vars returns the environment for terraform: the current process environment
// with TF_CLI_CONFIG_FILE set to the generated configuration (overriding any
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

// New returns a terraform-exec handle running in dir with this Env's
// environment plus extra variables.
func (e *Env) New(dir string, extra map[string]string) (*tfexec.Terraform, error) {
	tf, err := tfexec.NewTerraform(dir, e.Terraform)
	if err != nil {
		return nil, err
	}
	if err := tf.SetEnv(e.Vars(extra)); err != nil {
		return nil, err
	}
	return tf, nil
}
