package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/examples/reference"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
)

// requireAllChecks makes a post-apply check whose resource type is missing
// from the state a failure rather than a logged skip. The reference stack
// composes every construct these checks need, so it is on; turn it off only
// while a construct is being reworked.
const requireAllChecks = true

// referenceConfigs are the environments the deploy tier applies, one at a
// time: dev (destroyable) and prod (deletion protection, final snapshot,
// Multi-AZ, retained buckets).
var referenceConfigs = []reference.Config{
	{Company: "acme", Environment: "dev", Region: "us-east-1"},
	{Company: "acme", Environment: "prod", Region: "us-east-1"},
}

// synth builds every example stack this package deploys, once.
var synth = testkit.NewOnce(func(app *stack.App) error {
	for _, cfg := range referenceConfigs {
		if _, err := reference.New(app, cfg); err != nil {
			return fmt.Errorf("%s: %w", cfg.Environment, err)
		}
	}
	return nil
})

// TestDeployReference deploys the reference stack, dev then prod, and
// checks each with the SDK.
func TestDeployReference(t *testing.T) {
	if testing.Short() {
		t.Skip("deploy tier skipped with -short")
	}
	for _, cfg := range referenceConfigs {
		t.Run(cfg.Environment, func(t *testing.T) { deployReference(t, cfg) })
	}
}

func deployReference(t *testing.T, referenceConfig reference.Config) {
	doc := synth.Get(t).Stack(t, referenceConfig.StackID())
	emulator.Run(t, doc.Dir(), emulator.Options{
		Name:   referenceConfig.StackID(),
		Region: referenceConfig.Region,
		AfterApply: func(t testing.TB, d *emulator.Deployed) {
			var skipped []string
			for _, c := range postApplyChecks {
				if len(d.Resources(c.requires)) == 0 {
					skipped = append(skipped, fmt.Sprintf("%s (no %s in state)", c.name, c.requires))
					continue
				}
				c.check(t, d)
			}
			if len(skipped) > 0 {
				if requireAllChecks {
					t.Errorf("post-apply checks without their resources: %s", strings.Join(skipped, "; "))
				} else {
					t.Logf("post-apply checks skipped until the construct is in the stack: %s", strings.Join(skipped, "; "))
				}
			}
		},
	})
}

type postApplyCheck struct {
	name, requires string
	check          func(t testing.TB, d *emulator.Deployed)
}

var postApplyChecks = []postApplyCheck{
	{"TrailWritesToLogsBucket", "aws_cloudtrail", checkTrail},
	{"BucketPolicyLetsCloudTrailWrite", "aws_cloudtrail", checkTrailBucketPolicy},
	{"KeyPoliciesNameOnlyThisAccount", "aws_kms_key", checkKeyPolicies},
	{"LambdaCodeIsUploadedObject", "aws_lambda_function", checkLambdaCode},
	{"InternetGatewayAttached", "aws_internet_gateway", checkInternetGateway},
	{"BucketsLogToTheAccessLogsBucket", "aws_s3_bucket_logging", checkAccessLogging},
	{"NoSecurityGroupEgressToTheInternet", "aws_security_group", checkNoInternetEgress},
	{"EndpointsAvailableWithPolicies", "aws_vpc_endpoint", checkEndpoints},
}

func str(r map[string]any, k string) string { s, _ := r[k].(string); return s }

func s3Client(d *emulator.Deployed) *s3.Client {
	return s3.NewFromConfig(sdkConfig(d), func(o *s3.Options) { o.UsePathStyle = d.Emulated })
}

// checkTrail: every trail exists and writes to a bucket of this stack.
func checkTrail(t testing.TB, d *emulator.Deployed) {
	ctx := context.Background()
	buckets := map[string]bool{}
	for _, b := range d.Resources("aws_s3_bucket") {
		buckets[str(b.AttributeValues, "bucket")] = true
	}
	for _, r := range d.Resources("aws_cloudtrail") {
		name := str(r.AttributeValues, "name")
		out, err := cloudtrail.NewFromConfig(sdkConfig(d)).GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(name)})
		if err != nil {
			t.Errorf("%s: cloudtrail GetTrail %q: %v", r.Address, name, err)
			continue
		}
		got := aws.ToString(out.Trail.S3BucketName)
		if want := str(r.AttributeValues, "s3_bucket_name"); got != want || !buckets[got] {
			t.Errorf("%s: trail writes to bucket %q; want the stack's logs bucket %q (stack buckets: %v)", r.Address, got, want, slices.Sorted(maps.Keys(buckets)))
		}
		if !aws.ToBool(out.Trail.IsMultiRegionTrail) || !aws.ToBool(out.Trail.LogFileValidationEnabled) {
			t.Errorf("%s: multi-region=%v log-file-validation=%v; want both true", r.Address,
				aws.ToBool(out.Trail.IsMultiRegionTrail), aws.ToBool(out.Trail.LogFileValidationEnabled))
		}
	}
}

