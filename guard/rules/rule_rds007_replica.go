package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "RDS007",
		Title:    "read replica unencrypted, outside a subnet group or without security groups",
		Severity: engine.Error,
		Doc: "A read replica (aws_db_instance with replicate_source_db) copied by hand loses the primary's " +
			"hardening silently (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html): " +
			"without db_subnet_group_name it is not created in the " +
			"primary's VPC subnets; without vpc_security_group_ids it gets the VPC's default security group; " +
			"storage_encrypted = false, an unencrypted primary of the stack, or a source given by ARN (another " +
			"Region or account, where the key must be named) without kms_key_id leaves its storage unencrypted. " +
			"A public replica is RDS001's (it judges every aws_db_instance). Values set by an expression are skipped.",
		Check: func(p *engine.Pass) {
			s := p.Stack
			for _, db := range s.OfType("aws_db_instance") {
				src := engine.Str(db.Body["replicate_source_db"])
				if src == "" {
					continue
				}
				if _, ok := db.Body["db_subnet_group_name"]; !ok {
					p.Report(db, "read replica has no db_subnet_group_name: it is not placed in the primary's private subnets",
						"set db_subnet_group_name to the primary's DB subnet group")
				}
				if _, ok := db.Body["vpc_security_group_ids"]; !ok {
					p.Report(db, "read replica has no vpc_security_group_ids: it gets the VPC's default security group",
						"set vpc_security_group_ids to the primary's security groups")
				}
				switch {
				case engine.Bool(db.Body["storage_encrypted"]) == engine.False:
					p.ReportAttr(db, "storage_encrypted", "read replica has storage_encrypted = false",
						"set storage_encrypted = true and kms_key_id to the primary's customer managed key")
				case strings.HasPrefix(s.Resolve(src), "arn:") && engine.Str(db.Body["kms_key_id"]) == "":
					p.ReportAttr(db, "replicate_source_db", "read replica of a source given by ARN has no kms_key_id: a replica in another Region is encrypted only with a key named there",
						"set kms_key_id to a customer managed key of the replica's Region")
				default:
					if prim := s.ResolveTarget(src, "aws_db_instance", "identifier"); prim != nil {
						if b := engine.Bool(prim.Body["storage_encrypted"]); b == engine.False || b == engine.Unset {
							p.ReportAttr(db, "replicate_source_db", "read replica of "+prim.Address+", whose storage is not encrypted: the replica is not encrypted either",
								"encrypt the primary (storage_encrypted = true, kms_key_id); a replica inherits its source's encryption")
						}
					}
				}
			}
		},
	})
}
