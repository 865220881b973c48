package compute

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// handlerDir is the reference handler the example stack deploys.
const handlerDir = "../../examples/handler/src"

// built holds what the one synthesis of this package created.
var built struct {
	api, worker, changed, prodAPI *Function
	byo                           *Function
	bastion, arm, pinned          *Instance
	shared                        *network.SecurityGroup
	changedDir                    string
	// callErrs are errors of calls that must succeed; wantErrs of calls that must fail.
	callErrs []error
	wantErrs map[string]error
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	built.wantErrs = map[string]error{}
	must := func(err error) {
		if err != nil {
			built.callErrs = append(built.callErrs, err)
		}
	}
	dev, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(dev, "key", encryption.KeyProps{})
	if err != nil {
		return err
	}
	bucket, err := storage.NewBucket(dev, "artifacts", storage.BucketProps{Key: key})
	if err != nil {
		return err
	}
	vpc, err := network.NewVPC(dev, "vpc", network.VPCProps{AZCount: 2, FlowLogKey: key})
	if err != nil {
		return err
	}
	built.api, err = NewFunction(dev, "api", FunctionProps{
		Handler: "app.handler", Code: CodeFromAsset(handlerDir, bucket), Key: key,
		Environment: map[string]string{"DB_HOST": "db.internal", "DB_PORT": "5432"},
		Network:     &FunctionNetwork{VPC: vpc, Endpoints: []string{network.S3}},
	})
	must(err)
	// The grant opens the Secrets Manager endpoint to the function's group.
	must(built.api.GrantReadSecret("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"))
	// Bring your own groups: one of ours (its endpoint access is wired) and
	// one made elsewhere, instead of a group of the workload's own.
	built.shared, err = network.NewSecurityGroup(dev, "shared", network.SecurityGroupProps{VPC: vpc})
	must(err)
	built.byo, err = NewFunction(dev, "byo", FunctionProps{
		Handler: "app.handler", Code: CodeFromAsset(handlerDir, bucket), Key: key,
		Network: &FunctionNetwork{VPC: vpc, NoOwnSecurityGroup: true,
			SecurityGroups: []network.Group{built.shared, network.ExistingGroup("sg-0123456789abcdef0")}},
	})
	must(err)
	must(built.byo.GrantDecrypt("arn:aws:kms:us-east-1:123456789012:key/other"))
	built.worker, err = NewFunction(dev, "worker", FunctionProps{
		Name: "jobs", Runtime: NodeJS22, Handler: "index.handler", Key: key,
		Code:           CodeFromS3Object("acme-shared-artifacts", "jobs/v3.zip", "3HL4kqtJlcpXroDTDmJ"),
		DisableTracing: true, ReservedConcurrency: 5, MemoryMB: 1024, TimeoutSeconds: 300, LogRetentionDays: 30,
	})
	must(err)
	// A copy of the handler with one changed file: its key and hash must differ.
	built.changedDir, err = copyWithChange(handlerDir)
	must(err)
	built.changed, err = NewFunction(dev, "changed", FunctionProps{Handler: "app.handler", Code: CodeFromAsset(built.changedDir, bucket), Key: key})
	must(err)
	built.bastion, err = NewInstance(dev, "bastion", InstanceProps{VPC: vpc, Key: key, UserData: "#!/bin/bash\necho hello\n"})
	must(err)
	built.arm, err = NewInstance(dev, "arm", InstanceProps{VPC: vpc, Key: key, InstanceType: "t4g.small", RootVolumeSizeGB: 30, DisableDetailedMonitoring: true})
	must(err)
	built.pinned, err = NewInstance(dev, "pinned", InstanceProps{VPC: vpc, Key: key, AMI: "ami-0123456789abcdef0", SubnetID: vpc.PrivateSubnetIDs()[1],
		SecurityGroups: []network.Group{built.shared, network.ExistingGroup("sg-0123abcd")}, NoOwnSecurityGroup: true})
	must(err)
	// Calls that must fail, before creating anything.
	_, built.wantErrs["long name"] = NewFunction(dev, "long", FunctionProps{Name: strings.Repeat("x", 60), Handler: "app.handler", Code: CodeFromAsset(handlerDir, bucket), Key: key})
	_, built.wantErrs["missing handler"] = NewFunction(dev, "bad", FunctionProps{Handler: "main.handler", Code: CodeFromAsset(handlerDir, bucket), Key: key})
	_, built.wantErrs["role too long"] = NewFunction(dev, "roletoolong", FunctionProps{Name: strings.Repeat("r", 55), Handler: "app.handler", Code: CodeFromAsset(handlerDir, bucket), Key: key})
	_, built.wantErrs["bad instance"] = NewInstance(dev, "badvm", InstanceProps{VPC: vpc, Key: key, InstanceType: "db.t3.micro"})
	_, built.wantErrs["bad group"] = NewInstance(dev, "badgroup", InstanceProps{VPC: vpc, Key: key, SecurityGroups: []network.Group{network.ExistingGroup("sg-nothex!")}})
	_, built.wantErrs["no group at all"] = NewFunction(dev, "nogroup", FunctionProps{Handler: "app.handler", Code: CodeFromAsset(handlerDir, bucket), Key: key,
		Network: &FunctionNetwork{VPC: vpc, NoOwnSecurityGroup: true}})

	// The same function in a second stack: the package must be byte-identical.
	prod, err := stack.New(app, "acme-prod", stack.Props{Company: "acme", Environment: "prod", Region: "us-east-1"})
	if err != nil {
		return err
	}
	pkey, err := encryption.NewKey(prod, "key", encryption.KeyProps{})
	if err != nil {
		return err
	}
	pbucket, err := storage.NewBucket(prod, "artifacts", storage.BucketProps{Key: pkey})
	if err != nil {
		return err
	}
	built.prodAPI, err = NewFunction(prod, "api", FunctionProps{Handler: "app.handler", Code: CodeFromAsset(handlerDir, pbucket), Key: pkey})
	must(err)
	return nil
})

