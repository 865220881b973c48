package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "RDS005",
		Title:    "deletion protection blocks terraform destroy",
		Severity: engine.Info,
		Doc: "deletion_protection = true is right for production, but terraform destroy fails until it is set " +
			"to false and applied. Reported as information so disposable environments do not enable it by accident.",
		Check: func(p *engine.Pass) {
			for _, typ := range []string{"aws_db_instance", "aws_rds_cluster"} {
				for _, db := range p.Stack.OfType(typ) {
					if engine.Bool(db.Body["deletion_protection"]) == engine.True {
						p.Report(db, "deletion_protection = true: this environment cannot be destroyed with terraform destroy until it is set to false and applied",
							"keep it for production; for disposable environments set deletion_protection = false")
					}
				}
			}
		},
	})
}
