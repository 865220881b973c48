package access

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// PolicySource is one Terraform resource type that carries a resource-based
// policy, or a grant the tier turns into policy statements. The evaluator
// (Check) and the external-access analysis (Analyze) read resource-based
// policies from PolicySources only: a construct that writes a policy on a
// new resource type adds one entry here.
type PolicySource struct {
	// Type is the Terraform resource type, e.g. "aws_sqs_queue_policy".
	Type string
	// Attr is the attribute holding the policy JSON; empty when Synth
	// builds the statements.
	Attr string
	// Kind is the evaluation rule the policy follows.
	Kind ResourceKind
	// Service is the ARN service of the resource ("s3", "kms", ...).
	Service string
	// Target returns the ARN of the resource the policy governs.
	Target func(s *Stack, name string, body map[string]any) string
	// Synth, for grants, ACLs and permissions, returns the equivalent policy
	// statements (JSON objects) and the documentation page of the mapping;
	// nil statements mean the resource grants nothing.
	Synth func(s *Stack, name string, body map[string]any) ([]map[string]any, error)
	// Replaces is set when the source replaces the resource's whole policy
	// (aws_kms_key_policy) rather than adding statements to it.
	Replaces bool
}

// targetAttr resolves attr of a policy resource to its target's ARN with
// mk (given the resolved value); a value that already is an ARN is kept.
func targetAttr(attr string, mk func(s *Stack, v string) string) func(s *Stack, name string, body map[string]any) string {
	return func(s *Stack, name string, body map[string]any) string {
		v, _ := s.attrValue(body, attr, 0)
		if strings.HasPrefix(v, "arn:") {
			return v
		}
		return mk(s, v)
	}
}

// selfARN is the ARN of the resource that carries the policy itself.
func selfARN(typ string) func(s *Stack, name string, body map[string]any) string {
	return func(s *Stack, name string, body map[string]any) string { return s.ref(typ, name, "arn") }
}

