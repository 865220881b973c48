package database

import (
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

type fakeKey struct{}

func (fakeKey) Arn() string                { return "arn:aws:kms:us-east-1:111111111111:key/x" }
func (fakeKey) AllowCloudWatchLogs() error { return nil }

func TestInstancePropsValidate(t *testing.T) {
	valid := func() InstanceProps { return InstanceProps{Key: fakeKey{}, VPC: &network.VPC{}} }
	for _, tc := range []struct {
		name   string
		modify func(p *InstanceProps)
		want   []string
	}{
		{"defaults", func(p *InstanceProps) {}, nil},
		{"full", func(p *InstanceProps) {
			p.Engine, p.EngineVersion, p.InstanceClass = MySQL, "8.4.3", "db.r6g.2xlarge"
			p.AllocatedStorageGB, p.MaxAllocatedStorageGB, p.BackupRetentionDays = 100, 1000, 35
			p.Username, p.DatabaseName, p.RemovalPolicy, p.MonitoringIntervalSeconds = "appadmin", "app_db", Protect, 5
		}, nil},
		{"classes", func(p *InstanceProps) { p.InstanceClass = "db.m7g.large" }, nil},
		{"class db.t4g.micro", func(p *InstanceProps) { p.InstanceClass = "db.t4g.micro" }, nil},
		{"engine", func(p *InstanceProps) { p.Engine = "oracle-ee" }, []string{`engine: "oracle-ee" is not supported`}},
		{"version", func(p *InstanceProps) { p.EngineVersion = "latest" }, []string{`engineVersion: "latest" is not a version`}},
		{"mysql version without minor", func(p *InstanceProps) { p.Engine, p.EngineVersion = MySQL, "8" }, []string{`engineVersion: "8" names no minor version; MySQL versions are major.minor`}},
		{"postgres major only", func(p *InstanceProps) { p.EngineVersion = "15" }, nil},
		{"class no prefix", func(p *InstanceProps) { p.InstanceClass = "t3.micro" }, []string{`instanceClass: "t3.micro" is not an RDS instance class; use "db.<family>.<size>"`}},
		{"class bad size", func(p *InstanceProps) { p.InstanceClass = "db.t3.huge" }, []string{`instanceClass: "db.t3.huge"`}},
		{"class upper", func(p *InstanceProps) { p.InstanceClass = "DB.T3.MICRO" }, []string{`instanceClass:`}},
		{"storage low", func(p *InstanceProps) { p.AllocatedStorageGB = 10 }, []string{"allocatedStorageGB: 10 is out of range; gp3 storage allows 20-65536 GB"}},
		{"storage high", func(p *InstanceProps) { p.AllocatedStorageGB = 70000 }, []string{"allocatedStorageGB: 70000"}},
		{"max storage not above", func(p *InstanceProps) { p.MaxAllocatedStorageGB = 20 }, []string{"maxAllocatedStorageGB: 20 must exceed allocatedStorageGB (20)"}},
		{"max storage high", func(p *InstanceProps) { p.MaxAllocatedStorageGB = 70000 }, []string{"maxAllocatedStorageGB: 70000 exceeds"}},
		{"username reserved", func(p *InstanceProps) { p.Username = "admin" }, []string{`username: "admin" is reserved by postgres`}},
		{"username postgres", func(p *InstanceProps) { p.Username = "Postgres" }, []string{`username: "Postgres" is reserved`}},
		{"username rdsadmin mysql", func(p *InstanceProps) { p.Engine = MySQL; p.Username = "rdsadmin" }, []string{`reserved by mysql`}},
		{"username root mysql", func(p *InstanceProps) { p.Engine = MySQL; p.Username = "root" }, []string{`reserved by mysql`}},
		{"username digit", func(p *InstanceProps) { p.Username = "1admin" }, []string{`username: "1admin" is invalid; use 1-16 letters and digits`}},
		{"username long", func(p *InstanceProps) { p.Username = "abcdefghijklmnopq" }, []string{`username: "abcdefghijklmnopq" is invalid`}},
		{"username symbol", func(p *InstanceProps) { p.Username = "db_admin" }, []string{`username: "db_admin" is invalid`}},
		{"db name", func(p *InstanceProps) { p.DatabaseName = "my-db" }, []string{`databaseName: "my-db" is invalid`}},
		{"no key", func(p *InstanceProps) { p.Key = nil }, []string{"key: must not be nil"}},
		{"no vpc", func(p *InstanceProps) { p.VPC = nil }, []string{"vpc: must not be nil"}},
		{"backup 0 ok, 36 not", func(p *InstanceProps) { p.BackupRetentionDays = 36 }, []string{"backupRetentionDays: 36 is out of range; use 1-35"}},
		{"backup negative", func(p *InstanceProps) { p.BackupRetentionDays = -1 }, []string{"backupRetentionDays: -1"}},
		{"removal", func(p *InstanceProps) { p.RemovalPolicy = 7 }, []string{"removalPolicy: 7 is unknown"}},
		{"monitoring", func(p *InstanceProps) { p.MonitoringIntervalSeconds = 20 }, []string{"monitoringIntervalSeconds: 20 is not an Enhanced Monitoring interval"}},
		{"monitoring conflict", func(p *InstanceProps) { p.MonitoringIntervalSeconds = 5; p.DisableEnhancedMonitoring = true }, []string{"monitoringIntervalSeconds: 5 is set but DisableEnhancedMonitoring is true"}},
		{"log retention", func(p *InstanceProps) { p.LogRetentionDays = 2 }, []string{"logRetentionDays: 2 is not a CloudWatch retention value"}},
		{"several", func(p *InstanceProps) { p.AllocatedStorageGB, p.Username, p.Key = 5, "admin", nil }, []string{"allocatedStorageGB:", "username:", "key:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := valid()
			tc.modify(&p)
			errtest.Contains(t, "Validate()", p.Validate(), tc.want...)
		})
	}
}

func TestParameterGroupFamilyAndTLSParameter(t *testing.T) {
	for _, tc := range []struct {
		engine          Engine
		version, family string
	}{
		{Postgres, "16", "postgres16"},
		{Postgres, "16.4", "postgres16"},
		{"", "17.2", "postgres17"},
		{Postgres, "10.21", "postgres10"},
		{Postgres, "9.6.24", "postgres9.6"},
		{MySQL, "8.0", "mysql8.0"},
		{MySQL, "8.0.39", "mysql8.0"},
		{MySQL, "8.4.3", "mysql8.4"},
		{MySQL, "5.7", "mysql5.7"},
	} {
		if got := tc.engine.ParameterGroupFamily(tc.version); got != tc.family {
			t.Errorf("%q.ParameterGroupFamily(%q) = %q; want %q", tc.engine, tc.version, got, tc.family)
		}
	}
	if got := Postgres.TLSParameter(); got != "rds.force_ssl" {
		t.Errorf("Postgres.TLSParameter() = %q; want rds.force_ssl", got)
	}
	if got := MySQL.TLSParameter(); got != "require_secure_transport" {
		t.Errorf("MySQL.TLSParameter() = %q; want require_secure_transport", got)
	}
}

func TestFinalSnapshotIdentifier(t *testing.T) {
	for _, tc := range []struct{ full, want, err string }{
		{"acme-prod-db", "acme-prod-db-final", ""},
		{"acme-prod-main-db", "acme-prod-main-db-final", ""},
		{"acme-prod-db-", "", "finalSnapshotIdentifier:"},
		{"acme--db", "", "finalSnapshotIdentifier:"},
		{"1acme-db", "", "finalSnapshotIdentifier:"},
		{"acme_db", "", "finalSnapshotIdentifier:"},
		{strings.Repeat("a", 250), "", "finalSnapshotIdentifier:"},
	} {
		got, err := FinalSnapshotIdentifier(tc.full)
		if tc.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Errorf("FinalSnapshotIdentifier(%q) = %q, %v; want an error starting %q", tc.full, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("FinalSnapshotIdentifier(%q) = %q, %v; want %q", tc.full, got, err, tc.want)
		}
	}
}

func TestRemovalPolicyResolve(t *testing.T) {
	for _, tc := range []struct {
		r    RemovalPolicy
		prod bool
		want RemovalPolicy
	}{
		{ByEnvironment, true, Protect}, {ByEnvironment, false, Destroy},
		{Protect, false, Protect}, {Destroy, true, Destroy},
	} {
		if got := tc.r.Resolve(tc.prod); got != tc.want {
			t.Errorf("%v.Resolve(prod=%v) = %v; want %v", tc.r, tc.prod, got, tc.want)
		}
	}
}

func TestDefaultsAndPerformanceInsights(t *testing.T) {
	p := InstanceProps{Key: fakeKey{}}
	d := p.defaults("db")
	if p.Engine != "" || p.InstanceClass != "" {
		t.Fatalf("defaults modified the caller's props: %+v", p)
	}
	if d.Name != "db" || d.Engine != Postgres || d.EngineVersion != "16" || d.InstanceClass != "db.t3.micro" ||
		d.AllocatedStorageGB != 20 || d.Username != "dbadmin" || d.BackupRetentionDays != 7 || d.MonitoringIntervalSeconds != 60 {
		t.Fatalf("defaults = %+v", d)
	}
	if off := (InstanceProps{DisableEnhancedMonitoring: true}).defaults("x"); off.MonitoringIntervalSeconds != 0 {
		t.Fatalf("DisableEnhancedMonitoring left interval %d", off.MonitoringIntervalSeconds)
	}
	for _, tc := range []struct {
		p    InstanceProps
		want bool
	}{
		{InstanceProps{}, true},
		{InstanceProps{DisablePerformanceInsights: true}, false},
		{InstanceProps{Engine: MySQL}, false},
		{InstanceProps{Engine: MySQL, InstanceClass: "db.t4g.small"}, false},
		{InstanceProps{Engine: MySQL, InstanceClass: "db.t3.medium"}, true},
		{InstanceProps{Engine: Postgres, InstanceClass: "db.t3.micro"}, true},
	} {
		if got := tc.p.performanceInsights(); got != tc.want {
			t.Errorf("performanceInsights(%+v) = %v; want %v", tc.p, got, tc.want)
		}
	}
	if Postgres.Port() != 5432 || MySQL.Port() != 3306 {
		t.Fatal("engine ports")
	}
}