func copyWithChange(src string) (string, error) {
	dst, err := os.MkdirTemp("", "compute-changed-*")
	if err != nil {
		return "", err
	}
	files, err := SourceFiles(src)
	if err != nil {
		return "", err
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			return "", err
		}
		if f == "app.py" {
			b = append(b, []byte("\n# changed\n")...)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, f)), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dst, f), b, 0o644); err != nil {
			return "", err
		}
	}
	return dst, nil
}

func doc(t *testing.T, id string) *testkit.Doc {
	t.Helper()
	d := synth.Get(t).Stack(t, id)
	if len(built.callErrs) > 0 {
		t.Fatalf("calls that must succeed failed: %v", built.callErrs)
	}
	return d
}

func dev(t *testing.T) *testkit.Doc { return doc(t, "acme-dev") }

func TestTerraformValidate(t *testing.T) {
	tfrun.Validate(t, dev(t).Dir())
	tfrun.Validate(t, doc(t, "acme-prod").Dir())
}

func TestFunctionFromAsset(t *testing.T) {
	d := dev(t)
	name, fn := d.ByPath(t, "aws_lambda_function", "api/function")
	addr := "aws_lambda_function." + name
	objName, obj := d.ByPath(t, "aws_s3_object", "api/object")
	objAddr := "aws_s3_object." + objName
	pkg, err := PackageDir(handlerDir)
	if err != nil {
		t.Fatal(err)
	}
	wantKey := "lambda/acme-dev-api/" + pkg.SHA256Hex() + ".zip"

	testkit.Equal(t, addr, fn, "function_name", "acme-dev-api")
	testkit.Equal(t, addr, fn, "runtime", "python3.13")
	testkit.Equal(t, addr, fn, "handler", "app.handler")
	testkit.Equal(t, addr, fn, "s3_bucket", testkit.Ref("aws_s3_object", objName, "bucket"))
	testkit.Equal(t, addr, fn, "s3_key", testkit.Ref("aws_s3_object", objName, "key"))
	testkit.Equal(t, addr, fn, "source_code_hash", pkg.Base64SHA256())
	for _, attr := range []string{"filename", "image_uri", "s3_object_version"} {
		if _, ok := fn[attr]; ok {
			t.Errorf("%s: %s is set; code must come only from the uploaded S3 object", addr, attr)
		}
	}
	testkit.Equal(t, objAddr, obj, "key", wantKey)
	testkit.Equal(t, objAddr, obj, "source_hash", pkg.SHA256Hex())
	testkit.Equal(t, objAddr, obj, "content_type", "application/zip")
	if _, ok := obj["etag"]; ok {
		t.Errorf("%s: etag is set; with SSE-KMS the ETag is not the MD5, use source_hash", objAddr)
	}
	bucketName, _ := d.ByPath(t, "aws_s3_bucket", "artifacts/bucket")
	testkit.Equal(t, objAddr, obj, "bucket", testkit.Ref("aws_s3_bucket", bucketName, "bucket"))
	if deps := testkit.DependsOn(obj); len(deps) == 0 {
		t.Errorf("%s: depends_on is empty; the upload must wait for the bucket's encryption and policy", objAddr)
	}

	// The source is a relative path into the stack folder, holding exactly the package.
	src, _ := testkit.MustAttr(t, objAddr, obj, "source").(string)
	if !strings.HasPrefix(src, "assets/") || !strings.HasSuffix(src, "/"+pkg.SHA256Hex()+"/code.zip") || filepath.IsAbs(src) {
		t.Fatalf("%s: source = %q; want a relative path assets/<id>/<sha256>/code.zip", objAddr, src)
	}
	b, err := os.ReadFile(filepath.Join(d.Dir(), filepath.FromSlash(src)))
	if err != nil {
		t.Fatalf("%s: source %q is not in the stack folder: %v", objAddr, src, err)
	}
	if string(b) != string(pkg.Bytes) {
		t.Fatalf("%s: %s differs from the package built in Go", objAddr, src)
	}
	if built.api.AssetKey() != wantKey || built.api.SourceHash() != pkg.Base64SHA256() {
		t.Errorf("AssetKey/SourceHash = %q, %q; want %q, %q", built.api.AssetKey(), built.api.SourceHash(), wantKey, pkg.Base64SHA256())
	}
	if sum, _ := base64.StdEncoding.DecodeString(built.api.SourceHash()); fmt.Sprintf("%x", sum) != pkg.SHA256Hex() {
		t.Errorf("SourceHash is not the base64 of the SHA-256 in the key")
	}
}

