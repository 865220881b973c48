package stack_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

var synth = testkit.NewOnce(func(app *stack.App) error {
	if _, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1", Tags: map[string]string{"CostCenter": "42"}}); err != nil {
		return err
	}
	_, err := stack.New(app, "acme-prod", stack.Props{Company: "acme", Environment: "prod", Region: "eu-west-1",
		Backend: stack.Backend{S3: &stack.S3Backend{Bucket: "acme-terraform-state", KMSKeyID: "alias/terraform-state"}}})
	if err != nil {
		return err
	}
	_, err = stack.New(app, "acme-tofu", stack.Props{Company: "acme", Environment: "tofu", Region: "eu-central-1",
		Engine: stack.OpenTofu, StateEncryption: &stack.StateEncryption{KMSKeyID: "alias/acme-tofu-state"}})
	return err
})

func TestProviderDefaultTagsAndRegion(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	providers, _ := doc.Raw["provider"].(map[string]any)["aws"].([]any)
	if len(providers) != 1 {
		t.Fatalf("provider.aws: want 1 block, have %d", len(providers))
	}
	p := providers[0].(map[string]any)
	testkit.Equal(t, "provider.aws", p, "region", "us-east-1")
	for k, v := range map[string]string{"Project": "acme", "Company": "acme", "Environment": "dev", "ManagedBy": "cdktf-secure-go", "CostCenter": "42"} {
		testkit.Equal(t, "provider.aws", p, "default_tags.0.tags."+k, v)
	}
}

func TestProviderVersionConstraint(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	tf := doc.Raw["terraform"].(map[string]any)
	testkit.Equal(t, "terraform", tf, "required_providers.aws.version", stack.ProviderVersionConstraint)
}

func TestLocalBackendIsRelative(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	tf := doc.Raw["terraform"].(map[string]any)
	testkit.Equal(t, "terraform.backend", tf, "backend.local.path", "terraform.tfstate")
}

func TestS3BackendEncryptedWithLockfile(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-prod")
	tf := doc.Raw["terraform"].(map[string]any)
	testkit.Equal(t, "terraform.backend.s3", tf, "backend.s3.bucket", "acme-terraform-state")
	testkit.Equal(t, "terraform.backend.s3", tf, "backend.s3.key", "acme/prod/acme-prod.tfstate")
	testkit.Equal(t, "terraform.backend.s3", tf, "backend.s3.encrypt", true)
	testkit.Equal(t, "terraform.backend.s3", tf, "backend.s3.use_lockfile", true)
	testkit.Equal(t, "terraform.backend.s3", tf, "backend.s3.kms_key_id", "alias/terraform-state")
	testkit.Equal(t, "terraform.backend.s3", tf, "backend.s3.region", "eu-west-1")
}

func TestContextDataSources(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	for _, typ := range []string{"aws_caller_identity", "aws_region", "aws_partition"} {
		if n := len(doc.DataSources(typ)); n != 1 {
			t.Errorf("data.%s: want 1, have %d", typ, n)
		}
	}
}

