package e2e

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"

	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// gapProbe calls the emulator the way the provider does and reports whether
// the gap is still there, with the evidence.
type gapProbe func(ctx context.Context, cfg aws.Config) (present bool, evidence string, err error)

// gapProbes holds one probe per emulator.Gaps entry, keyed by "type|setting".
var gapProbes = map[string]gapProbe{
	"aws_cloudtrail|enable_logging = false": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		ct, arn, err := probeTrail(ctx, cfg, "probe-start-logging")
		if err != nil {
			return false, "", err
		}
		_, err = ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(arn)})
		return err != nil, fmt.Sprintf("StartLogging(Name=<trail ARN>): %v", err), nil
	},
	"aws_cloudtrail|(none: destroy)": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		ct, arn, err := probeTrail(ctx, cfg, "probe-delete-trail")
		if err != nil {
			return false, "", err
		}
		if _, err := ct.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String(arn)}); err != nil {
			return false, "", err
		}
		out, err := ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
		if err != nil {
			return false, "", err
		}
		still := false
		for _, tr := range out.TrailList {
			still = still || aws.ToString(tr.Name) == "probe-delete-trail"
		}
		return still, fmt.Sprintf("after DeleteTrail(Name=<trail ARN>) DescribeTrails still lists probe-delete-trail: %v", still), nil
	},
	"aws_s3_bucket_policy|the S3 server access logging statement's one-element Principal.Service and Resource lists written as plain strings": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
		for _, b := range []string{"probe-access-logs", "probe-source"} {
			if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
				return false, "", err
			}
		}
		// The library's form: one-element lists, which AWS reads as the strings.
		pol := `{"Version":"2012-10-17","Statement":[{"Sid":"S3ServerAccessLogsPolicy","Effect":"Allow",` +
			`"Principal":{"Service":["logging.s3.amazonaws.com"]},"Action":["s3:PutObject"],"Resource":["arn:aws:s3:::probe-access-logs/*"]}]}`
		if _, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("probe-access-logs"), Policy: aws.String(pol)}); err != nil {
			return false, "", err
		}
		_, err := c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String("probe-source"), BucketLoggingStatus: &s3types.BucketLoggingStatus{
			LoggingEnabled: &s3types.LoggingEnabled{TargetBucket: aws.String("probe-access-logs"), TargetPrefix: aws.String("probe-source/")}}})
		return err != nil, fmt.Sprintf("PutBucketLogging with a list-form logging statement in the target's policy: %v", err), nil
	},
	"aws_db_instance|deletion_protection = false (before destroy only)": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		c := rds.NewFromConfig(cfg)
		if _, err := c.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String("probe-protected"), Engine: aws.String("postgres"),
			DBInstanceClass: aws.String("db.t3.micro"), AllocatedStorage: aws.Int32(20), MasterUsername: aws.String("probe"),
			ManageMasterUserPassword: aws.Bool(true), DeletionProtection: aws.Bool(true)}); err != nil {
			return false, "", err
		}
		_, err := c.DeleteDBInstance(ctx, &rds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("probe-protected"), SkipFinalSnapshot: aws.Bool(true)})
		return err != nil, fmt.Sprintf("DeleteDBInstance of a protected instance: %v", err), nil
	},
	"aws_s3_bucket|force_destroy = true (before destroy only)": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
		b := aws.String("probe-keeps-data")
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b}); err != nil {
			return false, "", err
		}
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("log"), Body: bytes.NewReader([]byte("x"))}); err != nil {
			return false, "", err
		}
		_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b})
		return err != nil, fmt.Sprintf("DeleteBucket of a bucket holding an object: %v", err), nil
	},
	"aws_instance|monitoring = false": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		c := ec2.NewFromConfig(cfg)
		id, err := probeInstance(ctx, c, nil)
		if err != nil {
			return false, "", err
		}
		_, err = c.MonitorInstances(ctx, &ec2.MonitorInstancesInput{InstanceIds: []string{id}})
		return err != nil, fmt.Sprintf("MonitorInstances: %v", err), nil
	},
	"aws_instance|root_block_device.volume_size = 8 (when the stack leaves the size to the AMI)": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		c := ec2.NewFromConfig(cfg)
		ami, err := probeAMI(ctx, c)
		if err != nil {
			return false, "", err
		}
		_, err = c.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: aws.String(aws.ToString(ami.ImageId)), MinCount: aws.Int32(1), MaxCount: aws.Int32(1),
			BlockDeviceMappings: []ec2types.BlockDeviceMapping{{DeviceName: ami.RootDeviceName, Ebs: &ec2types.EbsBlockDevice{Encrypted: aws.Bool(true), VolumeType: ec2types.VolumeTypeGp3}}}})
		return err != nil, fmt.Sprintf("RunInstances with an encrypted root mapping and no size: %v", err), nil
	},
	"aws_instance|lifecycle.ignore_changes += associate_public_ip_address, vpc_security_group_ids": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		c := ec2.NewFromConfig(cfg)
		vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.9.0.0/16")})
		if err != nil {
			return false, "", err
		}
		sub, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.9.1.0/24")})
		if err != nil {
			return false, "", err
		}
		sg, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{VpcId: vpc.Vpc.VpcId, GroupName: aws.String("probe-nic"), Description: aws.String("probe")})
		if err != nil {
			return false, "", err
		}
		id, err := probeInstance(ctx, c, []ec2types.InstanceNetworkInterfaceSpecification{{
			DeviceIndex: aws.Int32(0), SubnetId: sub.Subnet.SubnetId, Groups: []string{aws.ToString(sg.GroupId)}, AssociatePublicIpAddress: aws.Bool(false)}})
		if err != nil {
			return false, "", err
		}
		out, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{id}})
		if err != nil {
			return false, "", err
		}
		inst := out.Reservations[0].Instances[0]
		var assoc bool
		for _, ni := range inst.NetworkInterfaces {
			assoc = assoc || (ni.Association != nil && aws.ToString(ni.Association.PublicIp) == "")
		}
		return assoc || len(inst.SecurityGroups) == 0, fmt.Sprintf("no public IP requested: empty Association on the interface=%v; instance SecurityGroups=%d (1 given)", assoc, len(inst.SecurityGroups)), nil
	},
	"aws_db_instance|lifecycle.ignore_changes += monitoring_interval, monitoring_role_arn, performance_insights_*": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		c := rds.NewFromConfig(cfg)
		_, err := c.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String("probe-db"), Engine: aws.String("postgres"),
			DBInstanceClass: aws.String("db.t3.micro"), AllocatedStorage: aws.Int32(20), MasterUsername: aws.String("probe"), ManageMasterUserPassword: aws.Bool(true),
			MonitoringInterval: aws.Int32(60), MonitoringRoleArn: aws.String("arn:aws:iam::" + emulator.MotoAccountID + ":role/probe-monitoring"),
			EnablePerformanceInsights: aws.Bool(true), PerformanceInsightsRetentionPeriod: aws.Int32(7)})
		if err != nil {
			return false, "", err
		}
		out, err := c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("probe-db")})
		if err != nil {
			return false, "", err
		}
		db := out.DBInstances[0]
		return aws.ToInt32(db.MonitoringInterval) != 60 || !aws.ToBool(db.PerformanceInsightsEnabled),
			fmt.Sprintf("created with MonitoringInterval=60, PerformanceInsights on; described MonitoringInterval=%d PerformanceInsightsEnabled=%v",
				aws.ToInt32(db.MonitoringInterval), aws.ToBool(db.PerformanceInsightsEnabled)), nil
	},
	"aws_db_parameter_group|lifecycle.ignore_changes += parameter": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		c := rds.NewFromConfig(cfg)
		name := aws.String("probe-tls")
		if _, err := c.CreateDBParameterGroup(ctx, &rds.CreateDBParameterGroupInput{DBParameterGroupName: name,
			DBParameterGroupFamily: aws.String("postgres16"), Description: aws.String("probe")}); err != nil {
			return false, "", err
		}
		if _, err := c.ModifyDBParameterGroup(ctx, &rds.ModifyDBParameterGroupInput{DBParameterGroupName: name,
			Parameters: []rdstypes.Parameter{{ParameterName: aws.String("rds.force_ssl"), ParameterValue: aws.String("1"), ApplyMethod: rdstypes.ApplyMethodImmediate}}}); err != nil {
			return false, "", err
		}
		out, err := c.DescribeDBParameters(ctx, &rds.DescribeDBParametersInput{DBParameterGroupName: name})
		if err != nil {
			return false, "", err
		}
		for _, p := range out.Parameters {
			if aws.ToString(p.ParameterName) == "rds.force_ssl" {
				return aws.ToString(p.Source) != "user", fmt.Sprintf("after ModifyDBParameterGroup rds.force_ssl=1, DescribeDBParameters gives value %q with Source %q",
					aws.ToString(p.ParameterValue), aws.ToString(p.Source)), nil
			}
		}
		return false, fmt.Sprintf("DescribeDBParameters did not return rds.force_ssl (%d parameters)", len(out.Parameters)), nil
	},
	"aws_sns_topic|lifecycle.ignore_changes += signature_version": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		c := sns.NewFromConfig(cfg)
		tp, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("probe-signature"), Attributes: map[string]string{"SignatureVersion": "2"}})
		if err != nil {
			return false, "", err
		}
		out, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: tp.TopicArn})
		if err != nil {
			return false, "", err
		}
		v, ok := out.Attributes["SignatureVersion"]
		return !ok || v != "2", fmt.Sprintf("created with SignatureVersion=2; GetTopicAttributes SignatureVersion=%q (present=%v)", v, ok), nil
	},
	"aws_lambda_function|lifecycle.ignore_changes += kms_key_arn": func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		role, err := iam.NewFromConfig(cfg).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("probe-fn"),
			AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
		if err != nil {
			return false, "", err
		}
		key, err := kms.NewFromConfig(cfg).CreateKey(ctx, &kms.CreateKeyInput{})
		if err != nil {
			return false, "", err
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("index.py")
		fmt.Fprintln(w, "def handler(event, context):\n    return 1")
		zw.Close()
		c := lambda.NewFromConfig(cfg)
		if _, err := c.CreateFunction(ctx, &lambda.CreateFunctionInput{FunctionName: aws.String("probe-kms"), Runtime: lambdatypes.RuntimePython312,
			Role: role.Role.Arn, Handler: aws.String("index.handler"), Code: &lambdatypes.FunctionCode{ZipFile: buf.Bytes()},
			KMSKeyArn: key.KeyMetadata.Arn, Environment: &lambdatypes.Environment{Variables: map[string]string{"A": "1"}}}); err != nil {
			return false, "", err
		}
		out, err := c.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String("probe-kms")})
		if err != nil {
			return false, "", err
		}
		return aws.ToString(out.KMSKeyArn) == "", fmt.Sprintf("created with KMSKeyArn; GetFunctionConfiguration KMSKeyArn=%q", aws.ToString(out.KMSKeyArn)), nil
	},
	"aws_vpc_security_group_ingress_rule|lifecycle.ignore_changes += description":                                                            probeReferencedRuleDescription,
	"aws_vpc_security_group_egress_rule|lifecycle.ignore_changes += description":                                                             probeReferencedRuleDescription,
	"aws_vpc_security_group_egress_rule|lifecycle.ignore_changes += description (prefix list peers)":                                         probePrefixListRuleDescription,
	"aws_s3_bucket_policy|policy without the TLS-only Deny (Bool aws:SecureTransport = false); count = 0 when that Deny is the whole policy": probeTLSDeny,
	"aws_iam_policy_document|statement blocks without the TLS-only Deny (Bool aws:SecureTransport = false)":                                  probeTLSDeny,
}

