package stack_test

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/audit"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
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
	st, err := stack.New(w.app, id, stack.Props{Company: company, Environment: "dev", Region: region})
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
		{"two trails, one name, two stacks", func(w *world) error {
			a, b := w.stack("acme-dev", "acme", "us-east-1"), w.stack("acme-dev-2", "acme", "us-east-1")
			ka, kb := w.key(a, "key"), w.key(b, "key2")
			if _, err := audit.NewTrail(a, "trail", audit.TrailProps{Bucket: w.logsBucket(a, "trail-logs", ka), Key: ka}); err != nil {
				return err
			}
			_, err := audit.NewTrail(b, "trail", audit.TrailProps{Bucket: w.logsBucket(b, "trail-logs-2", kb), Key: kb})
			return err
		}, []string{`CloudTrail trail "acme-dev-trail" of acme-dev-2/trail is already used by acme-dev/trail`}},
		{"two Config recorders in one region, two companies", func(w *world) error {
			a, b := w.stack("acme-dev", "acme", "us-east-1"), w.stack("beta-dev", "beta", "us-east-1")
			ka, kb := w.key(a, "key"), w.key(b, "key")
			if _, err := audit.NewConfig(a, "config", audit.ConfigProps{Bucket: w.logsBucket(a, "config-logs", ka)}); err != nil {
				return err
			}
			_, err := audit.NewConfig(b, "config", audit.ConfigProps{Bucket: w.logsBucket(b, "config-logs", kb)})
			return err
		}, []string{"name: acme-dev/config and beta-dev/config both create", "AWS Config recorder in us-east-1", "one per account and region"}},
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
	_, err := storage.NewBucket(nilStack, "raw", storage.BucketProps{Key: k})
	errtest.Contains(t, "NewBucket(nil *Stack)", err, "scope: nil; pass the *stack.Stack")
	_, err = encryption.NewKey(nil, "k", encryption.KeyProps{})
	errtest.Contains(t, "NewKey(nil)", err, "scope: nil")
	_, err = stack.New((*stack.App)(nil), "x", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	errtest.Contains(t, "stack.New(nil *App)", err, "scope: nil; pass the *stack.App")
	_, err = stack.Path(nilStack)
	errtest.Contains(t, "Path(nil)", err, "scope: nil")

	if _, err := storage.NewBucket(st, "raw", storage.BucketProps{Key: k}); err != nil {
		t.Fatal(err)
	}
	_, err = storage.NewBucket(st, "raw", storage.BucketProps{Name: "raw-2", Key: k})
	errtest.Contains(t, "NewBucket twice with id raw", err, `id: "raw" is already used under acme-dev (construct path acme-dev/raw)`, "unique id")
	// An id cdktf itself refuses (the provider is "aws"): its text is rewritten.
	_, err = encryption.NewKey(st, "aws", encryption.KeyProps{})
	errtest.Contains(t, "NewKey(id aws)", err, `id: "aws" is already used in`)
	if err != nil && strings.Contains(err.Error(), "There is already") {
		t.Errorf("cdktf's text passed through: %v", err)
	}
}