// checkTrailBucketPolicy: the trail's bucket policy has the CloudTrail
// GetBucketAcl and PutObject statements, both bound to the trail ARN.
func checkTrailBucketPolicy(t testing.TB, d *emulator.Deployed) {
	ctx := context.Background()
	for _, r := range d.Resources("aws_cloudtrail") {
		bucket, trailArn := str(r.AttributeValues, "s3_bucket_name"), str(r.AttributeValues, "arn")
		out, err := s3Client(d).GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
		if err != nil {
			t.Errorf("%s: s3 GetBucketPolicy %s: %v", r.Address, bucket, err)
			continue
		}
		stmts := statements(t, "bucket policy of "+bucket, aws.ToString(out.Policy))
		var acl, put bool
		for _, s := range stmts {
			if s.Effect != "Allow" || !slices.Contains(s.principals("Service"), "cloudtrail.amazonaws.com") {
				continue
			}
			if !slices.Contains(s.condition("StringEquals", "aws:SourceArn"), trailArn) {
				continue
			}
			if slices.Contains(s.list("Action"), "s3:GetBucketAcl") {
				acl = true
			}
			if slices.Contains(s.list("Action"), "s3:PutObject") &&
				slices.Contains(s.condition("StringEquals", "s3:x-amz-acl"), "bucket-owner-full-control") &&
				anyContains(s.list("Resource"), "/AWSLogs/"+d.Account+"/") {
				put = true
			}
		}
		if !acl || !put {
			t.Errorf("%s: bucket %s policy: GetBucketAcl statement=%v, PutObject on AWSLogs/%s/* with bucket-owner-full-control=%v, "+
				"each for cloudtrail.amazonaws.com with aws:SourceArn=%s; want both\n%s", r.Address, bucket, acl, d.Account, put, trailArn, aws.ToString(out.Policy))
		}
		if !d.Emulated { // the emulator override drops the TLS Deny (see Gaps)
			var tls bool
			for _, s := range stmts {
				tls = tls || (s.Effect == "Deny" && slices.Contains(s.condition("Bool", "aws:SecureTransport"), "false"))
			}
			if !tls {
				t.Errorf("%s: bucket %s policy has no TLS-only Deny", r.Address, bucket)
			}
		}
	}
}

var arnAccount = regexp.MustCompile(`arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):([^:"]*):`)

// checkKeyPolicies: every key policy names only this account, never "*".
func checkKeyPolicies(t testing.TB, d *emulator.Deployed) {
	ctx := context.Background()
	for _, r := range d.Resources("aws_kms_key") {
		id := str(r.AttributeValues, "key_id")
		out, err := kms.NewFromConfig(sdkConfig(d)).GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String("default")})
		if err != nil {
			t.Errorf("%s: kms GetKeyPolicy %s: %v", r.Address, id, err)
			continue
		}
		text := aws.ToString(out.Policy)
		for _, s := range statements(t, r.Address+" key policy", text) {
			for _, p := range s.principals("AWS") {
				if p == "*" || (p != d.Account && !strings.Contains(p, ":"+d.Account+":")) {
					t.Errorf("%s: key policy statement %q names AWS principal %q; want only account %s", r.Address, s.Sid, p, d.Account)
				}
			}
			if s.Principal == "*" {
				t.Errorf("%s: key policy statement %q has Principal \"*\"", r.Address, s.Sid)
			}
		}
		for _, m := range arnAccount.FindAllStringSubmatch(text, -1) {
			if acct := m[3]; acct != "" && acct != d.Account {
				t.Errorf("%s: key policy refers to %s with account %q; want %s", r.Address, m[0], acct, d.Account)
			}
		}
	}
}

