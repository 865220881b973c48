// Package waf puts a regional AWS WAF web ACL in front of a load balancer:
// three AWS managed rule groups (core rule set, known bad inputs, Amazon IP
// reputation list) and a rate-based rule per client IP, logged to a
// KMS-encrypted CloudWatch Logs group whose name starts with
// "aws-waf-logs-" (WAF refuses other names) with the authorization and
// cookie headers redacted.
package waf

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchlogresourcepolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/wafv2webacl"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/wafv2webaclassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/wafv2webaclloggingconfiguration"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"
)

// LogGroupPrefix is the prefix WAF requires of a CloudWatch Logs
// destination:
// https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
const LogGroupPrefix = "aws-waf-logs-"

// LogDeliveryService is the principal that delivers WAF logs (AWS "vended
// logs") into CloudWatch Logs; the log group's resource policy admits it:
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html
const LogDeliveryService = "delivery.logs.amazonaws.com"

// RedactedHeaders are the request headers WAF leaves out of its logs:
// credentials and session cookies must not land in a log group.
var RedactedHeaders = []string{"authorization", "cookie"}

// ManagedRuleGroups are the AWS managed rule groups every web ACL runs, in
// priority order:
// https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
var ManagedRuleGroups = []string{
	"AWSManagedRulesAmazonIpReputationList",
	"AWSManagedRulesCommonRuleSet",
	"AWSManagedRulesKnownBadInputsRuleSet",
}

// RateLimitRuleName is the name of the rate-based rule.
const RateLimitRuleName = "RateLimitPerIP"

// Defaults and limits of the rate-based rule: requests per client IP in
// the evaluation window, 10 to 2,000,000,000:
// https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html
const (
	DefaultRateLimit           = 1000
	DefaultRateWindowSeconds   = 300
	minRateLimit, maxRateLimit = 10, 2000000000
)

// Key encrypts the WAF log group; *encryption.Key implements it.
type Key = logging.Key

// Props configures a WebACL.
type Props struct {
	// Name is the name suffix: the web ACL is "{company}-{environment}-{Name}"
	// and its log group "aws-waf-logs-{company}-{environment}-{Name}".
	// Default: the construct id.
	Name string
	// Key encrypts the log group. Required.
	Key Key
	// RateLimit is how many requests one client IP may make in
	// RateWindowSeconds before it is blocked, 10-2,000,000,000. Default: 1000.
	RateLimit int
	// RateWindowSeconds is the rate rule's window: 60, 120, 300 or 600.
	// Default: 300.
	RateWindowSeconds int
	// LogRetentionDays is the log group's retention. Default: 365.
	LogRetentionDays int
}

// Validate reports every problem with the props, each naming its field.
func (p Props) Validate() error {
	var errs []error
	if p.Key == nil || (reflect.ValueOf(p.Key).Kind() == reflect.Pointer && reflect.ValueOf(p.Key).IsNil()) {
		errs = append(errs, errors.New("key: required; pass an *encryption.Key, the WAF log group is encrypted with it"))
	}
	if r := p.RateLimit; r != 0 && (r < minRateLimit || r > maxRateLimit) {
		errs = append(errs, fmt.Errorf("rateLimit: %d is out of range; WAF accepts %d to %d requests per window", r, minRateLimit, maxRateLimit))
	}
	switch p.RateWindowSeconds {
	case 0, 60, 120, 300, 600:
	default:
		errs = append(errs, fmt.Errorf("rateWindowSeconds: %d is not a WAF evaluation window; use 60, 120, 300 or 600", p.RateWindowSeconds))
	}
	if r := p.LogRetentionDays; r != 0 {
		if err := (logging.LogGroupProps{Key: p.Key, RetentionDays: r}).Validate(); err != nil && strings.Contains(err.Error(), "retentionDays") {
			errs = append(errs, fmt.Errorf("logRetentionDays: %d is not a CloudWatch retention value", r))
		}
	}
	return errors.Join(errs...)
}

