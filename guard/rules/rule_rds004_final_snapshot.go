package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "RDS004",
		Title:    "final snapshot required but not named",
		Severity: engine.Error,
		Doc: "skip_final_snapshot defaults to false, and then final_snapshot_identifier is required: terraform " +
			"destroy fails with \"final_snapshot_identifier is required when skip_final_snapshot is false\".",
		Check: func(p *engine.Pass) {
			for _, typ := range []string{"aws_db_instance", "aws_rds_cluster"} {
				for _, db := range p.Stack.OfType(typ) {
					if b := engine.Bool(db.Body["skip_final_snapshot"]); b == engine.True || b == engine.Unknown {
						continue
					}
					if engine.Str(db.Body["final_snapshot_identifier"]) != "" {
						continue
					}
					p.Report(db, "skip_final_snapshot is false (the default) but final_snapshot_identifier is not set, so terraform destroy fails",
						"set a fixed final_snapshot_identifier (production), or skip_final_snapshot = true (disposable environments)")
				}
			}
		},
	})
}
