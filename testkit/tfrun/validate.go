package tfrun

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
)

// Timeout bounds one tier run (init plus validate, or a whole deploy step).
const Timeout = 20 * time.Minute

// Validate copies the synthesized stack in stackDir into a temporary folder
// (so the stack folder stays clean), then runs `terraform init
// -backend=false` and `terraform validate` (or tofu's, with
// WithEngine("tofu") or CDKTF_SECURE_ENGINE=tofu) offline against the
// provider mirror. It fails the test listing every diagnostic; it skips (or
// fails under CI=true) when the engine or the mirror is missing.
func Validate(t testing.TB, stackDir string, opts ...Option) {
	t.Helper()
	env := Require(t, opts...)
	if _, err := os.Stat(filepath.Join(stackDir, "cdk.tf.json")); err != nil {
		t.Fatalf("validate %s: %v", stackDir, err)
	}
	dir := t.TempDir()
	if err := CopyStack(stackDir, dir); err != nil {
		t.Fatalf("validate %s: copy: %v", stackDir, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	if err := ValidateDir(ctx, env, dir); err != nil {
		t.Fatalf("validate %s (%s): %v", stackDir, env.Engine.Name, err)
	}
}

// ValidateDir runs `init -backend=false` and `validate` of env's engine in
// dir. It returns an error listing every diagnostic (errors and warnings)
// when the configuration is invalid.
func ValidateDir(ctx context.Context, env *Env, dir string) error {
	tf, err := env.New(dir, nil)
	if err != nil {
		return err
	}
	var initOut strings.Builder
	tf.SetStdout(&initOut)
	if err := tf.Init(ctx, tfexec.Backend(false), tfexec.Upgrade(false)); err != nil {
		return fmt.Errorf("%s init -backend=false: %w\n%s", env.Engine.Name, err, initOut.String())
	}
	tf.SetStdout(nil)
	out, err := tf.Validate(ctx)
	if err != nil {
		return fmt.Errorf("%s validate: %w", env.Engine.Name, err)
	}
	if out.Valid {
		return nil
	}
	return ValidateError{Engine: env.Engine.Name, Dir: dir, Diagnostics: out.Diagnostics}
}

// ValidateError is an invalid configuration: every diagnostic the engine's
// validate reported.
type ValidateError struct {
	// Engine is the engine that validated ("terraform" or "tofu"; empty
	// reads as terraform).
	Engine string
	// Dir is the folder that was validated.
	Dir string
	// Diagnostics are the errors and warnings, in terraform's order.
	Diagnostics []tfjson.Diagnostic
}

// Error lists each diagnostic on its own lines.
func (e ValidateError) Error() string {
	var b strings.Builder
	n := 0
	for _, d := range e.Diagnostics {
		if d.Severity == tfjson.DiagnosticSeverityError {
			n++
		}
	}
	eng := e.Engine
	if eng == "" {
		eng = Terraform
	}
	fmt.Fprintf(&b, "%s validate: %d error(s), %d diagnostic(s):", eng, n, len(e.Diagnostics))
	for _, d := range e.Diagnostics {
		b.WriteString("\n  ")
		b.WriteString(FormatDiagnostic(d))
	}
	return b.String()
}

// FormatDiagnostic renders one diagnostic: severity, location (address,
// file:line:column), summary, detail and, when terraform gave one, the
// enclosing block.
func FormatDiagnostic(d tfjson.Diagnostic) string {
	var loc []string
	if d.Address != "" {
		loc = append(loc, d.Address)
	}
	if r := d.Range; r != nil {
		loc = append(loc, fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column))
	}
	if s := d.Snippet; s != nil && s.Context != nil && *s.Context != "" {
		loc = append(loc, "in "+*s.Context)
	}
	msg := string(d.Severity) + ": "
	if len(loc) > 0 {
		msg += "[" + strings.Join(loc, " ") + "] "
	}
	msg += d.Summary
	if d.Detail != "" {
		msg += ": " + strings.ReplaceAll(strings.TrimSpace(d.Detail), "\n", "\n    ")
	}
	return msg
}

// IsMissing reports whether err is a discovery failure for an absent tool.
func IsMissing(err error) bool { return errors.Is(err, ErrMissing) }
