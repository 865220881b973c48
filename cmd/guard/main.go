// Command guard checks Terraform configurations (synthesized CDKTF stacks
// or hand-written modules, JSON or native syntax) with the guard rule pack
// and prints one line per finding.
//
//	go run ./cmd/guard [-severity warning] [-format text|json|sarif] [-rules CT001,KMS001] [-var name=value]... [-var-file F]... [-max-bytes N] PATH...
//
// The guard reads a configuration as `terraform plan` with the module's
// defaults would: input variables take their defaults, or the values of
// -var and -var-file (as Terraform's, given for the root modules checked)
// and of the folder's terraform.tfvars and *.auto.tfvars; locals,
// count/for_each instances, dynamic blocks, conditionals and built-in
// functions are computed where their arguments are known; a resource with
// count = 0 or for_each = {} is absent. What stays unknown is never guessed.
//
// PATH is a file (*.tf.json, *.json, *.tf, *.tofu or *.tofu.json), a module
// or stack folder (its *.tf and *.tf.json files form one module, *_override
// files merged; OpenTofu's *.tofu and *.tofu.json files too, each replacing
// the .tf or .tf.json file of the same name, as OpenTofu does), or a
// cdktf.out folder (each stacks/*/ checked on its own). Text lines read
// "file:line:column: severity RULE address: message (fix: ...)"; -format
// json prints the report with positions, -format sarif a SARIF 2.1.0 log
// for code-scanning services (-json is -format json). Exit status: 0 when no
// finding is at or above -severity (default warning), 1 when one is, 2 on
// bad flags or input that is not a Terraform configuration (a message names
// the file, and line:column when known): blocks Terraform does not know, values of the
// wrong type, duplicated keys, malformed expressions, files that are not
// regular files or are larger than -max-bytes (default 256 MiB). -list
// prints the rules, -explain ID one rule's documentation.
//
// Memory: the binary gives the Go runtime a soft memory limit of 9.5 times
// the size of its input files plus 16 MiB (debug.SetMemoryLimit), which
// keeps the peak of a large configuration at about 10 times its size
// (475 MiB for 50 MB) for a third to a half more CPU than no limit
// (docs/performance.md); a GOMEMLIMIT in the environment is used instead,
// GOMEMLIMIT=off for none.
//
// Compliance evidence (package guard/controls):
//
//	go run ./cmd/guard -compliance fsbp|cis-aws-v5.0.0 [-format text|markdown|json|sarif] [-fail-on low|medium|high|critical] [-baselined-elsewhere] [-v] PATH...
//
// judges every control of the framework over all PATHs together, as one
// AWS account (account-level controls such as the password policy or
// GuardDuty are met when any of the stacks meets them): pass, fail,
// excepted (every failure is covered by a suppression with a recorded
// reason), manual (not decidable from configuration) or not-applicable,
// each with its evidence (rule findings, facts and access expectations
// with file:line). Exit status 1 when a control fails at or above -fail-on
// (FSBP severities; CIS recommendations have none and always count), 2 on
// bad input, 0 otherwise. -baselined-elsewhere reports the account-level
// controls as manual, for an application stack deployed into an account
// whose baseline another configuration manages. In every SARIF log a
// finding carries, in properties.tags, the controls its rule breaks
// ("fsbp/S3.5", "cis-aws-v5.0.0/2.1.1").
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard/controls"
)

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	limitMemory = setMemoryLimit
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
		fmt.Fprintln(stderr, "usage: guard [-severity info|warning|error] [-format text|json|sarif] [-rules ID,...] [-var name=value]... [-var-file F]... [-max-bytes N] [-list] [-explain ID] PATH...")
		fmt.Fprintln(stderr, "       guard -compliance fsbp|cis-aws-v5.0.0 [-format text|markdown|json|sarif] [-fail-on low|medium|high|critical] [-baselined-elsewhere] [-v] PATH...")
		fmt.Fprintln(stderr, "PATH: a .tf/.tf.json file, a module or stack folder, or a cdktf.out folder")
		fs.PrintDefaults()
	}
	sevFlag := fs.String("severity", "warning", "exit 1 when a finding is at or above this severity: info, warning or error")
	asJSON := fs.Bool("json", false, "same as -format json")
	format := fs.String("format", "text", "output format: text, json or sarif (SARIF 2.1.0); markdown with -compliance")
	compliance := fs.String("compliance", "", "report the controls of a framework over all PATHs as one account: fsbp or cis-aws-v5.0.0")
	failOn := fs.String("fail-on", "low", "with -compliance: exit 1 when a control of at least this FSBP severity fails (low, medium, high, critical)")
	baselinedElsewhere := fs.Bool("baselined-elsewhere", false, "with -compliance: the account baseline is managed by another configuration; report account-level controls as manual")
	verbose := fs.Bool("v", false, "with -compliance -format text: also print the passing evidence")
	maxBytes := fs.Int64("max-bytes", guard.DefaultMaxBytes, "refuse files larger than this many bytes")
	rules := fs.String("rules", "", "comma-separated rule IDs to run (default: all)")
	var vars, varFiles multiFlag
	fs.Var(&vars, "var", "set an input variable of the checked root modules, name=value, as terraform's -var (repeatable)")
	fs.Var(&varFiles, "var-file", "read input variable values from a .tfvars or .tfvars.json file, as terraform's -var-file (repeatable)")
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
	if *asJSON {
		*format = "json"
	}
	if *compliance != "" {
		if *format != "text" && *format != "json" && *format != "sarif" && *format != "markdown" {
			fmt.Fprintf(stderr, "guard: -format %q: want text, markdown, json or sarif\n", *format)
			return 2
		}
	} else if *format != "text" && *format != "json" && *format != "sarif" {
		fmt.Fprintf(stderr, "guard: -format %q: want text, json or sarif (markdown needs -compliance)\n", *format)
		return 2
	}
	if *maxBytes <= 0 {
		fmt.Fprintf(stderr, "guard: -max-bytes %d: want a positive number of bytes\n", *maxBytes)
		return 2
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
	if limitMemory != nil {
		limitMemory(fs.Args())
	}
	if *compliance != "" {
		if *rules != "" {
			fmt.Fprintln(stderr, "guard: -rules cannot be combined with -compliance: every control names the rules that decide it")
			return 2
		}
		return runCompliance(complianceArgs{framework: *compliance, format: *format, failOn: *failOn, baselinedElsewhere: *baselinedElsewhere,
			verbose: *verbose, maxBytes: *maxBytes, paths: fs.Args()}, stdout, stderr)
	}
	opts := guard.Options{MaxBytes: *maxBytes, Vars: vars, VarFiles: varFiles}
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
		mods, err := guard.Modules(path)
		if err != nil {
			fmt.Fprintf(stderr, "guard: %v\n", err)
			return 2
		}
		for _, f := range mods {
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
	switch *format {
	case "sarif":
		if err := writeTaggedSARIF(stdout, rep, nil, nil); err != nil {
			fmt.Fprintf(stderr, "guard: %v\n", err)
			return 2
		}
	case "json":
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
	default:
		for _, f := range rep.Findings {
			fmt.Fprintln(stdout, f.String())
		}
		for _, f := range rep.Suppressed {
			fmt.Fprintf(stdout, "%s: suppressed %s %s %s: %s\n", f.Location(), f.Severity, f.RuleID, f.Address, f.Reason)
		}
		fmt.Fprintf(stdout, "guard: %d stack(s): %d error(s), %d warning(s), %d info, %d suppressed; %d at or above %s\n",
			sum.Stacks, sum.Errors, sum.Warnings, sum.Info, sum.Suppressed, sum.Failing, threshold)
	}
	if sum.Failing > 0 {
		return 1
	}
	return 0
}

type complianceArgs struct {
	framework, format, failOn   string
	baselinedElsewhere, verbose bool
	maxBytes                    int64
	paths                       []string
}

// runCompliance judges one framework's controls over the paths as one account.
func runCompliance(a complianceArgs, stdout, stderr io.Writer) int {
	cat, err := controls.Builtin()
	if err != nil {
		fmt.Fprintf(stderr, "guard: %v\n", err)
		return 2
	}
	if _, ok := cat.Framework(a.framework); !ok {
		fmt.Fprintf(stderr, "guard: -compliance %q: want one of %s\n", a.framework, strings.Join(cat.FrameworkIDs(), ", "))
		return 2
	}
	if controls.SeverityRank(a.failOn) == 0 {
		fmt.Fprintf(stderr, "guard: -fail-on %q: want low, medium, high or critical\n", a.failOn)
		return 2
	}
	reps, in, err := cat.CheckPaths(a.paths, controls.CheckOptions{Guard: guard.Options{MaxBytes: a.maxBytes}, BaselinedElsewhere: a.baselinedElsewhere}, a.framework)
	if err != nil {
		fmt.Fprintf(stderr, "guard: %v\n", err)
		return 2
	}
	rep := reps[0]
	switch a.format {
	case "json":
		err = rep.WriteJSON(stdout)
	case "markdown":
		err = rep.WriteMarkdown(stdout)
	case "sarif":
		err = writeTaggedSARIF(stdout, in.Guard, []string{a.framework}, reps)
	default:
		err = rep.WriteText(stdout, a.verbose)
	}
	if err != nil {
		fmt.Fprintf(stderr, "guard: %v\n", err)
		return 2
	}
	if failing := rep.Failing(a.failOn); len(failing) > 0 {
		ids := make([]string, len(failing))
		for i, c := range failing {
			ids[i] = c.Control
		}
		fmt.Fprintf(stderr, "guard: %s: %d control(s) fail at or above %s: %s\n", a.framework, len(failing), a.failOn, strings.Join(ids, ", "))
		return 1
	}
	return 0
}

// writeTaggedSARIF writes the guard report as SARIF, each finding tagged
// with the controls it breaks (every framework when frameworks is nil),
// plus the control failures the reports decided by facts or expectations.
func writeTaggedSARIF(w io.Writer, rep guard.Report, frameworks []string, reports []*controls.Report) error {
	cat, err := controls.Builtin()
	if err != nil {
		return err
	}
	if frameworks == nil {
		frameworks = cat.FrameworkIDs()
	}
	var buf bytes.Buffer
	if err := rep.WriteSARIF(&buf); err != nil {
		return err
	}
	out, err := cat.TagSARIF(buf.Bytes(), frameworks, reports)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
