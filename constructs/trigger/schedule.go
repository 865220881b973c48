package trigger

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatcheventrule"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatcheventtarget"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lambdapermission"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/schedulerschedule"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/compute"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// ScheduleProps configures a function run on a schedule.
type ScheduleProps struct {
	// Name is the schedule's (or rule's) name suffix:
	// "{company}-{environment}-{Name}" (at most 64 characters). Default: the construct id.
	Name string
	// Function is invoked. Required.
	Function *compute.Function
	// Expression is "rate(1 hour)", "rate(5 minutes)" or a six-field
	// "cron(0 * * * ? *)"; with EventBridge Scheduler also a one-time
	// "at(2027-01-01T00:00:00)". Required. Syntax: EventBridge Scheduler
	// User Guide, "Schedule types",
	// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html.
	Expression string
	// Timezone is the IANA time zone of cron and at expressions (Scheduler
	// only). Default: "UTC".
	Timezone string
	// Description describes the schedule. Default: "Runs <function>".
	Description string
	// Input is the JSON the function receives. Default: none ({}).
	Input string
	// UseRule runs the function from an EventBridge rule on the default bus
	// instead of EventBridge Scheduler. Default: false (Scheduler, which AWS
	// recommends for schedules: Amazon EventBridge User Guide,
	// https://docs.aws.amazon.com/eventbridge/latest/userguide/using-eventbridge-scheduler.html).
	UseRule bool
}

var (
	rateExpr = regexp.MustCompile(`^rate\(([1-9][0-9]*) (minute|minutes|hour|hours|day|days)\)$`)
	cronExpr = regexp.MustCompile(`^cron\((\S+ ){5}\S+\)$`)
	atExpr   = regexp.MustCompile(`^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$`)
	jsonish  = regexp.MustCompile(`^\s*[\[{]`)
)

// Validate reports every problem, each naming its field.
func (p ScheduleProps) Validate() error {
	var errs []error
	if p.Function == nil {
		errs = append(errs, errors.New("function: must not be nil; pass the *compute.Function to run"))
	}
	errs = append(errs, checkExpression(p.Expression, p.UseRule))
	if p.Timezone != "" {
		if p.UseRule {
			errs = append(errs, errors.New("timezone: EventBridge rules run in UTC; leave it empty or use EventBridge Scheduler (UseRule false)"))
		} else if _, err := time.LoadLocation(p.Timezone); err != nil || p.Timezone == "Local" {
			errs = append(errs, fmt.Errorf("timezone: %q is not an IANA time zone; use e.g. \"Europe/Berlin\"", p.Timezone))
		}
	}
	if len(p.Description) > 512 {
		errs = append(errs, fmt.Errorf("description: %d characters; at most 512", len(p.Description)))
	}
	if p.Input != "" && !jsonish.MatchString(p.Input) {
		errs = append(errs, fmt.Errorf("input: %q is not a JSON object or array", p.Input))
	}
	return errors.Join(errs...)
}

func checkExpression(e string, rule bool) error {
	if m := rateExpr.FindStringSubmatch(e); m != nil {
		singular := !strings.HasSuffix(m[2], "s")
		if (m[1] == "1") != singular {
			return fmt.Errorf("expression: %q: use the singular unit for 1 and the plural otherwise (\"rate(1 hour)\", \"rate(2 hours)\")", e)
		}
		return nil
	}
	if cronExpr.MatchString(e) {
		fields := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(e, "cron("), ")"))
		if fields[2] != "?" && fields[4] != "?" {
			return fmt.Errorf("expression: %q: cron needs \"?\" in the day-of-month or the day-of-week field (the third or the fifth)", e)
		}
		return nil
	}
	if m := atExpr.FindStringSubmatch(e); m != nil {
		if rule {
			return fmt.Errorf("expression: %q: one-time at() schedules need EventBridge Scheduler; set UseRule false", e)
		}
		if _, err := time.Parse("2006-01-02T15:04:05", m[1]); err != nil {
			return fmt.Errorf("expression: %q: %v", e, err)
		}
		return nil
	}
	if e == "" {
		return errors.New("expression: required; e.g. \"rate(1 hour)\" or \"cron(0 6 * * ? *)\"")
	}
	return fmt.Errorf("expression: %q is not a schedule; use \"rate(<n> <minute|minutes|hour|hours|day|days>)\", a six-field \"cron(...)\" or \"at(yyyy-mm-ddThh:mm:ss)\"", e)
}

// Schedule runs a function on a schedule.
type Schedule struct {
	node constructs.Construct
	role *identity.Role
	arn  string
}

