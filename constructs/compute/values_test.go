package compute

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

type nilKey struct{}

func (*nilKey) Arn() string                { return "" }
func (*nilKey) AllowCloudWatchLogs() error { return nil }

// TestValuesComputeRefuses is issue 16's class "values AWS refuses at
// apply" for functions and instances.
func TestValuesComputeRefuses(t *testing.T) {
	src := writeTree(t, map[string]string{"app.py": "def handler(event, context):\n    return 1\n"})
	fn := func() FunctionProps {
		return FunctionProps{Handler: "app.handler", Code: CodeFromAsset(src, fakeBucket{}), Key: fakeKey{}}
	}
	vm := func() InstanceProps { return InstanceProps{Key: fakeKey{}, VPC: &network.VPC{}} }
	var typedNil *nilKey
	tests := []struct {
		name string
		err  func() error
		want []string // nil: valid
	}{
		{"reserved concurrency 5000", func() error { p := fn(); p.ReservedConcurrency = 5000; return p.Validate() },
			[]string{"reservedConcurrency: 5000 exceeds what the account can reserve: 900 (accountConcurrency 1000 less the 100 Lambda keeps unreserved)"}},
		{"reserved concurrency 901", func() error { p := fn(); p.ReservedConcurrency = 901; return p.Validate() }, []string{"reservedConcurrency: 901 exceeds"}},
		{"reserved concurrency with raised quota", func() error {
			p := fn()
			p.ReservedConcurrency, p.AccountConcurrency = 5000, 10000
			return p.Validate()
		}, nil},
		{"account concurrency 50", func() error { p := fn(); p.AccountConcurrency = 50; return p.Validate() }, []string{"accountConcurrency: 50 is below Lambda's floor of 100"}},
		{"subnet not a subnet", func() error {
			p := fn()
			p.Network = &FunctionNetwork{VPC: &network.VPC{}, SubnetIDs: []string{"subnet-12345678", "sn-1", "subnet-XYZ"}}
			return p.Validate()
		}, []string{`network.subnetIDs[1]: "sn-1" is not a subnet ID`, `network.subnetIDs[2]: "subnet-XYZ" is not a subnet ID`}},
		{"subnet broken reference", func() error {
			p := fn()
			p.Network = &FunctionNetwork{VPC: &network.VPC{}, SubnetIDs: []string{"${aws_subnet.a.id"}}
			return p.Validate()
		}, []string{"network.subnetIDs[0]:", "unclosed"}},
		{"environment broken reference", func() error {
			p := fn()
			p.Environment = map[string]string{"DB": "${aws_db_instance.db.address"}
			return p.Validate()
		},
			[]string{`environment["DB"]:`, "unclosed"}},
		{"typed-nil function key", func() error { p := fn(); p.Key = typedNil; return p.Validate() }, []string{"key: must not be nil"}},
		{"EC2 z9.large", func() error { p := vm(); p.InstanceType = "z9.large"; return p.Validate() }, []string{`instanceType: "z9.large" is not a known EC2 instance type: no family "z9"`, "catalogue of 2026-11-30"}},
		{"EC2 t3.mega", func() error { p := vm(); p.InstanceType = "t3.mega"; return p.Validate() }, []string{"instanceType:"}},
		{"root volume 4 GiB on AL2023", func() error { p := vm(); p.RootVolumeSizeGB = 4; return p.Validate() },
			[]string{"rootVolumeSizeGB: 4 is smaller than the Amazon Linux 2023 image's 8 GB snapshot"}},
		{"root volume 4 GiB on own AMI", func() error { p := vm(); p.RootVolumeSizeGB, p.AMI = 4, "ami-0123456789abcdef0"; return p.Validate() }, nil},
		{"instance subnet id", func() error { p := vm(); p.SubnetID = "subnet-1"; return p.Validate() }, []string{`subnetID: "subnet-1" is not a subnet ID`}},
		{"instance subnet broken reference", func() error { p := vm(); p.SubnetID = "${aws_subnet.a.id"; return p.Validate() }, []string{"subnetID:", "unclosed"}},
		{"managedPolicyArns index is the caller's", func() error { p := vm(); p.ManagedPolicyArns = []string{"not-an-arn"}; return p.Validate() },
			[]string{`managedPolicyArns[0]: "not-an-arn" is not an IAM policy ARN`}},
		{"instance AdministratorAccess", func() error {
			p := vm()
			p.ManagedPolicyArns = []string{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"}
			return p.Validate()
		}, []string{"managedPolicyArns[1]: AdministratorAccess is admin-equivalent"}},
		{"typed-nil instance key", func() error { p := vm(); p.Key = typedNil; return p.Validate() }, []string{"key: must not be nil"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { errtest.Contains(t, tt.name, tt.err(), tt.want...) })
	}
}

// TestPackageOver250MB: the unzipped size is measured at packaging, before
// any file is read (a sparse file costs no disk).
func TestPackageOver250MB(t *testing.T) {
	dir := writeTree(t, map[string]string{"app.py": "def handler(event, context):\n    return 1\n"})
	big := filepath.Join(dir, "model.bin")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxUnzippedBytes); err != nil { // with app.py: one limit plus a few bytes
		t.Skipf("sparse file: %v", err)
	}
	f.Close()
	_, err = PackageDir(dir)
	errtest.Contains(t, "PackageDir", err, "code: source folder", "unzipped; Lambda allows at most 262144000 (250 MB)")
}
