package encryption

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// Sids of the statements the Allow*/Grant* methods manage.
const (
	SidCloudWatchLogs      = "AllowCloudWatchLogs"
	SidCloudTrailEncrypt   = "AllowCloudTrailEncryptLogs"
	SidCloudTrailDescribe  = "AllowCloudTrailDescribeKey"
	SidCloudTrailDecrypt   = "AllowAccountDecryptCloudTrailLogs"
	SidGrantEncryptDecrypt = "GrantEncryptDecrypt"
	SidGrantDecrypt        = "GrantDecrypt"
	SidEventBridge         = "AllowEventBridgeUseKey"
	SidEBSViaEC2           = "AllowEBSThroughEC2"
	SidEBSAutoScaling      = "AllowAutoScalingEBSThroughEC2"
	SidEBSAutoScalingGrant = "AllowAutoScalingEBSGrantsThroughEC2"
)

var reserved = map[string]bool{
	SidRootAdministration: true, SidCloudWatchLogs: true, SidCloudTrailEncrypt: true,
	SidCloudTrailDescribe: true, SidCloudTrailDecrypt: true, SidGrantEncryptDecrypt: true, SidGrantDecrypt: true,
	SidEventBridge: true, SidEBSViaEC2: true, SidEBSAutoScaling: true, SidEBSAutoScalingGrant: true,
}

// AllowCloudWatchLogs lets CloudWatch Logs in this region encrypt and decrypt
// log groups of this account with the key. Calling it again changes nothing.
func (k *Key) AllowCloudWatchLogs() error {
	return k.put(policy.Statement{
		Sid:        SidCloudWatchLogs,
		Principals: []policy.Principal{policy.Service(k.ctx.RegionalServicePrincipal("logs"))},
		Actions:    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
		Resources:  []string{"*"},
		Conditions: []policy.Condition{{
			Operator: "ArnLike",
			Key:      "kms:EncryptionContext:aws:logs:arn",
			Values:   []string{k.ctx.ARN("logs", "", "", "log-group:*")},
		}},
	})
}

var trailArnPattern = regexp.MustCompile(`^arn:[a-z-]+:cloudtrail:[a-z0-9-]+:\d{12}:trail/[A-Za-z0-9._-]+$`)

// AllowCloudTrail lets the trail trailArn encrypt its log files with the key
// and describe it (both conditioned on aws:SourceArn), and lets principals of
// this account decrypt CloudTrail log files. It is idempotent per ARN; every
// trail allowed is listed in the same statements. Pass the ARN built from the
// trail's fixed name (ctx.ARN("cloudtrail", "", "", "trail/"+name)), not the
// trail resource's arn attribute: the trail uses the key, so that would cycle.
func (k *Key) AllowCloudTrail(trailArn string) error {
	if err := validateTrailArn(trailArn); err != nil {
		return err
	}
	trails := appendUnique(k.trails, trailArn)
	trailContext := k.ctx.ARN("cloudtrail", "*", "", "trail/*")
	ctService := []policy.Principal{policy.Service("cloudtrail.amazonaws.com")}
	sourceArn := policy.Condition{Operator: "StringEquals", Key: "aws:SourceArn", Values: trails}
	encCtx := policy.Condition{Operator: "StringLike", Key: "kms:EncryptionContext:aws:cloudtrail:arn", Values: []string{trailContext}}
	stmts := []policy.Statement{
		{
			Sid: SidCloudTrailEncrypt, Principals: ctService,
			Actions: []string{"kms:GenerateDataKey*"}, Resources: []string{"*"},
			Conditions: []policy.Condition{sourceArn, encCtx},
		},
		{
			Sid: SidCloudTrailDescribe, Principals: ctService,
			Actions: []string{"kms:DescribeKey"}, Resources: []string{"*"},
			Conditions: []policy.Condition{sourceArn},
		},
		{
			Sid: SidCloudTrailDecrypt, Principals: []policy.Principal{policy.AWS(k.ctx.RootPrincipal())},
			Actions: []string{"kms:Decrypt", "kms:ReEncryptFrom"}, Resources: []string{"*"},
			Conditions: []policy.Condition{
				{Operator: "StringEquals", Key: "kms:CallerAccount", Values: []string{k.ctx.AccountID()}},
				encCtx,
			},
		},
	}
	if err := k.put(stmts...); err != nil {
		return err
	}
	k.trails = trails
	return nil
}

