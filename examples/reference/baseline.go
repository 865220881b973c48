package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/baseline"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// newBaseline turns on the account baseline around the stack: the IAM password
// policy, S3 account Block Public Access, EBS encryption by default with the
// stack's key, IMDSv2 and snapshot/AMI block public access as account
// defaults, GuardDuty exporting to the logs bucket, Security Hub with the FSBP
// and CIS v5.0.0 standards, IAM Access Analyzer, and EventBridge rules sending
// high and critical findings to the alarm topic. One per account and region:
// dev and prod are separate accounts (one environment per account).
//
// In an AWS Organization that manages some of this centrally (Control Tower,
// Landing Zone Accelerator, delegated GuardDuty or Security Hub
// administrators), set Managed to leave those parts out; see package baseline.
func newBaseline(s *stack.Stack, r *Reference) (*baseline.Baseline, error) {
	return baseline.New(s, "baseline", baseline.Props{
		Key:        r.Security.Key,
		LogsBucket: r.Audit.Logs,
		Topic:      r.Monitor.Topic,
	})
}
