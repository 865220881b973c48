package catalog

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

// TestCatalogueChecks is issue 16's class "values AWS refuses at apply",
// the catalogue part: every refusal says what the catalogue knows and how
// to refresh it.
func TestCatalogueChecks(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []string // nil: accepted
	}{
		{"RDS db.z99.large", CheckRDSInstanceClass("instanceClass", "db.z99.large"), []string{`instanceClass: "db.z99.large" is not a known RDS instance class (catalogue of ` + Date, "db.t3", Refresh}},
		{"RDS db.t3.huge", CheckRDSInstanceClass("instanceClass", "db.t3.huge"), []string{"db.t3 has sizes", "micro"}},
		{"RDS db.c5.large (EC2 family RDS does not offer)", CheckRDSInstanceClass("instanceClass", "db.c5.large"), []string{"not a known RDS instance class"}},
		{"RDS db.t4g.nano", CheckRDSInstanceClass("instanceClass", "db.t4g.nano"), nil},
		{"RDS db.r6g.2xlarge", CheckRDSInstanceClass("instanceClass", "db.r6g.2xlarge"), nil},
		{"RDS db.t3.micro", CheckRDSInstanceClass("instanceClass", "db.t3.micro"), nil},
		{"RDS db.x2g.large", CheckRDSInstanceClass("instanceClass", "db.x2g.large"), nil},
		{"EC2 z9.large", CheckEC2InstanceType("instanceType", "z9.large"), []string{`instanceType: "z9.large" is not a known EC2 instance type: no family "z9"`, Refresh}},
		{"EC2 t3.mega", CheckEC2InstanceType("instanceType", "t3.mega"), []string{"family t3 has sizes", "2xlarge"}},
		{"EC2 m7g.metal-48xl", CheckEC2InstanceType("instanceType", "m7g.metal-48xl"), []string{"family m7g has sizes"}},
		{"EC2 t4g.small", CheckEC2InstanceType("instanceType", "t4g.small"), nil},
		{"EC2 c7i.metal-24xl", CheckEC2InstanceType("instanceType", "c7i.metal-24xl"), nil},
		{"AZ us-east-1z", CheckZone("azs[0]", "us-east-1", "us-east-1z"), []string{`azs[0]: "us-east-1z" is not an availability zone of us-east-1`, "us-east-1a, us-east-1b", "us-east-1f"}},
		{"AZ eu-west-1d", CheckZone("azs[1]", "eu-west-1", "eu-west-1d"), []string{"eu-west-1a, eu-west-1b, eu-west-1c"}},
		{"AZ in another region", CheckZone("azs[0]", "eu-west-1", "us-east-1a"), []string{`"us-east-1a" is not in the stack's region eu-west-1`}},
		{"AZ id, not name", CheckZone("azs[0]", "us-east-1", "use1-az1"), []string{"is not an availability zone name"}},
		{"AZ us-west-1c (other accounts)", CheckZone("azs[0]", "us-west-1", "us-west-1c"), nil},
		{"AZ of a region the catalogue lacks", CheckZone("azs[0]", "mx-central-1", "mx-central-1a"), nil},
		{"PostgreSQL 99", PostgresMajors.Check("engineVersion", "99"), []string{`engineVersion: "99" is not a known Amazon RDS for PostgreSQL major version (catalogue of ` + Date + ": 14, 15, 16, 17, 18"}},
		{"PostgreSQL 9.6", PostgresMajors.Check("engineVersion", "9.6"), []string{`"9.6" is past Amazon RDS standard support since 2022-04-26`, `use "16"`}},
		{"PostgreSQL 13", PostgresMajors.Check("engineVersion", "13"), []string{"since 2026-02-28", "paid RDS Extended Support"}},
		{"MySQL 8.0", MySQLMajors.Check("engineVersion", "8.0"), []string{`"8.0" is past Amazon RDS standard support since 2026-07-31`, `use "8.4"`}},
		{"MySQL 5.7", MySQLMajors.Check("engineVersion", "5.7"), []string{"since 2024-02-29"}},
		{"MySQL 9.9", MySQLMajors.Check("engineVersion", "9.9"), []string{"not a known Amazon RDS for MySQL major version", "8.4"}},
		{"Lambda python3.9", LambdaRuntimes.Check("runtime", "python3.9"), []string{`runtime: "python3.9" is deprecated by AWS Lambda on 2025-12-15 and no longer receives security patches; use "python3.13"`}},
		{"Lambda nodejs20.x", LambdaRuntimes.Check("runtime", "nodejs20.x"), []string{"(Node.js 20 end of life)", `use "nodejs22.x"`}},
		{"PostgreSQL 16", PostgresMajors.Check("engineVersion", "16"), nil},
		{"MySQL 8.4", MySQLMajors.Check("engineVersion", "8.4"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { errtest.Contains(t, tt.name, tt.err, tt.want...) })
	}
}

func TestGeneratedListsAreSortedAndSane(t *testing.T) {
	if !sort.StringsAreSorted(ec2Types) || len(ec2Types) < 500 {
		t.Errorf("ec2Types: %d entries, sorted %v; want a sorted list of the EC2 types", len(ec2Types), sort.StringsAreSorted(ec2Types))
	}
	for f := range rdsFamilies {
		if len(rdsSizes(f)) == 0 {
			t.Errorf("rdsFamilies has %s, which the EC2 catalogue does not know: no size would pass", f)
		}
	}
	if got := Zones("us-east-1"); len(got) != 6 {
		t.Errorf("Zones(us-east-1) = %v; want a-f", got)
	}
}

func TestInterfaceEndpointCatalogue(t *testing.T) {
	if !slices.IsSorted(interfaceEndpoints) {
		t.Fatal("interfaceEndpoints must stay sorted (binary search)")
	}
	for _, ok := range []string{"secretsmanager", "ssmmessages", "ecr.api", "logs"} {
		if err := CheckInterfaceEndpoint("endpoints[0]", "us-east-1", ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	err := CheckInterfaceEndpoint("endpoints[0]", "us-east-1", "secretmanager")
	if err == nil || !strings.Contains(err.Error(), `did you mean "secretsmanager"`) || !strings.Contains(err.Error(), "endpoints[0]") {
		t.Errorf("secretmanager: got %v, want the field and the fix \"secretsmanager\"", err)
	}
	if err := CheckInterfaceEndpoint("x", "mars-east-1", "sqs"); err == nil {
		t.Error("unknown region accepted")
	}
}
