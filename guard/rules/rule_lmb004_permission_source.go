package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "LMB004",
		Title:    "Lambda permission for a service principal without a source condition",
		Severity: engine.Error,
		Doc: "An aws_lambda_permission for a service principal (*.amazonaws.com) with neither source_arn nor " +
			"source_account lets that service invoke the function on behalf of any resource, in any account, that " +
			"names it (confused deputy: https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html). " +
			"For s3.amazonaws.com both are needed: a bucket ARN holds no account, and a deleted " +
			"bucket's name can be taken by another account " +
			"(https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html). Principals set by an expression are skipped.",
		Check: func(p *engine.Pass) {
			for _, perm := range p.Stack.OfType("aws_lambda_permission") {
				principal := p.Stack.Resolve(perm.Body["principal"])
				if principal == "" || engine.HasInterp(principal) || !strings.HasSuffix(principal, ".amazonaws.com") {
					continue
				}
				arn, account := engine.Str(perm.Body["source_arn"]) != "", engine.Str(perm.Body["source_account"]) != ""
				switch {
				case !arn && !account:
					p.ReportAttr(perm, "principal", "permission lets "+principal+" invoke the function for any source, in any account: no source_arn, no source_account",
						"set source_arn to the ARN of the one resource that invokes the function (the bucket, rule, topic...)"+s3Account(principal))
				case principal == "s3.amazonaws.com" && !account:
					p.ReportAttr(perm, "principal", "permission lets s3.amazonaws.com invoke the function for a bucket of any account: no source_account",
						"set source_account to this account's id (data.aws_caller_identity's account_id)")
				case principal == "s3.amazonaws.com" && !arn:
					p.ReportAttr(perm, "principal", "permission lets s3.amazonaws.com invoke the function for every bucket of the account: no source_arn",
						"set source_arn to the ARN of the bucket whose notification invokes the function")
				}
			}
		},
	})
}

func s3Account(principal string) string {
	if principal == "s3.amazonaws.com" {
		return ", and source_account to this account's id"
	}
	return ""
}