// TestEmulatorGaps proves every emulator.Gaps entry against the running emulator: the
// gap must still be there, or the entry (and its override) must go.
func TestEmulatorGaps(t *testing.T) {
	if testing.Short() {
		t.Skip("emulator probes skipped with -short")
	}
	requireMoto(t)
	moto := emulator.StartMoto(t)
	cfg := sdkConfig(&emulator.Deployed{Endpoint: moto.Endpoint, Region: "us-east-1", Emulated: true})
	for _, g := range emulator.Gaps {
		key := g.Type + "|" + g.Setting
		t.Run(key, func(t *testing.T) {
			probe, ok := gapProbes[key]
			if !ok {
				t.Fatalf("gap %q has no probe in gapProbes: add one that shows the emulator behaviour", key)
			}
			present, evidence, err := probe(context.Background(), cfg)
			if err != nil {
				t.Fatalf("probe: %v", err)
			}
			if !present {
				t.Errorf("gap %q is gone from the emulator (%s): remove it from emulator.Gaps", key, evidence)
				return
			}
			t.Logf("still present: %s", evidence)
		})
	}
	for key := range gapProbes {
		found := false
		for _, g := range emulator.Gaps {
			found = found || g.Type+"|"+g.Setting == key
		}
		if !found {
			t.Errorf("gapProbes[%q] matches no emulator.Gaps entry", key)
		}
	}
}