func TestAssetHashStableAcrossStacksAndChangesWithSource(t *testing.T) {
	dev, prod := dev(t), doc(t, "acme-prod")
	_, devFn := dev.ByPath(t, "aws_lambda_function", "api/function")
	_, prodFn := prod.ByPath(t, "aws_lambda_function", "api/function")
	if devFn["source_code_hash"] != prodFn["source_code_hash"] {
		t.Errorf("source_code_hash differs between two packagings of the same folder: %v vs %v", devFn["source_code_hash"], prodFn["source_code_hash"])
	}
	_, devObj := dev.ByPath(t, "aws_s3_object", "api/object")
	_, prodObj := prod.ByPath(t, "aws_s3_object", "api/object")
	if strings.TrimPrefix(devObj["key"].(string), "lambda/acme-dev-api/") != strings.TrimPrefix(prodObj["key"].(string), "lambda/acme-prod-api/") {
		t.Errorf("object keys carry different hashes: %v vs %v", devObj["key"], prodObj["key"])
	}
	_, changed := dev.ByPath(t, "aws_lambda_function", "changed/function")
	if changed["source_code_hash"] == devFn["source_code_hash"] {
		t.Errorf("changing app.py did not change source_code_hash (%v)", changed["source_code_hash"])
	}
	if strings.TrimPrefix(built.changed.AssetKey(), "lambda/acme-dev-changed/") == strings.TrimPrefix(built.api.AssetKey(), "lambda/acme-dev-api/") {
		t.Errorf("changing app.py did not change the object key hash: %s", built.changed.AssetKey())
	}
	// No absolute or temporary path leaks into the stack.
	raw, _ := os.ReadFile(dev.Path)
	for _, leak := range []string{os.TempDir(), built.changedDir, assetCacheRoot()} {
		if strings.Contains(string(raw), leak) {
			t.Errorf("%s contains the machine-specific path %q", dev.Path, leak)
		}
	}
}

