package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "POL001",
		Title:    "policy that is not a valid JSON policy document",
		Severity: engine.Error,
		Doc: "A policy attribute (IAM identity policies and role inline policies, trust policies, bucket, key, topic, " +
			"queue, secret, repository, endpoint and log resource policies) whose text is not valid JSON, is JSON but " +
			"not an object, has no Statement, or has a statement that is not an object, whose Effect is not Allow or " +
			"Deny, whose condition operator IAM does not know (StringEqual, stringequals) or whose Resource is " +
			"neither \"*\", an ARN nor a reference; a ${jsonencode({...})} document is checked the same way, and the " +
			"statements of a data.aws_iam_policy_document for condition tests and resources. References and other " +
			"${...} templates are resolved first where the guard knows their value, and one left inside a JSON string " +
			"(\"Resource\": \"${aws_s3_bucket.b.arn}/*\") or standing for a whole value is fine. Why: AWS refuses the " +
			"document at apply (MalformedPolicyDocument), and the other policy rules cannot judge it, so it must not " +
			"pass silently. Fix: build the policy with data.aws_iam_policy_document or jsonencode(), or correct it.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			eachPolicy(s, func(h policyHolder) {
				if problem := policyJSONProblem(s, h.value); problem != "" {
					p.Reportf(h.resource, "write the policy with data.aws_iam_policy_document or jsonencode(), or correct the JSON",
						"%s %s", h.attr, problem)
				}
			})
			for _, d := range s.DataOfType("aws_iam_policy_document") {
				if s.FlowsOnlyIntoModules(d.Address) {
					continue // judged where the module attaches it (a module may rewrite it: placeholders)
				}
				if problem := documentBlocksProblem(d); problem != "" {
					p.Reportf(d, "correct the statement: a known condition test, and resources that are \"*\", ARNs or references", "%s", problem)
				}
			}
		},
	})
}

// documentBlocksProblem checks the statement blocks of a
// data.aws_iam_policy_document the way documentProblem checks JSON:
// condition tests and resources (the provider checks neither before apply).
func documentBlocksProblem(d *engine.Resource) string {
	unknown := func(v any) bool { s, ok := v.(string); return ok && engine.HasInterp(s) }
	for i, sb := range engine.Blocks(d.Body["statement"]) {
		for _, c := range engine.Blocks(sb["condition"]) {
			if op := engine.Str(c["test"]); op != "" && !engine.HasInterp(op) {
				if p := conditionOperatorProblem(op); p != "" {
					return fmt.Sprintf("statement #%d %s", i+1, p)
				}
			}
		}
		for _, k := range []string{"resources", "not_resources"} {
			for _, r := range engine.Strs(sb[k]) {
				if p := resourceProblem(r, unknown); p != "" {
					return fmt.Sprintf("statement #%d %s", i+1, strings.Replace(p, "has Resource", "has "+k+" entry", 1))
				}
			}
		}
	}
	return ""
}

// policyAttr is an attribute that holds a policy document.
type policyAttr struct {
	typ, attr string
	identity  bool // an identity policy (no Principal); else a resource or trust policy
}

// policyAttrs lists the attributes the guard reads as policy documents.
var policyAttrs = []policyAttr{
	{"aws_iam_policy", "policy", true},
	{"aws_iam_role_policy", "policy", true},
	{"aws_iam_user_policy", "policy", true},
	{"aws_iam_group_policy", "policy", true},
	{"aws_iam_role", "assume_role_policy", false},
	{"aws_s3_bucket", "policy", false},
	{"aws_s3_bucket_policy", "policy", false},
	{"aws_s3_access_point", "policy", false},
	{"aws_kms_key", "policy", false},
	{"aws_kms_key_policy", "policy", false},
	{"aws_sns_topic", "policy", false},
	{"aws_sns_topic_policy", "policy", false},
	{"aws_sqs_queue", "policy", false},
	{"aws_sqs_queue_policy", "policy", false},
	{"aws_secretsmanager_secret", "policy", false},
	{"aws_secretsmanager_secret_policy", "policy", false},
	{"aws_ecr_repository_policy", "policy", false},
	{"aws_vpc_endpoint", "policy", false},
	{"aws_cloudwatch_log_resource_policy", "policy_document", false},
	{"aws_backup_vault_policy", "policy", false},
	{"aws_efs_file_system_policy", "policy", false},
	{"aws_glacier_vault", "access_policy", false},
	{"aws_opensearch_domain", "access_policies", false},
	{"aws_elasticsearch_domain", "access_policies", false},
	{"aws_cloudwatch_event_bus_policy", "policy", false},
	{"aws_dynamodb_resource_policy", "policy", false},
	{"aws_api_gateway_rest_api_policy", "policy", false},
	// the same job on more resource types (issue 28): standalone domain, repository, registry and
	// identity policies; attribute names from the AWS provider's resource documentation
	// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs)
	{"aws_elasticsearch_domain_policy", "access_policies", false},
	{"aws_opensearch_domain_policy", "access_policies", false},
	{"aws_ecrpublic_repository_policy", "policy", false},
	{"aws_codeartifact_domain_permissions_policy", "policy_document", false},
	{"aws_codeartifact_repository_permissions_policy", "policy_document", false},
	{"aws_glue_resource_policy", "policy", false},
	{"aws_ses_identity_policy", "policy", false},
	{"aws_s3control_access_point_policy", "policy", false},
	{"aws_schemas_registry_policy", "policy", false},
	{"aws_networkfirewall_resource_policy", "policy", false},
	{"aws_msk_cluster_policy", "policy", false},
}

