package database

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// TestValuesRDSRefuses is issue 16's class "values AWS refuses at apply"
// for RDS: classes and engine versions against the catalogue, majors past
// standard support refused like retired Lambda runtimes, nil keys named.
func TestValuesRDSRefuses(t *testing.T) {
	valid := func() InstanceProps { return InstanceProps{Key: fakeKey{}, VPC: &network.VPC{}} }
	var nilKey *fakeKeyPtr
	tests := []struct {
		name   string
		modify func(p *InstanceProps)
		want   []string
	}{
		{"class db.z99.large", func(p *InstanceProps) { p.InstanceClass = "db.z99.large" }, []string{`instanceClass: "db.z99.large" is not a known RDS instance class (catalogue of 2026-11-30`, "go generate ./constructs/catalog"}},
		{"class db.m5.micro", func(p *InstanceProps) { p.InstanceClass = "db.m5.micro" }, []string{"db.m5 has sizes"}},
		{"PostgreSQL 99", func(p *InstanceProps) { p.EngineVersion = "99" }, []string{`engineVersion: "99" is not a known Amazon RDS for PostgreSQL major version`}},
		{"PostgreSQL 9.6", func(p *InstanceProps) { p.EngineVersion = "9.6" }, []string{`engineVersion: "9.6" is past Amazon RDS standard support since 2022-04-26`}},
		{"PostgreSQL 13.15", func(p *InstanceProps) { p.EngineVersion = "13.15" }, []string{`engineVersion: "13" is past Amazon RDS standard support since 2026-02-28`}},
		{"PostgreSQL 12", func(p *InstanceProps) { p.EngineVersion = "12" }, []string{"since 2025-02-28"}},
		{"MySQL 8.0", func(p *InstanceProps) { p.Engine, p.EngineVersion = MySQL, "8.0" }, []string{`engineVersion: "8.0" is past Amazon RDS standard support since 2026-07-31`, `use "8.4"`}},
		{"MySQL 5.7.44", func(p *InstanceProps) { p.Engine, p.EngineVersion = MySQL, "5.7.44" }, []string{`"5.7" is past`}},
		{"typed-nil key", func(p *InstanceProps) { p.Key = nilKey }, []string{"key: must not be nil"}},
		{"PostgreSQL 17.2 on db.t4g.micro", func(p *InstanceProps) { p.EngineVersion, p.InstanceClass = "17.2", "db.t4g.micro" }, nil},
		{"MySQL default (8.4)", func(p *InstanceProps) { p.Engine = MySQL }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.modify(&p)
			errtest.Contains(t, "Validate()", p.Validate(), tt.want...)
		})
	}
}

type fakeKeyPtr struct{}

func (*fakeKeyPtr) Arn() string                { return "arn:aws:kms:us-east-1:111111111111:key/x" }
func (*fakeKeyPtr) AllowCloudWatchLogs() error { return nil }
