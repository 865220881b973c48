package access

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
)

// PlaceholderAccount is the account id bound to data.aws_caller_identity
// when the stack's configuration does not name one.
const PlaceholderAccount = "123456789012"

// Binding holds the values the access tier binds to references that cannot
// be resolved offline.
type Binding struct {
	// Account bound to data.aws_caller_identity (default PlaceholderAccount).
	Account string
	// Region bound to data.aws_region (default: the aws provider's region,
	// else us-east-1).
	Region string
	// Partition bound to data.aws_partition (default: derived from Region).
	Partition string
	// Org is the AWS Organizations id ("o-...") that widens the zone of
	// trust of the external-access analysis from Account to the
	// organization (aws:PrincipalOrgID); default: the account alone.
	Org string
}

// Stack is one synthesized cdk.tf.json with its references resolvable.
type Stack struct {
	// File the stack was read from.
	File string
	// Bind is the binding in effect (defaults filled in).
	Bind Binding

	doc        map[string]any
	resources  map[string]map[string]map[string]any
	data       map[string]map[string]map[string]any
	unresolved map[string]bool
}

// LoadStack reads and parses a cdk.tf.json. A zero Binding field takes its
// default.
func LoadStack(file string, bind Binding) (*Stack, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not a Terraform JSON configuration: %w", file, err)
	}
	return NewStack(file, doc, bind)
}

// NewStack wraps an already parsed Terraform JSON document.
func NewStack(file string, doc map[string]any, bind Binding) (*Stack, error) {
	_, hasRes := doc["resource"]
	_, hasData := doc["data"]
	if !hasRes && !hasData {
		return nil, fmt.Errorf("%s: no \"resource\" or \"data\" block: not a synthesized Terraform configuration", file)
	}
	s := &Stack{File: file, doc: doc, unresolved: map[string]bool{}}
	s.resources = blocks(doc["resource"])
	s.data = blocks(doc["data"])
	if bind.Region == "" {
		bind.Region = providerRegion(doc)
	}
	if bind.Region == "" {
		bind.Region = "us-east-1"
	}
	if bind.Account == "" {
		bind.Account = PlaceholderAccount
	}
	if bind.Partition == "" {
		bind.Partition = partitionOf(bind.Region)
	}
	s.Bind = bind
	return s, nil
}

func blocks(v any) map[string]map[string]map[string]any {
	out := map[string]map[string]map[string]any{}
	top, _ := v.(map[string]any)
	for typ, byName := range top {
		m, _ := byName.(map[string]any)
		out[typ] = map[string]map[string]any{}
		for name, body := range m {
			if b, ok := body.(map[string]any); ok {
				out[typ][name] = b
			}
		}
	}
	return out
}

func providerRegion(doc map[string]any) string {
	prov, _ := doc["provider"].(map[string]any)
	var list []any
	switch x := prov["aws"].(type) {
	case []any:
		list = x
	case map[string]any:
		list = []any{x}
	}
	for _, p := range list {
		m, _ := p.(map[string]any)
		if _, aliased := m["alias"]; aliased {
			continue
		}
		if r, ok := m["region"].(string); ok && !strings.Contains(r, "${") {
			return r
		}
	}
	return ""
}

