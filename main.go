// Command cdktf-secure-go synthesizes the reference stack.
//
//	go run .                       # acme / dev / us-east-1 into cdktf.out
//	go run . -environment prod     # or CDKTF_SECURE_ENVIRONMENT=prod
//
// After synthesizing it runs the guard and the access proof on the stack
// (either failing fails the run), then prints one line per compliance
// framework with the controls counted by status.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/awscontext"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/examples/reference"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard/controls"
)

// Embedded defaults, overridden by environment variables, then by flags.
const (
	defaultCompany     = "acme"
	defaultEnvironment = "dev"
	defaultRegion      = "us-east-1"
)

func main() {
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stack.Close()
	os.Exit(code)
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cdktf-secure-go", flag.ContinueOnError)
	fs.SetOutput(stderr)
	company := fs.String("company", env("CDKTF_SECURE_COMPANY", defaultCompany), "company name part (env CDKTF_SECURE_COMPANY)")
	environment := fs.String("environment", env("CDKTF_SECURE_ENVIRONMENT", defaultEnvironment), "environment name part (env CDKTF_SECURE_ENVIRONMENT)")
	region := fs.String("region", env("CDKTF_SECURE_REGION", defaultRegion), "AWS region (env CDKTF_SECURE_REGION)")
	domain := fs.String("domain", env("CDKTF_SECURE_DOMAIN", ""), "the front door's DNS name, a domain you own (env CDKTF_SECURE_DOMAIN; default {company}-{environment}.example.com, a placeholder)")
	zone := fs.String("hosted-zone-id", env("CDKTF_SECURE_HOSTED_ZONE_ID", ""), "public Route 53 zone serving -domain (env CDKTF_SECURE_HOSTED_ZONE_ID; default: the stack creates one)")
	outdir := fs.String("out", env("CDKTF_OUTDIR", ""), "output folder (env CDKTF_OUTDIR; default cdktf.out)")
	skipGuard := fs.Bool("no-guard", false, "skip the guard and access checks of the synthesized stack")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "error: unexpected argument %q; %s\n", fs.Arg(0), suggestFlag(fs.Arg(0)))
		return 2
	}
	cfg := reference.Config{Company: *company, Environment: *environment, Region: *region, Domain: *domain, HostedZoneID: *zone}
	// The configuration first, then the output folder, then anything else.
	err := stack.Props{Company: cfg.Company, Environment: cfg.Environment, Region: cfg.Region}.Validate()
	if err == nil {
		err = checkOutdir(*outdir)
	}
	var app *stack.App
	if err == nil {
		app, err = stack.NewApp(stack.AppProps{Outdir: *outdir})
	}
	if err == nil {
		_, err = reference.New(app, cfg)
	}
	if err == nil {
		err = app.Synthesize()
	}
	if err != nil {
		fmt.Fprintf(stderr, "error: %s\n", oneLine(err))
		return 1
	}
	file := app.StackFile(cfg.StackID())
	fmt.Fprintf(stdout, "wrote %s\n", display(file))
	if *skipGuard {
		return 0
	}
	if code := checkGuard(file, stdout, stderr); code != 0 {
		return code
	}
	if code := checkAccess(file, *region, stdout, stderr); code != 0 {
		return code
	}
	return reportCompliance(file, *region, stdout, stderr)
}

// reportCompliance prints, per framework (AWS FSBP, CIS AWS Foundations
// v5.0.0), how many controls the stack passes, fails, excepts (deliberate
// deviations with recorded reasons), leaves manual or not applicable; the
// same report as go run ./cmd/guard -compliance. A failed control is
// named on stderr; it does not fail the synthesis (the guard and access
// checks above are the gates).
func reportCompliance(file, region string, stdout, stderr io.Writer) int {
	cat, err := controls.Builtin()
	if err == nil {
		var reps []*controls.Report
		reps, _, err = cat.CheckPaths([]string{file}, controls.CheckOptions{Region: region}, cat.FrameworkIDs()...)
		for _, rep := range reps {
			fmt.Fprintf(stdout, "compliance %s: %s\n", rep.Framework, rep.CountsLine())
			if failing := rep.Failing("low"); len(failing) > 0 {
				ids := make([]string, len(failing))
				for i, c := range failing {
					ids[i] = c.Control
				}
				fmt.Fprintf(stderr, "compliance %s: %s fail; go run ./cmd/guard -compliance %s %s shows the evidence\n", rep.Framework, strings.Join(ids, ", "), rep.Framework, display(file))
			}
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "error: compliance: %s\n", oneLine(err))
		return 1
	}
	return 0
}

