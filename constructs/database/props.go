package database

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/isnil"
)

// Key is the customer managed KMS key the instance, its master secret,
// Performance Insights and its log groups are encrypted with, e.g. an
// *encryption.Key.
type Key interface {
	Arn() string
	AllowCloudWatchLogs() error
}

// RemovalPolicy decides what destroying the instance does.
type RemovalPolicy int

const (
	// ByEnvironment (the zero value) is Protect in production environments
	// ("prod", "production", see naming.IsProductionEnvironment) and Destroy elsewhere.
	ByEnvironment RemovalPolicy = iota
	// Protect sets deletion_protection, and a final snapshot
	// "{company}-{environment}-{name}-final" is taken when it is deleted.
	Protect
	// Destroy turns deletion protection off and skips the final snapshot.
	Destroy
)

// String names the policy.
func (r RemovalPolicy) String() string {
	switch r {
	case ByEnvironment:
		return "ByEnvironment"
	case Protect:
		return "Protect"
	case Destroy:
		return "Destroy"
	}
	return fmt.Sprintf("RemovalPolicy(%d)", int(r))
}

// Resolve returns Protect or Destroy for an environment.
func (r RemovalPolicy) Resolve(production bool) RemovalPolicy {
	if r != ByEnvironment {
		return r
	}
	if production {
		return Protect
	}
	return Destroy
}

// Defaults of InstanceProps.
const (
	DefaultInstanceClass       = "db.t3.micro"
	DefaultAllocatedStorageGB  = 20
	DefaultUsername            = "dbadmin"
	DefaultBackupRetentionDays = 7
	DefaultMonitoringInterval  = 60
	DefaultLogRetentionDays    = 365
)

// InstanceProps configures an RDS instance. The zero value of every
// optional field is the secure choice.
type InstanceProps struct {
	// Name is the identifier suffix: the instance is
	// "{company}-{environment}-{name}" (at most 63 characters). Default: the construct id.
	Name string
	// Engine is database.Postgres or database.MySQL. Default: Postgres.
	Engine Engine
	// EngineVersion is the engine version. Default: the major version only
	// ("16" for PostgreSQL, "8.4" for MySQL), so RDS picks the current minor
	// and automatic minor upgrades do not show as drift.
	EngineVersion string
	// InstanceClass is "db.<family>.<size>". Default: "db.t3.micro".
	InstanceClass string
	// AllocatedStorageGB is the gp3 storage size, 20-65536. Default: 20.
	AllocatedStorageGB int
	// MaxAllocatedStorageGB enables storage autoscaling up to this size; it
	// must exceed AllocatedStorageGB. Default: 0 (autoscaling off).
	MaxAllocatedStorageGB int
	// DatabaseName creates an initial database. Default: "" (none).
	DatabaseName string
	// Username is the master user. Default: "dbadmin". Its password is
	// generated and rotated by RDS in Secrets Manager (SecretArn), never in state.
	Username string
	// Key encrypts storage, the master secret, Performance Insights and the
	// exported log groups. Required.
	Key Key
	// VPC provides the database subnet group and holds the instance's
	// security group. Required.
	VPC *network.VPC
	// SecurityGroups are groups the instance joins besides its own (or
	// instead, with NoOwnSecurityGroup): a *network.SecurityGroup or
	// network.ExistingGroup("sg-..."). Their rules are their owner's.
	// Default: none.
	SecurityGroups []network.Group
	// NoOwnSecurityGroup leaves out the instance's own group (AllowFrom then
	// fails: add the rules to your group); SecurityGroups must then name at
	// least one. Default: false (the instance has its own group, with
	// ingress only from the peers given to AllowFrom and no egress).
	NoOwnSecurityGroup bool
	// BackupRetentionDays is 1-35. Default: 7.
	BackupRetentionDays int
	// MultiAZ runs a standby in another zone. Default: false.
	MultiAZ bool
	// RemovalPolicy is Protect, Destroy, or (zero value) by environment:
	// Protect in production, Destroy elsewhere.
	RemovalPolicy RemovalPolicy
	// DisablePerformanceInsights turns off Performance Insights. Default:
	// false: on (7 days, encrypted with Key) wherever the engine and class
	// support it (not MySQL on db.t2/t3/t4g micro or small).
	DisablePerformanceInsights bool
	// MonitoringIntervalSeconds is the Enhanced Monitoring interval: 1, 5,
	// 10, 15, 30 or 60. Default: 60 (with its own monitoring role).
	MonitoringIntervalSeconds int
	// DisableEnhancedMonitoring turns Enhanced Monitoring off. Default: false.
	DisableEnhancedMonitoring bool
	// LogRetentionDays is the retention of the exported log groups
	// ("/aws/rds/instance/<identifier>/<log>"). Default: 365.
	LogRetentionDays int
}

