package tfrun

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The provider filesystem mirror is laid out by registry host
// (<mirror>/<host>/<namespace>/<type>/<version>/<os_arch>), and both engines
// look a provider up under the host they resolve its source to. A mirror
// filled by `terraform providers mirror` holds registry.terraform.io only,
// while OpenTofu resolves "aws" to registry.opentofu.org/hashicorp/aws. So
// for OpenTofu the kit writes a mirror view: a folder holding, for every
// provider package in the mirror, a symbolic link under its own host and,
// for registry.terraform.io packages, one under registry.opentofu.org too
// (unless the mirror has that package under registry.opentofu.org already).
// OpenTofu and Terraform follow a symbolic link at the package level (the
// version/os_arch folder of the unpacked layout, or the zip of the packed
// one); they ignore links higher up, which is why the view links packages
// and not hosts. The mirror itself is never written.

// CLIConfig returns the Terraform CLI configuration that installs every
// registry.terraform.io provider from mirror and never from the network.
func CLIConfig(mirror string) string {
	return CLIConfigHosts(mirror, TerraformRegistry)
}

// CLIConfigHosts returns a CLI configuration (Terraform's and OpenTofu's
// format) that installs every provider of the given registry hosts from the
// filesystem mirror at path and never from the network.
func CLIConfigHosts(path string, hosts ...string) string {
	pats := make([]string, len(hosts))
	for i, h := range hosts {
		pats[i] = strconv.Quote(h + "/*/*")
	}
	list := "[" + strings.Join(pats, ", ") + "]"
	return fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %s
    include = %s
  }
  direct {
    exclude = %s
  }
}
`, strconv.Quote(path), list, list)
}

// WriteCLIConfig writes the engine's CLI configuration into dir and returns
// its path (dir/terraformrc). For Terraform it is CLIConfig(mirror). For
// OpenTofu it first writes the mirror view (dir/mirror-view, see
// WriteMirrorView) and serves both registry hosts from it.
func WriteCLIConfig(dir, mirror string, eng Engine) (string, error) {
	text := CLIConfig(mirror)
	if eng.IsOpenTofu() {
		view := filepath.Join(dir, "mirror-view")
		if err := WriteMirrorView(view, mirror); err != nil {
			return "", err
		}
		text = CLIConfigHosts(view, TerraformRegistry, OpenTofuRegistry)
	}
	p := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		return "", err
	}
	return p, nil
}

// WriteMirrorView creates view (which must not exist yet) holding a
// symbolic link for every provider package in mirror, under its own host,
// and for registry.terraform.io packages under registry.opentofu.org as well
// when the mirror does not hold that package there itself.
func WriteMirrorView(view, mirror string) error {
	pkgs, err := mirrorPackages(mirror)
	if err != nil {
		return err
	}
	if len(pkgs) == 0 {
		return fmt.Errorf("%w: no provider package in mirror %s (want <host>/<namespace>/<type>/<version>/<os_arch>)", ErrMissing, mirror)
	}
	have := map[string]bool{}
	for _, rel := range pkgs {
		have[rel] = true
	}
	link := func(rel, target string) error {
		p := filepath.Join(view, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.Symlink(target, p)
	}
	if err := os.Mkdir(view, 0o755); err != nil {
		return err
	}
	for _, rel := range pkgs {
		target := filepath.Join(mirror, rel)
		if err := link(rel, target); err != nil {
			return err
		}
		host, rest, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if host != TerraformRegistry {
			continue
		}
		alias := filepath.FromSlash(OpenTofuRegistry + "/" + rest)
		if have[alias] {
			continue
		}
		if err := link(alias, target); err != nil {
			return err
		}
	}
	return nil
}

// mirrorPackages lists the provider packages of a filesystem mirror,
// relative to it: unpacked folders (<host>/<ns>/<type>/<version>/<os_arch>)
// and packed zips (<host>/<ns>/<type>/terraform-provider-*.zip).
func mirrorPackages(mirror string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(mirror, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(mirror, p)
		depth := len(strings.Split(filepath.ToSlash(rel), "/"))
		if rel == "." {
			return nil
		}
		switch {
		case depth == 5:
			if isDir(p) {
				out = append(out, rel)
			}
			if d.IsDir() {
				return fs.SkipDir
			}
		case depth == 4 && !isDir(p) && strings.HasPrefix(d.Name(), "terraform-provider-") && strings.HasSuffix(d.Name(), ".zip"):
			out = append(out, rel)
		}
		return nil
	})
	return out, err
}

// isDir follows a symbolic link: a mirror may itself link its packages.
func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
