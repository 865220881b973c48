// Package awscontext resolves the account ID, region and partition a stack
// deploys to, through Terraform data sources, and builds partition-aware ARNs.
//
// The pure functions (ValidateRegion, PartitionForRegion, ARN) need no jsii and
// are safe to call before any construct exists.
package awscontext

import (
	"fmt"
	"sort"
	"strings"
)

// Partitions.
const (
	PartitionAWS   = "aws"
	PartitionGov   = "aws-us-gov"
	PartitionChina = "aws-cn"
)

// regions lists the AWS regions the library accepts, by partition.
var regions = map[string]string{
	"us-east-1": PartitionAWS, "us-east-2": PartitionAWS, "us-west-1": PartitionAWS, "us-west-2": PartitionAWS,
	"af-south-1": PartitionAWS, "ap-east-1": PartitionAWS, "ap-east-2": PartitionAWS, "ap-south-1": PartitionAWS, "ap-south-2": PartitionAWS,
	"ap-southeast-1": PartitionAWS, "ap-southeast-2": PartitionAWS, "ap-southeast-3": PartitionAWS, "ap-southeast-4": PartitionAWS,
	"ap-southeast-5": PartitionAWS, "ap-southeast-7": PartitionAWS,
	"ap-northeast-1": PartitionAWS, "ap-northeast-2": PartitionAWS, "ap-northeast-3": PartitionAWS,
	"ca-central-1": PartitionAWS, "ca-west-1": PartitionAWS,
	"eu-central-1": PartitionAWS, "eu-central-2": PartitionAWS, "eu-west-1": PartitionAWS, "eu-west-2": PartitionAWS, "eu-west-3": PartitionAWS,
	"eu-south-1": PartitionAWS, "eu-south-2": PartitionAWS, "eu-north-1": PartitionAWS,
	"il-central-1": PartitionAWS, "me-south-1": PartitionAWS, "me-central-1": PartitionAWS, "mx-central-1": PartitionAWS,
	"sa-east-1":     PartitionAWS,
	"us-gov-east-1": PartitionGov, "us-gov-west-1": PartitionGov,
	"cn-north-1": PartitionChina, "cn-northwest-1": PartitionChina,
}

// ValidateRegion returns an error naming the field "region" when r is not a known AWS region.
func ValidateRegion(r string) error {
	if r == "" {
		return fmt.Errorf("region: must not be empty; set an AWS region such as %q", "us-east-1")
	}
	if _, ok := regions[r]; !ok {
		return fmt.Errorf("region: %q is not a known AWS region; use one of %s", r, strings.Join(Regions(), ", "))
	}
	return nil
}

// Regions lists the accepted regions, sorted.
func Regions() []string {
	out := make([]string, 0, len(regions))
	for r := range regions {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// PartitionForRegion returns the partition of a known region ("aws" for unknown ones).
func PartitionForRegion(r string) string {
	if p, ok := regions[r]; ok {
		return p
	}
	return PartitionAWS
}

// DNSSuffix returns the service-principal DNS suffix of a partition.
func DNSSuffix(partition string) string {
	if partition == PartitionChina {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}

// ARN joins the parts of an Amazon Resource Name:
// arn:{partition}:{service}:{region}:{account}:{resource}.
// Any part may be a Terraform token such as "${data.aws_partition.this.partition}".
func ARN(partition, service, region, account, resource string) string {
	return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource
}
