package awscontext

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawspartition"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsregion"
)

// Context exposes the deploying account, region and partition as Terraform
// references read from data sources, so no account ID is ever hard-coded.
type Context struct {
	accountID string
	region    string
	partition string
	dnsSuffix string
}

// New declares the caller-identity, region and partition data sources under scope.
func New(scope constructs.Construct, id string) *Context {
	c := constructs.NewConstruct(scope, &id)
	caller := dataawscalleridentity.NewDataAwsCallerIdentity(c, strp("caller"), nil)
	region := dataawsregion.NewDataAwsRegion(c, strp("region"), nil)
	partition := dataawspartition.NewDataAwsPartition(c, strp("partition"), nil)
	return &Context{
		accountID: *caller.AccountId(),
		region:    *region.Name(),
		partition: *partition.Partition(),
		dnsSuffix: *partition.DnsSuffix(),
	}
}

// AccountID is a reference to the deploying account's ID.
func (c *Context) AccountID() string { return c.accountID }

// Region is a reference to the provider's region.
func (c *Context) Region() string { return c.region }

// Partition is a reference to the partition ("aws", "aws-us-gov", "aws-cn").
func (c *Context) Partition() string { return c.partition }

// DNSSuffix is a reference to the partition's DNS suffix ("amazonaws.com").
func (c *Context) DNSSuffix() string { return c.dnsSuffix }

// ARN builds an ARN in this partition; region and account default to this
// stack's when empty. Pass "-" for services whose ARNs omit them (IAM, S3):
// "-" becomes an empty field.
func (c *Context) ARN(service, region, account, resource string) string {
	switch region {
	case "":
		region = c.region
	case "-":
		region = ""
	}
	switch account {
	case "":
		account = c.accountID
	case "-":
		account = ""
	}
	return ARN(c.partition, service, region, account, resource)
}

// RootPrincipal is the ARN of this account's root principal
// (arn:{partition}:iam::{account}:root), never a wildcard account; partition
// and account are Terraform references (data sources).
func (c *Context) RootPrincipal() string { return ARN(c.partition, "iam", "", c.accountID, "root") }

// ServicePrincipal returns "{service}.amazonaws.com", the global service
// principal form used in every partition (e.g. "cloudtrail.amazonaws.com").
func ServicePrincipal(service string) string { return service + ".amazonaws.com" }

// RegionalServicePrincipal returns "{service}.{region}.{dnsSuffix}", e.g. "logs.us-east-1.amazonaws.com".
func (c *Context) RegionalServicePrincipal(service string) string {
	return service + "." + c.region + "." + c.dnsSuffix
}

func strp(s string) *string { return &s }
