package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// testdata holds the rule fixtures (testdata/<ID>/pass and fail) and a clean stack.
const testdata = "../../guard/rules/testdata"

func runGuard(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	clean := filepath.Join(testdata, "clean")
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // substrings
		stderr   string
		noStdout string
	}{
		{"clean stack folder", []string{clean}, 0, []string{"guard: 1 stack(s): 0 error(s), 0 warning(s), 0 info, 0 suppressed; 0 at or above warning"}, "", ""},
		{"clean file", []string{filepath.Join(clean, "cdk.tf.json")}, 0, []string{"0 at or above warning"}, "", ""},
		{"error finding", []string{filepath.Join(testdata, "KMS001", "fail")}, 1,
			[]string{"KMS001/fail/cdk.tf.json:26:9: error KMS001 aws_kms_key.k: key policy: statement #1 allows \"arn:aws:iam::*:root\"", "(fix: use this account's root"}, "", ""},
		{"warning only, threshold error", []string{"-severity", "error", filepath.Join(testdata, "MON001", "fail")}, 0,
			[]string{"warning MON001 aws_cloudwatch_log_group.app: log group has no kms_key_id", "0 at or above error"}, "", ""},
		{"warning, default threshold", []string{filepath.Join(testdata, "MON001", "fail")}, 1, []string{"1 at or above warning"}, "", ""},
		{"info only passes at warning", []string{filepath.Join(testdata, "LMB003", "fail")}, 0, []string{"info LMB003"}, "", ""},
		{"info fails at info", []string{"-severity", "info", filepath.Join(testdata, "LMB003", "fail")}, 1, nil, "", ""},
		{"rules filter", []string{"-rules", "CT005", filepath.Join(testdata, "TF001", "fail")}, 0, []string{"0 error(s)"}, "", "TF001"},
		{"bad severity", []string{"-severity", "fatal", clean}, 2, nil, `"fatal" is not a severity`, ""},
		{"unknown flag", []string{"-nope", clean}, 2, nil, "flag provided but not defined", ""},
		{"no path", nil, 2, nil, "usage: guard", ""},
		{"missing path", []string{filepath.Join(testdata, "does-not-exist")}, 2, nil, "no such file", ""},
		{"folder without stacks", []string{testdata}, 2, nil, "no *.tf, *.tf.json, *.tofu or *.tofu.json files", ""},
		{"unknown rule", []string{"-rules", "XX999", clean}, 2, nil, `unknown rule "XX999"`, ""},
		{"list", []string{"-list"}, 0, []string{"CT002   error    aws:SourceArn does not match the declared trail"}, "", ""},
		{"explain", []string{"-explain", "ct004"}, 0, []string{"CT004 (error): trail does not depend on its bucket policy", "InsufficientS3BucketPolicyException"}, "", ""},
		{"explain unknown", []string{"-explain", "XX1"}, 2, nil, `unknown rule "XX1"`, ""},
		{"json alias", []string{"-json", filepath.Join(testdata, "MON001", "fail")}, 1, []string{`"line": `, `"rule": "MON001"`}, "", ""},
		{"sarif", []string{"-format", "sarif", filepath.Join(testdata, "MON001", "fail")}, 1, []string{`"version": "2.1.0"`, `"ruleId": "MON001"`, `"startLine": `}, "", ""},
		{"bad format", []string{"-format", "xml", clean}, 2, nil, `-format "xml": want text, json or sarif (markdown needs -compliance)`, ""},
		{"file over -max-bytes", []string{"-max-bytes", "100", clean}, 2, nil, "is more than the limit of 100", ""},
		{"not a configuration", []string{filepath.Join("..", "..", "go.mod")}, 2, nil, "go.mod:1:1", ""},
		{"device", []string{"/dev/zero"}, 2, nil, "/dev/zero: not a regular file (a device)", ""},
		{"compliance fail", []string{"-compliance", "fsbp", "-baselined-elsewhere", filepath.Join(testdata, "RDS001", "fail")}, 1,
			[]string{"RDS.2            fail           critical RDS DB Instances should prohibit public access", "fail rule RDS001", "compliance fsbp: 143 controls:"}, "1 control(s) fail at or above low: RDS.2", ""},
		{"compliance CIS failure", []string{"-compliance", "cis-aws-v5.0.0", "-baselined-elsewhere", filepath.Join(testdata, "KMS002", "fail")}, 1, []string{"3.6              fail"}, "3.6", ""},
		{"compliance fail-on critical, medium failure", []string{"-compliance", "fsbp", "-fail-on", "critical", "-baselined-elsewhere", filepath.Join(testdata, "MON002", "fail")}, 0, []string{"SNS.1            fail           medium"}, "", ""},
		{"compliance markdown", []string{"-compliance", "fsbp", "-format", "markdown", "-baselined-elsewhere", filepath.Join(testdata, "RDS001", "fail")}, 1, []string{"| Control | Title | Severity | Status | Evidence |", "| RDS.2 |"}, "", ""},
		{"compliance json", []string{"-compliance", "fsbp", "-format", "json", "-baselined-elsewhere", filepath.Join(testdata, "RDS001", "fail")}, 1, []string{`"controls": [`, `"framework": "fsbp"`, `"control": "RDS.2"`, `"status": "fail"`, `"evidence": [`}, "", ""},
		{"compliance sarif tags", []string{"-compliance", "fsbp", "-format", "sarif", filepath.Join(testdata, "RDS001", "fail")}, 1, []string{`"fsbp/RDS.2"`, `"ruleId": "RDS001"`}, "", "cis-aws-v5.0.0/2.2.3"},
		{"sarif tags every framework", []string{"-format", "sarif", filepath.Join(testdata, "RDS001", "fail")}, 1, []string{`"fsbp/RDS.2"`, `"cis-aws-v5.0.0/2.2.3"`}, "", ""},
		{"compliance unknown framework", []string{"-compliance", "pci", clean}, 2, nil, `-compliance "pci": want one of fsbp, cis-aws-v5.0.0`, ""},
		{"compliance bad fail-on", []string{"-compliance", "fsbp", "-fail-on", "severe", clean}, 2, nil, `-fail-on "severe"`, ""},
		{"compliance with rules", []string{"-compliance", "fsbp", "-rules", "S3001", clean}, 2, nil, "-rules cannot be combined with -compliance", ""},
		{"markdown needs compliance", []string{"-format", "markdown", clean}, 2, nil, "markdown needs -compliance", ""},
		{"compliance bad input", []string{"-compliance", "fsbp", "/dev/zero"}, 2, nil, "not a regular file", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runGuard(tt.args...)
			if code != tt.code {
				t.Errorf("guard %v: exit %d; want %d\nstdout:\n%s\nstderr:\n%s", tt.args, code, tt.code, stdout, stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("guard %v: stdout lacks %q:\n%s", tt.args, s, stdout)
				}
			}
			if tt.noStdout != "" && strings.Contains(stdout, tt.noStdout) {
				t.Errorf("guard %v: stdout contains %q:\n%s", tt.args, tt.noStdout, stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("guard %v: stderr lacks %q:\n%s", tt.args, tt.stderr, stderr)
			}
		})
	}
}