var aclKind = naming.Kind{Label: "WAF web ACL", Min: 1, Max: 128,
	Pattern: regexp.MustCompile(`^[\w-]+$`), Rule: "use letters, digits, hyphens and underscores"}

// WebACL is a regional web ACL with its logging configuration.
type WebACL struct {
	node     constructs.Construct
	acl      wafv2webacl.Wafv2WebAcl
	arn      string // read from the kernel once, on first use
	fullName string
	logGroup *logging.LogGroup
	rules    []string
	assoc    int
}

// New validates props and creates the log group (with the resource policy
// letting WAF's log delivery write to it for this account only), the web
// ACL and its logging configuration.
func New(scope constructs.Construct, id string, props Props) (*WebACL, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	st, fullName, err := stack.Named(scope, id, aclKind, props.Name)
	if err != nil {
		return nil, err
	}
	limit, window := props.RateLimit, props.RateWindowSeconds
	if limit == 0 {
		limit = DefaultRateLimit
	}
	if window == 0 {
		window = DefaultRateWindowSeconds
	}
	w := &WebACL{fullName: fullName}
	if err := stack.Catch(func() { w.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	w.logGroup, err = logging.NewLogGroup(w.node, "logs", logging.LogGroupProps{
		Name: LogGroupPrefix + fullName, Key: props.Key, RetentionDays: props.LogRetentionDays,
	})
	if err != nil {
		return nil, fmt.Errorf("log group: %w", err)
	}
	delivery, err := w.deliveryPolicy(st)
	if err != nil {
		return nil, err
	}
	rules := w.ruleBlocks(limit, window)
	err = stack.Catch(func() {
		w.acl = wafv2webacl.NewWafv2WebAcl(w.node, str("acl"), &wafv2webacl.Wafv2WebAclConfig{
			Name:          str(fullName),
			Description:   str("Front door of " + st.Naming.Prefix() + ": AWS managed rules and a per-IP rate limit"),
			Scope:         str("REGIONAL"),
			DefaultAction: &wafv2webacl.Wafv2WebAclDefaultAction{Allow: &wafv2webacl.Wafv2WebAclDefaultActionAllow{}},
			VisibilityConfig: &wafv2webacl.Wafv2WebAclVisibilityConfig{
				CloudwatchMetricsEnabled: true, MetricName: str(fullName), SampledRequestsEnabled: true,
			},
		})
		// The rule blocks are written as the provider's schema spells them
		// (the bindings type a rule's statement as any).
		w.acl.AddOverride(str("rule"), rules)
		var redacted []*wafv2webaclloggingconfiguration.Wafv2WebAclLoggingConfigurationRedactedFields
		for _, h := range RedactedHeaders {
			redacted = append(redacted, &wafv2webaclloggingconfiguration.Wafv2WebAclLoggingConfigurationRedactedFields{
				SingleHeader: &wafv2webaclloggingconfiguration.Wafv2WebAclLoggingConfigurationRedactedFieldsSingleHeader{Name: str(h)},
			})
		}
		wafv2webaclloggingconfiguration.NewWafv2WebAclLoggingConfiguration(w.node, str("logging"), &wafv2webaclloggingconfiguration.Wafv2WebAclLoggingConfigurationConfig{
			ResourceArn:           str(w.Arn()),
			LogDestinationConfigs: &[]*string{str(w.logGroup.Arn())},
			RedactedFields:        redacted,
			DependsOn:             &[]cdktf.ITerraformDependable{delivery},
		})
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// deliveryPolicy admits WAF's log delivery to the log group, for this
// account's sources only (aws:SourceAccount, aws:SourceArn).
func (w *WebACL) deliveryPolicy(st *stack.Stack) (cdktf.ITerraformDependable, error) {
	account := st.AWS.AccountID()
	doc := policy.Document{Statements: []policy.Statement{{
		Sid:        "AWSWAFLogDelivery",
		Principals: []policy.Principal{policy.Service(LogDeliveryService)},
		Actions:    []string{"logs:CreateLogStream", "logs:PutLogEvents"},
		Resources:  []string{w.logGroup.Arn() + ":*"},
		Conditions: []policy.Condition{
			{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{account}},
			{Operator: "ArnLike", Key: "aws:SourceArn", Values: []string{st.AWS.ARN("logs", st.RegionName, account, "*")}},
		},
	}}}
	js, err := doc.JSON()
	if err != nil {
		return nil, fmt.Errorf("log delivery policy: %w", err)
	}
	var rp cloudwatchlogresourcepolicy.CloudwatchLogResourcePolicy
	err = stack.Catch(func() {
		rp = cloudwatchlogresourcepolicy.NewCloudwatchLogResourcePolicy(w.node, str("log-delivery"), &cloudwatchlogresourcepolicy.CloudwatchLogResourcePolicyConfig{
			PolicyName:     str(w.fullName + "-waf-log-delivery"),
			PolicyDocument: str(js),
		})
	})
	return rp, err
}

// ruleBlocks are the managed rule groups (override_action none: their own
// block actions apply) and the rate-based rule (action block).
func (w *WebACL) ruleBlocks(limit, window int) []map[string]any {
	visibility := func(metric string) []map[string]any {
		return []map[string]any{{"cloudwatch_metrics_enabled": true, "metric_name": metric, "sampled_requests_enabled": true}}
	}
	var out []map[string]any
	for i, g := range ManagedRuleGroups {
		out = append(out, map[string]any{
			"name":              g,
			"priority":          i,
			"override_action":   []map[string]any{{"none": []map[string]any{{}}}},
			"statement":         []map[string]any{{"managed_rule_group_statement": []map[string]any{{"name": g, "vendor_name": "AWS"}}}},
			"visibility_config": visibility(w.fullName + "-" + g),
		})
		w.rules = append(w.rules, g)
	}
	out = append(out, map[string]any{
		"name":     RateLimitRuleName,
		"priority": len(ManagedRuleGroups),
		"action":   []map[string]any{{"block": []map[string]any{{}}}},
		"statement": []map[string]any{{"rate_based_statement": []map[string]any{{
			"limit": limit, "aggregate_key_type": "IP", "evaluation_window_sec": window,
		}}}},
		"visibility_config": visibility(w.fullName + "-" + RateLimitRuleName),
	})
	w.rules = append(w.rules, RateLimitRuleName)
	return out
}

// Associate attaches the web ACL to a regional resource, e.g. a load
// balancer (loadbalancer.LoadBalancer.Arn()).
func (w *WebACL) Associate(resourceArn string) error {
	if resourceArn == "" {
		return errors.New("resourceArn: required; pass the load balancer's Arn()")
	}
	w.assoc++
	id := "association"
	if w.assoc > 1 {
		id = fmt.Sprintf("association-%d", w.assoc)
	}
	return stack.Catch(func() {
		wafv2webaclassociation.NewWafv2WebAclAssociation(w.node, str(id), &wafv2webaclassociation.Wafv2WebAclAssociationConfigA{
			ResourceArn: str(resourceArn),
			WebAclArn:   str(w.Arn()),
		})
	})
}

// Arn is the web ACL's ARN (a reference).
func (w *WebACL) Arn() string { return jsiival.Once(&w.arn, w.acl.Arn) }

// Name is the web ACL's name (plain text known at synth).
func (w *WebACL) Name() string { return w.fullName }

// Rules lists the rule names, in priority order (plain text).
func (w *WebACL) Rules() []string { return append([]string(nil), w.rules...) }

// LogGroup is the encrypted "aws-waf-logs-*" log group.
func (w *WebACL) LogGroup() *logging.LogGroup { return w.logGroup }

// Construct is the web ACL's construct node.
func (w *WebACL) Construct() constructs.Construct { return w.node }

func str(s string) *string { return &s }