func TestFunctionSecurityDefaults(t *testing.T) {
	d := dev(t)
	name, fn := d.ByPath(t, "aws_lambda_function", "api/function")
	addr := "aws_lambda_function." + name
	keyName, _ := d.ByPath(t, "aws_kms_key", "key/key")
	testkit.Equal(t, addr, fn, "kms_key_arn", testkit.Ref("aws_kms_key", keyName, "arn"))
	testkit.Equal(t, addr, fn, "tracing_config.mode", "Active")
	testkit.Equal(t, addr, fn, "memory_size", 256)
	testkit.Equal(t, addr, fn, "timeout", 30)
	testkit.Equal(t, addr, fn, "environment.variables", map[string]any{"DB_HOST": "db.internal", "DB_PORT": "5432"})
	if _, ok := fn["reserved_concurrent_executions"]; ok {
		t.Errorf("%s: reserved_concurrent_executions set; 0 must mean unreserved", addr)
	}
	roleName, _ := d.ByPath(t, "aws_iam_role", "api/role/role")
	testkit.Equal(t, addr, fn, "role", testkit.Ref("aws_iam_role", roleName, "arn"))

	// The log group exists first, KMS-encrypted with retention.
	lgName, lg := d.ByPath(t, "aws_cloudwatch_log_group", "api/logs/group")
	lgAddr := "aws_cloudwatch_log_group." + lgName
	testkit.Equal(t, lgAddr, lg, "name", "/aws/lambda/acme-dev-api")
	testkit.Equal(t, lgAddr, lg, "kms_key_id", testkit.Ref("aws_kms_key", keyName, "arn"))
	testkit.Equal(t, lgAddr, lg, "retention_in_days", 365)
	polName, _ := d.ByPath(t, "aws_iam_role_policy", "api/role/policy")
	deps := strings.Join(testkit.DependsOn(fn), " ")
	for _, want := range []string{"aws_cloudwatch_log_group." + lgName, "aws_iam_role_policy." + polName, "aws_iam_role." + roleName} {
		if !strings.Contains(deps, want) {
			t.Errorf("%s: depends_on %v lacks %s", addr, testkit.DependsOn(fn), want)
		}
	}

	// Other function: explicit S3 object, tracing off, reserved concurrency.
	wName, w := d.ByPath(t, "aws_lambda_function", "worker/function")
	wAddr := "aws_lambda_function." + wName
	testkit.Equal(t, wAddr, w, "function_name", "acme-dev-jobs")
	testkit.Equal(t, wAddr, w, "s3_bucket", "acme-shared-artifacts")
	testkit.Equal(t, wAddr, w, "s3_key", "jobs/v3.zip")
	testkit.Equal(t, wAddr, w, "s3_object_version", "3HL4kqtJlcpXroDTDmJ")
	testkit.Equal(t, wAddr, w, "runtime", "nodejs22.x")
	testkit.Equal(t, wAddr, w, "tracing_config.mode", "PassThrough")
	testkit.Equal(t, wAddr, w, "reserved_concurrent_executions", 5)
	testkit.Equal(t, wAddr, w, "memory_size", 1024)
	testkit.Equal(t, wAddr, w, "timeout", 300)
	if _, ok := w["vpc_config"]; ok {
		t.Errorf("%s: vpc_config set without Network", wAddr)
	}
	_, wlg := d.ByPath(t, "aws_cloudwatch_log_group", "worker/logs/group")
	testkit.Equal(t, "worker log group", wlg, "retention_in_days", 30)
}

