// Command accesscheck proves, offline, that a synthesized CDKTF stack lets
// every AWS service integration through and keeps every outsider out: it
// evaluates the expectations the stack's integrations imply and analyses
// every resource-based policy and grant for access from outside the
// account (external-access findings, each with the statement, who gets
// in, the actions and one request from outside the policy allows).
//
//	go run ./cmd/accesscheck cdktf.out                       # every stack
//	go run ./cmd/accesscheck cdktf.out/stacks/acme-dev       # one stack folder
//	go run ./cmd/accesscheck cdktf.out/stacks/acme-dev/cdk.tf.json
//	go run ./cmd/accesscheck -external path/to/module         # any Terraform: external access only
//
// It prints each expectation with its outcome and the deciding statement
// (policy resource address and Sid), then the findings and the suppressed
// findings with their reasons. Exit status: 0 when every expectation holds
// and no finding remains, 1 otherwise, 2 for bad input (a missing file, not JSON,
// not a Terraform configuration, a policy that cannot be evaluated).
//
// With -external it runs only the external-access analysis, on any
// Terraform configuration (a cdk.tf.json or cdktf.out folder, another
// Terraform JSON or .tf file, a module folder): policies it cannot read
// offline are listed as notes instead of stopping it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("accesscheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	account := fs.String("account", "", "account id bound to data.aws_caller_identity (default "+access.PlaceholderAccount+")")
	region := fs.String("region", "", "region bound to data.aws_region (default: the aws provider's region)")
	org := fs.String("org", "", "organization id (o-...) that widens the zone of trust from the account to the organization")
	quiet := fs.Bool("q", false, "print only failing expectations and the summary")
	markdown := fs.Bool("markdown", false, "print a Markdown table, one row per expectation kind")
	external := fs.Bool("external", false, "only the external-access analysis, on any Terraform configuration (.tf, .tf.json, a module folder, cdktf.out)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: accesscheck [-account ID] [-region R] [-org o-ID] [-q | -markdown] PATH   (a stack folder, a cdk.tf.json or a cdktf.out folder)")
		fmt.Fprintln(stderr, "       accesscheck -external [-account ID] [-region R] [-org o-ID] PATH   (any Terraform configuration: a file or a module folder)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	mode := full
	switch {
	case *markdown:
		mode = table
	case *quiet:
		mode = failures
	}
	bind := access.Binding{Account: *account, Region: *region, Org: *org}
	var code int
	var err error
	if *external {
		code, err = External(fs.Arg(0), bind, stdout)
	} else {
		code, err = Check(fs.Arg(0), bind, mode, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "error: accesscheck: %v\n", err)
	}
	return code
}

// output selects what Check prints for each stack.
type output int

const (
	full     output = iota // every expectation with its deciding statement
	failures               // only the expectations that fail
	table                  // a Markdown table, one row per kind
)

// Check runs the access tier on path and writes the report to w. It
// returns the exit status (0 all hold, 1 one fails, 2 bad input) and, for
// status 2, the error.
func Check(path string, bind access.Binding, mode output, w io.Writer) (int, error) {
	files, err := access.StackFiles(path)
	if err != nil {
		return 2, err
	}
	code := 0
	for _, f := range files {
		rep, err := access.CheckFile(f, bind)
		if err != nil {
			return 2, err
		}
		fmt.Fprintf(w, "access: %s (account %s, region %s, partition %s)\n", f, rep.Bind.Account, rep.Bind.Region, rep.Bind.Partition)
		switch mode {
		case failures:
			fmt.Fprint(w, (&access.Report{Results: rep.Failed()}).Table())
		case table:
			fmt.Fprint(w, rep.Markdown())
		default:
			fmt.Fprint(w, rep.Table())
		}
		for _, u := range rep.Unresolved {
			fmt.Fprintf(w, "note: ${%s} cannot be resolved offline\n", u)
		}
		for _, m := range rep.Managed {
			fmt.Fprintf(w, "note: AWS managed policy %s is not evaluated (its text is not available offline)\n", m)
		}
		for _, n := range rep.Notes {
			fmt.Fprintf(w, "note: %s\n", n)
		}
		fmt.Fprint(w, rep.FindingsText())
		failed := len(rep.Failed())
		fmt.Fprintf(w, "access: %d expectation(s), %d hold, %d fail; %d external-access finding(s), %d suppressed\n",
			len(rep.Results), len(rep.Results)-failed, failed, len(rep.Findings), len(rep.Suppressed))
		if !rep.OK() {
			code = 1
		}
	}
	return code, nil
}

// External runs only the external-access analysis on path (see
// access.AnalyzeFile) and writes the findings, the suppressed findings and
// the notes to w. It returns the exit status (0 no finding, 1 a finding, 2
// bad input) and, for status 2, the error.
func External(path string, bind access.Binding, w io.Writer) (int, error) {
	files := []string{path}
	if fi, err := os.Stat(path); err != nil {
		return 2, err
	} else if fi.IsDir() {
		if stacks, err := access.StackFiles(path); err == nil {
			files = stacks
		}
	}
	code := 0
	for _, f := range files {
		a, err := access.AnalyzeFile(f, bind)
		if err != nil {
			return 2, err
		}
		fmt.Fprintf(w, "access: %s (external access)\n", f)
		for _, n := range a.Notes {
			fmt.Fprintf(w, "note: %s\n", n)
		}
		fmt.Fprint(w, (&access.Report{Findings: a.Findings, Suppressed: a.Suppressed}).FindingsText())
		fmt.Fprintf(w, "access: %d resource-based polic(ies) and grant(s) analysed; %d external-access finding(s), %d suppressed, %d note(s)\n",
			a.Policies, len(a.Findings), len(a.Suppressed), len(a.Notes))
		if len(a.Findings) > 0 {
			code = 1
		}
	}
	return code, nil
}
