package access

import (
	"strings"
	"testing"
)

func mustPolicyText(t *testing.T, id, text string) *Policy {
	t.Helper()
	p, err := ParsePolicy(id, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRequestContextBothWays: with the context AWS always sends, a
// condition on an always-present key decides as in AWS, and a condition on
// a key unknown offline is decided for every value it can take (an Allow
// some value opens is open, a Deny some value closes is closing).
func TestRequestContextBothWays(t *testing.T) {
	const acct = "123456789012"
	topic := "arn:aws:sns:us-east-1:" + acct + ":alarms"
	cw := Principal{Kind: ServicePrincipal, Service: "cloudwatch.amazonaws.com"}
	outsider := Principal{Kind: IAMPrincipal, ARN: "arn:aws:iam::" + OutsiderAccount + ":role/outsider"}
	allowCW := `{"Sid":"CW","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"*"}`
	tests := []struct {
		name      string
		statement string
		principal Principal
		allow     bool
	}{
		{"ResourceAccount equals this account: always true, so everyone is in",
			`{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"*","Condition":{"StringEquals":{"aws:ResourceAccount":"` + acct + `"}}}`, outsider, true},
		{"CurrentTime before 2099: some time opens it",
			`{"Sid":"Until","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2099-01-01T00:00:00Z"}}}`, outsider, true},
		{"SourceIp 0.0.0.0/0 opens it",
			`{"Sid":"Any","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}`, outsider, true},
		{"PrincipalAccount pins this account: the outsider stays out",
			`{"Sid":"Own","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"` + acct + `"}}}`, outsider, false},
		{"a Deny after 2024 closes every integration",
			allowCW + `,{"Sid":"After2024","Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2024-01-01T00:00:00Z"}}}`, cw, false},
		{"a data-perimeter Deny leaves service principals through",
			allowCW + `,{"Sid":"Perimeter","Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"` + acct + `"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}`, cw, true},
		{"the data-perimeter Deny stops the outsider",
			`{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"*"},{"Sid":"Perimeter","Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"` + acct + `"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}`, outsider, false},
		{"a Deny outside a time window nobody can be in closes nothing",
			allowCW + `,{"Sid":"Never","Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}`, cw, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPolicyText(t, "aws_sns_topic_policy.p", `{"Version":"2012-10-17","Statement":[`+tt.statement+`]}`)
			req := Request{Principal: tt.principal, Action: "sns:Publish", Resource: topic, ResourceAccount: acct, Context: ctx()}
			pol := Policies{Resource: p}
			if tt.principal.Kind == IAMPrincipal {
				pol.Identity = []*Policy{outsiderPolicy}
			}
			d := Evaluate(withAWSContext(req, "us-east-1"), pol)
			if d.Allowed != tt.allow {
				t.Errorf("allowed = %v (%s %v); want %v", d.Allowed, d.Reason, d.Deciding, tt.allow)
			}
		})
	}
}

func TestAlwaysSentKeysAreCited(t *testing.T) {
	for _, k := range AlwaysSent {
		if !strings.HasPrefix(k.Doc, "https://docs.aws.amazon.com/") || k.When == "" {
			t.Errorf("%s: Doc %q / When %q; want an AWS documentation page and when it is sent", k.Name, k.Doc, k.When)
		}
	}
	req := withAWSContext(Request{Principal: Principal{Kind: IAMPrincipal, ARN: "arn:aws:iam::111122223333:role/x"}, Action: "kms:Decrypt",
		Resource: "arn:aws:kms:eu-west-1:123456789012:key/k", ResourceAccount: "123456789012"}, "us-east-1")
	for k, want := range map[string]string{"kms:CallerAccount": "111122223333", "aws:ResourceAccount": "123456789012", "aws:PrincipalIsAWSService": "false",
		"kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT", "aws:RequestedRegion": "eu-west-1", "aws:PrincipalType": "AssumedRole", "aws:SecureTransport": "true"} {
		if v, ok := req.lookup(k); !ok || len(v) != 1 || v[0] != want {
			t.Errorf("%s = %v; want %s", k, v, want)
		}
	}
	if !strings.Contains(strings.Join(req.Unknown, ","), "aws:CurrentTime") || !strings.Contains(strings.Join(req.Unknown, ","), "aws:SourceIp") {
		t.Errorf("Unknown = %v; want aws:CurrentTime and aws:SourceIp", req.Unknown)
	}
}

// TestARNMatchingAsAWSDoes: a trailing wildcard runs past colons; a role
// with a path names its sessions; another account's root needs no
// identity policy of ours.
func TestARNMatchingAsAWSDoes(t *testing.T) {
	for _, tt := range []struct {
		pattern, arn string
		want         bool
	}{
		{"arn:aws:kms:us-east-1:*", "arn:aws:kms:us-east-1:123456789012:key/abc", true},
		{"arn:aws:sns:*", "arn:aws:sns:us-east-1:123456789012:alarms", true},
		{"arn:aws:kms:us-east-1", "arn:aws:kms:us-east-1:123456789012:key/abc", false},
		{"arn:aws:kms:eu-west-1:*", "arn:aws:kms:us-east-1:123456789012:key/abc", false},
		{"arn:aws:kms:us-east-1:123456789012:key/*", "arn:aws:kms:us-east-1:123456789012:key/abc", true},
		{"arn:aws:s3:::b*", "arn:aws:s3:::bucket/key", true},
	} {
		if got := matchARN(tt.pattern, tt.arn, nil); got != tt.want {
			t.Errorf("matchARN(%q, %q) = %v; want %v", tt.pattern, tt.arn, got, tt.want)
		}
	}
	deny := mustPolicyText(t, "aws_kms_key.k", `{"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},`+
		`{"Sid":"DenyRegion","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:*"}]}`)
	root := Principal{Kind: IAMPrincipal, ARN: "arn:aws:iam::123456789012:root"}
	req := Request{Principal: root, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:123456789012:key/abc", ResourceAccount: "123456789012"}
	if d := Evaluate(req, Policies{Resource: deny, Kind: KeyPolicy}); d.Allowed || !strings.Contains(strings.Join(d.Deciding, ""), "DenyRegion") {
		t.Errorf("a Deny on arn:aws:kms:us-east-1:* : %v %v; want denied by DenyRegion", d.Reason, d.Deciding)
	}

	trust := mustPolicyText(t, "aws_s3_bucket_policy.b", `{"Version":"2012-10-17","Statement":[{"Sid":"Deployer","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/ci/deployer"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}`)
	session := Principal{Kind: IAMPrincipal, ARN: "arn:aws:sts::123456789012:assumed-role/deployer/build-42"}
	req = Request{Principal: session, Action: "s3:PutObject", Resource: "arn:aws:s3:::b/x", ResourceAccount: "123456789012"}
	if d := Evaluate(req, Policies{Resource: trust}); !d.Allowed {
		t.Errorf("a session of role/ci/deployer: %s; want allowed by the statement naming the role with its path", d.Reason)
	}

	partner := mustPolicyText(t, "aws_s3_bucket_policy.b", `{"Version":"2012-10-17","Statement":[{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`)
	otherRoot := Principal{Kind: IAMPrincipal, ARN: "arn:aws:iam::444455556666:root"}
	req = Request{Principal: otherRoot, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x", ResourceAccount: "123456789012"}
	if d := Evaluate(req, Policies{Resource: partner}); !d.Allowed {
		t.Errorf("another account's root named by the bucket policy: %s; want allowed (the root holds every permission of its account)", d.Reason)
	}
}

func TestNotPrincipalRefused(t *testing.T) {
	_, err := ParsePolicy("aws_s3_bucket_policy.b", []byte(`{"Statement":[{"Sid":"AllButBob","Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::1:user/Bob"},"Action":"s3:*","Resource":"*"}]}`))
	if err == nil || !strings.Contains(err.Error(), "NotPrincipal") || !strings.Contains(err.Error(), "aws_s3_bucket_policy.b") {
		t.Errorf("NotPrincipal with Allow: err = %v; want a refusal naming the policy", err)
	}
	doc := loadFixture(t)
	roles := doc["resource"].(map[string]any)["aws_iam_role"].(map[string]any)
	for _, r := range roles {
		r.(map[string]any)["assume_role_policy"] = `{"Version":"2012-10-17","Statement":[{"Sid":"NotThem","Effect":"Deny","NotPrincipal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
		break
	}
	s, err := NewStack("fixture", doc, Binding{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Check(s); err == nil || !strings.Contains(err.Error(), "#NotThem") || !strings.Contains(err.Error(), "trust") {
		t.Errorf("NotPrincipal in a trust policy: err = %v; want a refusal naming the statement", err)
	}
}