func TestFunctionRoleLeastPrivilege(t *testing.T) {
	d := dev(t)
	lgName, _ := d.ByPath(t, "aws_cloudwatch_log_group", "api/logs/group")
	keyName, _ := d.ByPath(t, "aws_kms_key", "key/key")
	polName, pol := d.ByPath(t, "aws_iam_role_policy", "api/role/policy")
	addr := "aws_iam_role_policy." + polName
	stmts := testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, pol, "policy"))
	check := func(sid string, actions, resources []string) {
		t.Helper()
		s, ok := stmts[sid]
		if !ok {
			t.Errorf("%s: no statement %s; have %v", addr, sid, stmts)
			return
		}
		testkit.Equal(t, addr+" "+sid, s, "Action", actions)
		testkit.Equal(t, addr+" "+sid, s, "Resource", resources)
	}
	check("WriteOwnLogGroup", []string{"logs:CreateLogStream", "logs:PutLogEvents"}, []string{testkit.Ref("aws_cloudwatch_log_group", lgName, "arn") + ":*"})
	check("DecryptEnvironment", []string{"kms:Decrypt"}, []string{testkit.Ref("aws_kms_key", keyName, "arn")})
	check("WriteXRayTraces", []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, []string{"*"})
	check("ManageVPCNetworkInterfaces", []string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
		"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"}, []string{"*"})
	// The one grant the test stack makes (GrantReadSecret, unnamed Sid).
	if len(stmts) != 5 {
		t.Errorf("%s: %d statements; want exactly the 4 above and the secret grant", addr, len(stmts))
	}
	for sid, s := range stmts {
		if strings.Contains(fmt.Sprint(s["Action"]), "logs:CreateLogGroup") || fmt.Sprint(s["Action"]) == "[*]" {
			t.Errorf("%s %s: grants %v", addr, sid, s["Action"])
		}
	}
	// No managed policy (AWSLambdaVPCAccessExecutionRole would grant logs on *).
	for n, a := range d.Resources("aws_iam_role_policy_attachment") {
		if strings.Contains(testkit.ConstructPath(a), "/api/") {
			t.Errorf("aws_iam_role_policy_attachment.%s: the function role must not attach managed policies", n)
		}
	}
	// Worker: no tracing, no VPC statements.
	wName, w := d.ByPath(t, "aws_iam_role_policy", "worker/role/policy")
	ws := testkit.Statements(t, "aws_iam_role_policy."+wName, testkit.PolicyDoc(t, wName, w, "policy"))
	if _, ok := ws["WriteXRayTraces"]; ok {
		t.Errorf("aws_iam_role_policy.%s: X-Ray statement with tracing disabled", wName)
	}
	if _, ok := ws["ManageVPCNetworkInterfaces"]; ok {
		t.Errorf("aws_iam_role_policy.%s: ENI statement without a VPC", wName)
	}
	// Trust: only Lambda.
	rName, r := d.ByPath(t, "aws_iam_role", "api/role/role")
	trust := testkit.Statements(t, rName, testkit.PolicyDoc(t, rName, r, "assume_role_policy"))
	for _, s := range trust {
		testkit.Equal(t, "aws_iam_role."+rName+" trust", s, "Principal.Service", []string{"lambda.amazonaws.com"})
	}
	testkit.Equal(t, "aws_iam_role."+rName, r, "name", "acme-dev-api-lambda")
}

func TestFunctionInVPC(t *testing.T) {
	d := dev(t)
	name, fn := d.ByPath(t, "aws_lambda_function", "api/function")
	addr := "aws_lambda_function." + name
	sgName, sg := d.ByPath(t, "aws_security_group", "api/security-group/group")
	testkit.Equal(t, addr, fn, "vpc_config.security_group_ids", []string{testkit.Ref("aws_security_group", sgName, "id")})
	subnets, _ := testkit.MustAttr(t, addr, fn, "vpc_config.subnet_ids").([]any)
	if len(subnets) != 2 {
		t.Fatalf("%s: vpc_config.subnet_ids = %v; want the 2 private subnets", addr, subnets)
	}
	for _, s := range subnets {
		sub := strings.TrimSuffix(strings.TrimPrefix(s.(string), "${aws_subnet."), ".id}")
		if p := testkit.ConstructPath(d.Resource(t, "aws_subnet", sub)); !strings.Contains(p, "private") {
			t.Errorf("%s: subnet %s (%s) is not private", addr, sub, p)
		}
	}
	testkit.Equal(t, "aws_security_group."+sgName, sg, "name", "acme-dev-api-lambda")
	if _, ok := sg["egress"]; ok {
		t.Errorf("aws_security_group.%s: inline egress", sgName)
	}
	// Egress only through the endpoints: S3 (asked for) by prefix list, and
	// Secrets Manager (opened by GrantReadSecret) through the endpoint group.
	if got, want := egressOf(t, d, "api/security-group"), []string{"pl:s3:443", "sg:acme-dev-vpc-endpoints:443"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("function security group egress = %v; want %v", got, want)
	}
	for n, r := range d.Resources("aws_vpc_security_group_ingress_rule") {
		if r["security_group_id"] == testkit.Ref("aws_security_group", sgName, "id") {
			t.Errorf("aws_vpc_security_group_ingress_rule.%s: the function group must have no ingress", n)
		}
	}
	if built.api.SecurityGroup() == nil || built.worker.SecurityGroup() != nil {
		t.Error("SecurityGroup(): want a group only for the function in a VPC")
	}
}

