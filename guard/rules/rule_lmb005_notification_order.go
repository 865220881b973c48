package rules

import (
	"strconv"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "LMB005",
		Title:    "S3 notification to a function not ordered after the function's permission",
		Severity: engine.Warning,
		Doc: "S3 checks that it may invoke each destination function when the notification configuration is " +
			"written and refuses it otherwise (\"Unable to validate the following destination configurations\", " +
			"https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html). " +
			"An aws_s3_bucket_notification whose lambda_function names a function of the stack must depend " +
			"(depends_on, direct or transitive) on that function's aws_lambda_permission for s3.amazonaws.com, " +
			"and such a permission must exist. Functions given by a literal ARN or an unknown value are skipped.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			g := s.Graph()
			for _, n := range s.OfType("aws_s3_bucket_notification") {
				for i, lf := range engine.Blocks(n.Body["lambda_function"]) {
					fn := s.ResolveTarget(lf["lambda_function_arn"], "aws_lambda_function", "")
					if fn == nil {
						continue
					}
					var perms []*engine.Resource
					for _, perm := range s.Linked("aws_lambda_permission", "function_name", fn, "function_name") {
						if s.Resolve(perm.Body["principal"]) == "s3.amazonaws.com" {
							perms = append(perms, perm)
						}
					}
					attr := "lambda_function." + strconv.Itoa(i) + ".lambda_function_arn"
					if len(perms) == 0 {
						p.ReportAttr(n, attr, "notification targets "+fn.Address+", which has no aws_lambda_permission for s3.amazonaws.com: S3 refuses the configuration",
							"add an aws_lambda_permission for s3.amazonaws.com with source_arn (the bucket) and source_account, and depends_on it here")
						continue
					}
					ordered := false
					for _, perm := range perms {
						if g.DependsOn(n.Address, perm.Address) {
							ordered = true
						}
					}
					if !ordered {
						p.ReportAttr(n, attr, "notification does not depend on "+perms[0].Address+", the permission of "+fn.Address+": S3 may validate the destination first and refuse it",
							"add depends_on = [\""+perms[0].Address+"\"] to the notification")
					}
				}
			}
		},
	})
}
