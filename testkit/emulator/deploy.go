package emulator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// TargetEnv selects where Run deploys: unset or "moto" (the default, a local
// emulator) or "aws" (a real account: see the package documentation).
const TargetEnv = "CDKTF_SECURE_DEPLOY_TARGET"

// AccountEnv must hold the 12-digit id of the account the ambient
// credentials belong to before Run deploys to real AWS.
const AccountEnv = "CDKTF_SECURE_DEPLOY_ACCOUNT"

// MotoAccountID is the account moto reports for every request.
const MotoAccountID = "123456789012"

// Options configures Run.
type Options struct {
	// Name labels the stack in logs and figures. Default: the stack folder's name.
	Name string
	// Region is the stack's region, given to AfterApply in Deployed.Region
	// and used for the account check on real AWS. Default: "us-east-1".
	Region string
	// Services are the provider `endpoints` names pointed at the emulator.
	// Default: DefaultServices.
	Services []string
	// AfterApply runs after apply with the deployed state, before the
	// zero-change plan; its failures fail the test and the stack is still
	// destroyed. With a *testing.T it runs as the subtest "AfterApply".
	// Default: none.
	AfterApply func(t testing.TB, d *Deployed)
	// Timeout bounds the whole run. Default: 20 minutes.
	Timeout time.Duration
	// Engine runs the cycle: tfrun.Terraform ("terraform") or tfrun.OpenTofu
	// ("tofu"). Default: the CDKTF_SECURE_ENGINE variable, else Terraform.
	Engine string
}

// Deployed is a stack after a successful apply.
type Deployed struct {
	// Dir is the working folder terraform ran in (a copy of the stack).
	Dir string
	// State is `terraform show -json` after apply.
	State *tfjson.State
	// Endpoint is the emulator's base URL ("http://127.0.0.1:<port>"), to
	// point an SDK client at (static credentials "test"/"test", path-style
	// S3); empty on real AWS, where the ambient credentials apply.
	Endpoint string
	// Region is Options.Region.
	Region string
	// Emulated is true when the target is the emulator.
	Emulated bool
	// Account is the account id resources were created in.
	Account string
}

// Figures are the measurements of one run.
type Figures struct {
	// Stack is Options.Name.
	Stack string
	// Engine is the engine that ran the cycle ("terraform" or "tofu").
	Engine string
	// Resources is the number of managed resources in state after apply.
	Resources int
	// Apply, Plan and Destroy are the durations of each terraform command.
	Apply, Plan, Destroy time.Duration
	// LeftOut is the number of blocks the emulator run removed from its
	// working copy (Gaps marked LeftOut, and what refers to them).
	LeftOut int
}

// String is the greppable one-line summary logged by Run.
func (f Figures) String() string {
	return fmt.Sprintf("deploy: stack=%s engine=%s resources=%d apply=%.1fs plan=%.1fs destroy=%.1fs left_out=%d",
		f.Stack, f.Engine, f.Resources, f.Apply.Seconds(), f.Plan.Seconds(), f.Destroy.Seconds(), f.LeftOut)
}

