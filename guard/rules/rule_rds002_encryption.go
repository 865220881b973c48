package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "RDS002",
		Title:    "database storage not encrypted",
		Severity: engine.Error,
		Doc: "storage_encrypted defaults to false on aws_db_instance and aws_rds_cluster; encryption cannot be " +
			"turned on later without a snapshot-restore. Read replicas (replicate_source_db) inherit encryption and are skipped.",
		Check: func(p *engine.Pass) {
			for _, typ := range []string{"aws_db_instance", "aws_rds_cluster"} {
				for _, db := range p.Stack.OfType(typ) {
					if engine.Str(db.Body["replicate_source_db"]) != "" || engine.Str(db.Body["snapshot_identifier"]) != "" {
						continue
					}
					if b := engine.Bool(db.Body["storage_encrypted"]); b == engine.Unset || b == engine.False {
						p.Report(db, "database storage is not encrypted", "set storage_encrypted = true and kms_key_id to a customer managed key")
					}
				}
			}
		},
	})
}
