package rules

import "github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"

// encryptedStorage lists, per resource type, the attribute that turns on
// encryption at rest; each defaults to false in the AWS provider:
//   - aws_neptune_cluster.storage_encrypted:
//     https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster#storage_encrypted
//     (https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html: set at creation only)
//   - aws_docdb_cluster.storage_encrypted:
//     https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdb_cluster#storage_encrypted
//     (https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html: set at creation only)
//   - aws_ebs_volume.encrypted:
//     https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume#encrypted
//     (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html: a volume is encrypted without it
//     only when the account's EBS encryption by default is on)
var encryptedStorage = []struct{ typ, attr, what, restore string }{
	{"aws_neptune_cluster", "storage_encrypted", "Neptune cluster", "snapshot_identifier"},
	{"aws_docdb_cluster", "storage_encrypted", "DocumentDB cluster", "snapshot_identifier"},
	{"aws_ebs_volume", "encrypted", "EBS volume", "snapshot_id"},
}

func init() {
	register(engine.Rule{
		ID:       "ENC001",
		Title:    "Neptune, DocumentDB or EBS volume storage not encrypted",
		Severity: engine.Error,
		Doc: "storage_encrypted (aws_neptune_cluster, aws_docdb_cluster) and encrypted (aws_ebs_volume) default to " +
			"false, and encryption at rest can only be chosen when the cluster or volume is created (the data must be " +
			"copied to a new one later). Reported when the attribute is unset or false. Skipped: clusters and volumes " +
			"restored from a snapshot (they take the snapshot's encryption), EBS volumes in a stack that turns on the " +
			"account's EBS encryption by default (aws_ebs_encryption_by_default enabled), and values set by an " +
			"expression the guard cannot compute. RDS and Aurora storage is RDS002.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			ebsDefault := false
			for _, d := range s.OfType("aws_ebs_encryption_by_default") {
				if engine.Bool(d.Body["enabled"]) != engine.False {
					ebsDefault = true
				}
			}
			for _, e := range encryptedStorage {
				if e.typ == "aws_ebs_volume" && ebsDefault {
					continue
				}
				for _, r := range s.OfType(e.typ) {
					if engine.Str(r.Body[e.restore]) != "" {
						continue
					}
					if b := engine.Bool(r.Body[e.attr]); b == engine.Unset || b == engine.False {
						p.Report(r, e.what+" storage is not encrypted ("+e.attr+" is not true)",
							"set "+e.attr+" = true and kms_key_id to a customer managed key (only possible when it is created)")
					}
				}
			}
		},
	})
}