// TestCdktfOutAndJSON checks a cdktf.out layout with two stacks, file-prefixed
// lines, and the -json report including suppressed findings.
func TestCdktfOutAndJSON(t *testing.T) {
	out := t.TempDir()
	for _, st := range []string{"acme-dev", "acme-prod"} {
		dir := filepath.Join(out, "stacks", st)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		body := `{"//": {"guard": {"suppressions": [{"rule": "MON002", "path": "` + st + `/quiet", "reason": "carries no data"}]}},
		  "resource": {"aws_sns_topic": {
		    "loud": {"name": "loud", "kms_master_key_id": "alias/aws/sns", "//": {"metadata": {"path": "` + st + `/loud/topic"}}},
		    "quiet": {"name": "quiet", "//": {"metadata": {"path": "` + st + `/quiet/topic"}}}},
		   "aws_cloudwatch_metric_alarm": {"a": {"alarm_name": "a"}}}}`
		if err := os.WriteFile(filepath.Join(dir, "cdk.tf.json"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, _ := runGuard(out)
	if code != 1 {
		t.Errorf("exit %d; want 1 (MON003 warnings)", code)
	}
	wantLines := []string{
		filepath.Join(out, "stacks", "acme-dev", "cdk.tf.json") + ":5:40: warning MON003 aws_cloudwatch_metric_alarm.a: alarm has no alarm_actions",
		filepath.Join(out, "stacks", "acme-prod", "cdk.tf.json") + ":4:9: suppressed warning MON002 aws_sns_topic.quiet: carries no data",
		"guard: 2 stack(s): 0 error(s), 2 warning(s), 0 info, 2 suppressed; 2 at or above warning",
	}
	for _, w := range wantLines {
		if !strings.Contains(stdout, w) {
			t.Errorf("stdout lacks %q:\n%s", w, stdout)
		}
	}

	code, stdout, _ = runGuard("-json", out)
	if code != 1 {
		t.Errorf("-json: exit %d; want 1", code)
	}
	var rep struct {
		Findings   []map[string]any `json:"findings"`
		Suppressed []map[string]any `json:"suppressed"`
		Summary    summary          `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("-json output is not JSON: %v\n%s", err, stdout)
	}
	if len(rep.Findings) != 2 || len(rep.Suppressed) != 2 || rep.Summary.Failing != 2 || rep.Summary.Stacks != 2 {
		t.Errorf("-json: %d findings, %d suppressed, summary %+v; want 2, 2, failing 2 over 2 stacks", len(rep.Findings), len(rep.Suppressed), rep.Summary)
	}
	if f := rep.Suppressed[0]; f["rule"] != "MON002" || f["severity"] != "warning" || f["reason"] != "carries no data" || f["address"] != "aws_sns_topic.quiet" {
		t.Errorf("-json suppressed[0] = %v", f)
	}
}

// TestBuiltBinary builds the command and checks the process exit status.
func TestBuiltBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "guard")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Each run gets a private TMPDIR, which must stay empty: the checker
	// unpacks nothing (issue 15: it used to unpack the jsii runtime there).
	for dir, want := range map[string]int{"clean": 0, "CT004/fail": 1, "missing": 2} {
		tmp := t.TempDir()
		cmd := exec.Command(bin, filepath.Join(testdata, dir))
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		out, _ := cmd.CombinedOutput()
		if got := cmd.ProcessState.ExitCode(); got != want {
			t.Errorf("guard %s: exit %d; want %d\n%s", dir, got, want, out)
		}
		left, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range left {
			t.Errorf("guard %s left %s in its TMPDIR", dir, e.Name())
		}
	}
}

// TestRefusesFIFO: a named pipe is refused at once (stat before open), not read forever.
func TestRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "main.tf.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		code, _, stderr = runGuard(fifo)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("guard blocked on a FIFO")
	}
	if code != 2 || !strings.Contains(stderr, fifo+": not a regular file (a named pipe)") {
		t.Errorf("guard FIFO: exit %d, stderr %q; want 2 naming the file", code, stderr)
	}
}

// TestNoJSIIDependency checks that the command links no jsii, cdktf or
// constructs package: the checker must drop into any Go program without the
// CDKTF runtime (suppressions are declared through constructs/suppress).
func TestNoJSIIDependency(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps printed %d packages; want the standard library and guard at least", len(deps))
	}
	const own = "github.com/cdktf-secure-go/cdktf-secure-go/"
	for _, p := range deps {
		if rest, ok := strings.CutPrefix(p, own); ok {
			// Our own module's name contains "cdktf": only its jsii-based packages
			// count. constructs/network/ports (sensitive ports) and
			// constructs/catalog (the ELB log-delivery table ELB004 reads, with
			// internal/levenshtein for its suggestions; no imports) are
			// plain Go, shared with the guard; this test keeps them so.
			if rest == "constructs/network/ports" || rest == "constructs/catalog" || rest == "internal/levenshtein" {
				continue
			}
			if strings.HasPrefix(rest, "constructs/") || strings.HasPrefix(rest, "internal/") {
				t.Errorf("cmd/guard depends on %s", p)
			}
			continue
		}
		if strings.Contains(p, "jsii") || strings.Contains(p, "cdktf") || strings.Contains(p, "constructs-go") {
			t.Errorf("cmd/guard depends on %s", p)
		}
	}
}
