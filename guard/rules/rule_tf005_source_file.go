package rules

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "TF005",
		Title:    "uploaded file does not exist",
		Severity: engine.Error,
		Doc: "source on aws_s3_object (or the deprecated aws_s3_bucket_object) is read at plan time relative " +
			"to the stack folder; a missing file fails the plan. cdktf TerraformAsset paths (assets/...) exist " +
			"after synth. ${path.module}/${path.root} resolve to the stack folder; other expressions and files " +
			"Terraform creates (archive_file, local_file) are not judged.",
		Check: func(p *engine.Pass) {
			for _, typ := range []string{"aws_s3_object", "aws_s3_bucket_object"} {
				for _, obj := range p.Stack.OfType(typ) {
					raw := engine.Str(obj.Body["source"])
					if raw == "" {
						continue
					}
					if full, ok := missingLocalFile(p.Stack, raw); !ok {
						p.Reportf(obj, "create the file before synthesizing, or package it with a cdktf TerraformAsset so it is copied into the stack folder",
							"source %q does not exist (looked for %s); terraform plan fails", raw, full)
					}
				}
			}
		},
	})
}

// missingLocalFile resolves a local file path the way Terraform does (relative
// to the stack folder) and reports whether it exists. Paths Terraform itself
// creates or that are expressions are reported as existing.
func missingLocalFile(s *engine.Stack, raw string) (string, bool) {
	if producedAtPlan(raw) {
		return "", true
	}
	name := s.Resolve(raw)
	for _, tok := range []string{"${path.module}", "${path.root}", "${path.cwd}"} {
		name = strings.ReplaceAll(name, tok, ".")
	}
	if engine.HasInterp(name) || producedFile(s, name) {
		return "", true
	}
	full := name
	if !filepath.IsAbs(full) {
		dir := s.Dir
		if s.WorkDir != "" {
			dir = s.WorkDir // terraform resolves relative paths against its working folder, also in modules
		}
		full = filepath.Join(dir, filepath.FromSlash(name))
	}
	_, err := os.Stat(full)
	return full, err == nil
}
