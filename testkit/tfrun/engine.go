package tfrun

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Engine names, the values of EngineEnv and of the kit's Engine options.
const (
	// Terraform is HashiCorp's terraform, the default engine.
	Terraform = "terraform"
	// OpenTofu is the Linux Foundation's tofu.
	OpenTofu = "tofu"
)

// Environment variables that choose and locate the engine.
const (
	// EngineEnv selects the engine when no option does: "terraform" (the
	// default when unset) or "tofu".
	EngineEnv = "CDKTF_SECURE_ENGINE"
	// TofuBinaryEnv names the tofu executable to use instead of the lookup
	// described at LocateTofu.
	TofuBinaryEnv = "TOFU_BINARY"
	// TofuVersion is the OpenTofu release scripts/build-tofu.sh builds and
	// LocateTofu looks for in the user cache folder.
	TofuVersion = "v1.11.5"
)

// Provider registry hosts. A provider source without a host ("aws",
// "hashicorp/aws") means registry.terraform.io/hashicorp/aws to Terraform and
// registry.opentofu.org/hashicorp/aws to OpenTofu.
const (
	TerraformRegistry = "registry.terraform.io"
	OpenTofuRegistry  = "registry.opentofu.org"
)

// Engine is the command-line tool that runs a configuration: Terraform or
// OpenTofu. Everything else in the kit is the same for both: terraform-exec
// drives either (OpenTofu keeps Terraform's commands, flags and JSON output).
type Engine struct {
	// Name is Terraform or OpenTofu ("terraform" or "tofu"), the command
	// name used in messages.
	Name string
	// Binary is the absolute path of the executable.
	Binary string
	// RegistryHost is the host the engine resolves a provider source
	// without a host to: TerraformRegistry or OpenTofuRegistry. The provider
	// mirror is offered to the engine under this host (see CLIConfigFor).
	RegistryHost string
}

// String is the engine's name.
func (e Engine) String() string { return e.Name }

// IsOpenTofu reports whether the engine is OpenTofu.
func (e Engine) IsOpenTofu() bool { return e.Name == OpenTofu }

// EngineName returns the engine to use: name when given, else EngineEnv,
// else Terraform. Any other value is an error naming the variable and the
// accepted values.
func EngineName(name string) (string, error) {
	from := "engine option"
	if name == "" {
		name, from = os.Getenv(EngineEnv), EngineEnv
	}
	switch v := strings.ToLower(strings.TrimSpace(name)); v {
	case "", Terraform:
		return Terraform, nil
	case OpenTofu, "opentofu":
		return OpenTofu, nil
	default:
		return "", fmt.Errorf("%s=%q: want %q (the default) or %q", from, name, Terraform, OpenTofu)
	}
}

// LocateEngine finds the executable of the named engine (Terraform or
// OpenTofu). Terraform: TERRAFORM_BINARY, else terraform on PATH. OpenTofu:
// see LocateTofu. A missing executable is an error wrapping ErrMissing that
// says how to provide it.
func LocateEngine(name string) (Engine, error) {
	eng, err := locateEngine(name)
	if err != nil {
		return Engine{}, fmt.Errorf("%w: %w", ErrMissing, err)
	}
	return eng, nil
}

// locateEngine is LocateEngine with errors not yet marked ErrMissing.
func locateEngine(name string) (Engine, error) {
	switch name {
	case Terraform:
		bin, err := lookBinary(BinaryEnv, "terraform",
			fmt.Sprintf("terraform is not on PATH; install Terraform >= 1.5 or set %s to its path", BinaryEnv))
		return Engine{Name: Terraform, Binary: bin, RegistryHost: TerraformRegistry}, err
	case OpenTofu:
		bin, err := locateTofu()
		return Engine{Name: OpenTofu, Binary: bin, RegistryHost: OpenTofuRegistry}, err
	default:
		return Engine{}, fmt.Errorf("unknown engine %q: want %q or %q", name, Terraform, OpenTofu)
	}
}

// LocateTofu finds the tofu executable: TOFU_BINARY, else tofu on PATH,
// else the binary scripts/build-tofu.sh leaves in the user cache folder
// (<user cache>/cdktf-secure-go/tofu-<TofuVersion>/tofu). Nothing is built
// or downloaded here. A missing binary is an error wrapping ErrMissing.
func LocateTofu() (string, error) {
	bin, err := locateTofu()
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrMissing, err)
	}
	return bin, nil
}

func locateTofu() (string, error) {
	if os.Getenv(TofuBinaryEnv) == "" {
		if _, err := exec.LookPath("tofu"); err != nil {
			if p := TofuCachePath(); p != "" {
				if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
					return p, nil
				}
			}
		}
	}
	where := "the user cache folder"
	if p := TofuCachePath(); p != "" {
		where = p
	}
	return lookBinary(TofuBinaryEnv, "tofu", fmt.Sprintf(
		"tofu is not on PATH nor in %s; build OpenTofu %s from source once with scripts/build-tofu.sh (Go module proxy only), "+
			"install it, or set %s to its path", where, TofuVersion, TofuBinaryEnv))
}

// TofuCachePath is where scripts/build-tofu.sh puts the tofu binary:
// <user cache>/cdktf-secure-go/tofu-<TofuVersion>/tofu, or "" when the
// system has no user cache folder.
func TofuCachePath() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "cdktf-secure-go", "tofu-"+TofuVersion, "tofu")
}

// lookBinary resolves the executable named by the variable env, or name on
// PATH, to an absolute path; missing is the message when neither is found.
func lookBinary(env, name, missing string) (string, error) {
	if v := os.Getenv(env); v != "" {
		p, err := exec.LookPath(v)
		if err != nil {
			return "", fmt.Errorf("%s=%q is not an executable: %v", env, v, err)
		}
		return absPath(p), nil
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", errors.New(missing)
	}
	return absPath(p), nil
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
