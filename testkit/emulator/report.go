package emulator

import (
	"fmt"
	"os"
)

// ReportEnv names a file that Run appends one line to per deployed stack
// (the Figures line plus the outcome), so CI can print the figures without
// running the tests verbosely. Unset: nothing is written.
const ReportEnv = "CDKTF_SECURE_DEPLOY_REPORT"

// appendReport writes the run's figures and outcome to the ReportEnv file.
func appendReport(fig Figures, failed bool) error {
	path := os.Getenv(ReportEnv)
	if path == "" {
		return nil
	}
	outcome := "ok: applied, zero-change re-plan, destroyed, state empty"
	if failed {
		outcome = "FAILED (see the test output)"
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "%s result=%s\n", fig, outcome)
	return err
}
