package reference_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/examples/reference"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

var environments = []string{"dev", "prod"}

// synth builds both environments from the same code, once for the package,
// each in its own app: an app is one account, and an account has one AWS
// Config recorder per region (stack.CheckNames refuses a second one).
var synth = envSynth{}

var perEnv = func() map[string]*testkit.Once {
	m := map[string]*testkit.Once{}
	for _, env := range environments {
		m[env] = testkit.NewOnce(func(app *stack.App) error {
			if _, err := reference.New(app, reference.Config{Company: "acme", Environment: env, Region: "us-east-1"}); err != nil {
				return fmt.Errorf("%s: %w", env, err)
			}
			return nil
		})
	}
	return m
}()

type envSynth struct{}

// Get returns every environment's stacks in one Result.
func (envSynth) Get(t testing.TB) *testkit.Result {
	t.Helper()
	res := &testkit.Result{Stacks: map[string]*testkit.Doc{}}
	for _, env := range environments {
		r := perEnv[env].Get(t)
		res.Dir = r.Dir
		for id, d := range r.Stacks {
			res.Stacks[id] = d
		}
	}
	return res
}

func eachEnv(t *testing.T, f func(t *testing.T, doc *testkit.Doc)) {
	res := synth.Get(t)
	for _, env := range environments {
		t.Run(env, func(t *testing.T) { f(t, res.Stack(t, "acme-"+env)) })
	}
}

func TestValidates(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) { tfrun.Validate(t, doc.Dir()) })
}

func TestGuardClean(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) {
		rep, err := guard.CheckFile(doc.Path, guard.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			t.Errorf("guard: %s", f)
		}
		for _, f := range rep.Suppressed {
			if f.Reason == "" {
				t.Errorf("suppressed without a reason: %s", f)
			}
		}
	})
}

func TestDefaultTags(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) {
		providers, _ := doc.Raw["provider"].(map[string]any)["aws"].([]any)
		if len(providers) != 1 {
			t.Fatalf("provider.aws: want one block, have %d", len(providers))
		}
		env := strings.TrimPrefix(doc.Dir()[strings.LastIndex(doc.Dir(), "/")+1:], "acme-")
		p := providers[0].(map[string]any)
		for k, v := range map[string]string{"Project": "acme", "Company": "acme", "Environment": env, "ManagedBy": "cdktf-secure-go"} {
			testkit.Equal(t, "provider.aws", p, "default_tags.0.tags."+k, v)
		}
		// A resource-level tag must never contradict the default tags.
		for _, typ := range doc.ResourceTypes() {
			for name, r := range doc.Resources(typ) {
				tags, _ := r["tags"].(map[string]any)
				for _, k := range []string{"Company", "Environment", "ManagedBy", "Project"} {
					if v, ok := tags[k]; ok {
						t.Errorf("%s.%s: tags.%s = %v overrides the default tag", typ, name, k, v)
					}
				}
			}
		}
	})
}

func TestEverythingEncrypted(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) {
		for name, lg := range doc.Resources("aws_cloudwatch_log_group") {
			if v, _ := lg["kms_key_id"].(string); !strings.Contains(v, "aws_kms_key.") {
				t.Errorf("aws_cloudwatch_log_group.%s: kms_key_id = %q; want a reference to the stack's key", name, v)
			}
		}
		for name, tp := range doc.Resources("aws_sns_topic") {
			if v, _ := tp["kms_master_key_id"].(string); !strings.Contains(v, "aws_kms_key.") {
				t.Errorf("aws_sns_topic.%s: kms_master_key_id = %q; want a reference to the stack's key", name, v)
			}
		}
		accessLogs, _ := doc.ByPath(t, "aws_s3_bucket", "access-logs/bucket")
		lbLogs, _ := doc.ByPath(t, "aws_s3_bucket", "web/logs/bucket")
		for name := range doc.Resources("aws_s3_bucket") {
			// The two exceptions: S3 cannot deliver server access logs to an
			// SSE-KMS bucket, and ELB supports only SSE-S3 for its logs, so
			// the access-logs and load balancer logs buckets are SSE-S3.
			want := "aws:kms"
			if name == accessLogs || name == lbLogs {
				want = "AES256"
			}
			found := false
			for _, sse := range doc.Resources("aws_s3_bucket_server_side_encryption_configuration") {
				if strings.Contains(fmt.Sprint(sse["bucket"]), "aws_s3_bucket."+name+".") {
					found = true
					testkit.Equal(t, "aws_s3_bucket_server_side_encryption_configuration for "+name, sse, "rule.0.apply_server_side_encryption_by_default.sse_algorithm", want)
				}
			}
			if !found {
				t.Errorf("aws_s3_bucket.%s: no server-side encryption configuration", name)
			}
		}
		for name, k := range doc.Resources("aws_kms_key") {
			testkit.Equal(t, "aws_kms_key."+name, k, "enable_key_rotation", true)
		}
	})
}

func TestEveryAlarmNotifiesTheTopic(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) {
		topicName, _ := doc.Only(t, "aws_sns_topic")
		topicArn := testkit.Ref("aws_sns_topic", topicName, "arn")
		for name, a := range doc.Resources("aws_cloudwatch_metric_alarm") {
			for _, attr := range []string{"alarm_actions", "ok_actions"} {
				list, _ := a[attr].([]any)
				if len(list) != 1 || list[0] != topicArn {
					t.Errorf("aws_cloudwatch_metric_alarm.%s: %s = %v; want [%s]", name, attr, list, topicArn)
				}
			}
		}
	})
}

func TestOutputs(t *testing.T) {
	eachEnv(t, func(t *testing.T, doc *testkit.Doc) {
		outs, _ := doc.Raw["output"].(map[string]any)
		var names []string
		for n := range outs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, want := range []string{"alarm_topic_arn", "kms_key_arn", "logs_bucket", "vpc_id"} {
			if _, ok := outs[want]; !ok {
				t.Errorf("output %q missing; have %v", want, names)
			}
		}
	})
}