var (
	classPattern    = regexp.MustCompile(`^db\.[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.([0-9]*xlarge|nano|micro|small|medium|large)$`)
	usernamePattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9]{0,15}$`)
	dbNamePattern   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]*$`)
	versionPattern  = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)
	monitoring      = map[int]bool{1: true, 5: true, 10: true, 15: true, 30: true, 60: true}
)

// Validate checks every field without calling jsii, returning all problems
// joined, each starting with the field name.
func (p InstanceProps) Validate() error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if err := p.Engine.validate(); err != nil {
		errs = append(errs, err)
	}
	if v := p.EngineVersion; v != "" && !versionPattern.MatchString(v) {
		add("engineVersion: %q is not a version; use e.g. %q or %q", v, "16", "16.4")
	} else if p.Engine.orDefault() == MySQL && v != "" && !strings.Contains(v, ".") {
		// The parameter group family is mysql<major>.<minor>.
		add("engineVersion: %q names no minor version; MySQL versions are major.minor, e.g. %q or %q", v, "8.4", "8.4.3")
	} else if p.Engine.validate() == nil && v != "" {
		if err := p.Engine.orDefault().Lifecycle().Check("engineVersion", p.Engine.orDefault().Major(v)); err != nil {
			errs = append(errs, err)
		}
	}
	if c := p.InstanceClass; c != "" && !classPattern.MatchString(c) {
		add("instanceClass: %q is not an RDS instance class; use \"db.<family>.<size>\", e.g. %q", c, DefaultInstanceClass)
	} else if c != "" {
		if err := catalog.CheckRDSInstanceClass("instanceClass", c); err != nil {
			errs = append(errs, err)
		}
	}
	if s := p.AllocatedStorageGB; s != 0 && (s < 20 || s > 65536) {
		add("allocatedStorageGB: %d is out of range; gp3 storage allows 20-65536 GB", s)
	}
	if m := p.MaxAllocatedStorageGB; m != 0 {
		alloc := p.allocated()
		switch {
		case m > 65536:
			add("maxAllocatedStorageGB: %d exceeds 65536 GB", m)
		case m <= alloc:
			add("maxAllocatedStorageGB: %d must exceed allocatedStorageGB (%d) to enable autoscaling; use 0 to turn it off", m, alloc)
		}
	}
	if n := p.DatabaseName; n != "" {
		max := 63
		if p.Engine.orDefault() == MySQL {
			max = 64
		}
		if len(n) > max || !dbNamePattern.MatchString(n) {
			add("databaseName: %q is invalid; use 1-%d letters, digits and underscores, starting with a letter", n, max)
		}
	}
	if u := p.Username; u != "" {
		if err := validateUsername(p.Engine.orDefault(), u); err != nil {
			errs = append(errs, err)
		}
	}
	if isnil.Is(p.Key) {
		add("key: must not be nil; pass the KMS key that encrypts storage and the master secret")
	}
	if err := network.ValidateGroups("securityGroups", p.SecurityGroups, p.VPC, !p.NoOwnSecurityGroup); err != nil {
		errs = append(errs, err)
	}
	if p.NoOwnSecurityGroup && len(p.SecurityGroups) == 0 {
		add("noOwnSecurityGroup: set, but securityGroups is empty; give at least one group or let the instance have its own")
	}
	if p.VPC == nil {
		add("vpc: must not be nil; pass the VPC whose database subnet group the instance uses")
	}
	if b := p.BackupRetentionDays; b != 0 && (b < 1 || b > 35) {
		add("backupRetentionDays: %d is out of range; use 1-35 (0 means the default, 7)", b)
	}
	if r := p.RemovalPolicy; r < ByEnvironment || r > Destroy {
		add("removalPolicy: %d is unknown; use database.Protect, database.Destroy or leave it zero (by environment)", int(r))
	}
	if m := p.MonitoringIntervalSeconds; m != 0 {
		switch {
		case p.DisableEnhancedMonitoring:
			add("monitoringIntervalSeconds: %d is set but DisableEnhancedMonitoring is true; set one of them", m)
		case !monitoring[m]:
			add("monitoringIntervalSeconds: %d is not an Enhanced Monitoring interval; use 1, 5, 10, 15, 30 or 60", m)
		}
	}
	if d := p.LogRetentionDays; d != 0 {
		ok := false
		for _, v := range logging.RetentionValues {
			ok = ok || v == d
		}
		if !ok {
			add("logRetentionDays: %d is not a CloudWatch retention value; use one of %v", d, logging.RetentionValues)
		}
	}
	return errors.Join(errs...)
}

