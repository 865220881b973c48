package network

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// TestKeysAreRegional: a us-west-2 stack refuses the key of a us-east-1
// stack (which CDKTF would pass as a cross-stack reference) wherever the
// library takes a key: the VPC's flow logs, a log group, a bucket, a topic.
// CloudWatch Logs, S3 and SNS refuse a key of another region at apply. The
// same stack's key is accepted, and nothing is created by a refused VPC.
func TestKeysAreRegional(t *testing.T) {
	app, err := stack.NewApp(stack.AppProps{Outdir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	east, err := stack.New(app, "acme-east", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	west, err := stack.New(app, "acme-west", stack.Props{Company: "acme", Environment: "dev", Region: "us-west-2"})
	if err != nil {
		t.Fatal(err)
	}
	eastKey, err := encryption.NewKey(east, "flow", encryption.KeyProps{})
	if err != nil {
		t.Fatal(err)
	}
	if eastKey.Region() != "us-east-1" {
		t.Fatalf("key.Region() = %q; want us-east-1", eastKey.Region())
	}
	_, err = NewVPC(west, "main", VPCProps{FlowLogKey: eastKey})
	errtest.Contains(t, "VPC in us-west-2 with a us-east-1 key", err,
		"flowLogKey: the key alias/acme-dev-flow is in region us-east-1; the flow-log group of a VPC in us-west-2 can only use a KMS key of its own region")
	_, err = logging.NewLogGroup(west, "app", logging.LogGroupProps{Key: eastKey})
	errtest.Contains(t, "log group", err, "key: the key alias/acme-dev-flow is in region us-east-1; a log group in us-west-2")
	_, err = storage.NewBucket(west, "data", storage.BucketProps{Key: eastKey})
	errtest.Contains(t, "bucket", err, "key: the key alias/acme-dev-flow is in region us-east-1; a bucket in us-west-2")
	_, err = monitoring.NewTopic(west, "alarms", monitoring.TopicProps{Key: eastKey})
	errtest.Contains(t, "topic", err, "key: the key alias/acme-dev-flow is in region us-east-1; an SNS topic in us-west-2")

	westKey, err := encryption.NewKey(west, "flow-west", encryption.KeyProps{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewVPC(west, "main", VPCProps{FlowLogKey: westKey}); err != nil {
		t.Fatalf("VPC with its own region's key: %v (the refused VPC must have created nothing, not even claimed its id)", err)
	}
}
