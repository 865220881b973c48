package emulator

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// TestRunCycle runs the whole cycle on a one-bucket stack, with each
// engine: moto on loopback, apply, the post-apply hook, a zero-change
// re-plan, destroy, empty state.
func TestRunCycle(t *testing.T) {
	for _, eng := range []string{tfrun.Terraform, tfrun.OpenTofu} {
		t.Run(eng, func(t *testing.T) { runCycle(t, eng) })
	}
}

func runCycle(t *testing.T, eng string) {
	var seen bool
	fig := Run(t, "../tfrun/testdata/s3bucket", Options{
		Name:   "s3bucket",
		Engine: eng,
		AfterApply: func(t testing.TB, d *Deployed) {
			seen = true
			if !d.Emulated || !strings.HasPrefix(d.Endpoint, "http://127.0.0.1:") || d.Account != MotoAccountID || d.Region != "us-east-1" {
				t.Errorf("Deployed = {Emulated: %v, Endpoint: %q, Account: %q, Region: %q}; want the emulator on 127.0.0.1, account %s, us-east-1",
					d.Emulated, d.Endpoint, d.Account, d.Region, MotoAccountID)
			}
			buckets := d.Resources("aws_s3_bucket")
			if len(buckets) != 1 || buckets[0].AttributeValues["bucket"] != "tfrun-testdata-logs" {
				t.Errorf("state: aws_s3_bucket resources %v; want aws_s3_bucket.logs named tfrun-testdata-logs", addresses(buckets))
			}
		},
	})
	if t.Skipped() {
		return
	}
	if !seen {
		t.Error("AfterApply was not called")
	}
	if fig.Stack != "s3bucket" || fig.Engine != eng || fig.Resources != 1 || fig.Apply <= 0 || fig.Plan <= 0 || fig.Destroy <= 0 {
		t.Errorf("figures %s; want stack s3bucket, engine %s, 1 resource and every step timed", fig, eng)
	}
}

func TestRealAccountNeedsConfirmation(t *testing.T) {
	for _, v := range []string{"", "12345", "abcdefghijkl"} {
		t.Setenv(AccountEnv, v)
		_, err := realAccount(context.Background(), nil, t.TempDir(), "us-east-1")
		if err == nil || !strings.Contains(err.Error(), AccountEnv) || !strings.Contains(err.Error(), "12-digit") {
			t.Errorf("%s=%q: err = %v; want a refusal naming %s and the 12-digit id", AccountEnv, v, err, AccountEnv)
		}
	}
}

// stopTB records Skipf and Fatalf and stops the calling code the way the
// testing package does (by unwinding), without ending the real test.
type stopTB struct {
	testing.TB
	skipped, failed string
}

type stopped struct{}

func (s *stopTB) Helper()                     {}
func (s *stopTB) Skip(args ...any)            { s.skipped = fmt.Sprint(args...); panic(stopped{}) }
func (s *stopTB) Skipf(f string, args ...any) { s.skipped = fmt.Sprintf(f, args...); panic(stopped{}) }
func (s *stopTB) Fatalf(f string, args ...any) {
	s.failed = fmt.Sprintf(f, args...)
	panic(stopped{})
}

func (s *stopTB) run(f func(testing.TB)) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopped); !ok {
				panic(r)
			}
		}
	}()
	f(s)
}

// TestRunWithoutMoto: a missing moto_server skips with what to install, and
// fails instead under CI=true.
func TestRunWithoutMoto(t *testing.T) {
	if testing.Short() {
		t.Skip("Run skips every cycle under -short before looking for moto")
	}
	tfrun.Require(t) // the terraform check comes first
	t.Setenv(MotoBinaryEnv, "moto_server-not-installed")
	for _, ci := range []string{"", "true"} {
		t.Setenv(tfrun.CIEnv, ci)
		s := &stopTB{TB: t}
		s.run(func(tb testing.TB) { Run(tb, "../tfrun/testdata/s3bucket", Options{}) })
		got := s.skipped
		if ci == "true" {
			got = s.failed
		}
		if got == "" || !strings.Contains(got, "moto_server-not-installed") || !strings.Contains(got, "pip install") {
			t.Errorf("CI=%q: skipped %q, failed %q; want the %s naming the missing moto_server and how to install it",
				ci, s.skipped, s.failed, map[string]string{"": "skip", "true": "failure"}[ci])
		}
	}
}
