package storage

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// SidDenyInsecureTransport is the Sid of the TLS-only Deny statement every bucket carries.
const SidDenyInsecureTransport = "DenyInsecureTransport"

// denyInsecureTransport refuses every request not made over TLS.
func (b *Bucket) denyInsecureTransport() policy.Statement {
	return policy.Statement{
		Sid:        SidDenyInsecureTransport,
		Effect:     policy.Deny,
		Principals: []policy.Principal{policy.Anyone()},
		Actions:    []string{"s3:*"},
		Resources:  []string{b.Arn(), b.Arn() + "/*"},
		Conditions: []policy.Condition{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}}},
	}
}

// document is the whole bucket policy: the TLS Deny, then service
// statements (CloudTrail, AWS Config), then statements added by callers.
func (b *Bucket) document() policy.Document {
	var d policy.Document
	d.Add(b.denyInsecureTransport())
	if b.service != nil {
		d.Add(b.service()...)
	}
	d.Add(b.extra...)
	return d
}

func (b *Bucket) policyJSON() (string, error) {
	js, err := b.document().JSON()
	if err != nil {
		return "", fmt.Errorf("bucket policy of %s: %w", b.fullName, err)
	}
	return js, nil
}

// rewrite renders the policy and stores it on the aws_s3_bucket_policy.
func (b *Bucket) rewrite() error {
	js, err := b.policyJSON()
	if err != nil {
		return err
	}
	return stack.Catch(func() { b.policy.SetPolicy(str(js)) })
}

// AddStatements appends statements to the bucket policy and rewrites it.
// Each statement needs a principal (it is a resource policy), and an Allow
// may not name everyone ("*"): the bucket is never public. On error the
// policy is left unchanged.
func (b *Bucket) AddStatements(statements ...policy.Statement) error {
	var errs []error
	for i, s := range statements {
		label := "statements[" + strconv.Itoa(i) + "]"
		if s.Sid != "" {
			label = fmt.Sprintf("statements[%d] (%q)", i, s.Sid)
		}
		if len(s.Principals) == 0 {
			errs = append(errs, fmt.Errorf("%s: principals: a bucket policy statement needs a principal, e.g. policy.Service(\"cloudtrail.amazonaws.com\") or policy.AWS(roleArn)", label))
		}
		if s.Effect != policy.Deny {
			for _, p := range s.Principals {
				if p.Type == policy.PrincipalAnyone {
					errs = append(errs, fmt.Errorf("%s: principals: an Allow for everyone (\"*\") would make the bucket public; name the role or service instead", label))
				}
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	before := b.extra
	b.extra = append(append([]policy.Statement(nil), b.extra...), statements...)
	if err := b.rewrite(); err != nil {
		b.extra = before
		return err
	}
	return nil
}

// GrantRead lets the role roleArn list the bucket and read its objects
// (s3:ListBucket, s3:GetObject, s3:GetObjectVersion) through the bucket
// policy, and lets it decrypt with the bucket's key (Key.GrantDecrypt).
// Granting the same role again changes nothing.
func (b *Bucket) GrantRead(roleArn string) error {
	if roleArn == "" {
		return errors.New("roleArn: must not be empty; pass the ARN of the role that reads the bucket")
	}
	for _, s := range b.extra {
		if strings.HasPrefix(s.Sid, "AllowRead") && len(s.Principals) == 1 &&
			len(s.Principals[0].Identifiers) == 1 && s.Principals[0].Identifiers[0] == roleArn {
			return nil
		}
	}
	// The key validates the ARN (no wildcard account) before anything
	// changes; an SSE-S3 bucket (access logs) has no key to grant.
	if b.key != nil {
		if err := b.key.GrantDecrypt(roleArn); err != nil {
			return err
		}
	}
	b.readers++
	err := b.AddStatements(policy.Statement{
		Sid:        "AllowRead" + strconv.Itoa(b.readers),
		Principals: []policy.Principal{policy.AWS(roleArn)},
		Actions:    []string{"s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"},
		Resources:  []string{b.Arn(), b.Arn() + "/*"},
	})
	if err != nil {
		b.readers--
	}
	return err
}
