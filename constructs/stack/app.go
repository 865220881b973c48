package stack

import (
	"os"
	"path/filepath"

	"github.com/aws/jsii-runtime-go"
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
func NewApp(props AppProps) (*App, error) {
	// Load the AWS provider's jsii package the fast way (a derived, cached
	// tarball holding only what this program can use) before anything uses
	// it; on any problem the bindings load the stock package as usual.
	// CDKTF_SECURE_JSII_FASTLOAD=0 turns it off.
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

// Close stops the jsii kernel and removes its temporary folder. Call it once,
// as the last thing main does before exiting: it also discards anything
// written to os.Stderr afterwards, because the jsii runtime (v1.119.0) races
// two waits on its node process and may print a spurious
// "Runtime process exited abnormally: waitid: no child processes".
func Close() {
	if devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stderr = devnull
	}
	jsii.Close()
}

func init() {
	changed := false
	// jsii prints an end-of-life banner for Node 20 on every run (the value
	// lists the silenced major versions). The library is tested on Node 20 and
	// supports 20, 22 and 24, so keep the output clean.
	if os.Getenv(silenceVar) == "" {
		os.Setenv(silenceVar, "20")
		changed = true
	}
	// Run the jsii kernel as one node process instead of two (see
	// jsiiload.ExportRuntime); CDKTF_SECURE_JSII_DIRECT=0 turns it off.
	if jsiiload.ExportRuntime() {
		changed = true
	}
	// The jsii client captures the environment when the first generated
	// package registers its types, during package initialization and before
	// this init runs. Its kernel process has not started yet: closing the
	// client makes the first real call start one with the environment above.
	if changed {
		jsii.Close()
	}
}

const silenceVar = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"
