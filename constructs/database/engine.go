package database

import "fmt"

// Engine is an RDS engine.
type Engine string

// Supported engines.
const (
	Postgres Engine = "postgres"
	MySQL    Engine = "mysql"
)

// engineInfo holds what differs per engine.
type engineInfo struct {
	port int
	// version is the default engine version: a major version only, so RDS
	// picks its current minor and auto minor upgrades cause no drift (the
	// provider compares it as a prefix of engine_version_actual).
	version string
	// logs are the log types exported to CloudWatch Logs.
	logs []string
	// reserved are master user names the engine refuses.
	reserved []string
}

var engines = map[Engine]engineInfo{
	Postgres: {port: 5432, version: "16", logs: []string{"postgresql", "upgrade"},
		reserved: []string{"postgres", "rdsadmin", "rdsrepladmin", "rds_superuser", "admin", "root", "public", "template0", "template1"}},
	MySQL: {port: 3306, version: "8.0", logs: []string{"error", "general", "slowquery"},
		reserved: []string{"admin", "rdsadmin", "rdsrepladmin", "root", "mysql", "sys", "mysql.sys", "mysql.session", "mysql.infoschema"}},
}

func (e Engine) orDefault() Engine {
	if e == "" {
		return Postgres
	}
	return e
}

func (e Engine) validate() error {
	if _, ok := engines[e.orDefault()]; !ok {
		return fmt.Errorf("engine: %q is not supported; use database.Postgres (%q) or database.MySQL (%q)", string(e), Postgres, MySQL)
	}
	return nil
}

// Port is the engine's default port: 5432 for PostgreSQL, 3306 for MySQL.
func (e Engine) Port() int { return engines[e.orDefault()].port }

// DefaultVersion is the engine version used when InstanceProps.EngineVersion is empty.
func (e Engine) DefaultVersion() string { return engines[e.orDefault()].version }
