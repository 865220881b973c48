package reference

import (
	"strconv"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/compute"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/database"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/suppress"
	"github.com/cdktf-secure-go/cdktf-secure-go/examples/handler"
)

// Workloads are the application tier: a private PostgreSQL instance whose
// master password lives in Secrets Manager (never in state), a Lambda function packaged from
// examples/handler/src at synth time and uploaded to an encrypted artifacts
// bucket under its content hash, and a hardened EC2 instance reached through
// SSM only (no SSH key, IMDSv2, encrypted root volume). The function reaches
// the database through security-group rules only; both groups depend on the
// VPC alone, so the mutual rules cannot form a dependency cycle.
type Workloads struct {
	Artifacts *storage.Bucket
	Database  *database.Instance
	Function  *compute.Function
	Instance  *compute.Instance
}

func newWorkloads(s *stack.Stack, cfg Config, sec *Security, net *Network) (*Workloads, error) {
	artifacts, err := storage.NewBucket(s, "artifacts", storage.BucketProps{
		Key:          sec.Key,
		ForceDestroy: !cfg.production(),
	})
	if err != nil {
		return nil, err
	}
	// Protected (deletion protection + final snapshot) in prod, destroyable
	// in dev: the zero RemovalPolicy follows the environment name.
	db, err := database.NewInstance(s, "db", database.InstanceProps{
		DatabaseName: "app",
		Key:          sec.Key,
		VPC:          net.VPC,
		MultiAZ:      cfg.production(),
	})
	if err != nil {
		return nil, err
	}
	if cfg.production() {
		if err := suppress.Rule(db.Construct(), "RDS005", "prod keeps deletion protection on; turn it off in a reviewed change before destroying"); err != nil {
			return nil, err
		}
	}

	fn, err := compute.NewFunction(s, "processor", compute.FunctionProps{
		Description: "Reference function: reads the database settings it is given",
		Runtime:     compute.DefaultRuntime,
		Handler:     handler.Handler,
		Code:        compute.CodeFromAsset(handler.Dir(), artifacts),
		Key:         sec.Key,
		Network:     &compute.FunctionNetwork{VPC: net.VPC},
		Environment: map[string]string{
			"DB_HOST":       db.Address(),
			"DB_PORT":       strconv.Itoa(db.Port()),
			"DB_SECRET_ARN": db.SecretArn(),
		},
	})
	if err != nil {
		return nil, err
	}
	// Ingress on the database from the function's group, egress on the
	// function's group to the database, in one call; and the secret read.
	if err := db.AllowFrom(fn.SecurityGroup()); err != nil {
		return nil, err
	}
	if err := fn.GrantReadSecret(db.SecretArn()); err != nil {
		return nil, err
	}
	instance, err := compute.NewInstance(s, "app", compute.InstanceProps{
		VPC:      net.VPC,
		Key:      sec.Key,
		UserData: "#!/bin/bash\ndnf -y update --security\n",
	})
	if err != nil {
		return nil, err
	}
	return &Workloads{Artifacts: artifacts, Database: db, Function: fn, Instance: instance}, nil
}
