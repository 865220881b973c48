package access

import (
	"strings"
)

// Documentation of the request context keys AWS always sends.
const (
	docGlobalKeys = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"
	docKMSKeys    = "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html"
	docS3Keys     = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-policy-keys"
)

// ContextKey is a request context key AWS includes in a request by itself,
// with the AWS documentation page that says when.
type ContextKey struct {
	// Name is the key, e.g. "aws:PrincipalIsAWSService".
	Name string
	// Doc is the page (and anchor) documenting its availability.
	Doc string
	// Unknown marks a key whose value cannot be known offline (the time,
	// the caller's address): a condition on it is decided for every value
	// it could take (see Request.Unknown).
	Unknown bool
	// When says, in words, when AWS sends it.
	When string
}

// AlwaysSent lists the request context keys the access tier adds to every
// request it evaluates for a stack (Check), with their sources. A value an
// expectation sets itself wins.
var AlwaysSent = []ContextKey{
	{Name: "aws:CurrentTime", Doc: docGlobalKeys + "#condition-keys-currenttime", Unknown: true, When: "every request"},
	{Name: "aws:EpochTime", Doc: docGlobalKeys + "#condition-keys-epochtime", Unknown: true, When: "every request"},
	{Name: "aws:SecureTransport", Doc: docGlobalKeys + "#condition-keys-securetransport", When: "every request (true: the integrations and the outsider use TLS; the insecure-transport expectations send false)"},
	{Name: "aws:SourceIp", Doc: docGlobalKeys + "#condition-keys-sourceip", Unknown: true, When: "every request of an IAM principal or anonymous caller (absent through a VPC endpoint and for service principals)"},
	{Name: "aws:PrincipalIsAWSService", Doc: docGlobalKeys + "#condition-keys-principalisawsservice", When: "every signed request: true for a service principal, false otherwise"},
	{Name: "aws:PrincipalServiceName", Doc: docGlobalKeys + "#condition-keys-principalservicename", When: "requests made by a service principal"},
	{Name: "aws:PrincipalArn", Doc: docGlobalKeys + "#condition-keys-principalarn", When: "every signed request of an IAM principal (a session gives its role's ARN)"},
	{Name: "aws:PrincipalAccount", Doc: docGlobalKeys + "#condition-keys-principalaccount", When: "every signed request of an IAM principal"},
	{Name: "aws:PrincipalType", Doc: docGlobalKeys + "#condition-keys-principaltype", When: "every signed request: Account, User, AssumedRole or FederatedUser; Anonymous for unsigned ones"},
	{Name: "aws:userid", Doc: docGlobalKeys + "#condition-keys-userid", When: "every signed request of an IAM principal"},
	{Name: "aws:ResourceAccount", Doc: docGlobalKeys + "#condition-keys-resourceaccount", When: "requests to a resource: the account that owns it"},
	{Name: "aws:RequestedRegion", Doc: docGlobalKeys + "#condition-keys-requestedregion", When: "every request: the region called (us-east-1 for IAM and STS's global endpoint)"},
	{Name: "aws:ViaAWSService", Doc: docGlobalKeys + "#condition-keys-viaawsservice", When: "every signed request: true when a service calls on the principal's behalf (kms:ViaService set)"},
	{Name: "s3:ResourceAccount", Doc: docS3Keys, When: "every Amazon S3 request: the bucket owner's account"},
	{Name: "kms:CallerAccount", Doc: docKMSKeys + "#conditions-kms-caller-account", When: "every AWS KMS request of an IAM principal: its account"},
	{Name: "kms:EncryptionAlgorithm", Doc: docKMSKeys + "#conditions-kms-encryption-algorithm", When: "Encrypt, Decrypt, ReEncrypt and GenerateDataKey*: SYMMETRIC_DEFAULT when the request leaves it out (request parameters count at their defaults)"},
	{Name: "kms:GrantIsForAWSResource", Doc: docKMSKeys + "#conditions-kms-grant-is-for-aws-resource", When: "CreateGrant, ListGrants, RevokeGrant: true only when an integrated service calls for the principal"},
}

// withAWSContext returns req with the context AWS always sends added (see
// AlwaysSent): keys already in req.Context keep their values.
func withAWSContext(req Request, region string) Request {
	c := map[string][]string{}
	for k, v := range req.Context {
		c[k] = v
	}
	set := func(k string, v ...string) {
		for ck := range c {
			if strings.EqualFold(ck, k) {
				return
			}
		}
		c[k] = v
	}
	unknown := func(k string) {
		for ck := range c {
			if strings.EqualFold(ck, k) {
				return
			}
		}
		req.Unknown = append(req.Unknown, k)
	}
	p := req.Principal
	service, _, _ := strings.Cut(req.Action, ":")
	service = strings.ToLower(service)
	unknown("aws:CurrentTime")
	unknown("aws:EpochTime")
	set("aws:SecureTransport", "true")
	switch p.Kind {
	case ServicePrincipal:
		set("aws:PrincipalIsAWSService", "true")
		set("aws:PrincipalServiceName", p.Service)
	case IAMPrincipal:
		unknown("aws:SourceIp")
		set("aws:PrincipalIsAWSService", "false")
		set("aws:PrincipalType", p.principalType())
		set("aws:PrincipalAccount", p.Account())
		set("aws:PrincipalArn", p.roleARN())
		_, via := req.lookup("kms:ViaService")
		set("aws:ViaAWSService", map[bool]string{true: "true", false: "false"}[via])
		if service == "kms" {
			set("kms:CallerAccount", p.Account())
		}
	case Anonymous:
		unknown("aws:SourceIp")
		set("aws:PrincipalType", "Anonymous")
	}
	if req.ResourceAccount != "" {
		set("aws:ResourceAccount", req.ResourceAccount)
		if service == "s3" {
			set("s3:ResourceAccount", req.ResourceAccount)
		}
	}
	if r := arnRegion(req.Resource); r != "" {
		set("aws:RequestedRegion", r)
	} else if service == "iam" || service == "sts" {
		set("aws:RequestedRegion", "us-east-1")
	} else if region != "" {
		set("aws:RequestedRegion", region)
	}
	if service == "kms" {
		name := strings.ToLower(req.Action[len("kms:"):])
		switch {
		case name == "encrypt" || name == "decrypt" || strings.HasPrefix(name, "reencrypt") || strings.HasPrefix(name, "generatedatakey"):
			set("kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT")
		case name == "creategrant" || name == "listgrants" || name == "revokegrant":
			set("kms:GrantIsForAWSResource", "false")
		}
	}
	req.Context = c
	return req
}

// principalType is aws:PrincipalType's value for an IAM principal.
func (p Principal) principalType() string {
	parts := strings.SplitN(p.ARN, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	switch {
	case p.isRoot():
		return "Account"
	case strings.HasPrefix(parts[5], "assumed-role/"), strings.HasPrefix(parts[5], "role/"):
		return "AssumedRole"
	case strings.HasPrefix(parts[5], "federated-user/"):
		return "FederatedUser"
	}
	return "User"
}

// arnRegion is an ARN's region segment ("" for global resources).
func arnRegion(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[3]
}
