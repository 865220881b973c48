package rules

import (
	"fmt"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// auroraTLSParameters names, per Aurora engine, the cluster parameter that
// makes the cluster refuse connections without TLS; both are off in the
// default cluster parameter groups:
//   - aurora-postgresql rds.force_ssl (default 0):
//     https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html#AuroraPostgreSQL.Security.SSL
//   - aurora-mysql require_secure_transport (default OFF):
//     https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html#AuroraMySQL.Security.SSL
var auroraTLSParameters = map[string]string{
	"aurora-postgresql": "rds.force_ssl",
	"aurora-mysql":      "require_secure_transport",
	"aurora":            "require_secure_transport", // Aurora MySQL 5.6
}

func init() {
	register(engine.Rule{
		ID:       "RDS008",
		Title:    "Aurora cluster accepts connections without TLS",
		Severity: engine.Error,
		Doc: "An Aurora cluster (aws_rds_cluster with engine aurora-postgresql, aurora-mysql or aurora) accepts " +
			"plain-text connections unless its cluster parameter group sets rds.force_ssl = 1 (PostgreSQL) or " +
			"require_secure_transport = ON (MySQL); the default cluster parameter groups leave both off. Reported: " +
			"a cluster without db_cluster_parameter_group_name, or on an aws_rds_cluster_parameter_group of this " +
			"stack that does not turn the parameter on. A group outside the stack, and an engine set by an " +
			"expression the guard cannot compute, are skipped. Instances (aws_db_instance) are RDS006.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, c := range s.OfType("aws_rds_cluster") {
				eng := s.Resolve(c.Body["engine"])
				if _, set := c.Body["engine"]; !set {
					// engine defaulted to "aurora" (Aurora MySQL) before AWS provider 5.0 made it
					// required: https://github.com/hashicorp/terraform-provider-aws/issues/31112
					eng = "aurora"
				}
				param := auroraTLSParameters[eng]
				if param == "" {
					continue
				}
				on := "1"
				if strings.HasPrefix(param, "require") {
					on = "ON"
				}
				fix := fmt.Sprintf("give the cluster an aws_rds_cluster_parameter_group (family of its engine version) with parameter { name = %q, value = %q } and set db_cluster_parameter_group_name to its name", param, on)
				group := c.Body["db_cluster_parameter_group_name"]
				if engine.Str(group) == "" {
					p.Report(c, fmt.Sprintf("%s cluster uses the default cluster parameter group, which accepts connections without TLS (%s is off)", eng, param), fix)
					continue
				}
				g := s.ResolveTarget(group, "aws_rds_cluster_parameter_group", "name")
				if g == nil {
					continue
				}
				value, set := parameterValue(g, param)
				switch {
				case !set:
					p.Report(c, fmt.Sprintf("its cluster parameter group %s does not set %s, so the cluster accepts connections without TLS", g.Address, param), fix)
				case !isOn(value):
					p.Report(c, fmt.Sprintf("its cluster parameter group %s sets %s = %q, so the cluster accepts connections without TLS", g.Address, param, value), fix)
				}
			}
		},
	})
}
