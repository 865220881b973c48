package baseline

import (
	"fmt"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/guarddutydetector"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/guarddutydetectorfeature"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/guarddutypublishingdestination"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// SidKeyGuardDuty is the Sid of the key policy statement that lets GuardDuty
// encrypt exported findings.
const SidKeyGuardDuty = "AllowGuardDutyEncryptFindings"

// GuardDutyPrincipal is the service principal GuardDuty exports findings as.
const GuardDutyPrincipal = "guardduty.amazonaws.com"

// Feature is a GuardDuty protection plan the baseline enables.
type Feature struct {
	// Name is the detector feature (aws_guardduty_detector_feature.name).
	Name string
	// Additional are additional configurations enabled with it.
	Additional []string
	// Covers says which of the library's resources it watches.
	Covers string
	// FSBP is the Security Hub control that checks it.
	FSBP string
}

// Features are the protection plans the baseline enables: those that cover
// what the library deploys, and EKS's, which cost nothing while the account
// runs no EKS cluster and watch the clusters other teams add. Runtime
// Monitoring's agent for ECS on Fargate is added by
// Props.FargateRuntimeMonitoring (FargateAgent).
// Names (features and additional configurations):
// https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DetectorFeatureConfiguration.html
// Controls: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html
var Features = []Feature{
	{Name: "S3_DATA_EVENTS", Covers: "S3 buckets (data events)", FSBP: "GuardDuty.10"},
	{Name: "EBS_MALWARE_PROTECTION", Covers: "EC2 instances' EBS volumes", FSBP: "GuardDuty.8"},
	{Name: "RDS_LOGIN_EVENTS", Covers: "RDS (Aurora/PostgreSQL/MySQL) logins", FSBP: "GuardDuty.9"},
	{Name: "LAMBDA_NETWORK_LOGS", Covers: "Lambda functions' network activity", FSBP: "GuardDuty.6"},
	{Name: "EKS_AUDIT_LOGS", Covers: "EKS clusters' Kubernetes audit logs (agentless)", FSBP: "GuardDuty.5"},
	{Name: "RUNTIME_MONITORING", Additional: []string{"EC2_AGENT_MANAGEMENT", "EKS_ADDON_MANAGEMENT"},
		Covers: "EC2 instances' and EKS clusters' runtime (managed agent and add-on)", FSBP: "GuardDuty.11, GuardDuty.13, GuardDuty.7"},
}

// FargateAgent is the Runtime Monitoring additional configuration that has
// GuardDuty add its security agent as a sidecar to every new ECS task on
// Fargate (FSBP GuardDuty.12). Each task's execution role must then be able
// to pull the agent's image from GuardDuty's ECR repository in the region:
// https://docs.aws.amazon.com/guardduty/latest/ug/prereq-runtime-monitoring-ecs-support.html
const FargateAgent = "ECS_FARGATE_AGENT_MANAGEMENT"

// features are the plans this baseline enables: Features, with FargateAgent
// when Props.FargateRuntimeMonitoring asks for it.
func (p Props) features() []Feature {
	out := append([]Feature(nil), Features...)
	if !p.FargateRuntimeMonitoring {
		return out
	}
	for i, f := range out {
		if f.Name == "RUNTIME_MONITORING" {
			out[i].Additional = append(append([]string(nil), f.Additional...), FargateAgent)
			out[i].FSBP += ", GuardDuty.12"
		}
	}
	return out
}

// guardDuty creates the detector, its protection plans and the findings
// export to the logs bucket (GuardDuty.1). The bucket and key policies admit
// guardduty.amazonaws.com only for this account and this detector:
// https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
func (b *Baseline) guardDuty() error {
	if b.props.Managed.GuardDuty {
		return nil
	}
	var detector guarddutydetector.GuarddutyDetector
	var features []cdktf.ITerraformDependable
	err := stack.Catch(func() {
		detector = guarddutydetector.NewGuarddutyDetector(b.node, str("detector"), &guarddutydetector.GuarddutyDetectorConfig{
			Enable: true,
			// Updates of findings reach EventBridge and the bucket every 15
			// minutes instead of every 6 hours.
			FindingPublishingFrequency: str("FIFTEEN_MINUTES"),
		})
		b.detectorID, b.detector = *detector.Id(), *detector.Arn()
		for _, f := range b.props.features() {
			var extra []*guarddutydetectorfeature.GuarddutyDetectorFeatureAdditionalConfiguration
			for _, a := range f.Additional {
				extra = append(extra, &guarddutydetectorfeature.GuarddutyDetectorFeatureAdditionalConfiguration{Name: str(a), Status: str("ENABLED")})
			}
			cfg := &guarddutydetectorfeature.GuarddutyDetectorFeatureConfig{
				DetectorId: str(b.detectorID),
				Name:       str(f.Name),
				Status:     str("ENABLED"),
			}
			if len(extra) > 0 {
				cfg.AdditionalConfiguration = &extra
			}
			features = append(features, guarddutydetectorfeature.NewGuarddutyDetectorFeature(b.node, str("feature-"+f.Name), cfg))
		}
	})
	if err != nil {
		return err
	}
	prefix := b.props.findingsPrefix()
	if err := b.props.LogsBucket.AllowGuardDuty(b.detector, prefix); err != nil {
		return fmt.Errorf("logsBucket: %w", err)
	}
	if err := b.props.Key.AllowService(SidKeyGuardDuty, GuardDutyPrincipal, []string{"kms:GenerateDataKey"},
		policy.Condition{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{b.st.AWS.AccountID()}},
		policy.Condition{Operator: "StringEquals", Key: "aws:SourceArn", Values: []string{b.detector}},
	); err != nil {
		return fmt.Errorf("key: cannot let GuardDuty encrypt findings: %w", err)
	}
	return stack.Catch(func() {
		guarddutypublishingdestination.NewGuarddutyPublishingDestination(b.node, str("findings-export"), &guarddutypublishingdestination.GuarddutyPublishingDestinationConfig{
			DetectorId:      str(b.detectorID),
			DestinationArn:  str(b.props.LogsBucket.Arn() + "/" + prefix),
			KmsKeyArn:       str(b.props.Key.Arn()),
			DestinationType: str("S3"),
			// GuardDuty checks it can write when the destination is created.
			DependsOn: deps(append(features, b.props.LogsBucket.PolicyDependable())...),
		})
	})
}
