package rules

import (
	"regexp"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "ELB004",
		Title:    "load balancer without access logs, or with a log bucket ELB cannot write to",
		Severity: engine.Error,
		Doc: "An aws_lb/aws_alb of type application without access_logs { enabled = true } (no record of who called " +
			"what), or whose access_logs bucket (a bucket of the same stack) ELB cannot deliver to: no bucket policy " +
			"statement allows s3:PutObject on \"<prefix>/AWSLogs/<account>/...\" to the region's Elastic Load " +
			"Balancing account (arn:aws:iam::<elb-account>:root, regions available before August 2022) or to " +
			"logdelivery.elasticloadbalancing.amazonaws.com (newer regions), or the bucket's default encryption is " +
			"SSE-KMS (ELB supports only SSE-S3). The per-region principals are constructs/catalog's ELB log-delivery " +
			"table, from " + catalog.ELBLogDeliverySource + ". Either mistake makes the apply fail (ELB checks the " +
			"bucket when access logs are enabled: \"Access Denied for bucket\") or leaves the load balancer unlogged. " +
			"Fix: storage.NewLoadBalancerLogsBucket and AllowLoadBalancer (loadbalancer.New does both). When the " +
			"provider's region is unknown, any principal of the table is accepted. Skipped: buckets outside the " +
			"stack, policies or settings set by expressions.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			region := s.ProviderRegion()
			for _, lb := range loadBalancers(s) {
				if lbType(lb) != "application" {
					continue
				}
				al := engine.FirstObject(lb.Body["access_logs"])
				if al == nil {
					p.Report(lb, "load balancer has no access_logs block: requests are not logged",
						"add access_logs { bucket = <an SSE-S3 bucket ELB can write to>, prefix = ..., enabled = true } (storage.NewLoadBalancerLogsBucket)")
					continue
				}
				switch engine.Bool(al["enabled"]) {
				case engine.Unset, engine.False:
					p.ReportAttr(lb, "access_logs.0.enabled", "access_logs is not enabled: requests are not logged", "set access_logs.enabled = true")
					continue
				case engine.Unknown:
					continue
				}
				bucket := s.ResolveTarget(al["bucket"], "aws_s3_bucket", "bucket")
				if bucket == nil {
					continue
				}
				if kms := sseKMS(s, bucket); kms != nil {
					p.ReportAttrf(lb, "access_logs.0.bucket", "use SSE-S3 (sse_algorithm = \"AES256\") on the load balancer's log bucket",
						"access_logs bucket %s uses SSE-KMS (%s): ELB supports only SSE-S3 and cannot deliver logs", bucket.Address, kms.Address)
					continue
				}
				prefix := s.Resolve(al["prefix"])
				if msg := elbCannotWrite(s, bucket, region, prefix); msg != "" {
					p.ReportAttrf(lb, "access_logs.0.bucket", "add a bucket policy statement allowing s3:PutObject on \"<bucket arn>/<prefix>/AWSLogs/<account>/*\" to "+elbPrincipalText(region)+" (storage.LoadBalancerLogsBucket.AllowLoadBalancer)",
						"access_logs bucket %s: %s", bucket.Address, msg)
				}
			}
		},
	})
}

// sseKMS returns the encryption configuration of bucket that sets aws:kms
// or aws:kms:dsse, or nil.
func sseKMS(s *engine.Stack, bucket *engine.Resource) *engine.Resource {
	check := func(holder *engine.Resource, cfg any) *engine.Resource {
		for _, rule := range engine.Blocks(engine.Map(cfg)["rule"]) {
			for _, d := range engine.Blocks(rule["apply_server_side_encryption_by_default"]) {
				if a := engine.Str(d["sse_algorithm"]); strings.HasPrefix(a, "aws:kms") {
					return holder
				}
			}
		}
		return nil
	}
	for _, c := range s.Linked("aws_s3_bucket_server_side_encryption_configuration", "bucket", bucket, "bucket") {
		if r := check(c, c.Body); r != nil {
			return r
		}
	}
	if c := engine.FirstObject(bucket.Body["server_side_encryption_configuration"]); c != nil {
		return check(bucket, c)
	}
	return nil
}

