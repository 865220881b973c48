package loadbalancer

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

type fakeCert string

func (c fakeCert) Arn() string { return string(c) }

func TestPropsValidate(t *testing.T) {
	vpc := &network.VPC{}
	cert := fakeCert("arn:aws:acm:us-east-1:123456789012:certificate/x")
	tests := []struct {
		name  string
		props Props
		want  []string
	}{
		{"defaults", Props{VPC: vpc, Certificate: cert}, nil},
		{"tls 1.3 only", Props{VPC: vpc, Certificate: cert, TLSPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06"}, nil},
		{"post-quantum", Props{VPC: vpc, Certificate: cert, TLSPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"}, nil},
		{"nothing", Props{}, []string{"vpc: required", "certificate: required"}},
		{"2016 policy", Props{VPC: vpc, Certificate: cert, TLSPolicy: "ELBSecurityPolicy-2016-08"}, []string{`tlsPolicy: "ELBSecurityPolicy-2016-08" is not a TLS 1.3 policy with TLS 1.2 or later as its lowest version`}},
		{"tls 1.3 policy that keeps tls 1.0", Props{VPC: vpc, Certificate: cert, TLSPolicy: "ELBSecurityPolicy-TLS13-1-0-2021-06"}, []string{"tlsPolicy:"}},
		{"bad protection", Props{VPC: vpc, Certificate: cert, DeletionProtection: 7}, []string{"deletionProtection: 7 is not a Protection"}},
		{"idle timeout", Props{VPC: vpc, Certificate: cert, IdleTimeoutSeconds: 5000}, []string{"idleTimeoutSeconds: 5000 is out of range; ELB accepts 1-4000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { errtest.Contains(t, "Validate()", tt.props.Validate(), tt.want...) })
	}
}

func TestIPTargetProps(t *testing.T) {
	errtest.Contains(t, "Validate()", IPTargetProps{Port: 8080, HealthCheckPath: "/healthz"}.Validate())
	errtest.Contains(t, "Validate()", IPTargetProps{}.Validate(), "port: 0 is out of range")
	errtest.Contains(t, "Validate()", IPTargetProps{Port: 80, HealthCheckPath: "health"}.Validate(), `healthCheckPath: "health" is not a path`)
}

func TestELBNames(t *testing.T) {
	errtest.Contains(t, "checkELBName", checkELBName("name", "load balancer", "acme-dev-web"))
	errtest.Contains(t, "checkELBName", checkELBName("name", "load balancer", "acme-production-frontdoor-public-x"), "is 34 characters; ELB allows at most 32")
	errtest.Contains(t, "checkELBName", checkELBName("name", "load balancer", "internal-web"), `starts with "internal-"`)
	errtest.Contains(t, "checkELBName", checkELBName("name", "load balancer", "web_1"), "use letters, digits and hyphens")
}
