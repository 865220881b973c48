package rules

import (
	"fmt"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "RDS003",
		Title:    "invalid final_snapshot_identifier",
		Severity: engine.Error,
		Doc: "RDS snapshot identifiers must start with a letter, contain only letters, digits and hyphens, have no " +
			"\"--\", not end with a hyphen, and be at most 255 characters. A timestamp() in it both breaks these " +
			"rules (it contains ':') and changes on every plan. The error only shows at destroy time, when the " +
			"final snapshot is taken, so the environment cannot be torn down.",
		Check: func(p *engine.Pass) {
			for _, typ := range []string{"aws_db_instance", "aws_rds_cluster"} {
				for _, db := range p.Stack.OfType(typ) {
					raw := engine.Str(db.Body["final_snapshot_identifier"])
					if raw == "" {
						continue
					}
					if prob := snapshotIDProblem(p.Stack.Resolve(raw)); prob != "" {
						p.Reportf(db, "use a fixed identifier such as \"<company>-<env>-<db>-final\" (letters, digits, single hyphens)",
							"final_snapshot_identifier %q %s; the final snapshot (and so terraform destroy) fails", raw, prob)
					}
				}
			}
		},
	})
}

// snapshotIDProblem describes what is wrong with an RDS snapshot identifier,
// judging only the literal parts of a value with interpolations.
func snapshotIDProblem(v string) string {
	if fn := engine.NondeterministicCall(v); fn != "" {
		return "uses " + fn + ", which changes every plan and yields characters RDS rejects"
	}
	x := withoutInterps(v)
	startsExpr := strings.HasPrefix(v, "${")
	endsExpr := strings.HasSuffix(v, "}") && engine.HasInterp(v)
	for _, c := range x {
		if !(c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return fmt.Sprintf("contains %q; only letters, digits and hyphens are allowed", c)
		}
	}
	switch {
	case x == "":
		return "is empty"
	case !startsExpr && !(x[0] >= 'a' && x[0] <= 'z' || x[0] >= 'A' && x[0] <= 'Z'):
		return "does not start with a letter"
	case strings.Contains(x, "--"):
		return "contains \"--\""
	case !endsExpr && strings.HasSuffix(x, "-"):
		return "ends with a hyphen"
	case !engine.HasInterp(v) && len(x) > 255:
		return fmt.Sprintf("is %d characters; the limit is 255", len(x))
	}
	return ""
}
