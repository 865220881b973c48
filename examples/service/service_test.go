package service_test

import (
	"os"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/examples/service"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

var cfg = service.Config{
	Company: "acme", Environment: "dev", Region: "us-east-1",
	CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
	ImageDigest:    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
}

// cfgDomain requests its own certificate in a zone the stack creates: the
// emulator tier deploys it (an existing certificate ARN names nothing there).
var cfgDomain = service.Config{
	Company: "acme", Environment: "stage", Region: "us-east-1", Domain: "svc.acme.example.com",
	ImageDigest: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	for _, c := range []service.Config{cfg, cfgDomain} {
		if _, err := service.New(app, c); err != nil {
			return err
		}
	}
	return nil
})

func TestConfigErrors(t *testing.T) {
	app, err := stack.NewApp(stack.AppProps{Outdir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	bad := cfg
	bad.CertificateArn = ""
	if _, err := service.New(app, bad); err == nil || !strings.Contains(err.Error(), "domain: required without CertificateArn") {
		t.Errorf("New without certificate or domain: %v; want the domain error", err)
	}
}

// TestService: the tasks run the pinned image in the private subnets
// without a public IP, the load balancer's group reaches them on 8080 only,
// and the stack has no NAT gateway.
func TestService(t *testing.T) {
	doc := synth.Get(t).Stack(t, cfg.StackID())
	svc := doc.Find(t, "aws_ecs_service", "app/service")
	svc.Equal(t, "network_configuration.assign_public_ip", false)
	svc.Equal(t, "launch_type", "FARGATE")
	task := doc.Find(t, "aws_ecs_task_definition", "app/task")
	if cd := task.String(t, "container_definitions"); !strings.Contains(cd, "@"+cfg.ImageDigest) || !strings.Contains(cd, `"readonlyRootFilesystem":true`) {
		t.Errorf("%s: container_definitions = %s", task.Address(), cd)
	}
	if n := len(doc.All("aws_nat_gateway")); n != 0 {
		t.Errorf("%d NAT gateways; want none", n)
	}
	lbsg := doc.Find(t, "aws_security_group", "svc/security-group/group")
	tasks := doc.Find(t, "aws_security_group", "app/security-group/group")
	for _, r := range doc.All("aws_vpc_security_group_ingress_rule") {
		if r.String(t, "security_group_id") == tasks.Ref("id") {
			r.Equal(t, "referenced_security_group_id", lbsg.Ref("id"))
			r.Equal(t, "from_port", float64(8080))
		}
	}
	doc.Find(t, "aws_lb_listener", "svc/https").Equal(t, "certificate_arn", cfg.CertificateArn)
}

func TestGuardAndAccess(t *testing.T) {
	for _, c := range []service.Config{cfg, cfgDomain} {
		doc := synth.Get(t).Stack(t, c.StackID())
		testkit.Guard(t, doc)
		testkit.AccessProof(t, doc.Path, access.Binding{})
	}
}

func TestValidates(t *testing.T) {
	for _, c := range []service.Config{cfg, cfgDomain} {
		tfrun.Validate(t, synth.Get(t).Stack(t, c.StackID()).Dir())
	}
}

// TestEmulatorCycle applies the service stack on moto, re-plans with no
// changes and destroys it. Opt-in (about 20 minutes of wall time on a
// shared machine: ACM's validation wait, the load balancer and the ECS
// service's destroy):
// CDKTF_SECURE_SERVICE_EMULATOR=1 go test -run EmulatorCycle ./examples/service/
func TestEmulatorCycle(t *testing.T) {
	if os.Getenv("CDKTF_SECURE_SERVICE_EMULATOR") == "" {
		t.Skip("set CDKTF_SECURE_SERVICE_EMULATOR=1 to deploy the container service to the emulator (about 20 minutes)")
	}
	doc := synth.Get(t).Stack(t, cfgDomain.StackID())
	fig := emulator.Run(t, doc.Dir(), emulator.Options{Name: cfgDomain.StackID(), Region: cfgDomain.Region})
	t.Log(fig)
}