// checkLambdaCode: every function's code comes from an aws_s3_object of the
// stack, and the emulator/AWS reports the function.
func checkLambdaCode(t testing.TB, d *emulator.Deployed) {
	ctx := context.Background()
	objects := map[string]string{}
	for _, o := range d.Resources("aws_s3_object") {
		objects[str(o.AttributeValues, "bucket")+"/"+str(o.AttributeValues, "key")] = o.Address
	}
	for _, r := range d.Resources("aws_lambda_function") {
		loc := str(r.AttributeValues, "s3_bucket") + "/" + str(r.AttributeValues, "s3_key")
		if _, ok := objects[loc]; !ok {
			t.Errorf("%s: code at s3://%s is not an aws_s3_object of the stack (objects: %v)", r.Address, loc, slices.Sorted(maps.Keys(objects)))
		}
		if f := str(r.AttributeValues, "filename"); f != "" {
			t.Errorf("%s: filename = %q; want code from S3", r.Address, f)
		}
		name := str(r.AttributeValues, "function_name")
		out, err := lambda.NewFromConfig(sdkConfig(d)).GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(name)})
		if err != nil {
			t.Errorf("%s: lambda GetFunction %s: %v", r.Address, name, err)
			continue
		}
		if out.Code == nil || aws.ToString(out.Code.Location) == "" {
			t.Errorf("%s: GetFunction returned no code location", r.Address)
		} else if u, err := url.Parse(aws.ToString(out.Code.Location)); err != nil || u.Host == "" {
			t.Errorf("%s: code location %q is not a URL", r.Address, aws.ToString(out.Code.Location))
		}
		if _, err := s3Client(d).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(str(r.AttributeValues, "s3_bucket")), Key: aws.String(str(r.AttributeValues, "s3_key"))}); err != nil {
			t.Errorf("%s: s3 HeadObject s3://%s: %v", r.Address, loc, err)
		}
	}
}

// checkInternetGateway: every gateway is attached to its VPC.
func checkInternetGateway(t testing.TB, d *emulator.Deployed) {
	ctx := context.Background()
	wantVPC := map[string]string{} // igw id -> vpc id
	for _, a := range d.Resources("aws_internet_gateway_attachment") {
		wantVPC[str(a.AttributeValues, "internet_gateway_id")] = str(a.AttributeValues, "vpc_id")
	}
	for _, r := range d.Resources("aws_internet_gateway") {
		id := str(r.AttributeValues, "id")
		vpc := wantVPC[id]
		if vpc == "" {
			vpc = str(r.AttributeValues, "vpc_id")
		}
		if vpc == "" {
			t.Errorf("%s: no aws_internet_gateway_attachment and no vpc_id: the gateway is attached to nothing", r.Address)
			continue
		}
		out, err := ec2.NewFromConfig(sdkConfig(d)).DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{id}})
		if err != nil || len(out.InternetGateways) != 1 {
			t.Errorf("%s: ec2 DescribeInternetGateways %s: %v (%d found)", r.Address, id, err, lenIGW(out))
			continue
		}
		var states []string
		ok := false
		for _, a := range out.InternetGateways[0].Attachments {
			states = append(states, aws.ToString(a.VpcId)+"="+string(a.State))
			if aws.ToString(a.VpcId) == vpc && (a.State == "available" || a.State == "attached") {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s: gateway %s attachments %v; want %s available/attached", r.Address, id, states, vpc)
		}
	}
}

// checkAccessLogging: every bucket with an aws_s3_bucket_logging really logs
// to its target bucket under its own prefix.
func checkAccessLogging(t testing.TB, d *emulator.Deployed) {
	ctx := context.Background()
	for _, r := range d.Resources("aws_s3_bucket_logging") {
		bucket := str(r.AttributeValues, "bucket")
		out, err := s3Client(d).GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(bucket)})
		if err != nil || out.LoggingEnabled == nil {
			t.Errorf("%s: s3 GetBucketLogging %s: %v (logging enabled: %v)", r.Address, bucket, err, err == nil && out.LoggingEnabled != nil)
			continue
		}
		if got, want := aws.ToString(out.LoggingEnabled.TargetBucket), str(r.AttributeValues, "target_bucket"); got != want {
			t.Errorf("%s: %s logs to %q; want %q", r.Address, bucket, got, want)
		}
		if got := aws.ToString(out.LoggingEnabled.TargetPrefix); got != bucket+"/" {
			t.Errorf("%s: %s logs under prefix %q; want %q", r.Address, bucket, got, bucket+"/")
		}
	}
}

