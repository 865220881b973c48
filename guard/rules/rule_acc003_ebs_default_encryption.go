package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "ACC003",
		Title:    "EBS encryption by default off or without a customer managed key",
		Severity: engine.Warning,
		Doc: "aws_ebs_encryption_by_default with enabled = false leaves new volumes unencrypted (CIS AWS Foundations v5.0.0 " +
			"5.1.1, FSBP EC2.7: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7). Enabled " +
			"without an aws_ebs_default_kms_key in the stack, or with one whose key_arn is an AWS managed key (alias/aws/ebs, " +
			"directly or through data.aws_kms_alias / data.aws_kms_key), volumes are encrypted with aws/ebs, whose policy " +
			"nobody can narrow and which cannot be shared with another account " +
			"(https://docs.aws.amazon.com/ebs/latest/userguide/work-with-ebs-encr.html). A key_arn naming an aws_kms_key of " +
			"the stack passes; another literal ARN or an expression is not judged.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			keys := s.OfType("aws_ebs_default_kms_key")
			for _, r := range s.OfType("aws_ebs_encryption_by_default") {
				switch engine.Bool(r.Body["enabled"]) {
				case engine.False:
					p.Report(r, "enabled = false: new EBS volumes and snapshot copies are not encrypted by default (FSBP EC2.7, CIS 5.1.1)",
						"set enabled = true and add aws_ebs_default_kms_key with the stack's customer managed key (constructs/baseline does)")
					continue
				case engine.Unknown:
					continue
				}
				if len(keys) == 0 {
					p.Report(r, "EBS encryption by default without an aws_ebs_default_kms_key: volumes are encrypted with the AWS managed key aws/ebs",
						"add aws_ebs_default_kms_key with key_arn = a customer managed aws_kms_key whose policy admits EC2 through kms:ViaService")
				}
			}
			for _, k := range keys {
				if managed := awsManagedKey(s, k.Body["key_arn"]); managed != "" {
					p.Report(k, "key_arn is the AWS managed key "+managed+", not a customer managed key",
						"set key_arn to a customer managed aws_kms_key (its policy admitting EC2 through kms:ViaService)")
				}
			}
		},
	})
}

// awsManagedKey returns the AWS managed alias ("alias/aws/ebs") v designates:
// literally, or through a data.aws_kms_alias name or data.aws_kms_key key_id;
// "" when v is anything else or unknown.
func awsManagedKey(s *engine.Stack, v any) string {
	managed := func(x string) string {
		if i := strings.Index(x, "alias/aws/"); i >= 0 && !engine.HasInterp(x[i:]) {
			return x[i:]
		}
		return ""
	}
	if t, _ := s.Target(v); t != nil && t.Data {
		switch t.Type {
		case "aws_kms_alias":
			return managed(s.Resolve(t.Body["name"]))
		case "aws_kms_key":
			return managed(s.Resolve(t.Body["key_id"]))
		}
		return ""
	}
	return managed(s.Resolve(v))
}
