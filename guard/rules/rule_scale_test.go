package rules

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// scaleStack builds a stack of n workloads: a security group with an
// ingress, an egress and a separate rule, a bucket with tags and logging, a
// role with an inline policy and an attachment, and a trail every 100.
func scaleStack(n int) []byte {
	res := map[string]map[string]any{}
	put := func(typ, name string, body map[string]any) {
		if res[typ] == nil {
			res[typ] = map[string]any{}
		}
		res[typ][name] = body
	}
	pol, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}})
	for i := 0; i < n; i++ {
		g := fmt.Sprintf("g%d", i)
		put("aws_security_group", g, map[string]any{"name": g, "ingress": []any{map[string]any{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": []any{"10.0.0.0/8"}}}})
		put("aws_vpc_security_group_egress_rule", g, map[string]any{"security_group_id": "${aws_security_group." + g + ".id}", "from_port": 443, "to_port": 443, "ip_protocol": "tcp", "cidr_ipv4": "0.0.0.0/1"})
		put("aws_security_group_rule", g, map[string]any{"type": "ingress", "security_group_id": "${aws_security_group." + g + ".id}", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{"10.1.0.0/16"}})
		b := fmt.Sprintf("b%d", i)
		put("aws_s3_bucket", b, map[string]any{"bucket": fmt.Sprintf("acme-dev-%d", i), "tags": map[string]any{"Name": b, "Team": "data"}})
		put("aws_s3_bucket_logging", b, map[string]any{"bucket": "${aws_s3_bucket." + b + ".id}", "target_bucket": "acme-access-logs"})
		r := fmt.Sprintf("r%d", i)
		put("aws_iam_role", r, map[string]any{"name": r, "assume_role_policy": string(pol), "inline_policy": []any{map[string]any{"name": "p", "policy": string(pol)}}, "tags": map[string]any{"Team": "data"}})
		put("aws_iam_role_policy_attachment", r, map[string]any{"role": "${aws_iam_role." + r + ".name}", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})
		if i%100 == 0 {
			put("aws_cloudtrail", fmt.Sprintf("t%d", i), map[string]any{"name": fmt.Sprintf("t%d", i), "s3_bucket_name": "${aws_s3_bucket." + b + ".id}"})
		}
	}
	doc, _ := json.Marshal(map[string]any{"provider": map[string]any{"aws": []any{map[string]any{"region": "us-east-1", "default_tags": map[string]any{"tags": map[string]any{"Company": "acme"}}}}}, "resource": res})
	return doc
}

// newRuleIDs are the rules of issues 16, 17.6 and 18.
var newRuleIDs = []string{"SG002", "SG004", "S3006", "S3007", "IAM001", "KMS005", "POL001", "POL002", "TAG001", "TAG002", "TAG003", "TF006", "EC2004"}

// BenchmarkNewRules runs the rules added for issues 16-18 over stacks of
// 1,000 to 4,000 workloads (7 resources each, 1 trail per 100): work grows
// linearly with the size (allocations per op double exactly; wall time also
// carries the garbage collector's cost of the larger parsed stack).
func BenchmarkNewRules(b *testing.B) {
	for _, n := range []int{1000, 2000, 4000} {
		doc := scaleStack(n)
		s, err := engine.ParseStack(doc)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("workloads=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				rep, err := CheckStack(s, Options{Rules: newRuleIDs})
				if err != nil {
					b.Fatal(err)
				}
				if len(rep.Findings) != 0 {
					b.Fatalf("findings on the scale stack:%s", dump(rep.Findings[:1]))
				}
			}
		})
	}
}
