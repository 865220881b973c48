package awscontext

import (
	"strings"
	"testing"
)

func TestValidateRegion(t *testing.T) {
	for _, r := range []string{"us-east-1", "eu-west-1", "us-gov-west-1", "cn-north-1"} {
		if err := ValidateRegion(r); err != nil {
			t.Errorf("ValidateRegion(%q) = %v; want nil", r, err)
		}
	}
	for _, r := range []string{"", "us-east-9", "mars-1", "US-EAST-1"} {
		err := ValidateRegion(r)
		if err == nil || !strings.HasPrefix(err.Error(), "region:") {
			t.Errorf("ValidateRegion(%q) = %v; want an error naming the region field", r, err)
		}
	}
}

func TestPartitionForRegion(t *testing.T) {
	tests := map[string]string{"us-east-1": "aws", "us-gov-east-1": "aws-us-gov", "cn-northwest-1": "aws-cn", "eu-central-1": "aws"}
	for r, want := range tests {
		if got := PartitionForRegion(r); got != want {
			t.Errorf("PartitionForRegion(%q) = %q; want %q", r, got, want)
		}
	}
}

func TestARN(t *testing.T) {
	tests := []struct {
		partition, service, region, account, resource, want string
	}{
		{"aws", "cloudtrail", "us-east-1", "123456789012", "trail/acme-dev-trail", "arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-dev-trail"},
		{"aws-us-gov", "iam", "", "123456789012", "root", "arn:aws-us-gov:iam::123456789012:root"},
		{"aws-cn", "s3", "", "", "acme-dev-logs", "arn:aws-cn:s3:::acme-dev-logs"},
		{"${data.aws_partition.p.partition}", "logs", "${data.aws_region.r.name}", "${data.aws_caller_identity.c.account_id}", "log-group:*",
			"arn:${data.aws_partition.p.partition}:logs:${data.aws_region.r.name}:${data.aws_caller_identity.c.account_id}:log-group:*"},
	}
	for _, tt := range tests {
		if got := ARN(tt.partition, tt.service, tt.region, tt.account, tt.resource); got != tt.want {
			t.Errorf("ARN(...) = %q; want %q", got, tt.want)
		}
	}
	if DNSSuffix("aws-cn") != "amazonaws.com.cn" || DNSSuffix("aws") != "amazonaws.com" {
		t.Error("DNSSuffix wrong")
	}
	if ServicePrincipal("cloudtrail") != "cloudtrail.amazonaws.com" {
		t.Error("ServicePrincipal wrong")
	}
}

func TestContextARNFields(t *testing.T) {
	c := &Context{accountID: "111122223333", region: "eu-west-1", partition: "aws", dnsSuffix: "amazonaws.com"}
	if got, want := c.ARN("s3", "-", "-", "bucket"), "arn:aws:s3:::bucket"; got != want {
		t.Errorf("ARN with '-' = %q; want %q", got, want)
	}
	if got, want := c.ARN("sns", "", "", "topic"), "arn:aws:sns:eu-west-1:111122223333:topic"; got != want {
		t.Errorf("ARN with defaults = %q; want %q", got, want)
	}
	if got, want := c.RootPrincipal(), "arn:aws:iam::111122223333:root"; got != want {
		t.Errorf("RootPrincipal = %q; want %q", got, want)
	}
	if got, want := c.RegionalServicePrincipal("logs"), "logs.eu-west-1.amazonaws.com"; got != want {
		t.Errorf("RegionalServicePrincipal = %q; want %q", got, want)
	}
}