// AllowService lets an AWS service principal (e.g. "sns.amazonaws.com",
// "cloudwatch.amazonaws.com", "config.amazonaws.com", "events.amazonaws.com")
// use the key for actions, under the given conditions, in a statement named
// sid. Calling it again with the same sid and arguments changes nothing; the
// same sid with different arguments is an error.
func (k *Key) AllowService(sid string, service string, actions []string, conditions ...policy.Condition) error {
	if reserved[sid] {
		return fmt.Errorf("sid: %q is managed by the key; choose another Sid", sid)
	}
	if sid == "" {
		return fmt.Errorf("sid: must not be empty; name the statement, e.g. %q", "AllowSNS")
	}
	if service == "" || strings.ContainsAny(service, " *") {
		return fmt.Errorf("service: %q is not a service principal; use e.g. %q", service, "sns.amazonaws.com")
	}
	for _, a := range actions {
		if !strings.HasPrefix(a, "kms:") {
			return fmt.Errorf("actions: %q is not a KMS action; key policy actions start with \"kms:\"", a)
		}
	}
	s := policy.Statement{
		Sid:        sid,
		Principals: []policy.Principal{policy.Service(service)},
		Actions:    append([]string(nil), actions...),
		Resources:  []string{"*"},
		Conditions: append([]policy.Condition(nil), conditions...),
	}
	if old, ok := k.doc.Sid(sid); ok {
		if old.Equal(s) {
			return nil
		}
		return fmt.Errorf("sid: %q was already added with different service, actions or conditions", sid)
	}
	return k.put(s)
}

