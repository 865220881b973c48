package network_test

import (
	"log"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// A VPC with the secure defaults (no NAT gateway), and an app tier that may
// reach its database and, through the VPC's endpoints, S3 and Secrets
// Manager: one AllowFrom call writes the database's ingress rule and the
// app's egress rule, and neither group references the other.
func Example() {
	app, err := stack.NewApp(stack.AppProps{})
	if err != nil {
		log.Fatal(err)
	}
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		log.Fatal(err)
	}
	key, err := encryption.NewKey(st, "logs-key", encryption.KeyProps{})
	if err != nil {
		log.Fatal(err)
	}
	vpc, err := network.NewVPC(st, "main", network.VPCProps{FlowLogKey: key})
	if err != nil {
		log.Fatal(err)
	}
	fn, err := network.NewSecurityGroup(st, "fn", network.SecurityGroupProps{VPC: vpc})
	if err != nil {
		log.Fatal(err)
	}
	db, err := network.NewSecurityGroup(st, "db", network.SecurityGroupProps{VPC: vpc})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.AllowFrom(fn, 5432, "function to PostgreSQL"); err != nil {
		log.Fatal(err)
	}
	if err := vpc.AllowEndpoints(fn, network.S3, "secretsmanager"); err != nil {
		log.Fatal(err)
	}
	if err := app.Synthesize(); err != nil {
		log.Fatal(err)
	}
}