func validateUsername(e Engine, u string) error {
	if !usernamePattern.MatchString(u) {
		return fmt.Errorf("username: %q is invalid; use 1-16 letters and digits, starting with a letter (e.g. %q)", u, DefaultUsername)
	}
	for _, r := range engines[e].reserved {
		if strings.EqualFold(u, r) {
			return fmt.Errorf("username: %q is reserved by %s on RDS; choose another name (e.g. %q)", u, e, DefaultUsername)
		}
	}
	return nil
}

func (p InstanceProps) allocated() int {
	if p.AllocatedStorageGB == 0 {
		return DefaultAllocatedStorageGB
	}
	return p.AllocatedStorageGB
}

// defaults returns a copy of p with every default applied.
func (p InstanceProps) defaults(id string) InstanceProps {
	if p.Name == "" {
		p.Name = id
	}
	p.Engine = p.Engine.orDefault()
	if p.EngineVersion == "" {
		p.EngineVersion = p.Engine.DefaultVersion()
	}
	if p.InstanceClass == "" {
		p.InstanceClass = DefaultInstanceClass
	}
	p.AllocatedStorageGB = p.allocated()
	if p.Username == "" {
		p.Username = DefaultUsername
	}
	if p.BackupRetentionDays == 0 {
		p.BackupRetentionDays = DefaultBackupRetentionDays
	}
	if p.MonitoringIntervalSeconds == 0 && !p.DisableEnhancedMonitoring {
		p.MonitoringIntervalSeconds = DefaultMonitoringInterval
	}
	if p.LogRetentionDays == 0 {
		p.LogRetentionDays = DefaultLogRetentionDays
	}
	return p
}

// performanceInsights reports whether Performance Insights is turned on:
// unless disabled, wherever the engine and class support it.
func (p InstanceProps) performanceInsights() bool {
	if p.DisablePerformanceInsights {
		return false
	}
	if p.Engine.orDefault() == MySQL {
		for _, c := range []string{"db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"} {
			if p.InstanceClass == c || (p.InstanceClass == "" && c == DefaultInstanceClass) {
				return false
			}
		}
	}
	return true
}

// FinalSnapshotIdentifier is the final snapshot name of a Protect instance:
// "{fullName}-final", checked against the RDS snapshot identifier rules.
func FinalSnapshotIdentifier(fullName string) (string, error) {
	id := fullName + "-final"
	if len(id) > 255 || !snapshotPattern.MatchString(id) {
		return "", fmt.Errorf("finalSnapshotIdentifier: %q is invalid; RDS requires 1-255 letters, digits and single hyphens, starting with a letter and not ending with a hyphen", id)
	}
	return id, nil
}

var snapshotPattern = regexp.MustCompile(`^[a-zA-Z]([a-zA-Z0-9]|-[a-zA-Z0-9])*$`)