func probeTrail(ctx context.Context, cfg aws.Config, name string) (*cloudtrail.Client, string, error) {
	if _, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name + "-bucket")}); err != nil {
		return nil, "", err
	}
	ct := cloudtrail.NewFromConfig(cfg)
	out, err := ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String(name), S3BucketName: aws.String(name + "-bucket")})
	if err != nil {
		return nil, "", err
	}
	return ct, aws.ToString(out.TrailARN), nil
}

func probeAMI(ctx context.Context, c *ec2.Client) (ec2types.Image, error) {
	out, err := c.DescribeImages(ctx, &ec2.DescribeImagesInput{Owners: []string{"amazon"}})
	if err != nil {
		return ec2types.Image{}, err
	}
	if len(out.Images) == 0 {
		return ec2types.Image{}, errors.New("the emulator lists no Amazon AMI")
	}
	return out.Images[0], nil
}

func probeInstance(ctx context.Context, c *ec2.Client, nics []ec2types.InstanceNetworkInterfaceSpecification) (string, error) {
	ami, err := probeAMI(ctx, c)
	if err != nil {
		return "", err
	}
	out, err := c.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: ami.ImageId, MinCount: aws.Int32(1), MaxCount: aws.Int32(1),
		InstanceType: ec2types.InstanceTypeT3Micro, NetworkInterfaces: nics})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Instances[0].InstanceId), nil
}