// policyHolder is one policy-valued attribute of a resource.
type policyHolder struct {
	resource *engine.Resource
	attr     string // "policy", "inline_policy #1", ...
	value    any
	identity bool
}

// eachPolicy calls fn for every policy attribute set in the stack, in
// policyAttrs order then by address, including aws_iam_role inline_policy blocks.
func eachPolicy(s *engine.Stack, fn func(policyHolder)) {
	for _, pa := range policyAttrs {
		for _, r := range s.OfType(pa.typ) {
			if v, ok := r.Body[pa.attr]; ok && v != nil {
				fn(policyHolder{r, pa.attr, v, pa.identity})
			}
		}
	}
	for _, r := range s.OfType("aws_iam_role") {
		for i, b := range engine.Blocks(r.Body["inline_policy"]) {
			if v, ok := b["policy"]; ok && v != nil {
				fn(policyHolder{r, fmt.Sprintf("inline_policy #%d", i+1), v, true})
			}
		}
	}
}

// policyJSONProblem says what is wrong with a policy value written as JSON
// text, or "" when it is a valid document or cannot be judged (a reference
// or expression the guard cannot resolve, a jsonencode() call, a template
// with %{...} directives).
func policyJSONProblem(s *engine.Stack, v any) string {
	text, ok := v.(string)
	if !ok || strings.TrimSpace(text) == "" {
		return ""
	}
	if e, single := engine.SingleInterp(text); single {
		if strings.HasPrefix(strings.TrimSpace(e), "jsonencode(") {
			val, err := engine.ParseJSONEncode(e)
			if err != nil {
				return "" // a call the guard cannot read; the core reports malformed expressions
			}
			// Values the guard cannot know stay "${...}" strings: any value.
			return documentProblem(val, func(v any) bool { s, ok := v.(string); return ok && engine.HasInterp(s) })
		}
		resolved := s.Resolve(text)
		if _, still := engine.SingleInterp(resolved); still || resolved == text {
			return "" // a reference or function call: not JSON text
		}
		text = resolved
	}
	if strings.Contains(text, "%{") && strings.Contains(text, "}") {
		return "" // a template directive generates the text
	}
	var doc any
	if err := json.Unmarshal([]byte(neutralTemplateJSON(text)), &doc); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Sprintf("is not valid JSON: %s (near %q)", se.Error(), around(text, neutralOffset(text, int(se.Offset))))
		}
		return "is not valid JSON: " + err.Error()
	}
	// An interpolation standing for a whole value became null, one inside a
	// string became the marker: neither is judged.
	return documentProblem(doc, func(v any) bool {
		s, isStr := v.(string)
		return v == nil || isStr && strings.Contains(s, interpMarker)
	})
}

// documentProblem checks the shape of a decoded policy document; unknown
// tells the values that stand for something the guard cannot see.
func documentProblem(doc any, unknown func(any) bool) string {
	if unknown(doc) {
		return ""
	}
	m, isObj := doc.(map[string]any)
	if !isObj {
		return "is not an object: a policy document is {\"Version\": \"2012-10-17\", \"Statement\": [...]}"
	}
	st, has := m["Statement"]
	if !has {
		return "has no Statement"
	}
	if unknown(st) {
		return ""
	}
	for i, e := range engine.List(st) {
		if unknown(e) {
			continue
		}
		sm, isObj := e.(map[string]any)
		if !isObj {
			return fmt.Sprintf("has statement #%d that is not an object", i+1)
		}
		if !hasKey(sm, "Effect") {
			return fmt.Sprintf("has statement #%d without Effect", i+1)
		}
		if eff, isStr := sm["Effect"].(string); isStr && !unknown(eff) && eff != "Allow" && eff != "Deny" {
			return fmt.Sprintf("has statement #%d with Effect %q; AWS accepts only \"Allow\" or \"Deny\"", i+1, eff)
		}
		if ops, isObj := sm["Condition"].(map[string]any); isObj {
			for _, op := range engine.SortedKeys(ops) {
				if p := conditionOperatorProblem(op); p != "" && !unknown(op) {
					return fmt.Sprintf("statement #%d %s", i+1, p)
				}
			}
		}
		for _, k := range []string{"Resource", "NotResource"} {
			for _, r := range engine.List(sm[k]) {
				if rs, isStr := r.(string); isStr {
					if p := resourceProblem(rs, unknown); p != "" {
						return fmt.Sprintf("statement #%d %s", i+1, strings.Replace(p, "Resource", k, 1))
					}
				}
			}
		}
	}
	return ""
}