// NewSchedule validates props and creates the schedule (and its role) or
// the rule, its permission and its target.
func NewSchedule(scope constructs.Construct, id string, props ScheduleProps) (*Schedule, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	kind := naming.Schedule
	if props.UseRule {
		kind = naming.EventRule
	}
	st, full, err := stack.Named(scope, id, kind, props.Name)
	if err != nil {
		return nil, err
	}
	suffix := props.Name
	if suffix == "" {
		suffix = id
	}
	if !props.UseRule {
		if _, err := st.Name(naming.IAMRole, suffix+"-scheduler"); err != nil {
			return nil, fmt.Errorf("%w (the schedule's role is named after it; shorten Name)", err)
		}
	}
	desc := props.Description
	if desc == "" {
		desc = "Runs " + props.Function.FullName()
	}
	s := &Schedule{}
	if err := stack.Catch(func() { s.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	if props.UseRule {
		return s, s.rule(st, full, desc, props)
	}
	// EventBridge Scheduler's execution role: trusted by the service for
	// this account only, allowed to invoke this function only (EventBridge
	// Scheduler User Guide, "Set up the execution role",
	// https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role).
	s.role, err = identity.NewServiceRole(s.node, "role", identity.ServiceRoleProps{
		Name:          suffix + "-scheduler",
		Description:   "EventBridge Scheduler role of " + full,
		Services:      []string{"scheduler.amazonaws.com"},
		SourceAccount: true,
		Statements: []policy.Statement{{
			Sid: "InvokeFunction", Actions: []string{"lambda:InvokeFunction"},
			Resources: []string{props.Function.Arn(), props.Function.Arn() + ":*"},
		}},
	})
	if err != nil {
		return nil, fmt.Errorf("role: %w", err)
	}
	tz := props.Timezone
	if tz == "" {
		tz = "UTC"
	}
	err = stack.Catch(func() {
		target := &schedulerschedule.SchedulerScheduleTarget{
			Arn:     str(props.Function.Arn()),
			RoleArn: str(s.role.Arn()),
		}
		if props.Input != "" {
			target.Input = str(props.Input)
		}
		deps := s.role.DependsOnTargets()
		sch := schedulerschedule.NewSchedulerSchedule(s.node, str("schedule"), &schedulerschedule.SchedulerScheduleConfig{
			Name:                       str(full),
			Description:                str(desc),
			ScheduleExpression:         str(props.Expression),
			ScheduleExpressionTimezone: str(tz),
			FlexibleTimeWindow:         &schedulerschedule.SchedulerScheduleFlexibleTimeWindow{Mode: str("OFF")},
			Target:                     target,
			DependsOn:                  &deps,
		})
		s.arn = *sch.Arn()
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Schedule) rule(st *stack.Stack, full, desc string, props ScheduleProps) error {
	return stack.Catch(func() {
		rule := cloudwatcheventrule.NewCloudwatchEventRule(s.node, str("rule"), &cloudwatcheventrule.CloudwatchEventRuleConfig{
			Name:               str(full),
			Description:        str(desc),
			ScheduleExpression: str(props.Expression),
		})
		s.arn = *rule.Arn()
		// Only this rule, in this account, may invoke the function (Amazon
		// EventBridge User Guide, "Using resource-based policies for Amazon
		// EventBridge", Lambda permissions,
		// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-lambda-permissions).
		perm := lambdapermission.NewLambdaPermission(s.node, str("permission"), &lambdapermission.LambdaPermissionConfig{
			StatementId:   str("AllowEventBridge-" + full),
			Action:        str("lambda:InvokeFunction"),
			FunctionName:  str(props.Function.Name()),
			Principal:     str("events.amazonaws.com"),
			SourceArn:     str(s.arn),
			SourceAccount: str(st.AWS.AccountID()),
		})
		cfg := &cloudwatcheventtarget.CloudwatchEventTargetConfig{
			Rule:      rule.Name(),
			TargetId:  str("function"),
			Arn:       str(props.Function.Arn()),
			DependsOn: &[]cdktf.ITerraformDependable{perm},
		}
		if props.Input != "" {
			cfg.Input = str(props.Input)
		}
		cloudwatcheventtarget.NewCloudwatchEventTarget(s.node, str("target"), cfg)
	})
}

// Arn is the schedule's (or rule's) ARN (a Terraform reference).
func (s *Schedule) Arn() string { return s.arn }

// Role is EventBridge Scheduler's role, nil with UseRule.
func (s *Schedule) Role() *identity.Role { return s.role }

// Construct is the schedule's construct node.
func (s *Schedule) Construct() constructs.Construct { return s.node }
