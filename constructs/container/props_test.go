package container

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

type fakeKey struct{}

func (fakeKey) Arn() string                { return "arn:aws:kms:us-east-1:123456789012:key/x" }
func (fakeKey) AllowCloudWatchLogs() error { return nil }

const digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestServicePropsValidate(t *testing.T) {
	ok := ServiceProps{VPC: &network.VPC{}, Repository: &Repository{}, ImageDigest: digest, ContainerPort: 8080, Key: fakeKey{}}
	with := func(f func(*ServiceProps)) ServiceProps { p := ok; f(&p); return p }
	tests := []struct {
		name  string
		props ServiceProps
		want  []string
	}{
		{"defaults", ok, nil},
		{"bigger task", with(func(p *ServiceProps) { p.CPU, p.MemoryMiB = 1024, 3072 }), nil},
		{"named user", with(func(p *ServiceProps) { p.User = "app" }), nil},
		{"nothing", ServiceProps{}, []string{"vpc: required", "repository: required", `imageDigest: "" is not an image digest`, "containerPort: 0 is out of range", "key: required"}},
		{"tag instead of digest", with(func(p *ServiceProps) { p.ImageDigest = "latest" }), []string{`imageDigest: "latest" is not an image digest; pin the image`, "never a tag"}},
		{"root by name", with(func(p *ServiceProps) { p.User = "root" }), []string{`user: "root" is root`}},
		{"root by uid", with(func(p *ServiceProps) { p.User = "0:1000" }), []string{`user: "0:1000" is root`}},
		{"memory not offered", with(func(p *ServiceProps) { p.CPU, p.MemoryMiB = 256, 4096 }), []string{"memoryMiB: 4096 is not offered with cpu 256; Fargate accepts 512, 1024, 2048"}},
		{"cpu", with(func(p *ServiceProps) { p.CPU = 300 }), []string{"cpu: 300 is not a Fargate task size"}},
		{"environment name", with(func(p *ServiceProps) { p.Environment = map[string]string{"1BAD": "x"} }), []string{`environment: "1BAD" is not a variable name`}},
		{"desired count", with(func(p *ServiceProps) { p.DesiredCount = -1 }), []string{"desiredCount: -1 is out of range"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { errtest.Contains(t, "Validate()", tt.props.Validate(), tt.want...) })
	}
}

func TestRepositoryPropsValidate(t *testing.T) {
	errtest.Contains(t, "Validate()", RepositoryProps{Key: fakeKey{}}.Validate())
	errtest.Contains(t, "Validate()", RepositoryProps{}.Validate(), "key: required")
}

func TestFargateSizes(t *testing.T) {
	if got := fargateSizes[4096]; got[0] != 8192 || got[len(got)-1] != 30720 {
		t.Errorf("4096 CPU: %v; want 8192..30720 (AWS table)", got)
	}
}