// Run deploys the synthesized stack in stackDir with the engine of
// opts.Engine (Terraform unless it or CDKTF_SECURE_ENGINE says "tofu"): it
// copies the folder, points it at a fresh emulator through the override file,
// runs init and apply, calls opts.AfterApply, requires `plan
// -detailed-exitcode` to report no changes, destroys, and requires the state
// to be empty. On
// the emulator, when a Gaps entry marked BeforeDestroy applies (a
// protected database), it applies that override once more before destroy;
// Figures.Destroy includes that apply. It
// skips under `go test -short` and when the engine, the provider mirror or
// moto_server is missing (failing instead when CI=true). The figures it
// returns include the destroy time (destroy runs as Run returns).
func Run(t testing.TB, stackDir string, opts Options) (fig Figures) {
	t.Helper()
	if testing.Short() {
		t.Skip("deploy tier skipped with -short")
	}
	if opts.Name == "" {
		opts.Name = filepath.Base(stackDir)
	}
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.Timeout == 0 {
		opts.Timeout = tfrun.Timeout
	}
	env := tfrun.Require(t, tfrun.WithEngine(opts.Engine))
	eng := env.Engine.Name
	target, err := targetFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if target == targetMoto {
		if _, err := LookupMoto(); err != nil {
			if tfrun.InCI() {
				t.Fatalf("deploy tier cannot run and %s=true forbids skipping: %v", tfrun.CIEnv, err)
			}
			t.Skipf("skipping deploy tier: %v (set %s=true to make this a failure)", err, tfrun.CIEnv)
		}
	}

	dir := t.TempDir()
	if err := tfrun.CopyStack(stackDir, dir); err != nil {
		t.Fatalf("deploy %s: copy: %v", opts.Name, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), opts.Timeout)
	defer cancel()

	var d *Deployed
	leftOut := 0
	extra := map[string]string{}
	if target == targetMoto {
		moto := StartMoto(t)
		removed, err := RemoveLeftOut(dir)
		if err != nil {
			t.Fatalf("deploy %s: %v", opts.Name, err)
		}
		if len(removed) > 0 {
			t.Logf("deploy %s: left out of the emulator run (not implemented by moto; see Gaps): %s", opts.Name, strings.Join(removed, ", "))
		}
		leftOut = len(removed)
		if err := WriteOverride(dir, moto.Endpoint, opts.Services); err != nil {
			t.Fatalf("deploy %s: %v", opts.Name, err)
		}
		// An encrypted state's key exists before the stack (its bootstrap):
		// created here in the fresh emulator (statekey.go).
		if keys, err := stateKeys(dir); err != nil {
			t.Fatalf("deploy %s: %v", opts.Name, err)
		} else if err := bootstrapStateKeys(ctx, moto.Endpoint, opts.Region, keys); err != nil {
			t.Fatalf("deploy %s: %v", opts.Name, err)
		}
		d = &Deployed{Dir: dir, Endpoint: moto.Endpoint, Region: opts.Region, Emulated: true, Account: MotoAccountID}
		extra = map[string]string{
			"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
			"AWS_EC2_METADATA_DISABLED": "true",
		}
		if env.Engine.IsOpenTofu() {
			// OpenTofu's aws_kms state-encryption key provider has no kms
			// endpoint setting: it takes the SDK's service endpoint
			// variables, so they point it (and its credential check) at the
			// emulator. The provider's own endpoints come from the override.
			for _, svc := range []string{"KMS", "STS", "IAM"} {
				extra["AWS_ENDPOINT_URL_"+svc] = moto.Endpoint
			}
		}
	} else {
		account, err := realAccount(ctx, env, t.TempDir(), opts.Region)
		if err != nil {
			t.Fatalf("deploy %s: %v", opts.Name, err)
		}
		if err := writeLocalBackendOverride(dir); err != nil {
			t.Fatalf("deploy %s: %v", opts.Name, err)
		}
		t.Logf("deploy %s: DEPLOYING TO REAL AWS ACCOUNT %s (%s=aws); this creates billable resources", opts.Name, account, TargetEnv)
		d = &Deployed{Dir: dir, Region: opts.Region, Account: account}
	}

	tf, logPath, err := newTerraform(t, env, dir, extra, target == targetMoto)
	if err != nil {
		t.Fatalf("deploy %s: %v", opts.Name, err)
	}
	fail := func(step string, err error) {
		t.Helper()
		t.Fatalf("deploy %s: %s %s: %v\n%s output tail (%s):\n%s", opts.Name, eng, step, err, eng, logPath, tail(logPath, 60))
	}
	if err := tf.Init(ctx, tfexec.Upgrade(false)); err != nil {
		fail("init", err)
	}

	fig = Figures{Stack: opts.Name, Engine: eng, LeftOut: leftOut}
	applied := false
	defer func() {
		// Destroy whatever apply created, even after a failed assertion. On
		// the emulator a failed apply leaves nothing worth destroying.
		if !applied && target == targetMoto {
			return
		}
		start := time.Now()
		dctx, dcancel := context.WithTimeout(context.Background(), opts.Timeout)
		defer dcancel()
		if target == targetMoto {
			// Gaps marked BeforeDestroy (prod's deletion protection): one
			// more apply with them, so destroy can remove everything. It
			// counts toward the destroy time.
			changed, err := WriteDestroyOverride(dir, d.Endpoint, opts.Services)
			if err != nil {
				t.Errorf("deploy %s: %v", opts.Name, err)
				return
			}
			if changed {
				if err := tf.Apply(dctx); err != nil {
					t.Errorf("deploy %s: %s apply before destroy: %v\n%s output tail:\n%s", opts.Name, eng, err, eng, tail(logPath, 60))
					return
				}
			}
		}
		if err := tf.Destroy(dctx); err != nil {
			t.Errorf("deploy %s: %s destroy: %v\n%s output tail:\n%s", opts.Name, eng, err, eng, tail(logPath, 60))
			return
		}
		fig.Destroy = time.Since(start)
		st, err := tf.Show(dctx)
		if err != nil {
			t.Errorf("deploy %s: %s show after destroy: %v", opts.Name, eng, err)
			return
		}
		if left := ManagedResources(st); len(left) > 0 {
			t.Errorf("deploy %s: %d resource(s) still in state after destroy:\n  %s", opts.Name, len(left), strings.Join(addresses(left), "\n  "))
		}
		t.Log(fig.String())
		if err := appendReport(fig, t.Failed()); err != nil {
			t.Errorf("deploy %s: writing %s: %v", opts.Name, ReportEnv, err)
		}
	}()

	start := time.Now()
	if err := tf.Apply(ctx); err != nil {
		// A partial apply on real AWS must be destroyed; the emulator is discarded.
		applied = target == targetAWS
		fail("apply", err)
	}
	applied = true
	fig.Apply = time.Since(start)

	st, err := tf.Show(ctx)
	if err != nil {
		fail("show", err)
	}
	d.State = st
	fig.Resources = len(ManagedResources(st))
	t.Logf("deploy %s: applied %d resources in %.1fs", opts.Name, fig.Resources, fig.Apply.Seconds())

	if opts.AfterApply != nil {
		if tt, ok := t.(*testing.T); ok {
			if !tt.Run("AfterApply", func(t *testing.T) { opts.AfterApply(t, d) }) {
				t.Errorf("deploy %s: post-apply assertions failed", opts.Name)
			}
		} else {
			opts.AfterApply(t, d)
		}
	}

	start = time.Now()
	planFile := filepath.Join(dir, "replan.tfplan")
	changed, err := tf.Plan(ctx, tfexec.Out(planFile))
	fig.Plan = time.Since(start)
	if err != nil {
		fail("plan", err)
	}
	if changed {
		plan, err := tf.ShowPlanFile(ctx, planFile)
		if err != nil {
			t.Errorf("deploy %s: the re-plan after apply has changes, and showing them failed: %v", opts.Name, err)
		} else {
			t.Errorf("deploy %s: the re-plan after apply is not empty (the stack does not converge):\n%s", opts.Name, FormatChanges(plan))
		}
	}
	return fig
}

