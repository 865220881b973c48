package reference_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// measuredAt finds the statements of the resource count the published
// performance figures were taken at ("measured on the reference stack at
// 160 resources").
var measuredAt = regexp.MustCompile(`measured on the reference stack at (\d+) resources`)

// TestPerformanceFiguresAreCurrent fails when README.md or
// docs/performance.md give figures measured on a reference stack of another
// size than the one this package builds (the dev environment, as
// bench/run.sh synthesizes it): the figures are then out of date. Rerun
// bench/run.sh and update the figures and the count together.
func TestPerformanceFiguresAreCurrent(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-dev")
	b, err := os.ReadFile(doc.Path)
	if err != nil {
		t.Fatal(err)
	}
	var parsed struct {
		Resource map[string]map[string]json.RawMessage `json:"resource"`
	}
	if err := json.Unmarshal(b, &parsed); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, byName := range parsed.Resource {
		n += len(byName)
	}
	for _, name := range []string{"README.md", filepath.Join("docs", "performance.md")} {
		text, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatal(err)
		}
		found := measuredAt.FindAllSubmatch(text, -1)
		if len(found) == 0 {
			t.Errorf("%s: no %q statement; the performance figures must say the resource count they were taken at", name, "measured on the reference stack at N resources")
		}
		for _, m := range found {
			if string(m[1]) != strconv.Itoa(n) {
				t.Errorf("%s: figures measured on the reference stack at %s resources; the stack has %d now: rerun bench/run.sh (the interleaved figures alone, about 10 minutes: RUNS=11 MODES=fast ENVS=1 COLD=\" \" SKIP_TESTS=1 bench/run.sh) and update the figures and the count in README.md and docs/performance.md", name, m[1], n)
			}
		}
	}
}
