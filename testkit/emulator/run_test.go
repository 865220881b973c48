package emulator

import (
	"context"
	"strings"
	"testing"
)

// TestRunCycle runs the whole cycle on a one-bucket stack: moto on loopback,
// apply, the post-apply hook, a zero-change re-plan, destroy, empty state.
func TestRunCycle(t *testing.T) {
	var seen bool
	fig := Run(t, "../tfrun/testdata/s3bucket", Options{
		Name: "s3bucket",
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
	if fig.Stack != "s3bucket" || fig.Resources != 1 || fig.Apply <= 0 || fig.Plan <= 0 || fig.Destroy <= 0 {
		t.Errorf("figures %s; want stack s3bucket, 1 resource and every step timed", fig)
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
