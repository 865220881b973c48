package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

func init() {
	register(engine.Rule{
		ID:       "EC2002",
		Title:    "unencrypted root volume",
		Severity: engine.Warning,
		Doc: "aws_instance.root_block_device.encrypted must be true (and every ebs block of an " +
			"aws_launch_template's block_device_mappings). Skipped when the stack turns on " +
			"aws_ebs_encryption_by_default.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, d := range s.OfType("aws_ebs_encryption_by_default") {
				if b := engine.Bool(d.Body["enabled"]); b != engine.False {
					return
				}
			}
			for _, r := range s.OfType("aws_instance") {
				if r.Body["launch_template"] != nil && r.Body["root_block_device"] == nil {
					continue // the template's block devices apply; it is checked itself
				}
				if b := engine.Bool(engine.Attr(r.Body, "root_block_device.encrypted")); b == engine.True || b == engine.Unknown {
					continue
				}
				p.Report(r, "root volume is not encrypted", "set root_block_device { encrypted = true, kms_key_id = a customer managed key }")
			}
			for _, r := range s.OfType("aws_launch_template") {
				for _, m := range engine.Blocks(r.Body["block_device_mappings"]) {
					ebs := engine.FirstObject(m["ebs"])
					if ebs == nil {
						continue
					}
					if b := engine.Bool(ebs["encrypted"]); b == engine.True || b == engine.Unknown {
						continue
					}
					p.Reportf(r, "set encrypted = true in every block_device_mappings.ebs block", "block device %s is not encrypted", engine.Quote(m["device_name"]))
				}
			}
		},
	})
}