// PolicySources lists every resource-based policy and grant the tier reads.
var PolicySources = []PolicySource{
	{Type: "aws_s3_bucket_policy", Attr: "policy", Service: "s3", Target: targetAttr("bucket", func(s *Stack, v string) string { return bucketARN(s, v) })},
	{Type: "aws_s3_bucket", Attr: "policy", Service: "s3", Target: func(s *Stack, n string, b map[string]any) string {
		return bucketARN(s, s.ref("aws_s3_bucket", n, "bucket"))
	}},
	{Type: "aws_s3_bucket_acl", Service: "s3", Synth: bucketACL, Target: targetAttr("bucket", func(s *Stack, v string) string { return bucketARN(s, v) })},
	{Type: "aws_kms_key", Attr: "policy", Kind: KeyPolicy, Service: "kms", Target: selfARN("aws_kms_key")},
	{Type: "aws_kms_key_policy", Attr: "policy", Kind: KeyPolicy, Service: "kms", Replaces: true, Target: targetAttr("key_id", keyARN)},
	{Type: "aws_kms_grant", Kind: KeyPolicy, Service: "kms", Synth: kmsGrant, Target: targetAttr("key_id", keyARN)},
	{Type: "aws_sns_topic", Attr: "policy", Service: "sns", Target: selfARN("aws_sns_topic")},
	{Type: "aws_sns_topic_policy", Attr: "policy", Service: "sns", Target: targetAttr("arn", func(s *Stack, v string) string { return v })},
	{Type: "aws_sqs_queue", Attr: "policy", Service: "sqs", Target: selfARN("aws_sqs_queue")},
	{Type: "aws_sqs_queue_policy", Attr: "policy", Service: "sqs", Target: targetAttr("queue_url", queueARN)},
	{Type: "aws_secretsmanager_secret", Attr: "policy", Service: "secretsmanager", Target: selfARN("aws_secretsmanager_secret")},
	{Type: "aws_secretsmanager_secret_policy", Attr: "policy", Service: "secretsmanager", Target: targetAttr("secret_arn", func(s *Stack, v string) string { return v })},
	{Type: "aws_lambda_permission", Service: "lambda", Synth: lambdaPermission, Target: lambdaTarget},
	{Type: "aws_iam_role", Attr: "assume_role_policy", Kind: TrustPolicy, Service: "sts", Target: selfARN("aws_iam_role")},
	{Type: "aws_vpc_endpoint", Attr: "policy", Service: "ec2", Target: func(s *Stack, n string, b map[string]any) string {
		return s.arn("ec2", s.Bind.Region, "vpc-endpoint/"+n)
	}},
	{Type: "aws_vpc_endpoint_policy", Attr: "policy", Service: "ec2", Target: targetAttr("vpc_endpoint_id", func(s *Stack, v string) string { return s.arn("ec2", s.Bind.Region, "vpc-endpoint/"+v) })},
	{Type: "aws_ecr_repository_policy", Attr: "policy", Service: "ecr", Target: targetAttr("repository", func(s *Stack, v string) string { return s.arn("ecr", s.Bind.Region, "repository/"+v) })},
	{Type: "aws_elasticsearch_domain", Attr: "access_policies", Service: "es", Target: func(s *Stack, n string, b map[string]any) string {
		return s.arn("es", s.Bind.Region, "domain/"+s.attr("aws_elasticsearch_domain", n, "domain_name"))
	}},
	{Type: "aws_elasticsearch_domain_policy", Attr: "access_policies", Service: "es", Target: targetAttr("domain_name", func(s *Stack, v string) string { return s.arn("es", s.Bind.Region, "domain/"+v) })},
	{Type: "aws_opensearch_domain_policy", Attr: "access_policies", Service: "es", Target: targetAttr("domain_name", func(s *Stack, v string) string { return s.arn("es", s.Bind.Region, "domain/"+v) })},
	{Type: "aws_efs_file_system_policy", Attr: "policy", Service: "elasticfilesystem", Target: targetAttr("file_system_id", func(s *Stack, v string) string {
		return s.arn("elasticfilesystem", s.Bind.Region, "file-system/"+v)
	})},
	{Type: "aws_backup_vault_policy", Attr: "policy", Service: "backup", Target: targetAttr("backup_vault_name", func(s *Stack, v string) string { return s.arn("backup", s.Bind.Region, "backup-vault:"+v) })},
	{Type: "aws_cloudwatch_event_bus_policy", Attr: "policy", Service: "events", Target: targetAttr("event_bus_name", func(s *Stack, v string) string {
		if v == "" {
			v = "default"
		}
		return s.arn("events", s.Bind.Region, "event-bus/"+v)
	})},
	{Type: "aws_api_gateway_rest_api_policy", Attr: "policy", Service: "execute-api", Target: targetAttr("rest_api_id", func(s *Stack, v string) string { return s.arn("execute-api", s.Bind.Region, v+"/*") })},
	{Type: "aws_glacier_vault", Attr: "access_policy", Service: "glacier", Target: func(s *Stack, n string, b map[string]any) string {
		return s.arn("glacier", s.Bind.Region, "vaults/"+s.attr("aws_glacier_vault", n, "name"))
	}},
	{Type: "aws_cloudwatch_log_resource_policy", Attr: "policy_document", Service: "logs", Target: func(s *Stack, n string, b map[string]any) string {
		return s.arn("logs", s.Bind.Region, "log-group:*")
	}},
	{Type: "aws_s3tables_table_bucket_policy", Attr: "resource_policy", Service: "s3tables", Target: targetAttr("table_bucket_arn", func(s *Stack, v string) string { return v })},
	{Type: "aws_s3tables_table_policy", Attr: "resource_policy", Service: "s3tables", Target: targetAttr("table_bucket_arn", func(s *Stack, v string) string { return v })},
	{Type: "aws_s3vectors_vector_bucket_policy", Attr: "policy", Service: "s3vectors", Target: targetAttr("vector_bucket_arn", func(s *Stack, v string) string { return v })},
}

// keyARN turns a key id into the ARN of the stack's key with that id.
func keyARN(s *Stack, v string) string {
	for _, n := range s.Resources("aws_kms_key") {
		if s.ref("aws_kms_key", n, "key_id") == v {
			return s.ref("aws_kms_key", n, "arn")
		}
	}
	return s.arn("kms", s.Bind.Region, "key/"+v)
}

var queueURL = regexp.MustCompile(`^https://sqs\.([a-z0-9-]+)\.[^/]+/([0-9]{12})/([^/]+)$`)

// queueARN turns a queue URL into the queue's ARN.
func queueARN(s *Stack, v string) string {
	if m := queueURL.FindStringSubmatch(v); m != nil {
		return "arn:" + s.Bind.Partition + ":sqs:" + m[1] + ":" + m[2] + ":" + m[3]
	}
	return s.arn("sqs", s.Bind.Region, v)
}

