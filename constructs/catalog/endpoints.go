package catalog

import (
	"fmt"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/levenshtein"
	"slices"
	"strings"
)

// EndpointsSource is where the interface endpoint services come from: the
// Service name column of "AWS services that integrate with AWS
// PrivateLink" (the part after "com.amazonaws.<region>."), kept by hand on
// Date for the services workloads of this library call.
const EndpointsSource = "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html"

// interfaceEndpoints are interface endpoint service names, sorted. The
// gateway services (s3, dynamodb) are not listed: network.VPC always has
// their gateway endpoints.
var interfaceEndpoints = []string{
	"access-analyzer", "acm", "acm-pca", "airflow.api", "airflow.env", "apigateway", "appconfig", "appconfigdata",
	"application-autoscaling", "appmesh-envoy-management", "athena", "autoscaling", "backup", "batch",
	"cloudformation", "cloudtrail", "codeartifact.api", "codeartifact.repositories", "codebuild", "codecommit",
	"codepipeline", "config", "dms", "ds", "ebs", "ec2", "ec2messages", "ecr.api", "ecr.dkr", "ecs", "ecs-agent",
	"ecs-telemetry", "elasticache", "elasticbeanstalk", "elasticfilesystem", "elasticloadbalancing",
	"elasticmapreduce", "email-smtp", "events", "execute-api", "firehose", "glue", "guardduty-data", "imagebuilder",
	"inspector2", "kinesis-firehose", "kinesis-streams", "kms", "lambda", "logs", "monitoring", "rds", "rds-data",
	"redshift", "redshift-data", "s3-outposts", "sagemaker.api", "sagemaker.runtime", "scheduler", "secretsmanager",
	"securityhub", "servicecatalog", "sns", "sqs", "ssm", "ssm-contacts", "ssm-incidents", "ssmmessages",
	"states", "storagegateway", "sts", "sync-states", "textract", "transfer", "transfer.server", "xray",
}

// InterfaceEndpointServices returns the interface endpoint services the
// catalogue knows, sorted.
func InterfaceEndpointServices() []string { return append([]string(nil), interfaceEndpoints...) }

// CheckInterfaceEndpoint reports why service is not an interface endpoint
// service of region: an unknown region, or a name the catalogue does not
// hold, with the closest names it does (a typo such as "secretmanager"
// would create an endpoint AWS refuses at apply). field names the prop.
func CheckInterfaceEndpoint(field, region, service string) error {
	if region != "" {
		if _, ok := zoneLetters[region]; !ok {
			return fmt.Errorf("%s: region %q is not in the catalogue (%s)", field, region, Date)
		}
	}
	if _, found := slices.BinarySearch(interfaceEndpoints, service); found {
		return nil
	}
	hint := ""
	if near := closestNames(service, interfaceEndpoints, 3); len(near) > 0 {
		hint = "; did you mean " + strings.Join(quoteAll(near), " or ") + "?"
	}
	where := ""
	if region != "" {
		where = " in " + region
	}
	return fmt.Errorf("%s: %q is not an interface endpoint service%s in the catalogue (%s, %s)%s", field, service, where, EndpointsSource, Date, hint)
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// closestNames returns up to n names within edit distance 3 of s, closest first.
func closestNames(s string, names []string, n int) []string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, v := range names {
		if d := levenshtein.Distance(s, v); d <= 3 {
			cs = append(cs, cand{v, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.d - b.d })
	var out []string
	for i := 0; i < len(cs) && i < n; i++ {
		out = append(out, cs[i].name)
	}
	return out
}
