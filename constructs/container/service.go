package container

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ecscluster"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ecsservice"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ecstaskdefinition"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/loadbalancer"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"
)

// TasksService is the principal ECS tasks (and the agent pulling their
// images) assume the task and execution roles as:
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
const TasksService = "ecs-tasks.amazonaws.com"

// Endpoints are the services a Fargate task (platform 1.4.0) reaches to
// start: ECR's API and registry endpoints, CloudWatch Logs (awslogs) and
// the S3 gateway (ECR serves image layers from S3):
// https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
var Endpoints = []string{"ecr.api", "ecr.dkr", "logs", network.S3}

// PlatformVersion is the Fargate platform the service runs on; 1.4.0 is the
// first that pulls through the task's own ENI, and so through the VPC's
// endpoints:
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html
const PlatformVersion = "1.4.0"

// DefaultUser is the user tasks run as ("uid:gid"): not root.
const DefaultUser = "1000:1000"

// Defaults of ServiceProps.
const (
	DefaultCPU          = 256
	DefaultMemoryMiB    = 512
	DefaultDesiredCount = 2
)

// fargateSizes maps task CPU units to the memory sizes (MiB) Fargate
// accepts with them:
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
var fargateSizes = map[int][]int{
	256:   {512, 1024, 2048},
	512:   steps(1024, 4096, 1024),
	1024:  steps(2048, 8192, 1024),
	2048:  steps(4096, 16384, 1024),
	4096:  steps(8192, 30720, 1024),
	8192:  steps(16384, 61440, 4096),
	16384: steps(32768, 122880, 8192),
}

func steps(from, to, by int) []int {
	var out []int
	for m := from; m <= to; m += by {
		out = append(out, m)
	}
	return out
}

