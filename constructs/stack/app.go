package stack

import (
	"path/filepath"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiiload"
)

// App is a CDKTF app: the root that stacks are created in and synthesized from.
type App struct {
	cdktf.App
}

// AppProps configures an App.
type AppProps struct {
	// Outdir is where stacks are written. Default: the CDKTF_OUTDIR that
	// cdktf-cli sets, else "cdktf.out".
	Outdir string
}

// NewApp creates an App. Stack traces are left out of the output, so it holds
// no absolute paths and is identical on every machine.
//
// Importing the library does nothing; NewApp is where the work starts. It
// starts the jsii kernel (one node process, or two with jsii's own runtime)
// and loads the AWS provider's jsii package the fast way (a derived tarball
// holding only what this program can use); on any problem the bindings
// load the stock package as usual. CDKTF_SECURE_JSII_FASTLOAD=0 turns that
// off; CDKTF_SECURE_JSII_NODE_FLAGS replaces the V8 flags the kernel runs
// with (jsiiload.KernelFlags), and NewApp returns an error, starting
// nothing, when node refuses them. NewApp writes the derived package and
// the single-process runtime under the user cache folder
// (os.UserCacheDir()/cdktf-secure-go/jsii) when they are missing. The first NewApp in a process restarts the kernel that
// package initialization prepared, so call it before any other jsii use.
//
// For the one jsii call that starts the kernel, NewApp sets JSII_RUNTIME
// and CDKTF_SECURE_JSII_RUNTIME (or, with jsii's own runtime,
// JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 when unset) and restores
// them before it returns: jsii-runtime-go takes the kernel's command and
// environment only from the process environment. Do not start other
// processes from another goroutine while NewApp runs. Call Close when done.
func NewApp(props AppProps) (*App, error) {
	if err := jsiiload.DirectRuntime().SettingErr; err != nil {
		return nil, err
	}
	jsiiload.Preload()
	var a *App
	err := Catch(func() {
		cfg := &cdktf.AppConfig{StackTraces: boolp(false)}
		if props.Outdir != "" {
			cfg.Outdir = str(props.Outdir)
		}
		a = &App{}
		cdktf.NewApp_Override(a, cfg)
	})
	return a, err
}

// Synthesize writes every stack to Outdir()/stacks/<id>/cdk.tf.json. It
// first refuses physical names two constructs of the app share (CheckNames),
// naming both construct paths, and then writes nothing.
func (a *App) Synthesize() error {
	if err := CheckNames(a); err != nil {
		return err
	}
	return Catch(func() { a.App.Synth() })
}

// Dir returns the output folder.
func (a *App) Dir() string { return *a.App.Outdir() }

// StackDir returns the folder a stack is written to.
func (a *App) StackDir(id string) string { return filepath.Join(a.Dir(), "stacks", id) }

// StackFile returns the path of a stack's cdk.tf.json.
func (a *App) StackFile(id string) string { return filepath.Join(a.StackDir(id), "cdk.tf.json") }

// Close stops the jsii kernel and removes jsii's temporary folder. Call it
// once, as the last thing main does before exiting (and after the last
// Synthesize): jsii objects are unusable afterwards, and the next jsii call
// starts a new kernel. It leaves os.Stderr alone; it also keeps jsii-runtime-go
// up to v1.141.0 from printing a spurious "Runtime process exited
// abnormally: waitid: no child processes" (see jsiiload.Close).
//
// A program (or test binary) that imports the library but never calls
// NewApp should still call Close: jsii-runtime-go extracts its runtime into
// TMPDIR/jsii-runtime.* when the generated packages register their types at
// package initialization, and only closing its client removes it.
func Close() { jsiiload.Close() }