// policyEntry is one resource-based policy read from the stack.
type policyEntry struct {
	Source *PolicySource
	// Address is the Terraform address that carries it.
	Address string
	// ARN of the governed resource.
	ARN    string
	Policy *Policy
}

// readPolicies reads every resource-based policy and grant of the stack,
// merged per governed resource (statements keep their origin in
// Statement.From). Policies that cannot be read are returned as errors
// naming the resource.
func (s *Stack) readPolicies() (byARN map[string]*Policy, kinds map[string]ResourceKind, entries []policyEntry, errs []error) {
	byARN, kinds = map[string]*Policy{}, map[string]ResourceKind{}
	replaced := map[string]bool{}
	add := func(src *PolicySource, addr, arn string, p *Policy) {
		entries = append(entries, policyEntry{Source: src, Address: addr, ARN: arn, Policy: p})
		kinds[arn] = src.Kind
		for i := range p.Statements {
			p.Statements[i].From = p.ID
		}
		cur, ok := byARN[arn]
		switch {
		case src.Replaces:
			keep := &Policy{ID: p.ID, Version: p.Version}
			if ok {
				for _, st := range cur.Statements {
					if st.synthesized {
						keep.Statements = append(keep.Statements, st)
					}
				}
			}
			keep.Statements = append(append([]Statement(nil), p.Statements...), keep.Statements...)
			byARN[arn] = keep
			replaced[arn] = true
		case !ok:
			cp := *p
			cp.Statements = append([]Statement(nil), p.Statements...)
			byARN[arn] = &cp
		case replaced[arn] && src.Synth == nil:
			// aws_kms_key_policy wins over the key's own policy attribute.
		default:
			cur.Statements = append(cur.Statements, p.Statements...)
			if cur.Version == "" {
				cur.Version = p.Version
			}
		}
	}
	for i := range PolicySources {
		src := &PolicySources[i]
		for _, n := range s.Resources(src.Type) {
			body := s.Body(src.Type, n)
			addr := src.Type + "." + n
			arn := src.Target(s, n, body)
			if src.Synth != nil {
				stmts, err := src.Synth(s, n, body)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", addr, err))
					continue
				}
				if len(stmts) == 0 {
					continue
				}
				data, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
				p, err := ParsePolicy(addr, data)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				for i := range p.Statements {
					p.Statements[i].synthesized = true
				}
				add(src, addr, arn, p)
				continue
			}
			raw, ok := body[src.Attr].(string)
			if !ok {
				if src.Type == "aws_kms_key" {
					kinds[arn] = KeyPolicy
				}
				continue
			}
			id := addr
			if src.Kind == TrustPolicy {
				id += " (trust)"
			}
			text := s.Resolve(raw)
			if strings.HasPrefix(strings.TrimSpace(text), "<unresolved:") {
				errs = append(errs, fmt.Errorf("%s: the policy is an expression the access tier cannot evaluate offline (%s)", id, text))
				continue
			}
			p, err := ParsePolicy(id, []byte(text))
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if src.Kind == TrustPolicy {
				if err := refuseTrustNotPrincipal(p); err != nil {
					errs = append(errs, err)
					continue
				}
			}
			add(src, addr, arn, p)
		}
	}
	// A key created without a policy gets the default key policy: the
	// account root may use it, delegating to IAM
	// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
	for _, n := range s.Resources("aws_kms_key") {
		arn := s.ref("aws_kms_key", n, "arn")
		if p, ok := byARN[arn]; ok && !onlySynthesized(p) {
			continue
		}
		text := `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:` +
			s.Bind.Partition + `:iam::` + s.Bind.Account + `:root"},"Action":"kms:*","Resource":"*"}]}`
		p, _ := ParsePolicy("aws_kms_key."+n+" (default key policy)", []byte(text))
		add(&PolicySources[3], "aws_kms_key."+n, arn, p)
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Address < entries[j].Address })
	return byARN, kinds, entries, errs
}

func onlySynthesized(p *Policy) bool {
	for _, st := range p.Statements {
		if !st.synthesized {
			return false
		}
	}
	return true
}

