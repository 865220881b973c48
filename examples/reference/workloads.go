package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/compute"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/examples/handler"
)

// Workloads are the application tier: a Lambda function packaged from
// examples/handler/src at synth time and uploaded to an encrypted artifacts
// bucket under its content hash, and a hardened EC2 instance reached through
// SSM only (no SSH key, IMDSv2, encrypted root volume).
type Workloads struct {
	Artifacts *storage.Bucket
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
	fn, err := compute.NewFunction(s, "processor", compute.FunctionProps{
		Description: "Reference function: reads the database settings it is given",
		Runtime:     compute.DefaultRuntime,
		Handler:     handler.Handler,
		Code:        compute.CodeFromAsset(handler.Dir(), artifacts),
		Key:         sec.Key,
		Network:     &compute.FunctionNetwork{VPC: net.VPC},
	})
	if err != nil {
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
	return &Workloads{Artifacts: artifacts, Function: fn, Instance: instance}, nil
}
