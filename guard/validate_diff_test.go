package guard

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/corpus"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// TestRefusesNothingValidateAccepts is the differential test of issue 28:
// on every module folder of the HCL corpus (../shared/guard-corpus-hcl),
// `terraform init -backend=false` + `terraform validate` run offline against
// the provider mirror, and the guard must not refuse any folder validate
// accepts. Folders validate cannot judge (init fails: a provider missing
// from the mirror, a registry module not fetched) are logged, not judged.
// It skips without the corpus or terraform (fails under CI=true without
// terraform). It runs under CI=true (.ci/run) and with GUARD_VALIDATE_DIFF=1;
// a plain `go test ./...` skips it: terraform init and validate on the 47
// folders take minutes (two folders at a time on two cores; every validate
// starts the AWS provider to read its schema):
//
//	GUARD_VALIDATE_DIFF=1 go test -timeout 60m -run TestRefusesNothingValidateAccepts -v ./guard/
func TestRefusesNothingValidateAccepts(t *testing.T) {
	root := corpus.HCLDir()
	if root == "" {
		t.Skip("no HCL corpus (../shared/guard-corpus-hcl or $GUARD_CORPUS_HCL)")
	}
	if os.Getenv("GUARD_VALIDATE_DIFF") == "" && os.Getenv("CI") != "true" {
		t.Skip("set GUARD_VALIDATE_DIFF=1 (CI=true does) to run terraform init + validate on every HCL corpus folder (minutes)")
	}
	env := tfrun.Require(t)
	folders, err := corpus.HCLFolders(root)
	if err != nil || len(folders) == 0 {
		t.Fatalf("no module folders in %s: %v", root, err)
	}
	work := t.TempDir()
	if err := tfrun.CopyStack(root, work); err != nil { // terraform writes .terraform into each folder
		t.Fatal(err)
	}
	// Folders are validated a few at a time (each validate waits on the
	// provider's start); the guard's verdicts are compared in folder order.
	verrs := make([]error, len(folders))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), 4); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				ctx, cancel := context.WithTimeout(context.Background(), tfrun.Timeout)
				verrs[i] = tfrun.ValidateDir(ctx, env, filepath.Join(work, folders[i]))
				cancel()
			}
		}()
	}
	for i := range folders {
		next <- i
	}
	close(next)
	wg.Wait()
	var accepted, rejected, unjudged int
	for i, rel := range folders {
		verr := verrs[i]
		_, gerr := CheckDir(filepath.Join(root, rel), Options{Now: testNow})
		var invalid tfrun.ValidateError
		switch {
		case verr == nil:
			accepted++
			if gerr != nil {
				t.Errorf("%s: terraform validate accepts it; the guard refuses it: %v", rel, gerr)
			}
		case errors.As(verr, &invalid):
			rejected++
			t.Logf("%s: terraform validate rejects it (guard: %v): %s", rel, errString(gerr), firstLine(verr.Error()))
		default:
			unjudged++
			t.Logf("%s: validate cannot judge it (guard: %v): %s", rel, errString(gerr), firstLine(verr.Error()))
		}
	}
	if accepted == 0 {
		t.Errorf("terraform validate accepted none of the %d folders: nothing was compared (is the provider mirror set?)", len(folders))
	}
	t.Logf("%d folders: %d accepted by terraform validate (the guard refuses none), %d rejected, %d not judged", len(folders), accepted, rejected, unjudged)
}

func errString(err error) string {
	if err == nil {
		return "accepted"
	}
	return "refused: " + err.Error()
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "terraform init") {
			return l
		}
	}
	return s
}
