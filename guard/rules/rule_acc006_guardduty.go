package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// accGuardDutyPlans are the protection plans that cover what the library
// deploys (buckets, EBS volumes, RDS, Lambda, EC2), with the additional
// configuration each needs. Feature names:
// https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DetectorFeatureConfiguration.html
// Controls: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html
var accGuardDutyPlans = []struct{ name, additional string }{
	{"S3_DATA_EVENTS", ""},
	{"EBS_MALWARE_PROTECTION", ""},
	{"RDS_LOGIN_EVENTS", ""},
	{"LAMBDA_NETWORK_LOGS", ""},
	{"RUNTIME_MONITORING", "EC2_AGENT_MANAGEMENT"},
}

func init() {
	register(engine.Rule{
		ID:       "ACC006",
		Title:    "GuardDuty detector disabled or missing protection plans",
		Severity: engine.Warning,
		Doc: "An aws_guardduty_detector with enable = false detects nothing (FSBP GuardDuty.1). An enabled detector needs the " +
			"protection plans that watch what the library deploys, each an aws_guardduty_detector_feature of the detector " +
			"with status = \"ENABLED\": S3_DATA_EVENTS (GuardDuty.10), EBS_MALWARE_PROTECTION (GuardDuty.8), RDS_LOGIN_EVENTS " +
			"(GuardDuty.9), LAMBDA_NETWORK_LOGS (GuardDuty.6) and RUNTIME_MONITORING with EC2_AGENT_MANAGEMENT (GuardDuty.11) " +
			"(https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html). The detector's legacy " +
			"datasources block counts for S3 (s3_logs) and EBS malware protection. When a feature's detector_id, name or " +
			"status is an expression the rule is silent about plans.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			detectors := s.OfType("aws_guardduty_detector")
			if len(detectors) == 0 {
				return
			}
			// A feature of a detector the rule cannot identify makes every
			// detector's plans unknown.
			plansKnown := true
			for _, f := range s.OfType("aws_guardduty_detector_feature") {
				if t := s.ResolveTarget(f.Body["detector_id"], "aws_guardduty_detector", ""); t == nil {
					plansKnown = false
				}
			}
			for _, d := range detectors {
				switch engine.Bool(d.Body["enable"]) {
				case engine.False:
					p.Report(d, "enable = false: GuardDuty is suspended and reports nothing (FSBP GuardDuty.1)",
						"set enable = true (constructs/baseline does, with the protection plans and the findings export)")
					continue
				case engine.Unknown:
					continue
				}
				if !plansKnown {
					continue
				}
				enabled, known := guardDutyPlans(s, d)
				if !known {
					continue
				}
				var missing []string
				for _, plan := range accGuardDutyPlans {
					if !enabled[plan.name] {
						missing = append(missing, plan.name)
					} else if plan.additional != "" && !enabled[plan.name+"/"+plan.additional] {
						missing = append(missing, plan.name+" with "+plan.additional)
					}
				}
				if len(missing) == 0 {
					continue
				}
				p.Report(d, "GuardDuty detector without the protection plans "+strings.Join(missing, ", ")+
					": threats to those resources go undetected",
					"add an aws_guardduty_detector_feature per plan (detector_id = this detector, status = \"ENABLED\"; "+
						"RUNTIME_MONITORING with additional_configuration { name = \"EC2_AGENT_MANAGEMENT\", status = \"ENABLED\" })")
			}
		},
	})
}

// guardDutyPlans returns the plans enabled for detector d ("NAME" and
// "NAME/ADDITIONAL"); known is false when a feature of d is an expression.
func guardDutyPlans(s *engine.Stack, d *engine.Resource) (map[string]bool, bool) {
	enabled := map[string]bool{}
	for _, f := range s.Linked("aws_guardduty_detector_feature", "detector_id", d, "") {
		name, status := engine.Str(f.Body["name"]), engine.Str(f.Body["status"])
		if engine.HasInterp(name) || engine.HasInterp(status) {
			return nil, false
		}
		if status != "ENABLED" {
			continue
		}
		enabled[name] = true
		for _, a := range engine.Blocks(f.Body["additional_configuration"]) {
			an, as := engine.Str(a["name"]), engine.Str(a["status"])
			if engine.HasInterp(an) || engine.HasInterp(as) {
				return nil, false
			}
			if as == "ENABLED" {
				enabled[name+"/"+an] = true
			}
		}
	}
	// Legacy data sources: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/guardduty_detector
	if engine.Bool(engine.Attr(d.Body, "datasources.s3_logs.enable")) == engine.True {
		enabled["S3_DATA_EVENTS"] = true
	}
	if engine.Bool(engine.Attr(d.Body, "datasources.malware_protection.scan_ec2_instance_with_findings.ebs_volumes.enable")) == engine.True {
		enabled["EBS_MALWARE_PROTECTION"] = true
	}
	return enabled, true
}