// refuseTrustNotPrincipal refuses NotPrincipal in a role trust policy,
// which AWS does not support
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
func refuseTrustNotPrincipal(p *Policy) error {
	for i := range p.Statements {
		if p.Statements[i].HasNotPrincipal {
			return fmt.Errorf("%s: NotPrincipal cannot be used in a role trust policy (AWS does not support it); name the principals allowed to assume the role in Principal", p.Ref(&p.Statements[i]))
		}
	}
	return nil
}

// Documentation of the grant mappings.
const (
	DocLambdaPermission = "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html"
	DocKMSGrant         = "https://docs.aws.amazon.com/kms/latest/developerguide/grants.html"
	DocS3ACL            = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html"
)

// lambdaTarget is the ARN of the function (and qualifier) a permission is on.
func lambdaTarget(s *Stack, n string, b map[string]any) string {
	fn, _ := s.attrValue(b, "function_name", 0)
	if !strings.HasPrefix(fn, "arn:") {
		fn = s.arn("lambda", s.Bind.Region, "function:"+fn)
	}
	if q, ok := s.attrValue(b, "qualifier", 0); ok && q != "" && strings.Count(fn, ":") == 6 {
		fn += ":" + q
	}
	return fn
}

// lambdaPermission maps aws_lambda_permission to the statement Lambda adds
// to the function policy (AddPermission): principal, action, source_arn
// as ArnLike aws:SourceArn, source_account as StringEquals
// aws:SourceAccount, principal_org_id as aws:PrincipalOrgID,
// function_url_auth_type as lambda:FunctionUrlAuthType.
func lambdaPermission(s *Stack, n string, b map[string]any) ([]map[string]any, error) {
	principal, _ := s.attrValue(b, "principal", 0)
	action, _ := s.attrValue(b, "action", 0)
	if principal == "" || action == "" {
		return nil, fmt.Errorf("principal and action are required")
	}
	st := map[string]any{"Effect": "Allow", "Action": action, "Resource": lambdaTarget(s, n, b)}
	if sid, ok := s.attrValue(b, "statement_id", 0); ok {
		st["Sid"] = sid
	} else {
		st["Sid"] = n
	}
	switch {
	case principal == "*":
		st["Principal"] = "*"
	case strings.HasSuffix(principal, ".amazonaws.com") || strings.HasSuffix(principal, ".amazonaws.com.cn") || strings.HasSuffix(principal, ".amazon.com"):
		st["Principal"] = map[string]any{"Service": principal}
	default:
		st["Principal"] = map[string]any{"AWS": principal}
	}
	cond := map[string]map[string]any{}
	put := func(op, key, attr string) {
		if v, ok := s.attrValue(b, attr, 0); ok && v != "" {
			if cond[op] == nil {
				cond[op] = map[string]any{}
			}
			cond[op][key] = v
		}
	}
	put("ArnLike", "aws:SourceArn", "source_arn")
	put("StringEquals", "aws:SourceAccount", "source_account")
	put("StringEquals", "aws:PrincipalOrgID", "principal_org_id")
	put("StringEquals", "lambda:FunctionUrlAuthType", "function_url_auth_type")
	put("StringEquals", "lambda:EventSourceToken", "event_source_token")
	if len(cond) > 0 {
		st["Condition"] = cond
	}
	return []map[string]any{st}, nil
}

// kmsGrant maps aws_kms_grant to a key-policy statement: the grantee may
// perform the grant's operations on the key, under its encryption-context
// constraints.
func kmsGrant(s *Stack, n string, b map[string]any) ([]map[string]any, error) {
	grantee, _ := s.attrValue(b, "grantee_principal", 0)
	var ops []string
	for _, o := range asList(b["operations"]) {
		if str, ok := o.(string); ok {
			ops = append(ops, "kms:"+s.Resolve(str))
		}
	}
	if grantee == "" || len(ops) == 0 {
		return nil, fmt.Errorf("grantee_principal and operations are required")
	}
	st := map[string]any{"Sid": "grant " + n, "Effect": "Allow", "Principal": map[string]any{"AWS": grantee}, "Action": ops, "Resource": "*"}
	cond := map[string]map[string]any{}
	for _, c := range asList(b["constraints"]) {
		cm, _ := c.(map[string]any)
		for attr, op := range map[string]string{"encryption_context_equals": "StringEquals", "encryption_context_subset": "StringEquals"} {
			ec, _ := cm[attr].(map[string]any)
			for k, v := range ec {
				if str, ok := v.(string); ok {
					if cond[op] == nil {
						cond[op] = map[string]any{}
					}
					cond[op]["kms:EncryptionContext:"+k] = s.Resolve(str)
				}
			}
		}
	}
	if len(cond) > 0 {
		st["Condition"] = cond
	}
	return []map[string]any{st}, nil
}

