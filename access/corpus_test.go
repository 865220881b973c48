package access

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/corpus"
)

// TestCorpus runs the tier over real third-party stacks: every file gives
// a report or an error naming it (never a panic), and the known findings
// name their resources.
func TestCorpus(t *testing.T) {
	dir := corpus.Dir()
	if dir == "" {
		t.Skip("no guard corpus (../shared/guard-corpus or $GUARD_CORPUS)")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	failing := map[string][]string{}
	for _, f := range files {
		rep, err := CheckFile(f, Binding{})
		if err != nil {
			if !strings.Contains(err.Error(), filepath.Base(f)) {
				t.Errorf("%s: error does not name the file: %v", filepath.Base(f), err)
			}
			continue
		}
		for _, r := range rep.Failed() {
			failing[filepath.Base(f)] = append(failing[filepath.Base(f)], r.ID())
		}
	}
	for file, want := range map[string]string{
		// A public website bucket without a TLS-only Deny.
		"configure-aws-s3-website__website-stack.json": "s3.insecure-transport aws_s3_bucket.undefinedundefined-bucket",
		// Topics whose name is a conditional on input variables: the
		// TLS-only Deny is missing.
		"ec2RuntimeMonitor__cdk.tf.json": "sns.insecure-transport aws_sns_topic.snsTopic",
	} {
		if _, err := os.Stat(filepath.Join(dir, file)); err != nil {
			continue
		}
		found := false
		for _, id := range failing[file] {
			found = found || id == want
		}
		if !found {
			t.Errorf("%s: want the failing expectation %q; failing: %v", file, want, failing[file])
		}
	}
	// Wing's functions write logs through AWSLambdaBasicExecutionRole, which
	// the tier knows: no log expectation fails there.
	for _, id := range failing["wing__valid_captures.test.w.main.tf.json"] {
		if strings.HasPrefix(id, "lambda.logs-") {
			t.Errorf("wing__valid_captures.test.w.main.tf.json: %s fails; AWSLambdaBasicExecutionRole allows it", id)
		}
	}
}