// checkNoInternetEgress: no egress rule of the stack's groups, as the EC2
// API reports it, goes to 0.0.0.0/0 or ::/0.
func checkNoInternetEgress(t testing.TB, d *emulator.Deployed) {
	ctx := context.Background()
	var ids []string
	for _, r := range d.Resources("aws_security_group") {
		ids = append(ids, str(r.AttributeValues, "id"))
	}
	out, err := ec2.NewFromConfig(sdkConfig(d)).DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: ids})
	if err != nil {
		t.Fatalf("ec2 DescribeSecurityGroups: %v", err)
	}
	if len(out.SecurityGroups) != len(ids) {
		t.Errorf("ec2 DescribeSecurityGroups: %d groups; want the stack's %d", len(out.SecurityGroups), len(ids))
	}
	for _, g := range out.SecurityGroups {
		for _, p := range g.IpPermissionsEgress {
			for _, r := range p.IpRanges {
				if aws.ToString(r.CidrIp) == "0.0.0.0/0" {
					t.Errorf("group %s (%s): egress to 0.0.0.0/0 on %v-%v", aws.ToString(g.GroupName), aws.ToString(g.GroupId), aws.ToInt32(p.FromPort), aws.ToInt32(p.ToPort))
				}
			}
			for _, r := range p.Ipv6Ranges {
				if aws.ToString(r.CidrIpv6) == "::/0" {
					t.Errorf("group %s (%s): egress to ::/0", aws.ToString(g.GroupName), aws.ToString(g.GroupId))
				}
			}
		}
	}
}

// checkEndpoints: every endpoint in state is available, carries the
// stack's policy (this account only) and, for interface endpoints, private DNS.
func checkEndpoints(t testing.TB, d *emulator.Deployed) {
	ctx := context.Background()
	for _, r := range d.Resources("aws_vpc_endpoint") {
		id := str(r.AttributeValues, "id")
		out, err := ec2.NewFromConfig(sdkConfig(d)).DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
		if err != nil || len(out.VpcEndpoints) != 1 {
			t.Errorf("%s: ec2 DescribeVpcEndpoints %s: %v", r.Address, id, err)
			continue
		}
		ep := out.VpcEndpoints[0]
		if ep.State != "available" && ep.State != "Available" {
			t.Errorf("%s: state %s; want available", r.Address, ep.State)
		}
		if doc := aws.ToString(ep.PolicyDocument); !strings.Contains(doc, "aws:PrincipalAccount") || !strings.Contains(doc, d.Account) {
			t.Errorf("%s: policy %s; want aws:PrincipalAccount = %s", r.Address, doc, d.Account)
		}
		if ep.VpcEndpointType == "Interface" && !aws.ToBool(ep.PrivateDnsEnabled) {
			t.Errorf("%s: interface endpoint without private DNS", r.Address)
		}
	}
}

func lenIGW(o *ec2.DescribeInternetGatewaysOutput) int {
	if o == nil {
		return 0
	}
	return len(o.InternetGateways)
}

// stmt is one parsed policy statement.
type stmt map[string]any

func (s stmt) get(k string) any { return map[string]any(s)[k] }

// policyStatement is one parsed statement with its common fields.
type policyStatement struct {
	Sid, Effect string
	Principal   any
	stmt
}

func statements(t testing.TB, what, policy string) []policyStatement {
	t.Helper()
	var doc struct{ Statement json.RawMessage }
	if err := json.Unmarshal([]byte(policy), &doc); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", what, err, policy)
	}
	var raw []map[string]any
	if err := json.Unmarshal(doc.Statement, &raw); err != nil {
		var one map[string]any
		if err := json.Unmarshal(doc.Statement, &one); err != nil {
			t.Fatalf("%s: Statement is neither a list nor an object: %v", what, err)
		}
		raw = []map[string]any{one}
	}
	out := make([]policyStatement, len(raw))
	for i, m := range raw {
		out[i].Sid, _ = m["Sid"].(string)
		out[i].Effect, _ = m["Effect"].(string)
		out[i].Principal = m["Principal"]
		out[i].stmt = m
	}
	return out
}

// list returns a string-or-list field as a list.
func (s stmt) list(k string) []string { return strs(s.get(k)) }

// principals returns the identifiers of one principal type.
func (s stmt) principals(typ string) []string {
	m, _ := s.get("Principal").(map[string]any)
	return strs(m[typ])
}

// condition returns the values of one operator/key condition.
func (s stmt) condition(op, key string) []string {
	c, _ := s.get("Condition").(map[string]any)
	m, _ := c[op].(map[string]any)
	return strs(m[key])
}

func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func anyContains(list []string, sub string) bool {
	for _, v := range list {
		if strings.Contains(v, sub) {
			return true
		}
	}
	return false
}