type target int

const (
	targetMoto target = iota
	targetAWS
)

func targetFromEnv() (target, error) {
	switch v := strings.ToLower(strings.TrimSpace(os.Getenv(TargetEnv))); v {
	case "", "moto":
		return targetMoto, nil
	case "aws":
		return targetAWS, nil
	default:
		return 0, fmt.Errorf("%s=%q: want \"moto\" (default) or \"aws\"", TargetEnv, v)
	}
}

// newTerraform returns a terraform-exec handle whose stdout goes to a log
// file. On the emulator, ambient AWS profile, credential and endpoint
// variables are removed so nothing can reach a real account; extra is
// applied after that.
func newTerraform(t testing.TB, env *tfrun.Env, dir string, extra map[string]string, emulated bool) (*tfexec.Terraform, string, error) {
	tf, err := env.New(dir, nil)
	if err != nil {
		return nil, "", err
	}
	vars := env.Vars(extra)
	if emulated {
		for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN",
			"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL"} {
			delete(vars, k)
		}
		for k := range vars {
			if strings.HasPrefix(k, "AWS_ENDPOINT_URL_") {
				delete(vars, k)
			}
		}
		// The ambient endpoints are gone; the ones Run chose (OpenTofu's
		// state-key provider pointed at the emulator) stay.
		for k, v := range extra {
			vars[k] = v
		}
	}
	if err := tf.SetEnv(vars); err != nil {
		return nil, "", err
	}
	logPath := filepath.Join(dir, "terraform.log")
	f, err := os.Create(logPath)
	if err != nil {
		return nil, "", err
	}
	t.Cleanup(func() { f.Close() })
	tf.SetStdout(f)
	return tf, logPath, nil
}

// ManagedResources returns every managed resource in a state, child modules included.
func ManagedResources(st *tfjson.State) []*tfjson.StateResource {
	if st == nil || st.Values == nil {
		return nil
	}
	var out []*tfjson.StateResource
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		for _, r := range m.Resources {
			if r.Mode == tfjson.ManagedResourceMode {
				out = append(out, r)
			}
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(st.Values.RootModule)
	return out
}

// Resources returns the deployed managed resources of type typ.
func (d *Deployed) Resources(typ string) []*tfjson.StateResource {
	var out []*tfjson.StateResource
	for _, r := range ManagedResources(d.State) {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

func addresses(rs []*tfjson.StateResource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Address
	}
	return out
}
