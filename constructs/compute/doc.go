// Package compute provides workloads: an S3-sourced Lambda function
// (NewFunction) whose code is either an existing S3 object or a source folder
// packaged deterministically at synth time, and a hardened EC2 instance
// (NewInstance) reached through SSM instead of SSH.
//
// Validation, handler checks and packaging are pure Go (no jsii) and run
// before any construct is created, so a missing source folder, a handler that
// is not in the package or a deprecated runtime fails at synth, not at apply.
package compute