func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// DNSSuffix of the bound partition.
func (s *Stack) DNSSuffix() string {
	if s.Bind.Partition == "aws-cn" {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}

// Resources returns the names of the resources of one type, sorted.
func (s *Stack) Resources(typ string) []string {
	names := make([]string, 0, len(s.resources[typ]))
	for n := range s.resources[typ] {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Body returns a resource's body (nil when absent).
func (s *Stack) Body(typ, name string) map[string]any { return s.resources[typ][name] }

// Unresolved lists the references no binding could resolve, sorted.
func (s *Stack) Unresolved() []string {
	out := make([]string, 0, len(s.unresolved))
	for r := range s.unresolved {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Resolve substitutes every Terraform interpolation in str. A reference
// that cannot be bound becomes "<unresolved:EXPR>" (recorded in
// Unresolved), so no policy can match it by accident.
func (s *Stack) Resolve(str string) string {
	return s.resolve(str, 0)
}

// tryResolve resolves str without recording what it cannot resolve; ok is
// false when something stayed unresolved.
func (s *Stack) tryResolve(str string) (string, bool) {
	saved := s.unresolved
	s.unresolved = map[string]bool{}
	out := s.resolve(str, 0)
	ok := len(s.unresolved) == 0
	s.unresolved = saved
	return out, ok
}

func (s *Stack) resolve(str string, depth int) string {
	if depth > 10 || !strings.Contains(str, "${") {
		return str
	}
	// "$${" is Terraform's escape for a literal "${" (an IAM policy
	// variable); keep it out of the substitution.
	const sentinel = "__access_literal_interp__{"
	str = strings.ReplaceAll(str, "$${", sentinel)
	var b strings.Builder
	last := 0
	for _, span := range interpolations(str) {
		b.WriteString(str[last:span[0]])
		last = span[1]
		expr := strings.TrimSpace(str[span[0]+2 : span[1]-1])
		v, ok := s.reference(expr, depth)
		if !ok {
			v, ok = s.evalExpr(expr, depth)
		}
		if !ok {
			s.unresolved[expr] = true
			// The marker lands inside JSON policy text: keep it JSON-safe.
			v = "<unresolved:" + strings.NewReplacer(`"`, "'", `\`, "/", "\n", " ").Replace(expr) + ">"
		}
		b.WriteString(v)
	}
	b.WriteString(str[last:])
	out := b.String()
	return strings.ReplaceAll(out, sentinel, "${")
}

// attrValue reads a literal attribute of a body and resolves it.
func (s *Stack) attrValue(body map[string]any, attr string, depth int) (string, bool) {
	v, ok := body[attr].(string)
	if !ok {
		return "", false
	}
	return s.resolve(v, depth+1), true
}

// refPattern matches a reference to a resource's or data source's
// attribute. An instance key after the name (name[0], name[each.key], from
// count or for_each) is accepted: every instance shares the configuration
// the access tier reads.
var refPattern = regexp.MustCompile(`^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[[^\]]+\])?\.([a-z0-9_]+)((?:\[[0-9]+\])?(?:\.[a-z0-9_]+)?)$`)

// reference resolves one interpolated expression such as
// "aws_s3_bucket.logs.arn" or "data.aws_partition.p.partition".
func (s *Stack) reference(expr string, depth int) (string, bool) {
	if v, ok := s.variableOrLocal(expr, depth); ok {
		return v, true
	}
	m := refPattern.FindStringSubmatch(expr)
	if m == nil {
		return "", false
	}
	isData, typ, name, attr, rest := m[1] != "", m[2], m[3], m[4], m[5]
	b := s.Bind
	if isData {
		body, ok := s.data[typ][name]
		if !ok {
			return "", false
		}
		switch typ + "." + attr {
		case "aws_caller_identity.account_id", "aws_caller_identity.id":
			return b.Account, true
		case "aws_caller_identity.arn":
			return "arn:" + b.Partition + ":iam::" + b.Account + ":root", true
		case "aws_partition.partition", "aws_partition.id":
			return b.Partition, true
		case "aws_partition.dns_suffix":
			return s.DNSSuffix(), true
		case "aws_region.name", "aws_region.region", "aws_region.id":
			return b.Region, true
		case "aws_elb_service_account.id":
			if d, err := catalog.ELBLogDeliveryFor("", b.Region); err == nil && d.Account != "" {
				return d.Account, true
			}
		case "aws_elb_service_account.arn":
			if d, err := catalog.ELBLogDeliveryFor("", b.Region); err == nil && d.Account != "" {
				return "arn:" + b.Partition + ":iam::" + d.Account + ":root", true
			}
		case "aws_iam_policy_document.json", "aws_iam_policy_document.minified_json":
			return s.policyDocument(body, depth)
		}
		return "", false
	}
	body, ok := s.resources[typ][name]
	if !ok {
		return "", false
	}
	lit := func(a string) (string, bool) { return s.attrValue(body, a, depth) }
	arn := func(service, region, account, res string) string {
		return "arn:" + b.Partition + ":" + service + ":" + region + ":" + account + ":" + res
	}
	nameOr := func(attrs ...string) string {
		for _, a := range attrs {
			if v, ok := lit(a); ok {
				return v
			}
		}
		return "placeholder-" + name
	}
	if rest != "" {
		if typ == "aws_db_instance" && attr == "master_user_secret" && strings.HasSuffix(rest, ".secret_arn") {
			return arn("secretsmanager", b.Region, b.Account, "secret:rds!db-"+placeholderID(typ+"."+name)+"-AbCdEf"), true
		}
		return "", false
	}
	switch typ {
	case "aws_s3_bucket":
		switch attr {
		case "id", "bucket":
			return nameOr("bucket"), true
		case "arn":
			return "arn:" + b.Partition + ":s3:::" + nameOr("bucket"), true
		}
	case "aws_s3_object":
		switch attr {
		case "bucket", "key":
			return lit(attr)
		}
	case "aws_kms_key":
		switch attr {
		case "arn":
			return arn("kms", b.Region, b.Account, "key/"+placeholderID(typ+"."+name)), true
		case "key_id", "id":
			return placeholderID(typ + "." + name), true
		}
	case "aws_kms_alias":
		switch attr {
		case "arn":
			return arn("kms", b.Region, b.Account, nameOr("name")), true
		case "name", "id":
			return nameOr("name"), true
		}
	case "aws_cloudwatch_log_group":
		switch attr {
		case "arn":
			return arn("logs", b.Region, b.Account, "log-group:"+nameOr("name")), true
		case "name", "id":
			return nameOr("name"), true
		}
	case "aws_iam_role", "aws_iam_policy":
		kind := map[string]string{"aws_iam_role": "role", "aws_iam_policy": "policy"}[typ]
		path := "/"
		if p, ok := lit("path"); ok {
			path = p
		}
		switch attr {
		case "arn":
			return arn("iam", "", b.Account, kind+path+nameOr("name")), true
		case "name":
			return nameOr("name"), true
		case "id":
			if typ == "aws_iam_policy" {
				return arn("iam", "", b.Account, kind+path+nameOr("name")), true
			}
			return nameOr("name"), true
		case "policy":
			return lit("policy")
		}
	case "aws_sns_topic":
		switch attr {
		case "arn", "id":
			return arn("sns", b.Region, b.Account, nameOr("name")), true
		case "name":
			return nameOr("name"), true
		}
	case "aws_cloudtrail":
		switch attr {
		case "arn":
			return arn("cloudtrail", b.Region, b.Account, "trail/"+nameOr("name")), true
		case "name", "id":
			return nameOr("name"), true
		}
	case "aws_lambda_function":
		switch attr {
		case "arn":
			return arn("lambda", b.Region, b.Account, "function:"+nameOr("function_name")), true
		case "function_name", "id":
			return nameOr("function_name"), true
		}
	case "aws_db_instance":
		switch attr {
		case "arn":
			return arn("rds", b.Region, b.Account, "db:"+nameOr("identifier")), true
		case "identifier":
			return nameOr("identifier"), true
		}
	case "aws_secretsmanager_secret":
		switch attr {
		case "arn", "id":
			return arn("secretsmanager", b.Region, b.Account, "secret:"+nameOr("name")+"-AbCdEf"), true
		}
	case "aws_sqs_queue":
		switch attr {
		case "arn":
			return arn("sqs", b.Region, b.Account, nameOr("name")), true
		}
	case "aws_lb", "aws_alb", "aws_lb_target_group", "aws_alb_target_group":
		// arn:...:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>
		// or targetgroup/<name>/<id>:
		// https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/load-balancer-authentication-access-control.html
		kind := "loadbalancer/app/"
		if strings.Contains(typ, "target_group") {
			kind = "targetgroup/"
		}
		switch attr {
		case "arn", "id":
			return arn("elasticloadbalancing", b.Region, b.Account, kind+nameOr("name")+"/"+strings.ReplaceAll(placeholderID(typ+"."+name), "-", "")[:16]), true
		case "name":
			return nameOr("name"), true
		}
	case "aws_wafv2_web_acl":
		switch attr {
		case "arn":
			return arn("wafv2", b.Region, b.Account, "regional/webacl/"+nameOr("name")+"/"+placeholderID(typ+"."+name)), true
		case "name":
			return nameOr("name"), true
		}
	case "aws_ecr_repository":
		switch attr {
		case "arn":
			return arn("ecr", b.Region, b.Account, "repository/"+nameOr("name")), true
		case "name", "id":
			return nameOr("name"), true
		case "repository_url":
			return b.Account + ".dkr.ecr." + b.Region + "." + s.DNSSuffix() + "/" + nameOr("name"), true
		}
	case "aws_ecs_cluster":
		switch attr {
		case "arn", "id":
			return arn("ecs", b.Region, b.Account, "cluster/"+nameOr("name")), true
		case "name":
			return nameOr("name"), true
		}
	case "aws_ecs_task_definition":
		switch attr {
		case "arn":
			return arn("ecs", b.Region, b.Account, "task-definition/"+nameOr("family")+":1"), true
		case "family":
			return nameOr("family"), true
		}
	case "aws_guardduty_detector":
		// Detector ids are 32 hex characters.
		id := strings.ReplaceAll(placeholderID(typ+"."+name), "-", "")
		switch attr {
		case "arn":
			return arn("guardduty", b.Region, b.Account, "detector/"+id), true
		case "id":
			return id, true
		}
	case "aws_iam_service_linked_role":
		// https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
		roles := map[string]string{"autoscaling.amazonaws.com": "AWSServiceRoleForAutoScaling"}
		svc, _ := lit("aws_service_name")
		role, ok := roles[svc]
		if !ok {
			return "", false
		}
		if suffix, ok := lit("custom_suffix"); ok && suffix != "" {
			role += "_" + suffix
		}
		switch attr {
		case "arn":
			return arn("iam", "", b.Account, "role/aws-service-role/"+svc+"/"+role), true
		case "name":
			return role, true
		}
	case "aws_cloudwatch_event_rule":
		switch attr {
		case "arn":
			return arn("events", b.Region, b.Account, "rule/"+nameOr("name")), true
		case "name", "id":
			return nameOr("name"), true
		}
	case "aws_dynamodb_table":
		switch attr {
		case "arn":
			return arn("dynamodb", b.Region, b.Account, "table/"+nameOr("name")), true
		case "name", "id":
			return nameOr("name"), true
		}
	case "aws_scheduler_schedule":
		switch attr {
		case "arn":
			return arn("scheduler", b.Region, b.Account, "schedule/default/"+nameOr("name")), true
		}
	case "aws_vpc":
		switch attr {
		case "id":
			return "vpc-" + placeholderID(typ + "." + name)[:17], true
		}
	}
	if attr == "name" || attr == "bucket" || attr == "key" {
		return lit(attr)
	}
	return "", false
}

// placeholderID is a deterministic UUID-shaped id for a resource address.
func placeholderID(addr string) string {
	h := sha256.Sum256([]byte(addr))
	x := hex.EncodeToString(h[:16])
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// policyDocument renders an aws_iam_policy_document data source as policy
// JSON, the way the provider does.
func (s *Stack) policyDocument(body map[string]any, depth int) (string, bool) {
	version := "2012-10-17"
	if v, ok := body["version"].(string); ok {
		version = v
	}
	var stmts []map[string]any
	for _, raw := range asList(body["statement"]) {
		st, _ := raw.(map[string]any)
		out := map[string]any{"Effect": "Allow"}
		if e, ok := st["effect"].(string); ok {
			out["Effect"] = e
		}
		if sid, ok := st["sid"].(string); ok {
			out["Sid"] = sid
		}
		for src, dst := range map[string]string{"actions": "Action", "not_actions": "NotAction", "resources": "Resource", "not_resources": "NotResource"} {
			if l := asList(st[src]); l != nil {
				out[dst] = s.resolveList(l, depth)
			}
		}
		for src, dst := range map[string]string{"principals": "Principal", "not_principals": "NotPrincipal"} {
			ps := asList(st[src])
			if ps == nil {
				continue
			}
			pm := map[string]any{}
			for _, p := range ps {
				pb, _ := p.(map[string]any)
				typ, _ := pb["type"].(string)
				ids := s.resolveList(asList(pb["identifiers"]), depth)
				if typ == "*" {
					pm = nil
					out[dst] = "*"
					break
				}
				prev, _ := pm[typ].([]string)
				pm[typ] = append(prev, ids...)
			}
			if pm != nil {
				out[dst] = pm
			}
		}
		if conds := asList(st["condition"]); conds != nil {
			cm := map[string]map[string][]string{}
			for _, c := range conds {
				cb, _ := c.(map[string]any)
				test, _ := cb["test"].(string)
				variable, _ := cb["variable"].(string)
				if cm[test] == nil {
					cm[test] = map[string][]string{}
				}
				cm[test][variable] = append(cm[test][variable], s.resolveList(asList(cb["values"]), depth)...)
			}
			out["Condition"] = cm
		}
		stmts = append(stmts, out)
	}
	data, err := json.Marshal(map[string]any{"Version": version, "Statement": stmts})
	if err != nil {
		return "", false
	}
	return string(data), true
}

func (s *Stack) resolveList(l []any, depth int) []string {
	out := make([]string, 0, len(l))
	for _, v := range l {
		if str, ok := v.(string); ok {
			out = append(out, s.resolve(str, depth+1))
		}
	}
	return out
}

func asList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case map[string]any:
		return []any{x}
	case string:
		return []any{x}
	}
	return nil
}