func TestCallsThatMustFail(t *testing.T) {
	d := dev(t)
	for name, want := range map[string]string{
		"long name":       "Lambda function name",
		"missing handler": `handler: "main.handler" needs main.py`,
		"bad instance":    `instanceType: "db.t3.micro" is an RDS class`,
		"role too long":   "the role is named after the function; shorten Name",
		"bad group":       `securityGroups[0]: "sg-nothex!" is not a security group ID`,
		"no group at all": "network.noOwnSecurityGroup: set, but securityGroups is empty",
	} {
		err := built.wantErrs[name]
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v; want it to contain %q", name, err, want)
		}
	}
	for _, typ := range d.ResourceTypes() {
		for n, r := range d.Resources(typ) {
			p := testkit.ConstructPath(r)
			if strings.Contains(p, "/long/") || strings.Contains(p, "/bad/") || strings.Contains(p, "/badvm/") || strings.Contains(p, "/roletoolong/") ||
				strings.Contains(p, "/badgroup/") || strings.Contains(p, "/nogroup/") {
				t.Errorf("%s.%s (%s) was created by a call that failed validation", typ, n, p)
			}
		}
	}
}

func TestInstanceHardening(t *testing.T) {
	d := dev(t)
	name, in := d.ByPath(t, "aws_instance", "bastion/instance")
	addr := "aws_instance." + name
	keyName, _ := d.ByPath(t, "aws_kms_key", "key/key")
	amiName, _ := dataByPath(t, d, "aws_ami", "bastion/ami")
	testkit.Equal(t, addr, in, "ami", "${data.aws_ami."+amiName+".id}")
	testkit.Equal(t, addr, in, "lifecycle.ignore_changes", []string{"ami"})
	testkit.Equal(t, addr, in, "instance_type", "t3.micro")
	testkit.Equal(t, addr, in, "metadata_options.http_tokens", "required")
	testkit.Equal(t, addr, in, "metadata_options.http_put_response_hop_limit", 1)
	testkit.Equal(t, addr, in, "metadata_options.http_endpoint", "enabled")
	testkit.Equal(t, addr, in, "root_block_device.encrypted", true)
	testkit.Equal(t, addr, in, "root_block_device.kms_key_id", testkit.Ref("aws_kms_key", keyName, "arn"))
	testkit.Equal(t, addr, in, "root_block_device.volume_type", "gp3")
	testkit.Equal(t, addr, in, "associate_public_ip_address", false)
	testkit.Equal(t, addr, in, "monitoring", true)
	testkit.Equal(t, addr, in, "user_data_base64", base64.StdEncoding.EncodeToString([]byte("#!/bin/bash\necho hello\n")))
	testkit.Equal(t, addr, in, "user_data_replace_on_change", true)
	for _, attr := range []string{"user_data", "key_name", "security_groups"} {
		if _, ok := in[attr]; ok {
			t.Errorf("%s: %s must not be set", addr, attr)
		}
	}
	sub, _ := in["subnet_id"].(string)
	if p := testkit.ConstructPath(d.Resource(t, "aws_subnet", strings.TrimSuffix(strings.TrimPrefix(sub, "${aws_subnet."), ".id}"))); !strings.Contains(p, "private") {
		t.Errorf("%s: subnet %s is not private (%s)", addr, sub, p)
	}
	sgName, _ := d.ByPath(t, "aws_security_group", "bastion/security-group/group")
	testkit.Equal(t, addr, in, "vpc_security_group_ids", []string{testkit.Ref("aws_security_group", sgName, "id")})

	// Session Manager instead of SSH: profile -> role with AmazonSSMManagedInstanceCore.
	pName, prof := d.ByPath(t, "aws_iam_instance_profile", "bastion/profile")
	testkit.Equal(t, addr, in, "iam_instance_profile", testkit.Ref("aws_iam_instance_profile", pName, "name"))
	testkit.Equal(t, "aws_iam_instance_profile."+pName, prof, "role", "acme-dev-bastion-ec2")
	rName, _ := d.ByPath(t, "aws_iam_role", "bastion/role/role")
	if deps := strings.Join(testkit.DependsOn(prof), " "); !strings.Contains(deps, "aws_iam_role."+rName) {
		t.Errorf("aws_iam_instance_profile.%s: depends_on %v lacks the role (its name is plain text)", pName, deps)
	}
	aName, att := d.ByPath(t, "aws_iam_role_policy_attachment", "bastion/role/attachment-AmazonSSMManagedInstanceCore")
	pol, _ := att["policy_arn"].(string)
	if !strings.HasSuffix(pol, ":iam::aws:policy/AmazonSSMManagedInstanceCore") || !strings.Contains(pol, "data.aws_partition") {
		t.Errorf("aws_iam_role_policy_attachment.%s: policy_arn = %q; want the partition-aware AmazonSSMManagedInstanceCore ARN", aName, pol)
	}

	// AMI lookup: Amazon Linux 2023 by Amazon, per architecture.
	for id, arch := range map[string]string{"bastion": "x86_64", "arm": "arm64"} {
		n, a := dataByPath(t, d, "aws_ami", id+"/ami")
		testkit.Equal(t, "data.aws_ami."+n, a, "owners", []string{"amazon"})
		testkit.Equal(t, "data.aws_ami."+n, a, "most_recent", true)
		testkit.Equal(t, "data.aws_ami."+n, a, "filter.0.values", []string{"al2023-ami-2023.*-" + arch})
	}
	armName, arm := d.ByPath(t, "aws_instance", "arm/instance")
	testkit.Equal(t, "aws_instance."+armName, arm, "monitoring", false)
	testkit.Equal(t, "aws_instance."+armName, arm, "root_block_device.volume_size", 30)

	// Explicit AMI: no lookup, no ignore_changes, chosen subnet, no egress rule.
	pinName, pin := d.ByPath(t, "aws_instance", "pinned/instance")
	testkit.Equal(t, "aws_instance."+pinName, pin, "ami", "ami-0123456789abcdef0")
	if _, ok := pin["lifecycle"]; ok {
		t.Errorf("aws_instance.%s: lifecycle set with an explicit AMI", pinName)
	}
	if _, ok := pin["user_data_base64"]; ok {
		t.Errorf("aws_instance.%s: user_data_base64 set without UserData", pinName)
	}
	if len(d.DataSources("aws_ami")) != 2 {
		t.Errorf("data.aws_ami: %d lookups; want 2 (bastion, arm)", len(d.DataSources("aws_ami")))
	}
}

