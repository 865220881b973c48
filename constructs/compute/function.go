package compute

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"

	"errors"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lambdafunction"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3object"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/secret"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Function is a Lambda function whose code comes from S3, with its own
// KMS-encrypted log group (created first), a least-privilege role and, in a
// VPC, its own security group.
type Function struct {
	node    constructs.Construct
	fn      lambdafunction.LambdaFunction
	arn     string // read from the kernel once, on first use
	name    string
	nameRef string
	timeout int
	// failures is set once HandleFailures configured async invocations.
	failures bool
	role     *identity.Role
	sg       *network.SecurityGroup
	vpc      *network.VPC
	// clients are the groups (own and given *network.SecurityGroup) whose
	// endpoint access the function wires.
	clients    []*network.SecurityGroup
	logGroup   *logging.LogGroup
	assetKey   string
	sourceHash string
}

// dependsOnBucket is implemented by buckets (e.g. *storage.Bucket) whose
// encryption and policy resources must exist before an object is uploaded.
type dependsOnBucket interface {
	DependsOnTargets() []cdktf.ITerraformDependable
}

// NewFunction validates props, packages an asset (CodeFromAsset), and
// creates the log group, role, S3 object, security group and function.
func NewFunction(scope constructs.Construct, id string, props FunctionProps) (*Function, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.defaults(id)
	if pre, err := stack.Of(scope); err == nil {
		if err := encryption.CheckRegion("key", p.Key, pre.RegionName, "a Lambda function"); err != nil {
			return nil, err
		}
	}
	st, fullName, err := stack.Named(scope, id, naming.LambdaFunction, p.Name)
	if err != nil {
		return nil, err
	}
	// Check the derived names before creating anything.
	if _, err := st.Name(naming.IAMRole, p.Name+"-lambda"); err != nil {
		return nil, fmt.Errorf("%w (the role is named after the function; shorten Name)", err)
	}
	var pkg *Package
	var pkgPath string
	if p.Code.IsAsset() {
		if pkg, err = PackageDir(p.Code.dir); err != nil {
			return nil, err
		}
		if pkgPath, err = pkg.writeCached(); err != nil {
			return nil, err
		}
	}

	f := &Function{name: fullName}
	if err := stack.Catch(func() { f.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	f.logGroup, err = logging.NewLogGroup(f.node, "logs", logging.LogGroupProps{
		Name: "/aws/lambda/" + fullName, Key: p.Key, RetentionDays: p.LogRetentionDays,
	})
	if err != nil {
		return nil, fmt.Errorf("log group: %w", err)
	}
	f.role, err = identity.NewServiceRole(f.node, "role", identity.ServiceRoleProps{
		Name:        p.Name + "-lambda",
		Description: "Execution role of Lambda function " + fullName,
		Services:    []string{"lambda.amazonaws.com"},
		Statements:  f.statements(p),
	})
	if err != nil {
		return nil, fmt.Errorf("role: %w", err)
	}
	if n := p.Network; n != nil {
		f.vpc = n.VPC
		if !n.NoOwnSecurityGroup {
			f.sg, err = network.NewSecurityGroup(f.node, "security-group", network.SecurityGroupProps{
				VPC: n.VPC, Name: p.Name + "-lambda", Description: "Lambda function " + fullName,
			})
			if err != nil {
				return nil, fmt.Errorf("network: %w", err)
			}
			f.clients = append(f.clients, f.sg)
		}
		f.clients = append(f.clients, network.Ours(n.SecurityGroups)...)
		if err := f.allowEndpoints(n.Endpoints...); err != nil {
			return nil, fmt.Errorf("network.endpoints: %w", err)
		}
	}

	err = stack.Catch(func() {
		cfg := &lambdafunction.LambdaFunctionConfig{
			FunctionName:  str(fullName),
			Role:          str(f.role.Arn()),
			Runtime:       str(string(p.Runtime)),
			Handler:       str(p.Handler),
			MemorySize:    f64(p.MemoryMB),
			Timeout:       f64(p.TimeoutSeconds),
			KmsKeyArn:     str(p.Key.Arn()),
			TracingConfig: &lambdafunction.LambdaFunctionTracingConfig{Mode: str(tracingMode(p.DisableTracing))},
		}
		if p.Description != "" {
			cfg.Description = str(p.Description)
		}
		if len(p.Environment) > 0 {
			cfg.Environment = &lambdafunction.LambdaFunctionEnvironment{Variables: jsiival.StringMap(p.Environment)}
		}
		if p.ReservedConcurrency > 0 {
			cfg.ReservedConcurrentExecutions = f64(p.ReservedConcurrency)
		}
		if n := p.Network; n != nil {
			cfg.VpcConfig = &lambdafunction.LambdaFunctionVpcConfig{
				SubnetIds:        jsiival.Strings(n.subnets()),
				SecurityGroupIds: jsiival.Strings(f.groupIDs(n)),
			}
		}
		if pkg != nil {
			obj := f.upload(p.Code.bucket, pkg, pkgPath)
			cfg.S3Bucket, cfg.S3Key = obj.Bucket(), obj.Key()
			cfg.SourceCodeHash = str(pkg.Base64SHA256())
		} else {
			cfg.S3Bucket, cfg.S3Key, cfg.S3ObjectVersion = str(p.Code.s3Bucket), str(p.Code.s3Key), str(p.Code.s3Version)
		}
		deps := []cdktf.ITerraformDependable{f.logGroup.DependsOnTarget()}
		deps = append(deps, f.role.DependsOnTargets()...)
		cfg.DependsOn = &deps
		f.fn = lambdafunction.NewLambdaFunction(f.node, str("function"), cfg)
		f.nameRef = *f.fn.FunctionName()
	})
	if err != nil {
		return nil, err
	}
	f.timeout = p.TimeoutSeconds
	stack.RecordPlain(f.nameRef, fullName)
	return f, nil
}

// upload copies the package into the stack's assets and declares the
// aws_s3_object that uploads it under a content-addressed key.
func (f *Function) upload(bucket ArtifactBucket, pkg *Package, path string) s3object.S3Object {
	asset := cdktf.NewTerraformAsset(f.node, str("asset"), &cdktf.TerraformAssetConfig{
		Path:      str(path),
		Type:      cdktf.AssetType_FILE,
		AssetHash: str(pkg.SHA256Hex()),
	})
	f.assetKey = "lambda/" + f.name + "/" + pkg.SHA256Hex() + ".zip"
	f.sourceHash = pkg.Base64SHA256()
	cfg := &s3object.S3ObjectConfig{
		Bucket:      str(bucket.Name()),
		Key:         str(f.assetKey),
		Source:      asset.Path(),
		SourceHash:  str(pkg.SHA256Hex()),
		ContentType: str("application/zip"),
	}
	if b, ok := bucket.(dependsOnBucket); ok {
		if deps := b.DependsOnTargets(); len(deps) > 0 {
			cfg.DependsOn = &deps
		}
	}
	return s3object.NewS3Object(f.node, str("object"), cfg)
}

// statements is the role's least-privilege inline policy.
func (f *Function) statements(p FunctionProps) []policy.Statement {
	stmts := []policy.Statement{
		{Sid: "WriteOwnLogGroup", Actions: []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resources: []string{f.logGroup.Arn() + ":*"}},
		{Sid: "DecryptEnvironment", Actions: []string{"kms:Decrypt"}, Resources: []string{p.Key.Arn()}},
	}
	if !p.DisableTracing {
		stmts = append(stmts, policy.Statement{Sid: "WriteXRayTraces",
			Actions: []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, Resources: []string{"*"}})
	}
	if p.Network != nil {
		// EC2 does not support resource-level permissions for these actions.
		stmts = append(stmts, policy.Statement{Sid: "ManageVPCNetworkInterfaces", Actions: []string{
			"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
			"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
		}, Resources: []string{"*"}})
	}
	return stmts
}

func tracingMode(disabled bool) string {
	if disabled {
		return "PassThrough"
	}
	return "Active"
}

// Arn is the function's ARN (a Terraform reference).
func (f *Function) Arn() string { return jsiival.Once(&f.arn, f.fn.Arn) }

// Name is the function's name (a Terraform reference to function_name): a
// plain resource using it waits for the function. Alarms accept it
// (stack.PlainText).
func (f *Function) Name() string { return f.nameRef }

// FullName is the function's name, "{company}-{environment}-{name}"
// (plain text, known at synth; it carries no dependency).
func (f *Function) FullName() string { return f.name }

// TimeoutSeconds is the function's timeout.
func (f *Function) TimeoutSeconds() int { return f.timeout }

// GranteeRole is the execution role: a *Function is an identity.Grantee,
// so table.GrantWrite(fn), secret.GrantRead(fn) and the like take it.
func (f *Function) GranteeRole() *identity.Role { return f.role }

// UseEndpoints lets the function reach services through its VPC's
// endpoints (identity.EndpointUser); outside a VPC it does nothing.
func (f *Function) UseEndpoints(services ...string) error { return f.allowEndpoints(services...) }

// Role is the function's execution role; add permissions with its
// AddStatements, or with GrantReadSecret / GrantDecrypt.
func (f *Function) Role() *identity.Role { return f.role }

// SecurityGroup is the function's own security group, or nil outside a VPC
// and with FunctionNetwork.NoOwnSecurityGroup.
func (f *Function) SecurityGroup() *network.SecurityGroup { return f.sg }

// groupIDs is the own group (if any), then the given groups.
func (f *Function) groupIDs(n *FunctionNetwork) []string {
	var ids []string
	if f.sg != nil {
		ids = append(ids, f.sg.ID())
	}
	return append(ids, network.IDs(n.SecurityGroups)...)
}

// allowEndpoints lets the function's groups reach services through the
// VPC's endpoints; outside a VPC it does nothing (the function reaches AWS
// APIs directly).
func (f *Function) allowEndpoints(services ...string) error {
	if f.vpc == nil || len(services) == 0 {
		return nil
	}
	for _, g := range f.clients {
		if err := f.vpc.AllowEndpoints(g, services...); err != nil {
			return err
		}
	}
	return nil
}

// LogGroup is the function's log group, "/aws/lambda/<name>".
func (f *Function) LogGroup() *logging.LogGroup { return f.logGroup }

// Construct is the construct node holding the function's resources.
func (f *Function) Construct() constructs.Construct { return f.node }

// AssetKey is the S3 key of the packaged code ("lambda/<name>/<sha256>.zip",
// plain text known at synth), or "" for CodeFromS3Object.
func (f *Function) AssetKey() string { return f.assetKey }

// SourceHash is the base64 SHA-256 of the packaged code (source_code_hash;
// plain text known at synth), or "" for CodeFromS3Object.
func (f *Function) SourceHash() string { return f.sourceHash }

// GrantReadSecret lets the function read one Secrets Manager secret
// (secretsmanager:GetSecretValue and DescribeSecret on secretArn) and, in a
// VPC, reach the Secrets Manager interface endpoint. The
// secret's KMS key must be decryptable too: Props.Key already is; for
// another key call GrantDecrypt.
//
// secretArn must be an ARN or a reference to one (a secret's Arn(), a
// database's SecretArn()); a secret name is refused (secret.CheckArn).
func (f *Function) GrantReadSecret(secretArn string) error {
	if err := secret.CheckArn("secretArn", secretArn); err != nil {
		return err
	}
	if err := f.role.AddStatements(policy.Statement{
		Actions: []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, Resources: []string{secretArn},
	}); err != nil {
		return err
	}
	return f.allowEndpoints("secretsmanager")
}

// GrantDecrypt lets the function decrypt with another KMS key (keyArn)
// and, in a VPC, reach the KMS interface endpoint.
func (f *Function) GrantDecrypt(keyArn string) error {
	if keyArn == "" {
		return errors.New("keyArn: must not be empty")
	}
	if err := f.role.AddStatements(policy.Statement{
		Actions: []string{"kms:Decrypt"}, Resources: []string{keyArn},
	}); err != nil {
		return err
	}
	return f.allowEndpoints("kms")
}
