package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// The front door's gaps (ACM, ECS) are probed with the services' JSON
// protocol directly: the SDK modules of ACM and ECS are not requirements of
// this module, and the emulator checks no signature, only the service named
// in the credential scope.
func init() {
	gapProbes["aws_acm_certificate|lifecycle.ignore_changes += key_algorithm"] = func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		var req struct{ CertificateArn string }
		if err := motoJSON(ctx, cfg, "acm", "CertificateManager.RequestCertificate",
			map[string]any{"DomainName": "probe.example.com", "ValidationMethod": "DNS", "KeyAlgorithm": "EC_prime256v1"}, &req); err != nil {
			return false, "", err
		}
		var out struct{ Certificate struct{ KeyAlgorithm string } }
		if err := motoJSON(ctx, cfg, "acm", "CertificateManager.DescribeCertificate", map[string]any{"CertificateArn": req.CertificateArn}, &out); err != nil {
			return false, "", err
		}
		got := out.Certificate.KeyAlgorithm
		return got != "EC-prime256v1" && got != "EC_prime256v1", fmt.Sprintf("RequestCertificate(KeyAlgorithm=EC_prime256v1) then DescribeCertificate: KeyAlgorithm %q", got), nil
	}
	gapProbes["aws_ecs_service|lifecycle.ignore_changes += availability_zone_rebalancing, health_check_grace_period_seconds"] = func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		if err := motoJSON(ctx, cfg, "ecs", "AmazonEC2ContainerServiceV20141113.CreateCluster", map[string]any{"clusterName": "probe"}, nil); err != nil {
			return false, "", err
		}
		if err := motoJSON(ctx, cfg, "ecs", "AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", map[string]any{
			"family": "probe", "containerDefinitions": []map[string]any{{"name": "app", "image": "nginx", "memory": 128}}}, nil); err != nil {
			return false, "", err
		}
		if err := motoJSON(ctx, cfg, "ecs", "AmazonEC2ContainerServiceV20141113.CreateService", map[string]any{
			"cluster": "probe", "serviceName": "probe", "taskDefinition": "probe", "desiredCount": 0,
			"healthCheckGracePeriodSeconds": 60, "availabilityZoneRebalancing": "DISABLED"}, nil); err != nil {
			return false, "", err
		}
		var out struct {
			Services []map[string]any `json:"services"`
		}
		if err := motoJSON(ctx, cfg, "ecs", "AmazonEC2ContainerServiceV20141113.DescribeServices", map[string]any{"cluster": "probe", "services": []string{"probe"}}, &out); err != nil {
			return false, "", err
		}
		if len(out.Services) != 1 {
			return false, "", fmt.Errorf("DescribeServices returned %d services", len(out.Services))
		}
		grace, zr := out.Services[0]["healthCheckGracePeriodSeconds"], out.Services[0]["availabilityZoneRebalancing"]
		return grace == nil || zr == nil, fmt.Sprintf("CreateService(healthCheckGracePeriodSeconds=60, availabilityZoneRebalancing=DISABLED) then DescribeServices: %v, %v", grace, zr), nil
	}
}

// motoJSON makes one awsJson1.1 call to the emulator and decodes the answer
// into out (when not nil).
func motoJSON(ctx context.Context, cfg aws.Config, service, target string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, aws.ToString(cfg.BaseEndpoint)+"/", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", target)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/"+cfg.Region+"/"+service+"/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d: %s", target, resp.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

func init() {
	gapProbes["aws_lb|(none: deletion protection not enforced)"] = func(ctx context.Context, cfg aws.Config) (bool, string, error) {
		ec := ec2.NewFromConfig(cfg)
		vpc, err := ec.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.9.0.0/16")})
		if err != nil {
			return false, "", err
		}
		var subnets []string
		for i, az := range []string{"a", "b"} {
			sn, err := ec.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String(fmt.Sprintf("10.9.%d.0/24", i)), AvailabilityZone: aws.String(cfg.Region + az)})
			if err != nil {
				return false, "", err
			}
			subnets = append(subnets, aws.ToString(sn.Subnet.SubnetId))
		}
		form := url.Values{"Action": {"CreateLoadBalancer"}, "Version": {"2015-12-01"}, "Name": {"probe-protected"},
			"Subnets.member.1": {subnets[0]}, "Subnets.member.2": {subnets[1]}}
		body, err := motoQuery(ctx, cfg, "elasticloadbalancing", form)
		if err != nil {
			return false, "", err
		}
		m := regexp.MustCompile(`<LoadBalancerArn>([^<]+)</LoadBalancerArn>`).FindStringSubmatch(body)
		if m == nil {
			return false, "", fmt.Errorf("CreateLoadBalancer: no ARN in %s", body)
		}
		if _, err := motoQuery(ctx, cfg, "elasticloadbalancing", url.Values{"Action": {"ModifyLoadBalancerAttributes"}, "Version": {"2015-12-01"},
			"LoadBalancerArn": {m[1]}, "Attributes.member.1.Key": {"deletion_protection.enabled"}, "Attributes.member.1.Value": {"true"}}); err != nil {
			return false, "", err
		}
		_, err = motoQuery(ctx, cfg, "elasticloadbalancing", url.Values{"Action": {"DeleteLoadBalancer"}, "Version": {"2015-12-01"}, "LoadBalancerArn": {m[1]}})
		return err == nil, fmt.Sprintf("DeleteLoadBalancer with deletion_protection.enabled = true: %v", err), nil
	}
}

// motoQuery makes one AWS query-protocol call to the emulator and returns
// the XML answer; a non-200 status is an error.
func motoQuery(ctx context.Context, cfg aws.Config, service string, form url.Values) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, aws.ToString(cfg.BaseEndpoint)+"/", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/"+cfg.Region+"/"+service+"/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s: HTTP %d: %s", form.Get("Action"), resp.StatusCode, data)
	}
	return string(data), nil
}
