package emulator

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
)

// TestGapsPointToAccessExpectations: every gap that says moto cannot
// evaluate a policy names access expectations, and those exist.
func TestGapsPointToAccessExpectations(t *testing.T) {
	proven := 0
	for _, g := range Gaps {
		for _, k := range g.ProvenBy {
			proven++
			if !access.KnownKind(k) {
				t.Errorf("gap %s %s (%s): ProvenBy names %q, which is not an access expectation kind (access.Kinds)", g.Block, g.Type, g.Setting, k)
			}
		}
		if (g.Type == "aws_s3_bucket_policy" || g.Type == "aws_iam_policy_document") && len(g.ProvenBy) == 0 {
			t.Errorf("gap %s %s drops a policy statement the emulator cannot evaluate but names no access expectation that proves it", g.Block, g.Type)
		}
	}
	if proven == 0 {
		t.Error("no gap points to an access expectation")
	}
}
