package reference

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/suppress"
)

// Deviation is a place where the reference stack deliberately departs from
// a compliance control (AWS FSBP, CIS AWS Foundations v5.0.0): the fact of
// package guard/controls it does not meet, on which construct, and why.
// guard -compliance reports the controls that fact decides as excepted,
// with the reason, instead of failed.
type Deviation struct {
	// Scope is the construct (and everything under it) that deviates.
	Scope constructs.Construct
	// Fact is the compliance fact id, e.g. "rds-deletion-protection".
	Fact string
	// Reason says why; it is written into the synthesized JSON.
	Reason string
}

// deviations lists the reference stack's deliberate departures for cfg's
// environment.
func deviations(s *stack.Stack, cfg Config, r *Reference) []Deviation {
	db := r.Work.Database.Construct()
	out := []Deviation{
		{r.Audit.AccessLogs.Construct(), "s3-access-logging",
			"the access-logs bucket is the target of every other bucket's server access logs; logging it into itself would log its own deliveries (AWS: use a different target bucket)"},
		{db, "rds-non-default-port",
			"PostgreSQL keeps port 5432: the instance is private and reachable only from the named security groups, so another port would hide nothing from a caller already inside"},
		{r.Monitor.Topic.Construct(), "sns-delivery-status-logging",
			"the alarm topic delivers to email subscriptions, for which SNS records no delivery status (it does for SQS, Lambda, HTTP(S), platform application and Firehose endpoints)"},
		{r.Network.VPC.Construct(), "vpc-ec2-endpoint",
			"no workload calls the EC2 API (the instance is managed through the SSM endpoints); add an ec2 interface endpoint when one does"},
		{s, "account-support-role",
			"the stack creates no role for people: they reach the account through the organization's identity provider, whose permission sets grant AWSSupportAccess"},
	}
	// newBaseline leaves baseline.Props.FargateRuntimeMonitoring off.
	out = append(out, Deviation{s, "account-guardduty-ecs-runtime",
		"the stack runs no ECS task; GuardDuty's Fargate agent is a sidecar every task's execution role must pull from GuardDuty's own ECR repository, which container.Service's role (its own repository only) does not grant yet. EC2 and EKS runtime monitoring are on; set baseline.Props.FargateRuntimeMonitoring once your execution roles may pull the agent"})
	// newBaseline sets no SecurityContact: a template has no team to name.
	// Once one is set the fact holds and this records nothing.
	out = append(out, Deviation{s, "account-security-contact",
		"the template knows no security team to register (AWS requires a name, title, e-mail and phone); set baseline.Props.SecurityContact to yours"})
	for _, b := range []*storage.Bucket{r.Audit.AccessLogs.Bucket, r.Audit.Logs.Bucket, r.Work.Artifacts, r.Front.LoadBalancer.Logs().Bucket} {
		out = append(out, Deviation{b.Construct(), "s3-event-notifications",
			"no process consumes this bucket's object events; the trail's S3 data events already record every object read and write"})
	}
	if !cfg.production() {
		out = append(out,
			Deviation{db, "rds-deletion-protection", "dev is destroyed and re-created freely; prod keeps deletion protection on"},
			Deviation{db, "rds-multi-az", "dev runs a single instance to halve its cost; prod runs a Multi-AZ standby"},
			Deviation{r.Front.LoadBalancer.Construct(), "elb-deletion-protection", "dev is destroyed and re-created freely; prod turns the load balancer's deletion protection on"})
	}
	return out
}

// recordDeviations writes every deviation into the synthesized JSON
// (suppress.Fact), where reviewers and guard -compliance read it.
func recordDeviations(s *stack.Stack, cfg Config, r *Reference) error {
	r.Deviations = deviations(s, cfg, r)
	for _, d := range r.Deviations {
		if err := suppress.Fact(d.Scope, d.Fact, d.Reason); err != nil {
			return err
		}
	}
	return nil
}
