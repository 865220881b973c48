package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// addOutputs exposes the identifiers operators and other stacks need.
func addOutputs(s *stack.Stack, r *Reference) error {
	outputs := []stack.Output{
		{Name: "kms_key_arn", Value: r.Security.Key.Arn(), Description: "ARN of the stack's customer managed key"},
		{Name: "logs_bucket", Value: r.Audit.Logs.Name(), Description: "bucket receiving CloudTrail and AWS Config logs"},
		{Name: "trail_arn", Value: r.Audit.Trail.Arn(), Description: "ARN of the multi-region CloudTrail trail"},
		{Name: "trail_log_group", Value: r.Audit.Trail.LogGroupName(), Description: "CloudWatch Logs group the trail delivers to (CIS metric filters)"},
		{Name: "vpc_id", Value: r.Network.VPC.ID(), Description: "ID of the VPC"},
		{Name: "database_endpoint", Value: r.Work.Database.Endpoint(), Description: "PostgreSQL endpoint (private subnets only)"},
		{Name: "database_secret_arn", Value: r.Work.Database.SecretArn(), Description: "Secrets Manager secret holding the master credentials"},
		{Name: "function_name", Value: r.Work.Function.Name(), Description: "Lambda function reading the database settings"},
		{Name: "instance_id", Value: r.Work.Instance.ID(), Description: "EC2 instance (connect with SSM Session Manager)"},
		{Name: "alarm_topic_arn", Value: r.Monitor.Topic.Arn(), Description: "SNS topic every alarm notifies"},
		{Name: "front_door_url", Value: "https://" + r.Front.Certificate.Domain() + "/", Description: "the public entry (HTTPS; HTTP redirects)"},
		{Name: "load_balancer_dns_name", Value: r.Front.LoadBalancer.DNSName(), Description: "DNS name of the internet-facing load balancer"},
		{Name: "web_acl_arn", Value: r.Front.WebACL.Arn(), Description: "WAF web ACL in front of the load balancer"},
	}
	if r.Front.NameServers != "" {
		outputs = append(outputs, stack.Output{Name: "front_door_name_servers", Value: r.Front.NameServers, Description: "delegate the front door's domain to these name servers"})
	}
	return stack.Outputs(s, outputs)
}
