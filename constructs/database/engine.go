package database

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
)

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
	// tlsParameter is the parameter that makes the server refuse
	// connections without TLS (set to "1" in the instance's parameter group).
	tlsParameter string
}

var engines = map[Engine]engineInfo{
	Postgres: {port: 5432, version: "16", logs: []string{"postgresql", "upgrade"},
		reserved:     []string{"postgres", "rdsadmin", "rdsrepladmin", "rds_superuser", "admin", "root", "public", "template0", "template1"},
		tlsParameter: "rds.force_ssl"},
	MySQL: {port: 3306, version: "8.4", logs: []string{"error", "general", "slowquery"},
		reserved:     []string{"admin", "rdsadmin", "rdsrepladmin", "root", "mysql", "sys", "mysql.sys", "mysql.session", "mysql.infoschema"},
		tlsParameter: "require_secure_transport"},
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

// TLSParameter is the parameter the instance's parameter group sets to "1"
// so that the server refuses connections without TLS: rds.force_ssl for
// PostgreSQL (on by default only from version 15), require_secure_transport
// for MySQL (off by default).
func (e Engine) TLSParameter() string { return engines[e.orDefault()].tlsParameter }

// Lifecycle is the engine's major version calendar in package catalog:
// majors past RDS standard support are refused, as retired Lambda runtimes are.
func (e Engine) Lifecycle() catalog.Lifecycle {
	if e.orDefault() == MySQL {
		return catalog.MySQLMajors
	}
	return catalog.PostgresMajors
}

// Major is the major version of version as the calendars name it: "16"
// for PostgreSQL 16.4, "9.6" for 9.6.24 (before PostgreSQL 10 the major
// had two parts), "8.0" for MySQL 8.0.40.
func (e Engine) Major(version string) string {
	return strings.TrimPrefix(e.ParameterGroupFamily(version), string(e.orDefault()))
}

// ParameterGroupFamily is the DB parameter group family of version, a
// version string that passed InstanceProps.Validate: "postgres16" for
// PostgreSQL 16 or 16.4 (major.minor before PostgreSQL 10, "postgres9.6"),
// "mysql8.0" for MySQL 8.0.39.
func (e Engine) ParameterGroupFamily(version string) string {
	parts := strings.Split(version, ".")
	n := 1 // PostgreSQL 10 and later: the major version
	if major, _ := strconv.Atoi(parts[0]); e.orDefault() == MySQL || major < 10 {
		n = 2
	}
	if len(parts) < n {
		n = len(parts)
	}
	return string(e.orDefault()) + strings.Join(parts[:n], ".")
}
