package baseline

import (
	"encoding/json"
	"fmt"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/accessanalyzeranalyzer"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatcheventrule"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatcheventtarget"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/securityhubaccount"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/securityhubstandardssubscription"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Standard is a Security Hub standard the baseline subscribes to.
type Standard struct {
	// Name as Security Hub shows it.
	Name string
	// Path is the ARN's resource part; the ARN is
	// "arn:<partition>:securityhub:<region>::" + Path.
	Path string
}

// Standards are the FSBP and CIS AWS Foundations Benchmark v5.0.0 standards:
// https://docs.aws.amazon.com/securityhub/latest/userguide/standards-reference.html
// https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html
var Standards = []Standard{
	{Name: "AWS Foundational Security Best Practices v1.0.0", Path: "standards/aws-foundational-security-best-practices/v/1.0.0"},
	{Name: "CIS AWS Foundations Benchmark v5.0.0", Path: "standards/cis-aws-foundations-benchmark/v/5.0.0"},
}

// securityHub enables Security Hub without its default standards, with
// consolidated control findings (control_finding_generator
// SECURITY_CONTROL: one finding per control across standards), and
// subscribes to Standards. CIS v5.0.0 4.16:
// https://docs.aws.amazon.com/securityhub/latest/userguide/controls-findings-create-update.html#consolidated-control-findings
func (b *Baseline) securityHub() error {
	if b.props.Managed.SecurityHub {
		return nil
	}
	b.hub = true
	return stack.Catch(func() {
		hub := securityhubaccount.NewSecurityhubAccount(b.node, str("security-hub"), &securityhubaccount.SecurityhubAccountConfig{
			EnableDefaultStandards:  false,
			ControlFindingGenerator: str("SECURITY_CONTROL"),
			AutoEnableControls:      true,
		})
		for i, s := range Standards {
			securityhubstandardssubscription.NewSecurityhubStandardsSubscription(b.node, str(fmt.Sprintf("standard-%d", i)), &securityhubstandardssubscription.SecurityhubStandardsSubscriptionConfig{
				StandardsArn: str(b.st.AWS.ARN("securityhub", b.st.RegionName, "-", s.Path)),
				DependsOn:    deps(hub),
			})
		}
	})
}

func analyzerNames(st *stack.Stack, p Props) ([]string, error) {
	if p.Managed.AccessAnalyzer {
		return nil, nil
	}
	suffixes := []string{"external-access"}
	if p.UnusedAccessAnalyzer {
		suffixes = append(suffixes, "unused-access")
	}
	var out []string
	for _, s := range suffixes {
		n, err := st.Name(naming.Analyzer, s)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// accessAnalyzer creates the account external-access analyzer (CIS v5.0.0
// 1.19, FSBP IAM.28) and, opted in, the unused-access analyzer:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html
func (b *Baseline) accessAnalyzer(names []string) error {
	b.analyzers = names
	return stack.Catch(func() {
		for i, n := range names {
			cfg := &accessanalyzeranalyzer.AccessanalyzerAnalyzerConfig{AnalyzerName: str(n), Type: str("ACCOUNT")}
			if i == 1 {
				cfg.Type = str("ACCOUNT_UNUSED_ACCESS")
				cfg.Configuration = &accessanalyzeranalyzer.AccessanalyzerAnalyzerConfiguration{
					UnusedAccess: &accessanalyzeranalyzer.AccessanalyzerAnalyzerConfigurationUnusedAccess{UnusedAccessAge: num(b.props.unusedAge())},
				}
			}
			accessanalyzeranalyzer.NewAccessanalyzerAnalyzer(b.node, str("analyzer-"+[]string{"external", "unused"}[i]), cfg)
		}
	})
}

// findingRule is one EventBridge rule sending findings to the topic.
type findingRule struct {
	id, suffix, source string
	pattern            map[string]any
	managed            func(Managed) bool
}

// findingRules route high and critical findings:
//   - GuardDuty: severity 7.0 or more (High 7.0-8.9, Critical 9.0-10.0):
//     https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html
//     https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html
//   - Security Hub: imported findings labelled HIGH or CRITICAL, new and active:
//     https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html
//   - IAM Access Analyzer: its findings carry no severity; every active
//     finding (access from outside the account) is sent:
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-eventbridge.html
var findingRules = []findingRule{
	{id: "guardduty-findings", suffix: "guardduty-findings", source: "aws.guardduty",
		pattern: map[string]any{
			"source": []string{"aws.guardduty"}, "detail-type": []string{"GuardDuty Finding"},
			"detail": map[string]any{"severity": []any{map[string]any{"numeric": []any{">=", 7}}}},
		},
		managed: func(m Managed) bool { return m.GuardDuty }},
	{id: "securityhub-findings", suffix: "securityhub-findings", source: "aws.securityhub",
		pattern: map[string]any{
			"source": []string{"aws.securityhub"}, "detail-type": []string{"Security Hub Findings - Imported"},
			"detail": map[string]any{"findings": map[string]any{
				"Severity":    map[string]any{"Label": []string{"HIGH", "CRITICAL"}},
				"Workflow":    map[string]any{"Status": []string{"NEW"}},
				"RecordState": []string{"ACTIVE"},
			}},
		},
		managed: func(m Managed) bool { return m.SecurityHub }},
	{id: "access-analyzer-findings", suffix: "access-analyzer-findings", source: "aws.access-analyzer",
		pattern: map[string]any{
			"source": []string{"aws.access-analyzer"}, "detail-type": []string{"Access Analyzer Finding"},
			"detail": map[string]any{"status": []string{"ACTIVE"}},
		},
		managed: func(m Managed) bool { return m.AccessAnalyzer }},
}

func ruleNames(st *stack.Stack, p Props) ([]string, error) {
	var out []string
	for _, r := range findingRules {
		if r.managed(p.Managed) {
			continue
		}
		n, err := st.Name(naming.EventRule, r.suffix)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// findings creates the EventBridge rules and their topic targets, and lets
// exactly those rules publish to the topic and use its key. A finding
// service the organization manages still reports to its delegated
// administrator; this account's rule for it is left out.
func (b *Baseline) findings(names []string) error {
	if len(names) == 0 {
		return nil
	}
	var arns []string
	for _, n := range names {
		arns = append(arns, b.st.AWS.ARN("events", "", "", "rule/"+n))
	}
	// The policies first: a rule's first finding may come at once.
	if err := b.props.Topic.AllowEventBridge(arns...); err != nil {
		return fmt.Errorf("topic: %w", err)
	}
	b.rules, b.ruleArns = names, arns
	i := 0
	return stack.Catch(func() {
		for _, r := range findingRules {
			if r.managed(b.props.Managed) {
				continue
			}
			pattern, _ := json.Marshal(r.pattern) // maps of strings: cannot fail; keys sorted
			rule := cloudwatcheventrule.NewCloudwatchEventRule(b.node, str(r.id), &cloudwatcheventrule.CloudwatchEventRuleConfig{
				Name:         str(names[i]),
				Description:  str("High and critical " + r.source + " findings to " + b.props.Topic.Name()),
				EventPattern: str(string(pattern)),
				State:        str("ENABLED"),
			})
			cloudwatcheventtarget.NewCloudwatchEventTarget(b.node, str(r.id+"-topic"), &cloudwatcheventtarget.CloudwatchEventTargetConfig{
				Rule:     rule.Name(),
				TargetId: str("alarm-topic"),
				Arn:      str(b.props.Topic.Arn()),
			})
			i++
		}
	})
}
