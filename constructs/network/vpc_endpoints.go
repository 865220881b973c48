package network

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcendpoint"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"
)

// Gateway endpoint services: every VPC has both, free of charge, on its
// private and database route tables.
const (
	S3       = "s3"
	DynamoDB = "dynamodb"
)

// gatewayServices are the services NewVPC always gives a gateway endpoint.
var gatewayServices = []string{S3, DynamoDB}

// servicePattern is an endpoint service suffix such as "logs", "ecr.api" or
// "ssmmessages": the part after "com.amazonaws.<region>.".
var servicePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$`)

// AWSOwnedS3Buckets are the AWS-owned buckets the S3 gateway endpoint's
// policy lets this account's principals read (s3:GetObject only), because
// aws:ResourceAccount cannot be this account for them. "{region}" is the
// VPC's region. Each is needed by something the constructs run:
//
//   - al2023-repos-{region}-de612dc2: the Amazon Linux 2023 dnf repositories
//     (compute.NewInstance's image; without it `dnf update` fails with 403
//     behind the endpoint). Source:
//     https://awstut.com/en/2021/12/11/run-yum-on-a-private-subnet-instance
//     and the Amazon Linux 2023 FAQ (repositories are served from S3).
//   - aws-ssm-{region}, aws-windows-downloads-{region}, amazon-ssm-{region},
//     amazon-ssm-packages-{region}, {region}-birdwatcher-prod,
//     aws-ssm-distributor-file-{region}, aws-ssm-document-attachments-{region},
//     patch-baseline-snapshot-{region}: the buckets SSM Agent reads for Run
//     Command documents, agent updates, Distributor packages and Patch
//     Manager baselines. Source:
//     https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-minimum-s3-permissions.html
//     and https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-operations-s3-buckets.html
//   - prod-{region}-starport-layer-bucket: where Amazon ECR serves image
//     layers from (container.NewService's Fargate tasks pull through the
//     gateway endpoint). Source:
//     https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
var AWSOwnedS3Buckets = []string{
	"al2023-repos-{region}-de612dc2",
	"aws-ssm-{region}",
	"aws-windows-downloads-{region}",
	"amazon-ssm-{region}",
	"amazon-ssm-packages-{region}",
	"{region}-birdwatcher-prod",
	"aws-ssm-distributor-file-{region}",
	"aws-ssm-document-attachments-{region}",
	"patch-baseline-snapshot-{region}",
	"prod-{region}-starport-layer-bucket",
}

// endpointState is what a VPC knows about its endpoints.
type endpointState struct {
	// prefixLists maps a gateway service to its endpoint's prefix_list_id.
	prefixLists map[string]string
	// iface maps an interface service to its endpoint id.
	iface map[string]string
	// sg is the interface endpoints' group, made with the first one.
	sg *SecurityGroup
	// clients are the groups already allowed to reach sg on 443, and
	// gatewayClients the groups with egress to a gateway's prefix list.
	clients        map[*SecurityGroup]bool
	gatewayClients map[string]map[*SecurityGroup]bool
}

func validateEndpointServices(field string, services []string) []error {
	var errs []error
	seen := map[string]bool{}
	for i, s := range services {
		switch {
		case !servicePattern.MatchString(s):
			errs = append(errs, fmt.Errorf("%s[%d]: %q is not an endpoint service name; use the part after \"com.amazonaws.<region>.\", e.g. %q", field, i, s, "secretsmanager"))
		case s == S3 || s == DynamoDB:
			errs = append(errs, fmt.Errorf("%s[%d]: %q is served by the VPC's gateway endpoint (free, always created); leave it out", field, i, s))
		case catalog.CheckInterfaceEndpoint("", "", s) != nil:
			errs = append(errs, catalog.CheckInterfaceEndpoint(fmt.Sprintf("%s[%d]", field, i), "", s))
		case seen[s]:
			errs = append(errs, fmt.Errorf("%s[%d]: %q is listed twice", field, i, s))
		}
		seen[s] = true
	}
	return errs
}

// serviceName is the endpoint service's full name in the VPC's region.
func (v *VPC) serviceName(service string) string {
	return "com.amazonaws." + v.region + "." + service
}

// addGatewayEndpoints creates the S3 and DynamoDB gateway endpoints on every
// private and database route table (never the public one: public subnets
// reach S3 through the internet gateway and have no workloads).
func (v *VPC) addGatewayEndpoints() {
	v.endpoints = endpointState{prefixLists: map[string]string{}, iface: map[string]string{},
		clients: map[*SecurityGroup]bool{}, gatewayClients: map[string]map[*SecurityGroup]bool{}}
	tables := append(append([]string(nil), v.privateRTs...), v.databaseRT)
	for _, svc := range gatewayServices {
		ep := vpcendpoint.NewVpcEndpoint(v.node, str("endpoint-"+svc), &vpcendpoint.VpcEndpointConfig{
			VpcId:           str(v.id),
			ServiceName:     str(v.serviceName(svc)),
			VpcEndpointType: str("Gateway"),
			RouteTableIds:   jsiival.Strings(tables),
			Policy:          str(v.gatewayPolicy(svc).MustJSON()),
			Tags:            tags(v.fullName + "-" + svc),
		})
		v.endpoints.prefixLists[svc] = *ep.PrefixListId()
	}
}

// thisAccount limits a statement to principals of this account.
func (v *VPC) thisAccount() policy.Condition {
	return policy.Condition{Operator: "StringEquals", Key: "aws:PrincipalAccount", Values: []string{v.account}}
}

// ownAccountOnly is the first statement of every endpoint policy: any
// action, by this account's principals, on resources whose account
// (aws:ResourceAccount, compared with resourceOperator) is this one.
func (v *VPC) ownAccountOnly(resourceOperator string) policy.Statement {
	return policy.Statement{
		Sid:        "OwnAccountOnly",
		Principals: []policy.Principal{policy.Anyone()},
		Actions:    []string{"*"},
		Resources:  []string{"*"},
		Conditions: []policy.Condition{v.thisAccount(),
			{Operator: resourceOperator, Key: "aws:ResourceAccount", Values: []string{v.account}}},
	}
}

// gatewayPolicy: this account's principals on this account's resources,
// plus (S3 only) read access to the AWS-owned buckets in AWSOwnedS3Buckets.
func (v *VPC) gatewayPolicy(svc string) policy.Document {
	var d policy.Document
	d.Add(v.ownAccountOnly("StringEquals"))
	if svc == S3 {
		var arns []string
		for _, b := range AWSOwnedS3Buckets {
			arns = append(arns, "arn:"+v.partition+":s3:::"+regionIn(b, v.region)+"/*")
		}
		d.Add(policy.Statement{
			Sid:        "AWSOwnedBucketsReadOnly",
			Principals: []policy.Principal{policy.Anyone()},
			Actions:    []string{"s3:GetObject"},
			Resources:  arns,
			Conditions: []policy.Condition{v.thisAccount()},
		})
	}
	return d
}

// interfacePolicy: this account's principals, on this account's resources
// where the request names one. aws:ResourceAccount is tested with
// StringEqualsIfExists because several calls the agents make have no
// resource (xray:PutTraceSegments, ssmmessages:CreateControlChannel on "*",
// sts:GetCallerIdentity), and for those the key is absent; the principal
// condition still holds. SSM also reads AWS-owned documents
// (arn:aws:ssm:<region>::document/AWS-*), whose account is AWS's:
// https://docs.aws.amazon.com/systems-manager/latest/userguide/documents.html
func (v *VPC) interfacePolicy(svc string) policy.Document {
	var d policy.Document
	d.Add(v.ownAccountOnly("StringEqualsIfExists"))
	if svc == "ssm" {
		d.Add(policy.Statement{
			Sid:        "AWSOwnedDocumentsReadOnly",
			Principals: []policy.Principal{policy.Anyone()},
			Actions:    []string{"ssm:GetDocument", "ssm:DescribeDocument"},
			Resources:  []string{"arn:" + v.partition + ":ssm:" + v.region + "::document/*"},
			Conditions: []policy.Condition{v.thisAccount()},
		})
	}
	return d
}

func regionIn(s, region string) string { return strings.ReplaceAll(s, "{region}", region) }

// PrefixListID is the managed prefix list of a gateway endpoint service
// (S3 or DynamoDB), a Terraform reference; "" for any other service.
func (v *VPC) PrefixListID(service string) string { return v.endpoints.prefixLists[service] }

// InterfaceEndpoints lists the interface endpoint services created so far,
// sorted (plain text).
func (v *VPC) InterfaceEndpoints() []string {
	out := make([]string, 0, len(v.endpoints.iface))
	for s := range v.endpoints.iface {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// EndpointSecurityGroup is the interface endpoints' security group, nil
// until the first interface endpoint. It accepts HTTPS only from the groups
// given to AllowEndpoints and has no egress.
func (v *VPC) EndpointSecurityGroup() *SecurityGroup { return v.endpoints.sg }

// AddInterfaceEndpoints creates an interface endpoint with private DNS in
// every private subnet for each service not created yet (e.g. "sqs"); it is
// idempotent. Workloads reach them only once AllowEndpoints lets their
// group in. S3 and DynamoDB are gateway endpoints and are refused.
func (v *VPC) AddInterfaceEndpoints(services ...string) error {
	if err := errors.Join(validateEndpointServices("services", services)...); err != nil {
		return err
	}
	for _, svc := range services {
		if _, ok := v.endpoints.iface[svc]; ok {
			continue
		}
		if v.endpoints.sg == nil {
			sg, err := NewSecurityGroup(v.node, "endpoint-security-group", SecurityGroupProps{
				VPC: v, Name: v.name + "-endpoints", Description: "Interface VPC endpoints of " + v.fullName,
			})
			if err != nil {
				return fmt.Errorf("endpoint security group: %w", err)
			}
			v.endpoints.sg = sg
		}
		err := stack.Catch(func() {
			ep := vpcendpoint.NewVpcEndpoint(v.node, str("endpoint-"+svc), &vpcendpoint.VpcEndpointConfig{
				VpcId:             str(v.id),
				ServiceName:       str(v.serviceName(svc)),
				VpcEndpointType:   str("Interface"),
				SubnetIds:         jsiival.Strings(v.private),
				SecurityGroupIds:  jsiival.Strings([]string{v.endpoints.sg.ID()}),
				PrivateDnsEnabled: true,
				Policy:            str(v.interfacePolicy(svc).MustJSON()),
				Tags:              tags(v.fullName + "-" + svc),
			})
			v.endpoints.iface[svc] = *ep.Id()
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// AllowEndpoints lets client reach AWS services through this VPC's
// endpoints on HTTPS, creating what is missing: for S3 and DynamoDB an
// egress rule to the gateway endpoint's prefix list; for any other service
// its interface endpoint (AddInterfaceEndpoints), an egress rule to the
// endpoint group and the endpoint group's ingress from client (one pair per
// client, whatever the number of services). Calling it again for a service
// already allowed changes nothing. client must be a group of this VPC.
func (v *VPC) AllowEndpoints(client *SecurityGroup, services ...string) error {
	if client == nil {
		return errors.New("client: required; pass the workload's *network.SecurityGroup")
	}
	if client.vpc != v {
		return fmt.Errorf("client: group %s is not in VPC %s; endpoints serve only their own VPC's groups", client.name, v.fullName)
	}
	var iface []string
	var errs []error
	for i, svc := range services {
		switch {
		case svc == S3 || svc == DynamoDB:
		case !servicePattern.MatchString(svc):
			errs = append(errs, fmt.Errorf("services[%d]: %q is not an endpoint service name; use e.g. %q", i, svc, "logs"))
		case catalog.CheckInterfaceEndpoint("", v.region, svc) != nil:
			errs = append(errs, catalog.CheckInterfaceEndpoint(fmt.Sprintf("services[%d]", i), v.region, svc))
		default:
			iface = append(iface, svc)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, svc := range services {
		if svc != S3 && svc != DynamoDB {
			continue
		}
		seen := v.endpoints.gatewayClients[svc]
		if seen == nil {
			seen = map[*SecurityGroup]bool{}
			v.endpoints.gatewayClients[svc] = seen
		}
		if seen[client] {
			continue
		}
		if err := client.AllowToPrefixList(v.PrefixListID(svc), svc, 443, "HTTPS to "+svc+" through the gateway endpoint"); err != nil {
			return err
		}
		seen[client] = true
	}
	if len(iface) == 0 {
		return nil
	}
	if err := v.AddInterfaceEndpoints(dedupe(iface)...); err != nil {
		return err
	}
	if v.endpoints.clients[client] {
		return nil
	}
	if err := v.endpoints.sg.AllowFrom(client, 443, ""); err != nil {
		return err
	}
	v.endpoints.clients[client] = true
	return nil
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
