// Package compute provides workloads: an S3-sourced Lambda function
// (NewFunction) whose code is either an existing S3 object or a source folder
// packaged deterministically at synth time, and a hardened EC2 instance
// (NewInstance) reached through SSM instead of SSH.
//
// In a VPC neither workload can reach the internet: each gets its own
// security group (or the groups given in SecurityGroups, ours or
// network.ExistingGroup ids) whose only egress is to the VPC's endpoints for
// the services it uses (network.VPC.AllowEndpoints): the function those its
// grants open (GrantReadSecret: Secrets Manager, GrantDecrypt: KMS) plus
// FunctionNetwork.Endpoints; the instance InstanceEndpoints (SSM's three and
// the S3 gateway endpoint for dnf and SSM Agent) plus InstanceProps.Endpoints.
// A workload that needs the internet says so with
// SecurityGroup().AllowInternetEgress(port, reason) and a VPC with NAT gateways.
//
// Validation, handler checks and packaging are pure Go (no jsii) and run
// before any construct is created, so a missing source folder, a handler that
// is not in the package or a deprecated runtime fails at synth, not at apply.
package compute