// checkAccess runs the access tier (the same check as go run
// ./cmd/accesscheck) and fails when an expectation does not hold or a
// resource-based policy lets someone outside the account in.
func checkAccess(file, region string, stdout, stderr io.Writer) int {
	rep, err := access.CheckFile(file, access.Binding{Region: region})
	if err != nil {
		fmt.Fprintf(stderr, "error: access: %s\n", oneLine(err))
		return 1
	}
	failed := rep.Failed()
	for _, r := range failed {
		fmt.Fprintf(stderr, "access: %s: %s %s %s: %s\n", r.ID(), r.Request.Principal, r.Request.Action, r.Request.Resource, r.Decision.Reason)
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(stderr, "access: external access: %s\n", f)
	}
	for _, f := range rep.Suppressed {
		fmt.Fprintf(stdout, "access: suppressed: %s: %s may %s; accepted: %s\n", f.Statement, f.Who, strings.Join(f.Actions, ", "), f.Reason)
	}
	fmt.Fprintf(stdout, "access: %d expectation(s), %d hold, %d fail; %d external-access finding(s), %d suppressed\n",
		len(rep.Results), len(rep.Results)-len(failed), len(failed), len(rep.Findings), len(rep.Suppressed))
	if !rep.OK() {
		fmt.Fprintf(stderr, "error: %d access expectation(s) fail and %d external-access finding(s) in %s; go run ./cmd/accesscheck %s shows them\n",
			len(failed), len(rep.Findings), display(file), display(file))
		return 1
	}
	return 0
}

// suggestFlag names the flag a stray argument probably belongs to.
func suggestFlag(arg string) string {
	switch {
	case awscontext.ValidateRegion(arg) == nil:
		return fmt.Sprintf("did you mean -region %s?", arg)
	case strings.ContainsAny(arg, "/\\") || strings.HasPrefix(arg, "."):
		return fmt.Sprintf("did you mean -out %s?", arg)
	case naming.Naming{Company: "acme", Environment: arg}.Validate() == nil:
		return fmt.Sprintf("did you mean -environment %s?", arg)
	}
	return "the command takes flags only: -company, -environment, -region, -out, -no-guard"
}

// checkOutdir reports, naming the flag, an output folder cdktf could not
// write: a path that is a file, a missing parent folder, or a folder the
// program may not write to. "" means cdktf.out in the working directory.
func checkOutdir(dir string) error {
	if dir == "" {
		dir = "cdktf.out"
	}
	fi, err := os.Stat(dir)
	switch {
	case err == nil && !fi.IsDir():
		return fmt.Errorf("-out: %q is a file, not a folder; pass a folder (it is created if missing), e.g. -out cdktf.out", dir)
	case err == nil:
		return writable(dir, dir)
	case !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("-out: %q cannot be used: %v; pass a folder you can write to", dir, err)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	pi, err := os.Stat(parent)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("-out: the parent folder %q of %q does not exist; create it first (mkdir -p %s) or pass another folder", parent, dir, parent)
	case err != nil:
		return fmt.Errorf("-out: %q cannot be used: %v; pass a folder you can write to", dir, err)
	case !pi.IsDir():
		return fmt.Errorf("-out: %q is inside %q, which is a file; pass a folder", dir, parent)
	}
	return writable(parent, dir)
}

// writable checks that a file can be created in dir (for the flag value out).
func writable(dir, out string) error {
	f, err := os.CreateTemp(dir, ".cdktf-secure-go-write-check-*")
	if err != nil {
		return fmt.Errorf("-out: cannot write to %q (%v); pass a folder you can write to", out, errors.Unwrap(err))
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// checkGuard runs the guard rule pack over the synthesized stack and fails on
// any finding at warning or above.
func checkGuard(file string, stdout, stderr io.Writer) int {
	rep, err := guard.CheckFile(file, guard.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "error: guard: %s\n", oneLine(err))
		return 1
	}
	for _, f := range rep.Findings {
		fmt.Fprintln(stderr, f.String())
	}
	failing := rep.Count(guard.Warning)
	fmt.Fprintf(stdout, "guard: %d finding(s), %d at warning or above, %d suppressed\n", len(rep.Findings), failing, len(rep.Suppressed))
	if failing > 0 {
		fmt.Fprintf(stderr, "error: guard found %d problem(s) in %s; fix them or suppress each with suppress.Rule (package constructs/suppress) and a reason\n", failing, display(file))
		return 1
	}
	return 0
}

// oneLine joins a multi-error into one line.
func oneLine(err error) string {
	s := err.Error()
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '\n' {
			out = append(out, ';', ' ')
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// display shows path relative to the working directory when it is inside it.
func display(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return abs
}
