// Command guard checks synthesized CDKTF stacks (Terraform JSON) with the
// guard rule pack and prints one line per finding.
//
//	go run ./cmd/guard [-severity warning] [-json] [-rules CT001,KMS001] PATH...
//
// PATH is a stack folder (holding cdk.tf.json), a cdk.tf.json file or a
// cdktf.out folder (stacks/*/cdk.tf.json). Exit status: 0 when no finding is
// at or above -severity (default warning), 1 when one is, 2 on bad flags or
// unreadable input. -list prints the rules, -explain ID one rule's documentation.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// summary is the -json summary object.
type summary struct {
	Stacks     int `json:"stacks"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Info       int `json:"info"`
	Suppressed int `json:"suppressed"`
	// Failing counts findings at or above the -severity threshold.
	Failing   int    `json:"failing"`
	Threshold string `json:"threshold"`
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("guard", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: guard [-severity info|warning|error] [-json] [-rules ID,...] [-list] [-explain ID] PATH...")
		fmt.Fprintln(stderr, "PATH: a stack folder, a cdk.tf.json file or a cdktf.out folder")
		fs.PrintDefaults()
	}
	sevFlag := fs.String("severity", "warning", "exit 1 when a finding is at or above this severity: info, warning or error")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	rules := fs.String("rules", "", "comma-separated rule IDs to run (default: all)")
	list := fs.Bool("list", false, "list the rules and exit")
	explain := fs.String("explain", "", "print the documentation of a rule ID and exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *explain != "" {
		r, ok := guard.Lookup(strings.ToUpper(*explain))
		if !ok {
			fmt.Fprintf(stderr, "guard: -explain: unknown rule %q; see -list\n", *explain)
			return 2
		}
		fmt.Fprintf(stdout, "%s (%s): %s\n\n%s\n", r.ID, r.Severity, r.Title, r.Doc)
		return 0
	}
	if *list {
		for _, r := range guard.Rules() {
			fmt.Fprintf(stdout, "%-7s %-8s %s\n", r.ID, r.Severity, r.Title)
		}
		return 0
	}
	threshold, err := guard.ParseSeverity(*sevFlag)
	if err != nil {
		fmt.Fprintf(stderr, "guard: -%s\n", err)
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	opts := guard.Options{}
	if *rules != "" {
		for _, id := range strings.Split(*rules, ",") {
			if id = strings.TrimSpace(id); id != "" {
				opts.Rules = append(opts.Rules, id)
			}
		}
	}
	var rep guard.Report
	stacks := 0
	for _, path := range fs.Args() {
		files, err := guard.StackFiles(path)
		if err != nil {
			fmt.Fprintf(stderr, "guard: %v\n", err)
			return 2
		}
		for _, f := range files {
			r, err := guard.CheckFile(f, opts)
			if err != nil {
				fmt.Fprintf(stderr, "guard: %v\n", err)
				return 2
			}
			stacks++
			rep.Merge(r)
		}
	}
	sum := summary{Stacks: stacks, Suppressed: len(rep.Suppressed), Failing: rep.Count(threshold), Threshold: threshold.String()}
	for _, f := range rep.Findings {
		switch f.Severity {
		case guard.Error:
			sum.Errors++
		case guard.Warning:
			sum.Warnings++
		default:
			sum.Info++
		}
	}
	if *asJSON {
		if rep.Findings == nil {
			rep.Findings = []guard.Finding{}
		}
		if rep.Suppressed == nil {
			rep.Suppressed = []guard.Finding{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(struct {
			guard.Report
			Summary summary `json:"summary"`
		}{rep, sum}); err != nil {
			fmt.Fprintf(stderr, "guard: %v\n", err)
			return 2
		}
	} else {
		multi := stacks > 1
		for _, f := range rep.Findings {
			line := f.String()
			if multi {
				line = f.File + ": " + line
			}
			fmt.Fprintln(stdout, line)
		}
		for _, f := range rep.Suppressed {
			fmt.Fprintf(stdout, "suppressed %s %s %s: %s\n", f.RuleID, f.Severity, f.Address, f.Reason)
		}
		fmt.Fprintf(stdout, "guard: %d stack(s): %d error(s), %d warning(s), %d info, %d suppressed; %d at or above %s\n",
			sum.Stacks, sum.Errors, sum.Warnings, sum.Info, sum.Suppressed, sum.Failing, threshold)
	}
	if sum.Failing > 0 {
		return 1
	}
	return 0
}