// GrantEncryptDecrypt lets a principal (a role ARN) encrypt, decrypt,
// re-encrypt, generate data keys and describe the key. Idempotent per ARN.
func (k *Key) GrantEncryptDecrypt(principalArn string) error {
	return k.grant(SidGrantEncryptDecrypt, principalArn,
		[]string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"})
}

// GrantDecrypt lets a principal (a role ARN) decrypt with and describe the key.
// Idempotent per ARN.
func (k *Key) GrantDecrypt(principalArn string) error {
	return k.grant(SidGrantDecrypt, principalArn, []string{"kms:Decrypt", "kms:DescribeKey"})
}

func (k *Key) grant(sid, principalArn string, actions []string) error {
	if err := validatePrincipalArn(principalArn); err != nil {
		return err
	}
	principals := appendUnique(k.grants[sid], principalArn)
	err := k.put(policy.Statement{
		Sid:        sid,
		Principals: []policy.Principal{policy.AWS(principals...)},
		Actions:    actions,
		Resources:  []string{"*"},
	})
	if err == nil {
		k.grants[sid] = principals
	}
	return err
}

// put replaces the statements with the same Sid (or appends new ones),
// validates the whole policy and writes it to the key. On error the key is unchanged.
func (k *Key) put(stmts ...policy.Statement) error {
	next := k.Policy()
	for _, s := range stmts {
		replaced := false
		for i := range next.Statements {
			if next.Statements[i].Sid == s.Sid {
				next.Statements[i] = s
				replaced = true
			}
		}
		if !replaced {
			next.Add(s)
		}
	}
	if reflect.DeepEqual(next, k.doc) {
		return nil
	}
	doc, err := next.JSON()
	if err != nil {
		return fmt.Errorf("policy: %w", err)
	}
	if err := stack.Catch(func() { k.key.SetPolicy(str(doc)) }); err != nil {
		return err
	}
	k.doc = next
	return nil
}

func validateTrailArn(arn string) error {
	if arn == "" {
		return fmt.Errorf("trailArn: must not be empty; pass the trail ARN built from its fixed name")
	}
	if strings.Contains(arn, "${") {
		return tfexpr.Check("trailArn", arn)
	}
	if !trailArnPattern.MatchString(arn) {
		return fmt.Errorf("trailArn: %q is not a CloudTrail trail ARN (arn:<partition>:cloudtrail:<region>:<account>:trail/<name>)", arn)
	}
	return nil
}

var wildcardAccount = regexp.MustCompile(`^arn:[^:]*:iam::\*:`)

func validatePrincipalArn(arn string) error {
	switch {
	case arn == "":
		return fmt.Errorf("principalArn: must not be empty; pass a role ARN")
	case arn == "*" || strings.Contains(arn, "::*:") || wildcardAccount.MatchString(arn):
		return fmt.Errorf("principalArn: %q grants every account; pass a specific role ARN", arn)
	case strings.Contains(arn, "${"):
		return tfexpr.Check("principalArn", arn)
	case !strings.HasPrefix(arn, "arn:"):
		return fmt.Errorf("principalArn: %q is not an ARN; pass a role ARN such as the role's Arn()", arn)
	}
	return nil
}

func appendUnique(list []string, v string) []string {
	out := append([]string(nil), list...)
	for _, have := range out {
		if have == v {
			return out
		}
	}
	return append(out, v)
}

// AllowEventBridge lets EventBridge use the key for the rules ruleArns, so
// those rules can publish to a topic encrypted with it: kms:Decrypt and
// kms:GenerateDataKey for events.amazonaws.com, only for this account
// (aws:SourceAccount) and these rules (aws:SourceArn). The EventBridge User
// Guide gives the statement an encrypted SNS target needs:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions
// Each call replaces the rule list (pass every rule).
func (k *Key) AllowEventBridge(ruleArns []string) error {
	if len(ruleArns) == 0 {
		return fmt.Errorf("ruleArns: must not be empty; pass the ARNs of the rules that publish")
	}
	if err := tfexpr.CheckAll("ruleArns", ruleArns); err != nil {
		return err
	}
	return k.put(policy.Statement{
		Sid:        SidEventBridge,
		Principals: []policy.Principal{policy.Service("events.amazonaws.com")},
		Actions:    []string{"kms:Decrypt", "kms:GenerateDataKey"},
		Resources:  []string{"*"},
		Conditions: []policy.Condition{
			{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{k.ctx.AccountID()}},
			{Operator: "ArnEquals", Key: "aws:SourceArn", Values: append([]string(nil), ruleArns...)},
		},
	})
}

// AllowEBSDefault makes the key usable as the account's EBS default key
// (aws_ebs_default_kms_key): principals of this account may use it for EBS
// only through EC2 (kms:ViaService "ec2.<region>.amazonaws.com",
// kms:CallerAccount this account), and the Auto Scaling service-linked role
// autoScalingRoleArn may use it, and create grants for AWS resources, through
// EC2 as well, so Auto Scaling can launch instances with encrypted volumes.
// Sources: https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
// (kms:ViaService, with the EBS example), and the key policy Auto Scaling
// needs: https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
// Calling it again with the same role changes nothing.
func (k *Key) AllowEBSDefault(autoScalingRoleArn string) error {
	if err := validatePrincipalArn(autoScalingRoleArn); err != nil {
		return fmt.Errorf("autoScalingRoleArn: %w", err)
	}
	viaEC2 := policy.Condition{Operator: "StringEquals", Key: "kms:ViaService", Values: []string{k.ctx.RegionalServicePrincipal("ec2")}}
	callerAccount := policy.Condition{Operator: "StringEquals", Key: "kms:CallerAccount", Values: []string{k.ctx.AccountID()}}
	use := []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}
	return k.put(
		policy.Statement{
			Sid:        SidEBSViaEC2,
			Principals: []policy.Principal{policy.AWS(k.ctx.RootPrincipal())},
			Actions:    append(append([]string(nil), use...), "kms:CreateGrant"),
			Resources:  []string{"*"},
			Conditions: []policy.Condition{viaEC2, callerAccount},
		},
		policy.Statement{
			Sid:        SidEBSAutoScaling,
			Principals: []policy.Principal{policy.AWS(autoScalingRoleArn)},
			Actions:    use,
			Resources:  []string{"*"},
			Conditions: []policy.Condition{viaEC2, callerAccount},
		},
		policy.Statement{
			Sid:        SidEBSAutoScalingGrant,
			Principals: []policy.Principal{policy.AWS(autoScalingRoleArn)},
			Actions:    []string{"kms:CreateGrant"},
			Resources:  []string{"*"},
			Conditions: []policy.Condition{viaEC2, callerAccount, {Operator: "Bool", Key: "kms:GrantIsForAWSResource", Values: []string{"true"}}},
		},
	)
}
