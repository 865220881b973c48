package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "S3004",
		Title:    "bucket policy does not deny insecure transport",
		Severity: engine.Warning,
		Doc: "The bucket policy should contain a Deny for Principal \"*\" (or {\"AWS\": \"*\"}) with the condition " +
			"Bool (or BoolIfExists) aws:SecureTransport = false, so plain-HTTP requests are refused. Buckets whose " +
			"policy cannot be decoded are not judged.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, b := range s.OfType("aws_s3_bucket") {
				srcs, known := bucketPolicies(s, b)
				if !known {
					continue
				}
				ok := false
				for _, st := range statements(srcs) {
					if !st.Deny() || !st.Everyone() {
						continue
					}
					for _, c := range st.Cond("aws:SecureTransport") {
						op := strings.ToLower(c.Operator)
						if op != "bool" && op != "boolifexists" {
							continue
						}
						for _, v := range c.Values {
							ok = ok || strings.EqualFold(v, "false")
						}
					}
				}
				if !ok {
					p.Report(b, "bucket policy does not deny requests over plain HTTP",
						"add a bucket policy statement: Effect Deny, Principal \"*\", Action s3:*, Resource [bucket ARN, bucket ARN/*], Condition Bool aws:SecureTransport = \"false\"")
				}
			}
		},
	})
}