// aclActions are the S3 actions a bucket ACL permission grants
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions).
var aclActions = map[string][]string{
	"READ":         {"s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"},
	"WRITE":        {"s3:PutObject", "s3:DeleteObject"},
	"READ_ACP":     {"s3:GetBucketAcl"},
	"WRITE_ACP":    {"s3:PutBucketAcl"},
	"FULL_CONTROL": {"s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads", "s3:PutObject", "s3:DeleteObject", "s3:GetBucketAcl", "s3:PutBucketAcl"},
}

// cannedACL maps canned ACLs to their grants (grantee group URI ->
// permissions); the owner's own full control is left out.
var cannedACL = map[string]map[string][]string{
	"public-read":        {"http://acs.amazonaws.com/groups/global/AllUsers": {"READ"}},
	"public-read-write":  {"http://acs.amazonaws.com/groups/global/AllUsers": {"READ", "WRITE"}},
	"authenticated-read": {"http://acs.amazonaws.com/groups/global/AuthenticatedUsers": {"READ"}},
}

// bucketACL maps aws_s3_bucket_acl grants to bucket-policy statements:
// AllUsers as Principal "*", AuthenticatedUsers (any AWS account) as
// Principal {"AWS":"*"}, a canonical user as Principal CanonicalUser. The
// log-delivery group and the owner's own grants open nothing to outsiders.
func bucketACL(s *Stack, n string, b map[string]any) ([]map[string]any, error) {
	bucket := s.attr("aws_s3_bucket_acl", n, "bucket")
	arn := bucketARN(s, bucket)
	grants := map[string][]string{}
	if acl := s.attr("aws_s3_bucket_acl", n, "acl"); acl != "" {
		for g, perms := range cannedACL[acl] {
			grants[g] = append(grants[g], perms...)
		}
	}
	owner := ""
	for _, acp := range asList(b["access_control_policy"]) {
		am, _ := acp.(map[string]any)
		if o := first(am["owner"]); o != nil {
			owner, _ = s.attrValue(o, "id", 0)
		}
		for _, g := range asList(am["grant"]) {
			gm, _ := g.(map[string]any)
			perm, _ := s.attrValue(gm, "permission", 0)
			ge := first(gm["grantee"])
			typ, _ := s.attrValue(ge, "type", 0)
			var who string
			switch typ {
			case "Group":
				who, _ = s.attrValue(ge, "uri", 0)
			case "CanonicalUser":
				id, _ := s.attrValue(ge, "id", 0)
				if id == "" || id == owner || strings.Contains(id, "<unresolved:data.aws_canonical_user_id") {
					continue
				}
				who = "canonical:" + id
			case "AmazonCustomerByEmail":
				e, _ := s.attrValue(ge, "email_address", 0)
				who = "email:" + e
			}
			if who != "" {
				grants[who] = append(grants[who], perm)
			}
		}
	}
	whos := make([]string, 0, len(grants))
	for w := range grants {
		whos = append(whos, w)
	}
	sort.Strings(whos)
	var out []map[string]any
	for _, who := range whos {
		var principal any
		switch {
		case strings.HasSuffix(who, "/global/AllUsers"):
			principal = "*"
		case strings.HasSuffix(who, "/global/AuthenticatedUsers"):
			principal = map[string]any{"AWS": "*"}
		case strings.HasPrefix(who, "canonical:"):
			principal = map[string]any{"CanonicalUser": strings.TrimPrefix(who, "canonical:")}
		case strings.HasPrefix(who, "email:"):
			principal = map[string]any{"CanonicalUser": who}
		default:
			continue // LogDelivery and other AWS groups
		}
		seen := map[string]bool{}
		var actions []string
		for _, p := range grants[who] {
			for _, a := range aclActions[p] {
				if !seen[a] {
					seen[a] = true
					actions = append(actions, a)
				}
			}
		}
		if len(actions) == 0 {
			continue
		}
		out = append(out, map[string]any{"Sid": "ACL grant to " + who, "Effect": "Allow", "Principal": principal,
			"Action": actions, "Resource": []string{arn, arn + "/*"}})
	}
	return out, nil
}
