// Package database provides an RDS instance that is private, encrypted with
// a customer managed key, uses an RDS-managed master password (no password in
// Terraform state), authenticates with IAM, refuses connections without TLS
// (its own parameter group sets rds.force_ssl or require_secure_transport to
// 1), keeps backups, and protects or destroys its data consistently per
// environment (RemovalPolicy). Its own security group has ingress only from
// the peers given to AllowFrom and no egress (RDS needs no VPC endpoint: it
// rotates the secret and ships logs and metrics from the service side); it
// can be given existing groups beside or instead of it (SecurityGroups,
// NoOwnSecurityGroup).
//
// Props validation is pure Go and runs before any construct is created.
package database
