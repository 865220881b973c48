package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "RDS001",
		Title:    "database publicly accessible",
		Severity: engine.Error,
		Doc:      "publicly_accessible = true gives the instance a public DNS name and IP; databases belong in private database subnets.",
		Check: func(p *engine.Pass) {
			for _, db := range p.Stack.OfType("aws_db_instance") {
				if engine.Bool(db.Body["publicly_accessible"]) == engine.True {
					p.Report(db, "database is publicly accessible", "set publicly_accessible = false and place it in a private DB subnet group; allow access only from named security groups")
				}
			}
		},
	})
}
