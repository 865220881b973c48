package monitoring

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// DefaultCISNamespace is the metric namespace of the CIS metric filters.
const DefaultCISNamespace = "CISBenchmark"

// CISProps configures the CIS AWS Foundations Benchmark metric filters and
// alarms. Topic and LogGroupName are required.
type CISProps struct {
	// Topic is notified when an alarm enters ALARM and when it returns to OK. Required.
	Topic *Topic
	// LogGroupName is the CloudWatch Logs group the CloudTrail trail delivers
	// to (the trail's LogGroupName()). Required; a plain name or a Terraform reference.
	LogGroupName string
	// DependsOn are resources the metric filters are created after. Pass the
	// log group's resource (e.g. logging.LogGroup.DependsOnTarget()) when
	// LogGroupName is plain text and the group is created in the same stack:
	// a filter on a group that does not exist yet fails to apply.
	// Default: none (right for a reference or a group created elsewhere).
	DependsOn []cdktf.ITerraformDependable
	// Namespace is the metric namespace of every filter and alarm; it must
	// not start with "AWS/". Default: "CISBenchmark".
	Namespace string
	// Exclude lists metric names (see CISControls) to leave out, e.g.
	// "OrganizationsChanges" outside an organization's management account.
	// Default: none; every control is created.
	Exclude []string
}

var (
	logGroupPattern  = regexp.MustCompile(`^[\w#/.-]{1,512}$`)
	namespacePattern = regexp.MustCompile(`^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$`)
)

// Validate reports every problem with the props, each naming its field.
func (p CISProps) Validate() error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if p.Topic == nil {
		add("topic: must not be nil; pass the *Topic from monitoring.NewTopic so every alarm notifies it")
	}
	switch lg := p.LogGroupName; {
	case lg == "":
		add("logGroupName: must not be empty; pass the CloudTrail trail's CloudWatch Logs group name (trail.LogGroupName())")
	case isToken(lg):
		if err := tfexpr.Check("logGroupName", lg); err != nil {
			errs = append(errs, err)
		}
	case strings.HasPrefix(lg, "arn:"):
		add("logGroupName: %q is an ARN; pass the log group's name", lg)
	case !logGroupPattern.MatchString(lg):
		add("logGroupName: %q is not a log group name; use 1-512 letters, digits and _-/.#", lg)
	}
	for i, d := range p.DependsOn {
		if d == nil {
			add("dependsOn[%d]: must not be nil", i)
		}
	}
	if ns := p.Namespace; ns != "" {
		switch {
		case len(ns) > 255 || !namespacePattern.MatchString(ns):
			add("namespace: %q is invalid; use 1-255 printable ASCII characters, not starting or ending with a space", ns)
		case strings.HasPrefix(ns, "AWS/"):
			add("namespace: %q starts with \"AWS/\", which is reserved for AWS services; use e.g. %q", ns, DefaultCISNamespace)
		}
	}
	known := map[string]bool{}
	for _, c := range cisControls {
		known[c.MetricName] = true
	}
	seen := map[string]int{}
	for i, x := range p.Exclude {
		switch j, dup := seen[x]; {
		case !known[x]:
			add("exclude[%d]: %q is not a CIS control metric name; use one of %s", i, x, strings.Join(metricNames(), ", "))
		case dup:
			add("exclude[%d]: %q duplicates exclude[%d]", i, x, j)
		}
		seen[x] = i
	}
	if len(p.Exclude) > 0 && len(seen) >= len(cisControls) {
		add("exclude: every control is excluded; there would be nothing to alarm on")
	}
	return errors.Join(errs...)
}

func metricNames() []string {
	out := make([]string, len(cisControls))
	for i, c := range cisControls {
		out[i] = c.MetricName
	}
	return out
}

func (p CISProps) namespace() string {
	if p.Namespace == "" {
		return DefaultCISNamespace
	}
	return p.Namespace
}
