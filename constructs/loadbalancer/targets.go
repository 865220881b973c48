package loadbalancer

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lambdapermission"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lbtargetgroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lbtargetgroupattachment"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// ELBServicePrincipal is the principal Elastic Load Balancing invokes
// Lambda targets as:
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
const ELBServicePrincipal = "elasticloadbalancing.amazonaws.com"

// TargetGroup is the load balancer's target: a Lambda function or the IP
// addresses of a container service's tasks.
type TargetGroup struct {
	lb   *LoadBalancer
	name string
	arn  string
	port int
}

// Arn is the target group's ARN (a reference).
func (t *TargetGroup) Arn() string { return t.arn }

// Name is the target group's name (plain text known at synth).
func (t *TargetGroup) Name() string { return t.name }

// Port is the port targets receive traffic on (0 for a Lambda target).
func (t *TargetGroup) Port() int { return t.port }

// LoadBalancer is the load balancer forwarding to this group.
func (t *TargetGroup) LoadBalancer() *LoadBalancer { return t.lb }

// Function is a Lambda function the load balancer can invoke;
// *compute.Function implements it.
type Function interface {
	// Arn is the function's ARN.
	Arn() string
	// Name is the function's name.
	Name() string
}

// ForwardToLambda makes fn the HTTPS listener's target: a target group of
// type lambda named "{company}-{environment}-{suffix}", the Lambda
// permission letting elasticloadbalancing.amazonaws.com invoke fn only for
// that target group (SourceArn), and the attachment, created after the
// permission (ELB checks it when the target is registered). A load balancer
// has one target.
func (l *LoadBalancer) ForwardToLambda(suffix string, fn Function) (*TargetGroup, error) {
	if fn == nil {
		return nil, errors.New("fn: required; pass the *compute.Function the load balancer invokes")
	}
	name, err := l.targetName("suffix", suffix)
	if err != nil {
		return nil, err
	}
	if l.forwarding != nil {
		return nil, fmt.Errorf("fn: load balancer %s already forwards to %s; it has one target", l.fullName, l.forwarding.name)
	}
	if err := l.st.Claim(kind, name, l.node, "target-"+suffix); err != nil {
		return nil, err
	}
	tg := &TargetGroup{lb: l, name: name}
	err = stack.Catch(func() {
		g := lbtargetgroup.NewLbTargetGroup(l.node, str("target-"+suffix), &lbtargetgroup.LbTargetGroupConfig{
			Name:       str(name),
			TargetType: str("lambda"),
			Tags:       &map[string]*string{"Name": str(name)},
		})
		tg.arn = *g.Arn()
		perm := lambdapermission.NewLambdaPermission(l.node, str("target-"+suffix+"-invoke"), &lambdapermission.LambdaPermissionConfig{
			StatementId:  str("AllowLoadBalancerInvoke"),
			Action:       str("lambda:InvokeFunction"),
			FunctionName: str(fn.Arn()),
			Principal:    str(ELBServicePrincipal),
			SourceArn:    str(tg.arn),
		})
		lbtargetgroupattachment.NewLbTargetGroupAttachment(l.node, str("target-"+suffix+"-attachment"), &lbtargetgroupattachment.LbTargetGroupAttachmentConfig{
			TargetGroupArn: str(tg.arn),
			TargetId:       str(fn.Arn()),
			DependsOn:      &[]cdktf.ITerraformDependable{perm},
		})
	})
	if err != nil {
		return nil, err
	}
	if err := l.forward(tg); err != nil {
		return nil, err
	}
	l.targets = append(l.targets, tg)
	return tg, nil
}

// IPTargetProps configures an IP target group (Fargate tasks).
type IPTargetProps struct {
	// Port is the port the tasks listen on (HTTP). Required, 1-65535.
	Port int
	// HealthCheckPath is the path the load balancer checks. Default: "/".
	HealthCheckPath string
}

var healthPathPattern = regexp.MustCompile(`^/[\x21-\x7e]*$`)

// Validate reports every problem with the props, each naming its field.
func (p IPTargetProps) Validate() error {
	var errs []error
	if p.Port < 1 || p.Port > 65535 {
		errs = append(errs, fmt.Errorf("port: %d is out of range; use the container port, 1-65535", p.Port))
	}
	if p.HealthCheckPath != "" && (len(p.HealthCheckPath) > 1024 || !healthPathPattern.MatchString(p.HealthCheckPath)) {
		errs = append(errs, fmt.Errorf("healthCheckPath: %q is not a path; start with \"/\", at most 1024 printable characters", p.HealthCheckPath))
	}
	return errors.Join(errs...)
}

// NewIPTargetGroup makes a target group of type ip in the load balancer's
// VPC (HTTP on props.Port, health checked on HealthCheckPath) the HTTPS
// listener's target. The service registering its tasks must let the load
// balancer's group reach its own on that port (container.NewService does).
func (l *LoadBalancer) NewIPTargetGroup(suffix string, props IPTargetProps) (*TargetGroup, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	name, err := l.targetName("suffix", suffix)
	if err != nil {
		return nil, err
	}
	if l.forwarding != nil {
		return nil, fmt.Errorf("suffix: load balancer %s already forwards to %s; it has one target", l.fullName, l.forwarding.name)
	}
	if err := l.st.Claim(kind, name, l.node, "target-"+suffix); err != nil {
		return nil, err
	}
	path := props.HealthCheckPath
	if path == "" {
		path = "/"
	}
	tg := &TargetGroup{lb: l, name: name, port: props.Port}
	err = stack.Catch(func() {
		g := lbtargetgroup.NewLbTargetGroup(l.node, str("target-"+suffix), &lbtargetgroup.LbTargetGroupConfig{
			Name:                str(name),
			TargetType:          str("ip"),
			Port:                f64(props.Port),
			Protocol:            str("HTTP"),
			VpcId:               str(l.vpc.ID()),
			DeregistrationDelay: str("30"),
			HealthCheck: &lbtargetgroup.LbTargetGroupHealthCheck{
				Enabled: true, Path: str(path), Protocol: str("HTTP"), Matcher: str("200-399"),
			},
			Tags: &map[string]*string{"Name": str(name)},
		})
		tg.arn = *g.Arn()
	})
	if err != nil {
		return nil, err
	}
	if err := l.forward(tg); err != nil {
		return nil, err
	}
	l.targets = append(l.targets, tg)
	return tg, nil
}

// Targets lists the target groups, in order created.
func (l *LoadBalancer) Targets() []*TargetGroup { return append([]*TargetGroup(nil), l.targets...) }