func hasKey(m map[string]any, k string) bool { _, ok := m[k]; return ok }

// interpMarker stands for an interpolation inside a JSON string once the
// template is neutralized: a private-use character no policy contains.
const interpMarker = "\uE000"

// conditionOperators are the IAM condition operators, without the IfExists
// suffix and the ForAnyValue:/ForAllValues: prefixes
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
var conditionOperators = map[string]bool{
	"StringEquals": true, "StringNotEquals": true, "StringEqualsIgnoreCase": true, "StringNotEqualsIgnoreCase": true,
	"StringLike": true, "StringNotLike": true,
	"NumericEquals": true, "NumericNotEquals": true, "NumericLessThan": true, "NumericLessThanEquals": true,
	"NumericGreaterThan": true, "NumericGreaterThanEquals": true,
	"DateEquals": true, "DateNotEquals": true, "DateLessThan": true, "DateLessThanEquals": true,
	"DateGreaterThan": true, "DateGreaterThanEquals": true,
	"Bool": true, "BinaryEquals": true, "IpAddress": true, "NotIpAddress": true,
	"ArnEquals": true, "ArnLike": true, "ArnNotEquals": true, "ArnNotLike": true, "Null": true,
}

// conditionOperatorProblem says why IAM refuses a condition operator, or "".
func conditionOperatorProblem(op string) string {
	base := op
	for _, p := range []string{"ForAnyValue:", "ForAllValues:"} {
		base = strings.TrimPrefix(base, p)
	}
	if b, ok := strings.CutSuffix(base, "IfExists"); ok && b != "Null" {
		base = b
	}
	if conditionOperators[base] {
		return ""
	}
	for known := range conditionOperators {
		if strings.EqualFold(known, base) {
			return fmt.Sprintf("has condition operator %q; IAM's is %q (operators are case-sensitive)", op, known)
		}
	}
	return fmt.Sprintf("has condition operator %q, which IAM does not know (StringEquals, StringLike, ArnLike, Bool, IpAddress, ...)", op)
}

// resourceProblem says why IAM refuses a Resource value: neither "*", an ARN nor a reference.
func resourceProblem(r string, unknown func(any) bool) string {
	// API Gateway resource policies name methods as execute-api:/stage/VERB/path.
	if r == "*" || strings.HasPrefix(r, "arn:") || strings.HasPrefix(r, "execute-api:") || unknown(r) {
		return ""
	}
	return fmt.Sprintf("has Resource %q, which is neither \"*\", an ARN (arn:...) nor a reference", r)
}

// neutralTemplateJSON replaces each ${...} of a template with JSON that
// parses where it stands: interpMarker inside a JSON string, null outside one (an
// interpolation standing for a whole value).
func neutralTemplateJSON(text string) string {
	is := engine.Interps(text)
	if len(is) == 0 {
		return text
	}
	var b strings.Builder
	inStr, esc := false, false
	next := 0
	for pos := 0; pos < len(text); {
		if next < len(is) && pos == is[next].Start {
			if inStr {
				b.WriteString(interpMarker)
			} else {
				b.WriteString("null")
			}
			pos = is[next].End
			next++
			continue
		}
		c := text[pos]
		switch {
		case inStr && esc:
			esc = false
		case inStr && c == '\\':
			esc = true
		case c == '"':
			inStr = !inStr
		}
		b.WriteByte(c)
		pos++
	}
	return b.String()
}

// neutralOffset maps an offset in neutralTemplateJSON(text) back to text.
func neutralOffset(text string, off int) int {
	is := engine.Interps(text)
	inStr, esc := false, false
	next, n := 0, 0
	for pos := 0; pos < len(text); {
		if n >= off {
			return pos
		}
		if next < len(is) && pos == is[next].Start {
			w := len("null")
			if inStr {
				w = len(interpMarker)
			}
			n += w
			pos = is[next].End
			next++
			continue
		}
		c := text[pos]
		switch {
		case inStr && esc:
			esc = false
		case inStr && c == '\\':
			esc = true
		case c == '"':
			inStr = !inStr
		}
		n++
		pos++
	}
	return len(text)
}

// around returns up to 20 bytes of text before offset off, for messages.
func around(text string, off int) string {
	if off > len(text) {
		off = len(text)
	}
	start := off - 20
	if start < 0 {
		start = 0
	}
	return text[start:off]
}
