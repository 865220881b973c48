package stack_test

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/audit"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/compute"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/database"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// world is one app with stacks made on demand by (id, company, region).
type world struct {
	t   *testing.T
	app *stack.App
}

func newWorld(t *testing.T) *world {
	t.Helper()
	app, err := stack.NewApp(stack.AppProps{Outdir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return &world{t: t, app: app}
}

func (w *world) stack(id, company, region string) *stack.Stack {
	w.t.Helper()
	return w.stackEnv(id, company, "dev", region)
}

func (w *world) stackEnv(id, company, env, region string) *stack.Stack {
	w.t.Helper()
	st, err := stack.New(w.app, id, stack.Props{Company: company, Environment: env, Region: region})
	if err != nil {
		w.t.Fatal(err)
	}
	return st
}

func (w *world) key(st *stack.Stack, id string) *encryption.Key {
	w.t.Helper()
	k, err := encryption.NewKey(st, id, encryption.KeyProps{})
	if err != nil {
		w.t.Fatal(err)
	}
	return k
}

// accessLogs gives a second stack of one company and environment its own
// access-logs bucket name (the default, "{company}-{environment}-access-logs",
// is taken by the first).
func (w *world) accessLogs(st *stack.Stack, name string) {
	w.t.Helper()
	if _, err := storage.NewAccessLogsBucket(st, storage.AccessLogsBucketProps{Name: name}); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) logsBucket(st *stack.Stack, id string, k *encryption.Key) *storage.LogsBucket {
	w.t.Helper()
	b, err := storage.NewLogsBucket(st, id, storage.LogsBucketProps{Key: k})
	if err != nil {
		w.t.Fatal(err)
	}
	return b
}

// TestPhysicalNameCollisions is issue 16's class "physical names that
// collide": the second construct is refused naming both construct paths,
// and App.Synthesize refuses the app with the same text.
func TestPhysicalNameCollisions(t *testing.T) {
	tests := []struct {
		name string
		// build makes two constructs and returns the second one's error.
		build func(w *world) error
		want  []string // nil: no collision
	}{
		{"two buckets, one Name", func(w *world) error {
			st := w.stack("acme-dev", "acme", "us-east-1")
			k := w.key(st, "key")
			if _, err := storage.NewBucket(st, "raw", storage.BucketProps{Name: "data", Key: k}); err != nil {
				return err
			}
			_, err := storage.NewBucket(st, "copy", storage.BucketProps{Name: "data", Key: k})
			return err
		}, []string{`name: S3 bucket "acme-dev-data" of acme-dev/copy is already used by acme-dev/raw`, "everywhere", "another Name"}},
		{"two stacks of one company and environment, bucket in two regions", func(w *world) error {
			a, b := w.stack("acme-dev", "acme", "us-east-1"), w.stack("acme-dev-eu", "acme", "eu-west-1")
			if _, err := storage.NewBucket(a, "logs", storage.BucketProps{Key: w.key(a, "key")}); err != nil {
				return err
			}
			_, err := storage.NewBucket(b, "logs", storage.BucketProps{Key: w.key(b, "key")})
			return err
		}, []string{`S3 bucket "acme-dev-logs" of acme-dev-eu/logs is already used by acme-dev/logs`}},
		{"two roles, one Name", func(w *world) error {
			st := w.stack("acme-dev", "acme", "us-east-1")
			p := identity.ServiceRoleProps{Name: "flow-logs", Services: []string{"vpc-flow-logs.amazonaws.com"}}
			if _, err := identity.NewServiceRole(st, "a", p); err != nil {
				return err
			}
			_, err := identity.NewServiceRole(st, "b", p)
			return err
		}, []string{`IAM role "acme-dev-flow-logs" of acme-dev/b is already used by acme-dev/a`}},
		{"two roles in two regions (IAM is global)", func(w *world) error {
			a, b := w.stack("acme-dev", "acme", "us-east-1"), w.stack("acme-dev-eu", "acme", "eu-west-1")
			p := identity.ServiceRoleProps{Name: "deliver", Services: []string{"vpc-flow-logs.amazonaws.com"}}
			if _, err := identity.NewServiceRole(a, "role", p); err != nil {
				return err
			}
			_, err := identity.NewServiceRole(b, "role", p)
			return err
		}, []string{`IAM role "acme-dev-deliver" of acme-dev-eu/role is already used by acme-dev/role`}},
		{"two keys, one alias", func(w *world) error {
			st := w.stack("acme-dev", "acme", "us-east-1")
			if _, err := encryption.NewKey(st, "a", encryption.KeyProps{Name: "data"}); err != nil {
				return err
			}
			_, err := encryption.NewKey(st, "b", encryption.KeyProps{Name: "data"})
			return err
		}, []string{`KMS alias "acme-dev-data" of acme-dev/b is already used by acme-dev/a`, "in region us-east-1"}},
		{"two log groups, one Name", func(w *world) error {
			st := w.stack("acme-dev", "acme", "us-east-1")
			k := w.key(st, "key")
			if _, err := logging.NewLogGroup(st, "a", logging.LogGroupProps{Name: "/acme/dev/app", Key: k}); err != nil {
				return err
			}
			_, err := logging.NewLogGroup(st, "b", logging.LogGroupProps{Name: "/acme/dev/app", Key: k})
			return err
		}, []string{`CloudWatch log group "/acme/dev/app" of acme-dev/b is already used by acme-dev/a`}},
		{"two functions, one Name", func(w *world) error {
			st := w.stack("acme-dev", "acme", "us-east-1")
			k := w.key(st, "key")
			p := compute.FunctionProps{Name: "processor", Handler: "app.handler", Key: k, Code: compute.CodeFromS3Object("acme-dev-code", "fn.zip", "v1")}
			if _, err := compute.NewFunction(st, "a", p); err != nil {
				return err
			}
			_, err := compute.NewFunction(st, "b", p)
			return err
		}, []string{`Lambda function "acme-dev-processor" of acme-dev/b is already used by acme-dev/a`}},
		{"two trails, one name, two stacks", func(w *world) error {
			a, b := w.stack("acme-dev", "acme", "us-east-1"), w.stack("acme-dev-2", "acme", "us-east-1")
			ka, kb := w.key(a, "key"), w.key(b, "key2")
			w.accessLogs(b, "access-logs-2")
			if _, err := audit.NewTrail(a, "trail", audit.TrailProps{Bucket: w.logsBucket(a, "trail-logs", ka), Key: ka}); err != nil {
				return err
			}
			_, err := audit.NewTrail(b, "trail", audit.TrailProps{Bucket: w.logsBucket(b, "trail-logs-2", kb), Key: kb})
			return err
		}, []string{`CloudTrail trail "acme-dev-trail" of acme-dev-2/trail is already used by acme-dev/trail`}},
		{"two Config recorders of one environment and region", func(w *world) error {
			a, b := w.stack("acme-dev", "acme", "us-east-1"), w.stack("acme-dev-2", "acme", "us-east-1")
			ka, kb := w.key(a, "key"), w.key(b, "key2")
			w.accessLogs(b, "access-logs-2")
			if _, err := audit.NewConfig(a, "config", audit.ConfigProps{Bucket: w.logsBucket(a, "config-logs", ka)}); err != nil {
				return err
			}
			_, err := audit.NewConfig(b, "config", audit.ConfigProps{Name: "config-2", Bucket: w.logsBucket(b, "config-logs-2", kb)})
			return err
		}, []string{"name: acme-dev/config and acme-dev-2/config both create an AWS Config recorder for acme-dev in us-east-1", "one per account and region"}},
		{"Config recorders of two environments in one region", func(w *world) error {
			a, b := w.stack("acme-dev", "acme", "us-east-1"), w.stackEnv("acme-prod", "acme", "prod", "us-east-1")
			ka, kb := w.key(a, "key"), w.key(b, "key")
			if _, err := audit.NewConfig(a, "config", audit.ConfigProps{Bucket: w.logsBucket(a, "config-logs", ka)}); err != nil {
				return err
			}
			_, err := audit.NewConfig(b, "config", audit.ConfigProps{Bucket: w.logsBucket(b, "config-logs", kb)})
			return err
		}, nil},
		{"log groups of one name in two regions are distinct", func(w *world) error {
			a, b := w.stack("acme-dev", "acme", "us-east-1"), w.stack("acme-dev-eu", "acme", "eu-west-1")
			if _, err := logging.NewLogGroup(a, "app", logging.LogGroupProps{Name: "/acme/dev/app", Key: w.key(a, "key")}); err != nil {
				return err
			}
			_, err := logging.NewLogGroup(b, "app", logging.LogGroupProps{Name: "/acme/dev/app", Key: w.key(b, "key")})
			return err
		}, nil},
		{"Config recorders in two regions", func(w *world) error {
			a, b := w.stack("acme-dev", "acme", "us-east-1"), w.stack("acme-dev-eu", "acme", "eu-west-1")
			ka, kb := w.key(a, "key"), w.key(b, "key")
			w.accessLogs(b, "access-logs-eu")
			if _, err := audit.NewConfig(a, "config", audit.ConfigProps{Bucket: w.logsBucket(a, "config-logs", ka)}); err != nil {
				return err
			}
			_, err := audit.NewConfig(b, "config", audit.ConfigProps{Name: "config-eu", SkipGlobalResources: true, Bucket: w.logsBucket(b, "config-logs-eu", kb)})
			return err
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			err := tt.build(w)
			errtest.Contains(t, "second constructor", err, tt.want...)
			errtest.Contains(t, "CheckNames(app)", stack.CheckNames(w.app), tt.want...)
			if tt.want != nil {
				errtest.Contains(t, "app.Synthesize()", w.app.Synthesize(), tt.want...)
			}
		})
	}
}

// TestNilScopeAndDuplicateIDs is issue 16's "unclear errors" for scopes and
// ids: a typed-nil scope and a reused id are Go errors naming the field.
func TestNilScopeAndDuplicateIDs(t *testing.T) {
	w := newWorld(t)
	st := w.stack("acme-dev", "acme", "us-east-1")
	k := w.key(st, "key")
	var nilStack *stack.Stack
	logs := w.logsBucket(st, "logs", k)
	topic, err := monitoring.NewTopic(st, "alarms", monitoring.TopicProps{Key: k})
	if err != nil {
		t.Fatal(err)
	}
	vpc, err := network.NewVPC(st, "main", network.VPCProps{FlowLogKey: k, AZCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Every constructor, with valid props and a typed-nil scope.
	for name, call := range map[string]func() error{
		"storage.NewBucket": func() error { _, err := storage.NewBucket(nilStack, "raw", storage.BucketProps{Key: k}); return err },
		"storage.NewLogsBucket": func() error {
			_, err := storage.NewLogsBucket(nilStack, "l", storage.LogsBucketProps{Key: k})
			return err
		},
		"encryption.NewKey": func() error { _, err := encryption.NewKey(nilStack, "k", encryption.KeyProps{}); return err },
		"identity.NewServiceRole": func() error {
			_, err := identity.NewServiceRole(nilStack, "r", identity.ServiceRoleProps{Services: []string{"lambda.amazonaws.com"}})
			return err
		},
		"logging.NewLogGroup": func() error { _, err := logging.NewLogGroup(nilStack, "g", logging.LogGroupProps{Key: k}); return err },
		"monitoring.NewTopic": func() error { _, err := monitoring.NewTopic(nilStack, "t", monitoring.TopicProps{Key: k}); return err },
		"monitoring.NewAlarms": func() error {
			_, err := monitoring.NewAlarms(nilStack, "a", monitoring.AlarmsProps{Topic: topic, LambdaFunctions: []string{"acme-dev-fn"}})
			return err
		},
		"monitoring.NewCISAlarms": func() error {
			_, err := monitoring.NewCISAlarms(nilStack, "c", monitoring.CISProps{Topic: topic, LogGroupName: "/aws/cloudtrail/acme-dev-trail"})
			return err
		},
		"network.NewVPC": func() error { _, err := network.NewVPC(nilStack, "v", network.VPCProps{FlowLogKey: k}); return err },
		"network.NewSecurityGroup": func() error {
			_, err := network.NewSecurityGroup(nilStack, "sg", network.SecurityGroupProps{VpcID: "vpc-12345678"})
			return err
		},
		"audit.NewTrail": func() error {
			_, err := audit.NewTrail(nilStack, "trail", audit.TrailProps{Bucket: logs, Key: k})
			return err
		},
		"audit.NewTrailIdentity": func() error { _, err := audit.NewTrailIdentity(nilStack, "trail"); return err },
		"audit.NewConfig": func() error {
			_, err := audit.NewConfig(nilStack, "config", audit.ConfigProps{Bucket: logs})
			return err
		},
		"compute.NewFunction": func() error {
			_, err := compute.NewFunction(nilStack, "fn", compute.FunctionProps{Handler: "app.handler", Key: k, Code: compute.CodeFromS3Object("acme-dev-code", "fn.zip", "v1")})
			return err
		},
		"compute.NewInstance": func() error {
			_, err := compute.NewInstance(nilStack, "vm", compute.InstanceProps{VPC: vpc, Key: k})
			return err
		},
		"database.NewInstance": func() error {
			_, err := database.NewInstance(nilStack, "db", database.InstanceProps{VPC: vpc, Key: k})
			return err
		},
		"stack.Path": func() error { _, err := stack.Path(nilStack); return err },
	} {
		errtest.Contains(t, name+"(nil *Stack)", call(), "scope: nil; pass the *stack.Stack")
	}
	_, err = encryption.NewKey(nil, "k", encryption.KeyProps{})
	errtest.Contains(t, "NewKey(nil)", err, "scope: nil")
	_, err = stack.New((*stack.App)(nil), "x", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	errtest.Contains(t, "stack.New(nil *App)", err, "scope: nil; pass the *stack.App")

	if _, err := storage.NewBucket(st, "raw", storage.BucketProps{Key: k}); err != nil {
		t.Fatal(err)
	}
	_, err = storage.NewBucket(st, "raw", storage.BucketProps{Name: "raw-2", Key: k})
	errtest.Contains(t, "NewBucket twice with id raw", err, `construct "acme-dev/raw": the id "raw" is already taken in stack acme-dev`, "choose another id",
		"(held by the storage.NewBucket construct, asked again by storage.NewBucket)")
	// Both constructs are named, whatever their kinds.
	_, err = encryption.NewKey(st, "raw", encryption.KeyProps{})
	errtest.Contains(t, "NewKey with a bucket's id", err, `construct "acme-dev/raw": the id "raw" is already taken in stack acme-dev`,
		"(held by the storage.NewBucket construct, asked again by encryption.NewKey)")
	// An id cdktf itself refuses (the provider is "aws"): its text is rewritten.
	_, err = encryption.NewKey(st, "aws", encryption.KeyProps{})
	errtest.Contains(t, "NewKey(id aws)", err, `construct "acme-dev/aws": the id "aws" is already taken in stack acme-dev`, `stack.New takes ["aws" "backend" "context"]`)
	if err != nil && strings.Contains(err.Error(), "There is already") {
		t.Errorf("cdktf's text passed through: %v", err)
	}
}
