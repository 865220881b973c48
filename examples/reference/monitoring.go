package reference

import (
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Monitor is the alarm topic (KMS-encrypted, TLS-only) and every alarm,
// each notifying the topic on ALARM and on OK.
type Monitor struct {
	Topic     *monitoring.Topic
	Workloads *monitoring.Alarms
	CIS       *monitoring.CISAlarms
}

func newMonitor(s *stack.Stack, cfg Config, r *Reference) (*Monitor, error) {
	topic, err := monitoring.NewTopic(s, "alarms", monitoring.TopicProps{
		Key:                r.Security.Key,
		EmailSubscriptions: cfg.AlarmEmails,
	})
	if err != nil {
		return nil, err
	}
	// Lambda errors/throttles and RDS CPU, free storage and connections.
	alarms, err := monitoring.NewAlarms(s, "workloads", monitoring.AlarmsProps{
		Topic:           topic,
		LambdaFunctions: []string{r.Work.Function.Name()},
		DBInstances:     []string{r.Work.Database.Identifier()},
	})
	if err != nil {
		return nil, err
	}

	// CIS AWS Foundations metric filters on the trail's log group: root use,
	// console sign-in without MFA, IAM/CloudTrail/KMS/S3/Config/network changes.
	cis, err := monitoring.NewCISAlarms(s, "cis", monitoring.CISProps{
		Topic:        topic,
		LogGroupName: r.Audit.Trail.LogGroupName(),
		DependsOn:    []cdktf.ITerraformDependable{r.Audit.Trail.DependsOnTarget()},
	})
	if err != nil {
		return nil, err
	}
	return &Monitor{Topic: topic, Workloads: alarms, CIS: cis}, nil
}