// elbPrincipalText names who must be allowed in region.
func elbPrincipalText(region string) string {
	d, err := catalog.ELBLogDeliveryFor("region", region)
	switch {
	case err != nil:
		return "the region's Elastic Load Balancing account or logdelivery.elasticloadbalancing.amazonaws.com"
	case d.Account != "":
		return "arn:aws:iam::" + d.Account + ":root (the Elastic Load Balancing account of " + region + ")"
	}
	return d.Service
}

// elbPrincipal reports whether a statement's principal is the log delivery
// of region (any region's when region is not in the catalogue).
func elbPrincipal(st engine.Statement, region string) bool {
	d, err := catalog.ELBLogDeliveryFor("region", region)
	accountOK := func(a string) bool {
		if err != nil {
			_, known := catalog.ELBLogDeliveryAccountRegion(a)
			return known
		}
		return a == d.Account
	}
	for _, a := range st.Principals["AWS"] {
		acct := a
		if strings.HasPrefix(a, "arn:") {
			parts := strings.Split(a, ":")
			if len(parts) != 6 || parts[5] != "root" {
				continue
			}
			acct = parts[4]
		}
		if accountOK(acct) {
			return true
		}
	}
	for _, svc := range st.Principals["Service"] {
		if svc == catalog.ELBLogDeliveryService && (err != nil || d.Service != "") {
			return true
		}
	}
	return false
}

// elbCannotWrite says why the log delivery of region cannot put objects
// under "<prefix>/AWSLogs/<account>/" in bucket, or "" when a policy
// statement allows it (or the policy is unknown).
func elbCannotWrite(s *engine.Stack, bucket *engine.Resource, region, prefix string) string {
	srcs, known := bucketPolicies(s, bucket)
	if !known {
		return ""
	}
	if len(srcs) == 0 {
		return "the bucket has no bucket policy, so the ELB log delivery cannot write to it"
	}
	key := "AWSLogs/111122223333/elasticloadbalancing/" + regionOr(region) + "/2026/01/01/x.log.gz"
	if prefix != "" {
		key = prefix + "/" + key
	}
	principalSeen := false
	for _, st := range statements(srcs) {
		if !st.Allow() || !elbPrincipal(st, region) {
			continue
		}
		principalSeen = true
		if !st.AllowsAction("s3:PutObject") {
			continue
		}
		for _, r := range st.Resources {
			if objectPatternMatches(r, key) {
				return ""
			}
		}
	}
	if principalSeen {
		return "the ELB log delivery statement does not allow s3:PutObject on " + engine.Quote(key) + " (the prefix and AWSLogs/<account>/ it writes under)"
	}
	return "no bucket policy statement allows s3:PutObject to " + elbPrincipalText(region)
}

// objectPatternMatches matches a policy Resource against an object key of
// the bucket, ignoring the bucket part (references to the bucket's arn,
// literal names): interpolations match anything.
func objectPatternMatches(resource, key string) bool {
	if resource == "*" {
		return true
	}
	_, path, ok := strings.Cut(starInterps(resource), "/")
	if !ok {
		return false
	}
	// The account ELB writes under is the load balancer owner's, which a
	// file does not say: any literal account id stands for it.
	return engine.GlobMatch(literalAccount.ReplaceAllString(path, "AWSLogs/*/"), key)
}

var literalAccount = regexp.MustCompile(`AWSLogs/[0-9]{12}/`)

// regionOr is region, or us-east-1 for a sample key when it is unknown.
func regionOr(region string) string {
	if region == "" {
		return "us-east-1"
	}
	return region
}

// starInterps replaces every interpolation with "*".
func starInterps(v string) string {
	is := engine.Interps(v)
	if len(is) == 0 {
		return v
	}
	var b strings.Builder
	last := 0
	for _, in := range is {
		b.WriteString(v[last:in.Start])
		b.WriteString("*")
		last = in.End
	}
	b.WriteString(v[last:])
	return b.String()
}