var (
	userPattern    = regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,31}$|^[0-9]+(:[0-9]+)?$`)
	envNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	clusterKind    = naming.Kind{Label: "ECS cluster or service", Min: 1, Max: 255, Pattern: regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), Rule: "use letters, digits, hyphens and underscores"}
)

// ServiceProps configures a Service.
type ServiceProps struct {
	// Name is the name suffix of the cluster, service, task family, roles
	// and log group ("{company}-{environment}-{Name}"). Default: the construct id.
	Name string
	// VPC holds the tasks (its private subnets) and the endpoints they pull
	// through. Required.
	VPC *network.VPC
	// Repository holds the image. Required.
	Repository *Repository
	// ImageDigest pins the image: "sha256:" and 64 hex digits. Required;
	// tags are refused (an immutable repository keeps a tag, but a digest is
	// what the task definition records).
	ImageDigest string
	// ContainerPort is the port the container listens on (HTTP). Required.
	ContainerPort int
	// Target registers the tasks with a load balancer's IP target group
	// (loadbalancer.NewIPTargetGroup, on ContainerPort) and lets the load
	// balancer's group reach the service's on that port only. Default: none.
	Target *loadbalancer.TargetGroup
	// Key encrypts the log group. Required.
	Key Key
	// CPU is the task's CPU units (256, 512, 1024, ...). Default: 256.
	CPU int
	// MemoryMiB is the task's memory, one Fargate accepts with CPU. Default: 512.
	MemoryMiB int
	// DesiredCount is the number of tasks. Default: 2.
	DesiredCount int
	// User is the user the container runs as ("uid", "uid:gid" or a name);
	// root ("root", "0", "0:...") is refused. Default: "1000:1000".
	User string
	// Environment is the container's environment. Default: none.
	Environment map[string]string
	// TaskStatements are the task role's permissions (what the application
	// calls). Default: none, the role can do nothing.
	TaskStatements []policy.Statement
	// LogRetentionDays is the log group's retention. Default: 365.
	LogRetentionDays int
}

// Validate reports every problem with the props, each naming its field.
func (p ServiceProps) Validate() error {
	var errs []error
	if p.VPC == nil {
		errs = append(errs, errors.New("vpc: required; pass the *network.VPC whose private subnets the tasks use"))
	}
	if p.Repository == nil {
		errs = append(errs, errors.New("repository: required; pass the *container.Repository holding the image"))
	}
	errs = append(errs, checkDigest("imageDigest", p.ImageDigest))
	if p.ContainerPort < 1 || p.ContainerPort > 65535 {
		errs = append(errs, fmt.Errorf("containerPort: %d is out of range; use the port the container listens on, 1-65535", p.ContainerPort))
	}
	if p.Target != nil && p.Target.Port() != p.ContainerPort {
		errs = append(errs, fmt.Errorf("target: target group %s sends traffic to port %d, the container listens on %d; create it with loadbalancer.IPTargetProps{Port: %d}", p.Target.Name(), p.Target.Port(), p.ContainerPort, p.ContainerPort))
	}
	if isNil(p.Key) {
		errs = append(errs, errors.New("key: required; pass an *encryption.Key, the service's log group is encrypted with it"))
	}
	cpu, mem := orInt(p.CPU, DefaultCPU), orInt(p.MemoryMiB, DefaultMemoryMiB)
	if sizes, ok := fargateSizes[cpu]; !ok {
		errs = append(errs, fmt.Errorf("cpu: %d is not a Fargate task size; use 256, 512, 1024, 2048, 4096, 8192 or 16384", cpu))
	} else if !containsInt(sizes, mem) {
		errs = append(errs, fmt.Errorf("memoryMiB: %d is not offered with cpu %d; Fargate accepts %s", mem, cpu, joinInts(sizes)))
	}
	if p.DesiredCount < 0 || p.DesiredCount > 1000 {
		errs = append(errs, fmt.Errorf("desiredCount: %d is out of range; use 1-1000 (0 for the default, 2)", p.DesiredCount))
	}
	if p.User != "" {
		uid, _, _ := strings.Cut(p.User, ":")
		switch {
		case !userPattern.MatchString(p.User):
			errs = append(errs, fmt.Errorf("user: %q is not a user; use \"uid\", \"uid:gid\" or a user name", p.User))
		case uid == "root" || uid == "0":
			errs = append(errs, fmt.Errorf("user: %q is root; run the container as an unprivileged user such as %q", p.User, DefaultUser))
		}
	}
	for _, k := range sortedKeys(p.Environment) {
		if !envNamePattern.MatchString(k) {
			errs = append(errs, fmt.Errorf("environment: %q is not a variable name; use letters, digits and underscores, not starting with a digit", k))
		}
	}
	if r := p.LogRetentionDays; r != 0 {
		if err := (logging.LogGroupProps{Key: p.Key, RetentionDays: r}).Validate(); err != nil && strings.Contains(err.Error(), "retentionDays") {
			errs = append(errs, fmt.Errorf("logRetentionDays: %d is not a CloudWatch retention value", r))
		}
	}
	return errors.Join(errs...)
}

// Service is an ECS cluster with one Fargate service.
type Service struct {
	node                    constructs.Construct
	fullName                string
	clusterArn, serviceName string
	sg                      *network.SecurityGroup
	task                    *identity.Role
	execution               *identity.Role
	logGroup                *logging.LogGroup
	image                   string
	container               map[string]any
}

// NewService validates props and creates the log group, the task and
// execution roles, the security group with its endpoint access, the
// cluster, the task definition and the service.
func NewService(scope constructs.Construct, id string, props ServiceProps) (*Service, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, fullName, err := stack.Named(scope, id, clusterKind, props.Name)
	if err != nil {
		return nil, err
	}
	name := props.Name
	if name == "" {
		name = id
	}
	for _, role := range []string{name + "-task", name + "-task-execution"} {
		if _, err := st.Name(naming.IAMRole, role); err != nil {
			return nil, fmt.Errorf("%w (the roles are named after the service; shorten Name)", err)
		}
	}
	s := &Service{fullName: fullName, image: props.Repository.URL() + "@" + props.ImageDigest}
	if err := stack.Catch(func() { s.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	s.logGroup, err = logging.NewLogGroup(s.node, "logs", logging.LogGroupProps{
		Name: "/aws/ecs/" + fullName, Key: props.Key, RetentionDays: props.LogRetentionDays,
	})
	if err != nil {
		return nil, fmt.Errorf("log group: %w", err)
	}
	if err := s.newRoles(st, name, props); err != nil {
		return nil, err
	}
	if err := s.newSecurityGroup(name, props); err != nil {
		return nil, err
	}
	containerJSON, err := s.containerDefinitions(st, props)
	if err != nil {
		return nil, err
	}
	err = stack.Catch(func() {
		cluster := ecscluster.NewEcsCluster(s.node, str("cluster"), &ecscluster.EcsClusterConfig{
			Name:    str(fullName),
			Setting: []*ecscluster.EcsClusterSetting{{Name: str("containerInsights"), Value: str("enabled")}},
		})
		s.clusterArn = *cluster.Arn()
		task := ecstaskdefinition.NewEcsTaskDefinition(s.node, str("task"), &ecstaskdefinition.EcsTaskDefinitionConfig{
			Family:                  str(fullName),
			RequiresCompatibilities: &[]*string{str("FARGATE")},
			NetworkMode:             str("awsvpc"),
			Cpu:                     str(strconv.Itoa(orInt(props.CPU, DefaultCPU))),
			Memory:                  str(strconv.Itoa(orInt(props.MemoryMiB, DefaultMemoryMiB))),
			ExecutionRoleArn:        str(s.execution.Arn()),
			TaskRoleArn:             str(s.task.Arn()),
			ContainerDefinitions:    str(containerJSON),
			RuntimePlatform: &ecstaskdefinition.EcsTaskDefinitionRuntimePlatform{
				OperatingSystemFamily: str("LINUX"), CpuArchitecture: str("X86_64"),
			},
			Volume: []*ecstaskdefinition.EcsTaskDefinitionVolume{{Name: str("tmp")}},
		})
		deps := append(s.execution.DependsOnTargets(), s.logGroup.DependsOnTarget())
		cfg := &ecsservice.EcsServiceConfig{
			Name:            str(fullName),
			Cluster:         cluster.Arn(),
			TaskDefinition:  task.Arn(),
			DesiredCount:    f64(orInt(props.DesiredCount, DefaultDesiredCount)),
			LaunchType:      str("FARGATE"),
			PlatformVersion: str(PlatformVersion),
			NetworkConfiguration: &ecsservice.EcsServiceNetworkConfiguration{
				Subnets:        jsiival.Strings(props.VPC.PrivateSubnetIDs()),
				SecurityGroups: jsiival.Strings([]string{s.sg.ID()}),
				AssignPublicIp: false,
			},
			DeploymentCircuitBreaker: &ecsservice.EcsServiceDeploymentCircuitBreaker{Enable: true, Rollback: true},
			PropagateTags:            str("SERVICE"),
			EnableExecuteCommand:     false,
		}
		if props.Target != nil {
			cfg.LoadBalancer = []*ecsservice.EcsServiceLoadBalancer{{
				TargetGroupArn: str(props.Target.Arn()), ContainerName: str(fullName), ContainerPort: f64(props.ContainerPort),
			}}
			cfg.HealthCheckGracePeriodSeconds = f64(60)
			// ECS refuses a target group no listener uses yet.
			deps = append(deps, props.Target.LoadBalancer().HTTPSListener())
		}
		cfg.DependsOn = &deps
		svc := ecsservice.NewEcsService(s.node, str("service"), cfg)
		s.serviceName = *svc.Name()
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// newRoles creates the execution role (pull this repository's image, write
// this log group) and the task role (TaskStatements only), both assumable
// only by ECS tasks of this account (aws:SourceAccount).
func (s *Service) newRoles(st *stack.Stack, name string, p ServiceProps) error {
	var err error
	s.execution, err = identity.NewServiceRole(s.node, "execution-role", identity.ServiceRoleProps{
		Name:          name + "-task-execution",
		Description:   "ECS task execution role of " + s.fullName + ": pulls its image, writes its logs",
		Services:      []string{TasksService},
		SourceAccount: true,
		Statements: []policy.Statement{
			{
				Sid: "ECRAuthorizationToken", Actions: []string{"ecr:GetAuthorizationToken"},
				// GetAuthorizationToken has no resource-level permissions:
				// https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html
				Resources: []string{"*"},
			},
			{
				Sid:       "PullImage",
				Actions:   []string{"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"},
				Resources: []string{p.Repository.Arn()},
			},
			{
				Sid:       "WriteLogs",
				Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
				Resources: []string{s.logGroup.Arn() + ":*"},
			},
		},
	})
	if err != nil {
		return fmt.Errorf("execution role: %w", err)
	}
	s.task, err = identity.NewServiceRole(s.node, "task-role", identity.ServiceRoleProps{
		Name:          name + "-task",
		Description:   "ECS task role of " + s.fullName,
		Services:      []string{TasksService},
		SourceAccount: true,
		Statements:    p.TaskStatements,
	})
	if err != nil {
		return fmt.Errorf("task role: %w", err)
	}
	return nil
}

// newSecurityGroup creates the tasks' group: HTTPS to the endpoints they
// pull through, and the load balancer's group in on the container port.
func (s *Service) newSecurityGroup(name string, p ServiceProps) error {
	sg, err := network.NewSecurityGroup(s.node, "security-group", network.SecurityGroupProps{
		VPC: p.VPC, Name: name + "-ecs", Description: "Fargate tasks of " + s.fullName,
	})
	if err != nil {
		return fmt.Errorf("security group: %w", err)
	}
	s.sg = sg
	if err := p.VPC.AllowEndpoints(sg, Endpoints...); err != nil {
		return fmt.Errorf("endpoints: %w", err)
	}
	if p.Target != nil {
		lbsg := p.Target.LoadBalancer().SecurityGroup()
		if err := sg.AllowFrom(lbsg, p.ContainerPort, ""); err != nil {
			return fmt.Errorf("target: %w", err)
		}
	}
	return nil
}

// containerDefinitions is the task's one container: the pinned image,
// essential, read-only root filesystem (a writable /tmp volume), non-root
// user, not privileged, every Linux capability dropped, awslogs to the
// encrypted group.
func (s *Service) containerDefinitions(st *stack.Stack, p ServiceProps) (string, error) {
	var env []map[string]string
	for _, k := range sortedKeys(p.Environment) {
		env = append(env, map[string]string{"name": k, "value": p.Environment[k]})
	}
	user := p.User
	if user == "" {
		user = DefaultUser
	}
	c := map[string]any{
		"name":                   s.fullName,
		"image":                  s.image,
		"essential":              true,
		"readonlyRootFilesystem": true,
		"privileged":             false,
		"user":                   user,
		"portMappings":           []map[string]any{{"containerPort": p.ContainerPort, "hostPort": p.ContainerPort, "protocol": "tcp"}},
		"mountPoints":            []map[string]any{{"sourceVolume": "tmp", "containerPath": "/tmp", "readOnly": false}},
		"linuxParameters":        map[string]any{"capabilities": map[string]any{"drop": []string{"ALL"}}, "initProcessEnabled": true},
		"logConfiguration": map[string]any{"logDriver": "awslogs", "options": map[string]string{
			"awslogs-group": s.logGroup.Name(), "awslogs-region": st.RegionName, "awslogs-stream-prefix": "app",
		}},
	}
	if len(env) > 0 {
		c["environment"] = env
	}
	s.container = c
	b, err := json.Marshal([]map[string]any{c})
	if err != nil {
		return "", fmt.Errorf("container definitions: %w", err)
	}
	return string(b), nil
}

// ClusterArn is the cluster's ARN (a reference).
func (s *Service) ClusterArn() string { return s.clusterArn }

// Name is the cluster's, service's and task family's name (plain text known
// at synth).
func (s *Service) Name() string { return s.fullName }

// SecurityGroup is the tasks' security group.
func (s *Service) SecurityGroup() *network.SecurityGroup { return s.sg }

// TaskRole is the role the application runs as.
func (s *Service) TaskRole() *identity.Role { return s.task }

// ExecutionRole is the role ECS pulls the image and writes logs with.
func (s *Service) ExecutionRole() *identity.Role { return s.execution }

// LogGroup is the tasks' encrypted log group, "/aws/ecs/{company}-{environment}-{name}".
func (s *Service) LogGroup() *logging.LogGroup { return s.logGroup }

// Image is the image reference the tasks run, "<repository URL>@sha256:..."
// (it holds a Terraform reference when the repository is created here).
func (s *Service) Image() string { return s.image }

// Construct is the service's construct node.
func (s *Service) Construct() constructs.Construct { return s.node }

func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func containsInt(l []int, v int) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

func joinInts(l []int) string {
	parts := make([]string, len(l))
	for i, v := range l {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ", ")
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func f64(n int) *float64 { f := float64(n); return &f }

var _ cdktf.ITerraformDependable = (ecsservice.EcsService)(nil)