func probeReferencedRuleDescription(ctx context.Context, cfg aws.Config) (bool, string, error) {
	c := ec2.NewFromConfig(cfg)
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.8.0.0/16")})
	if err != nil {
		return false, "", err
	}
	var ids [2]string
	for i, n := range []string{"probe-a", "probe-b"} {
		sg, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{VpcId: vpc.Vpc.VpcId, GroupName: aws.String(n + aws.ToString(vpc.Vpc.VpcId)), Description: aws.String("probe")})
		if err != nil {
			return false, "", err
		}
		ids[i] = aws.ToString(sg.GroupId)
	}
	if _, err := c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(ids[0]), IpPermissions: []ec2types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432),
		UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: aws.String(ids[1]), Description: aws.String("from b")}}}}}); err != nil {
		return false, "", err
	}
	out, err := c.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{ids[0]}}}})
	if err != nil {
		return false, "", err
	}
	for _, r := range out.SecurityGroupRules {
		if r.ReferencedGroupInfo != nil && aws.ToString(r.ReferencedGroupInfo.GroupId) == ids[1] {
			return aws.ToString(r.Description) != "from b", fmt.Sprintf("rule referencing %s created with description \"from b\"; described %q", ids[1], aws.ToString(r.Description)), nil
		}
	}
	return false, "", fmt.Errorf("the referenced-group rule on %s was not described", ids[0])
}

func probePrefixListRuleDescription(ctx context.Context, cfg aws.Config) (bool, string, error) {
	c := ec2.NewFromConfig(cfg)
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.7.0.0/16")})
	if err != nil {
		return false, "", err
	}
	sg, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{VpcId: vpc.Vpc.VpcId, GroupName: aws.String("probe-pl" + aws.ToString(vpc.Vpc.VpcId)), Description: aws.String("probe")})
	if err != nil {
		return false, "", err
	}
	pls, err := c.DescribeManagedPrefixLists(ctx, &ec2.DescribeManagedPrefixListsInput{Filters: []ec2types.Filter{{Name: aws.String("prefix-list-name"), Values: []string{"com.amazonaws.us-east-1.s3"}}}})
	if err != nil || len(pls.PrefixLists) == 0 {
		return false, "", fmt.Errorf("no S3 managed prefix list: %v", err)
	}
	pl := aws.ToString(pls.PrefixLists[0].PrefixListId)
	if _, err := c.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: sg.GroupId, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
		PrefixListIds: []ec2types.PrefixListId{{PrefixListId: aws.String(pl), Description: aws.String("to s3")}}}}}); err != nil {
		return false, "", err
	}
	out, err := c.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{aws.ToString(sg.GroupId)}}}})
	if err != nil {
		return false, "", err
	}
	for _, r := range out.SecurityGroupRules {
		if aws.ToString(r.PrefixListId) == pl {
			return aws.ToString(r.Description) != "to s3", fmt.Sprintf("egress rule to %s created with description \"to s3\"; described %q", pl, aws.ToString(r.Description)), nil
		}
	}
	return false, "", fmt.Errorf("the prefix-list rule on %s was not described", aws.ToString(sg.GroupId))
}

func probeTLSDeny(ctx context.Context, cfg aws.Config) (bool, string, error) {
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	b := "probe-tls-deny-bucket"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != "BucketAlreadyOwnedByYou" {
			return false, "", err
		}
	}
	pol := `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",` +
		`"Resource":["arn:aws:s3:::` + b + `","arn:aws:s3:::` + b + `/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	if _, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(pol)}); err != nil {
		return false, "", err
	}
	// Over the emulator's plain HTTP endpoint AWS too would apply this Deny, so
	// the evidence is that moto also denies when the condition reads "true".
	_, errFalse := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("a"), Body: bytes.NewReader([]byte("x"))})
	polTrue := bytes.ReplaceAll([]byte(pol), []byte(`"aws:SecureTransport":"false"`), []byte(`"aws:SecureTransport":"true"`))
	if _, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(string(polTrue))}); err != nil {
		return false, "", err
	}
	_, errTrue := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("a"), Body: bytes.NewReader([]byte("x"))})
	return errTrue != nil, fmt.Sprintf("PutObject under Deny if SecureTransport=false: %v; under Deny if SecureTransport=true: %v (conditions ignored)", short(errFalse), short(errTrue)), nil
}

func requireMoto(t *testing.T) {
	t.Helper()
	if _, err := emulator.LookupMoto(); err != nil {
		if tfrun.InCI() {
			t.Fatalf("emulator probes cannot run in CI: %v", err)
		}
		t.Skipf("skipping emulator probes: %v", err)
	}
}
