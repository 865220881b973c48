package rules

import (
	"fmt"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// tlsParameters names, per engine, the parameter that makes the server
// refuse connections without TLS.
var tlsParameters = map[string]string{
	"postgres": "rds.force_ssl",
	"mysql":    "require_secure_transport",
	"mariadb":  "require_secure_transport",
}

func init() {
	register(engine.Rule{
		ID:       "RDS006",
		Title:    "database accepts connections without TLS",
		Severity: engine.Error,
		Doc: "RDS for PostgreSQL before 15, MySQL and MariaDB accept plain-text connections unless the instance's parameter " +
			"group sets rds.force_ssl (PostgreSQL) or require_secure_transport (MySQL, MariaDB) to 1. Reported: an instance " +
			"on the engine's default group (PostgreSQL 15 and later, or with no literal engine_version, force TLS by default " +
			"and pass), or on an aws_db_parameter_group of this stack that does not set the parameter to 1. A group defined " +
			"outside the stack cannot be read and is skipped, as are instances without a literal engine (read replicas).",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, db := range s.OfType("aws_db_instance") {
				eng := s.Resolve(db.Body["engine"])
				param := tlsParameters[eng]
				if param == "" {
					continue
				}
				fix := fmt.Sprintf("give the instance its own aws_db_parameter_group (family of its engine version) with parameter { name = %q, value = \"1\" } and set parameter_group_name to its name", param)
				group := db.Body["parameter_group_name"]
				if engine.Str(group) == "" {
					if eng == "postgres" && postgresForcesTLS(s.Resolve(db.Body["engine_version"])) {
						continue
					}
					p.Report(db, fmt.Sprintf("%s uses the engine's default parameter group, which accepts connections without TLS (%s is 0)", eng, param), fix)
					continue
				}
				g := s.ResolveTarget(group, "aws_db_parameter_group", "name")
				if g == nil {
					continue // a group outside this stack
				}
				value, set := parameterValue(g, param)
				switch {
				case !set:
					p.Report(db, fmt.Sprintf("its parameter group %s does not set %s, so the server accepts connections without TLS", g.Address, param), fix)
				case !isOn(value):
					p.Report(db, fmt.Sprintf("its parameter group %s sets %s = %q, so the server accepts connections without TLS", g.Address, param, value), fix)
				}
			}
		},
	})
}

// postgresForcesTLS reports whether the default parameter group of an RDS
// PostgreSQL version has rds.force_ssl = 1: from version 15, and for an
// unset or non-literal version (RDS picks a current one).
func postgresForcesTLS(version string) bool {
	if version == "" || engine.HasInterp(version) {
		return true
	}
	major, ok := engine.Int(strings.SplitN(version, ".", 2)[0])
	return !ok || major >= 15
}

// parameterValue returns the value group's parameter blocks give name.
func parameterValue(group *engine.Resource, name string) (string, bool) {
	for _, b := range engine.Blocks(group.Body["parameter"]) {
		if strings.EqualFold(engine.Str(b["name"]), name) {
			return engine.Str(b["value"]), true
		}
	}
	return "", false
}

// isOn reports whether a parameter value turns a boolean setting on.
func isOn(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "on", "true":
		return true
	}
	return false
}
