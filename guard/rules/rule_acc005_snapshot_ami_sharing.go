package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "ACC005",
		Title:    "EBS snapshot or AMI block public access not blocking",
		Severity: engine.Warning,
		Doc: "aws_ebs_snapshot_block_public_access must be state = \"block-all-sharing\": \"block-new-sharing\" leaves " +
			"snapshots already public available to everyone and \"unblocked\" lets one call make a snapshot public " +
			"(https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots-view.html; FSBP EC2.1: " +
			"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-1). " +
			"aws_ec2_image_block_public_access must be state = \"block-new-sharing\" (the only state that blocks: " +
			"https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableImageBlockPublicAccess.html). Values set by " +
			"an expression are not judged.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, r := range s.OfType("aws_ebs_snapshot_block_public_access") {
				st := engine.Str(r.Body["state"])
				if st == "block-all-sharing" || engine.HasInterp(st) {
					continue
				}
				msg := "state = " + engine.Quote(st) + ": any snapshot of the account can be shared publicly"
				if st == "block-new-sharing" {
					msg = "state = \"block-new-sharing\": snapshots already shared publicly stay public"
				} else if st == "" {
					msg = "state is not set: snapshot public sharing is not blocked"
				}
				p.Report(r, msg, "set state = \"block-all-sharing\"")
			}
			for _, r := range s.OfType("aws_ec2_image_block_public_access") {
				st := engine.Str(r.Body["state"])
				if st == "block-new-sharing" || engine.HasInterp(st) {
					continue
				}
				msg := "state = " + engine.Quote(st) + ": any AMI of the account can be made public"
				if st == "" {
					msg = "state is not set: AMI public sharing is not blocked"
				}
				p.Report(r, msg, "set state = \"block-new-sharing\"")
			}
		},
	})
}