// egressOf lists the egress rules of the group under construct path
// prefix+"/group" as "pl:<name>:<port>", "sg:<group name>:<port>" or
// "cidr:<block>:<port>", sorted.
func egressOf(t *testing.T, d *testkit.Doc, prefix string) []string {
	t.Helper()
	sgName, _ := d.ByPath(t, "aws_security_group", prefix+"/group")
	names := map[string]string{}
	for n, g := range d.Resources("aws_security_group") {
		names[testkit.Ref("aws_security_group", n, "id")], _ = g["name"].(string)
	}
	var out []string
	for _, r := range d.Resources("aws_vpc_security_group_egress_rule") {
		if r["security_group_id"] != testkit.Ref("aws_security_group", sgName, "id") {
			continue
		}
		switch {
		case r["prefix_list_id"] != nil:
			p := testkit.ConstructPath(r)
			out = append(out, fmt.Sprintf("pl:%s:%v", strings.TrimSuffix(p[strings.Index(p, "egress-to-pl-")+len("egress-to-pl-"):], "-tcp-443"), r["from_port"]))
		case r["referenced_security_group_id"] != nil:
			out = append(out, fmt.Sprintf("sg:%s:%v", names[r["referenced_security_group_id"].(string)], r["from_port"]))
		default:
			out = append(out, fmt.Sprintf("cidr:%v%v:%v", r["cidr_ipv4"], r["cidr_ipv6"], r["from_port"]))
		}
	}
	sort.Strings(out)
	return out
}