func TestNoAbsolutePaths(t *testing.T) {
	res := synth.Get(t)
	err := filepath.Walk(res.Dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, bad := range []string{res.Dir, os.TempDir(), "/home/", "/root/", "/work/"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s contains the absolute path %q", path, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOfFindsStack(t *testing.T) {
	app, err := stack.NewApp(stack.AppProps{Outdir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	s, err := stack.New(app, "acme-test", stack.Props{Company: "acme", Environment: "test", Region: "us-west-2"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := stack.Of(s)
	if err != nil || got != s {
		t.Fatalf("Of(stack) = %v, %v; want the stack", got, err)
	}
	if got.Naming.Prefix() != "acme-test" || got.RegionName != "us-west-2" {
		t.Errorf("Of: naming %q region %q", got.Naming.Prefix(), got.RegionName)
	}
	if _, err := stack.Of(app); err == nil {
		t.Error("Of(app) returned no error; want 'not inside a stack'")
	}

	// Nodes made by NewNode, at any depth, and plain constructs below them
	// (found through jsii) belong to their own stack.
	other, err := stack.New(app, "acme-other", stack.Props{Company: "acme", Environment: "other", Region: "eu-west-1"})
	if err != nil {
		t.Fatal(err)
	}
	var node, nested, plain, otherNode constructs.Construct
	if err := stack.Catch(func() {
		node = s.NewNode(s, "node")
		nested = s.NewNode(node, "nested")
		plain = constructs.NewConstruct(nested, jsii.String("plain"))
		otherNode = other.NewNode(other, "node")
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		scope constructs.Construct
		want  *stack.Stack
	}{
		{"NewNode", node, s},
		{"nested NewNode", nested, s},
		{"plain construct", plain, s},
		{"other stack's NewNode", otherNode, other},
	} {
		if got, err := stack.Of(c.scope); err != nil || got != c.want {
			t.Errorf("Of(%s) = %v, %v; want stack %s", c.name, got, err, *c.want.TerraformStack.Node().Id())
		}
	}
	if err := stack.Catch(func() { s.NewNode(s, "node") }); err == nil || !strings.Contains(err.Error(), "node") {
		t.Errorf("a second NewNode with id %q = %v; want jsii's duplicate-id error", "node", err)
	}
	// A scope of an unhashable type must not make Of panic (it is not a
	// map key); jsii may or may not accept it.
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("Of(unhashable scope) panicked: %v", r)
			}
		}()
		stack.Of(unhashableScope{Construct: plain})
	}()
}

func TestPathMatchesKernel(t *testing.T) {
	app, err := stack.NewApp(stack.AppProps{Outdir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	s, err := stack.New(app, "acme-path", stack.Props{Company: "acme", Environment: "path", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	var node, slash, nested, plain, underPlain constructs.Construct
	if err := stack.Catch(func() {
		node = s.NewNode(s, "node")
		slash = s.NewNode(node, "a/b") // constructs turns "/" into "--"
		nested = s.NewNode(slash, "nested")
		plain = constructs.NewConstruct(nested, jsii.String("plain"))
		underPlain = s.NewNode(plain, "under-plain") // parent unknown in Go
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		scope constructs.Construct
		want  string
	}{
		{"stack", s, "acme-path"},
		{"NewNode", node, "acme-path/node"},
		{"NewNode with a slash", slash, "acme-path/node/a--b"},
		{"nested NewNode", nested, "acme-path/node/a--b/nested"},
		{"plain construct", plain, "acme-path/node/a--b/nested/plain"},
		{"NewNode under a plain construct", underPlain, "acme-path/node/a--b/nested/plain/under-plain"},
	} {
		got, err := stack.Path(c.scope)
		if err != nil || got != c.want {
			t.Errorf("Path(%s) = %q, %v; want %q", c.name, got, err, c.want)
		}
		if kernel := *c.scope.Node().Path(); got != kernel {
			t.Errorf("Path(%s) = %q; the kernel says %q", c.name, got, kernel)
		}
	}
}

// unhashableScope is a construct implemented by a non-pointer type holding
// a slice: comparing it as a map key would panic.
type unhashableScope struct {
	constructs.Construct
	tags []string
}

func TestValidationBeforeJsii(t *testing.T) {
	// A nil scope would panic inside jsii; validation must fail first.
	_, err := stack.New(nil, "x", stack.Props{Company: "Acme Corp!", Environment: "dev", Region: "us-east-1"})
	if err == nil || !strings.HasPrefix(err.Error(), "company:") {
		t.Fatalf("New with bad company = %v; want a company: error", err)
	}
}

func TestTerraformValidate(t *testing.T) {
	res := synth.Get(t)
	for _, id := range []string{"acme-dev", "acme-prod"} {
		t.Run(id, func(t *testing.T) { tfrun.Validate(t, res.Stack(t, id).Dir()) })
	}
}

// TestStateEncryptionBlock: OpenTofu's encryption block, aws_kms with the
// given key in the stack's region, aes_gcm, state and plan enforced; and none
// in the Terraform stacks.
func TestStateEncryptionBlock(t *testing.T) {
	tf := synth.Get(t).Stack(t, "acme-tofu").Raw["terraform"].(map[string]any)
	for path, want := range map[string]any{
		"encryption.key_provider.aws_kms.state.kms_key_id": "alias/acme-tofu-state",
		"encryption.key_provider.aws_kms.state.region":     "eu-central-1",
		"encryption.key_provider.aws_kms.state.key_spec":   "AES_256",
		"encryption.method.aes_gcm.state.keys":             "${key_provider.aws_kms.state}",
		"encryption.state.method":                          "method.aes_gcm.state",
		"encryption.state.enforced":                        true,
		"encryption.plan.method":                           "method.aes_gcm.state",
		"encryption.plan.enforced":                         true,
		"backend.local.path":                               "terraform.tfstate",
	} {
		testkit.Equal(t, "terraform (acme-tofu)", tf, path, want)
	}
	for _, id := range []string{"acme-dev", "acme-prod"} {
		if _, ok := synth.Get(t).Stack(t, id).Raw["terraform"].(map[string]any)["encryption"]; ok {
			t.Errorf("terraform (%s): has an encryption block; a Terraform stack must not", id)
		}
	}
}

// TestStateEncryptionValidates: tofu accepts the encryption block, and
// terraform refuses it, which is why stack.Props refuses StateEncryption
// for a stack that targets Terraform.
func TestStateEncryptionValidates(t *testing.T) {
	dir := synth.Get(t).Stack(t, "acme-tofu").Dir()
	t.Run("tofu", func(t *testing.T) { tfrun.Validate(t, dir, tfrun.WithEngine(tfrun.OpenTofu)) })
	t.Run("terraform refuses it", func(t *testing.T) {
		env := tfrun.Require(t, tfrun.WithEngine(tfrun.Terraform))
		work := t.TempDir()
		if err := tfrun.CopyStack(dir, work); err != nil {
			t.Fatal(err)
		}
		err := tfrun.ValidateDir(context.Background(), env, work)
		if err == nil || !strings.Contains(err.Error(), "encryption") {
			t.Fatalf("terraform on a stack with an encryption block: err = %v; want a diagnostic naming it", err)
		}
		t.Logf("terraform: %v", err)
	})
}

func TestNamed(t *testing.T) {
	app, err := stack.NewApp(stack.AppProps{Outdir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	s, err := stack.New(app, "acme-named", stack.Props{Company: "acme", Environment: "qa", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, full, err := stack.Named(s, "logs", naming.S3Bucket, ""); err != nil || full != "acme-qa-logs" {
		t.Errorf("Named(default suffix) = %q, %v; want acme-qa-logs", full, err)
	}
	if _, full, err := stack.Named(s, "logs", naming.S3Bucket, "audit"); err != nil || full != "acme-qa-audit" {
		t.Errorf("Named(suffix) = %q, %v; want acme-qa-audit", full, err)
	}
	if _, _, err := stack.Named(s, "", naming.S3Bucket, "x"); err == nil || !strings.HasPrefix(err.Error(), "id:") {
		t.Errorf("Named(empty id) error = %v; want an id: error", err)
	}
	if _, _, err := stack.Named(s, "x", naming.S3Bucket, "Bad_Name"); err == nil || !strings.HasPrefix(err.Error(), "name:") {
		t.Errorf("Named(invalid) error = %v; want a name: error", err)
	}
	if _, _, err := stack.Named(app, "x", naming.S3Bucket, ""); err == nil {
		t.Error("Named outside a stack returned no error")
	}
	if got, err := stack.Start(s, "x"); err != nil || got != s {
		t.Errorf("Start = %v, %v; want the stack", got, err)
	}
	if _, err := stack.Start(s, ""); err == nil || !strings.HasPrefix(err.Error(), "id: must not be empty") {
		t.Errorf("Start(empty id) error = %v; want an id: error", err)
	}
	if _, err := stack.Start(app, "x"); err == nil {
		t.Error("Start outside a stack returned no error")
	}
}