func TestWorkloadEgressOnlyThroughEndpoints(t *testing.T) {
	d := dev(t)
	// The instance reaches SSM's three endpoints and S3 (dnf, SSM buckets).
	if got, want := egressOf(t, d, "bastion/security-group"), []string{"pl:s3:443", "sg:acme-dev-vpc-endpoints:443"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("instance egress = %v; want %v", got, want)
	}
	var services []string
	for _, ep := range d.Resources("aws_vpc_endpoint") {
		if ep["vpc_endpoint_type"] == "Interface" {
			services = append(services, strings.TrimPrefix(ep["service_name"].(string), "com.amazonaws.us-east-1."))
		}
	}
	sort.Strings(services)
	// Exactly what the workloads use: SSM for the instances, Secrets Manager
	// for api's grant, KMS for byo's grant.
	if want := "ec2messages,kms,secretsmanager,ssm,ssmmessages"; strings.Join(services, ",") != want {
		t.Errorf("interface endpoints = %v; want %s", services, want)
	}
	// The endpoint group admits each client group once, on 443.
	var from []string
	epSG, _ := d.ByPath(t, "aws_security_group", "vpc/endpoint-security-group/group")
	for _, r := range d.Resources("aws_vpc_security_group_ingress_rule") {
		if r["security_group_id"] == testkit.Ref("aws_security_group", epSG, "id") {
			p := testkit.ConstructPath(r)
			from = append(from, p[strings.LastIndex(p, "/")+1:])
		}
	}
	sort.Strings(from)
	if want := "ingress-from-sg-api-lambda-tcp-443,ingress-from-sg-arm-ec2-tcp-443,ingress-from-sg-bastion-ec2-tcp-443,ingress-from-sg-shared-tcp-443"; strings.Join(from, ",") != want {
		t.Errorf("endpoint group ingress = %v; want %s", from, want)
	}
}

func TestBringYourOwnSecurityGroups(t *testing.T) {
	d := dev(t)
	shared := testkit.Ref("aws_security_group", mustName(t, d, "shared/group"), "id")
	fnName, fn := d.ByPath(t, "aws_lambda_function", "byo/function")
	testkit.Equal(t, "aws_lambda_function."+fnName, fn, "vpc_config.security_group_ids", []string{shared, "sg-0123456789abcdef0"})
	inName, in := d.ByPath(t, "aws_instance", "pinned/instance")
	testkit.Equal(t, "aws_instance."+inName, in, "vpc_security_group_ids", []string{shared, "sg-0123abcd"})
	for n, g := range d.Resources("aws_security_group") {
		if p := testkit.ConstructPath(g); strings.Contains(p, "/byo/") || strings.Contains(p, "/pinned/") {
			t.Errorf("aws_security_group.%s (%s): created despite NoOwnSecurityGroup", n, p)
		}
	}
	if built.byo.SecurityGroup() != nil || built.pinned.SecurityGroup() != nil {
		t.Error("SecurityGroup(): want nil with NoOwnSecurityGroup")
	}
	// Our group got what both workloads need: S3 and the endpoint group
	// (SSM for pinned, KMS for byo's grant), once.
	if got, want := egressOf(t, d, "shared"), []string{"pl:s3:443", "sg:acme-dev-vpc-endpoints:443"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("shared group egress = %v; want %v", got, want)
	}
}

func mustName(t *testing.T, d *testkit.Doc, path string) string {
	t.Helper()
	n, _ := d.ByPath(t, "aws_security_group", path)
	return n
}

// dataByPath is Doc.ByPath for data sources.
func dataByPath(t *testing.T, d *testkit.Doc, typ, suffix string) (string, map[string]any) {
	t.Helper()
	for n, r := range d.DataSources(typ) {
		if strings.HasSuffix(testkit.ConstructPath(r), "/"+suffix) {
			return n, r
		}
	}
	t.Fatalf("data.%s with construct path ending %q: not found", typ, suffix)
	return "", nil
}
