// Package reference is the reference stack: every construct of the library
// composed into one secure environment, readable top to bottom. Copy it as
// the template for your own.
//
// The same code builds every environment; Config.Environment decides the few
// things an environment should change (see Config.production):
//
//	dev   destroyable: RDS skips its final snapshot, buckets can be emptied on
//	      destroy
//	prod  protected: RDS deletion protection and a final snapshot, buckets
//	      refuse to be destroyed while they hold data
//
// Neither environment has a NAT gateway: the private subnets have no route
// to the internet, and the workloads reach AWS through the VPC's gateway
// and interface endpoints (see network.go).
package reference

import (
	"fmt"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/baseline"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Config selects the environment the reference stack is built for.
type Config struct {
	// Company is the first part of every name. Required ("acme" in main).
	Company string
	// Environment is "dev", "prod", ... Required ("dev" in main).
	// "prod"/"production" selects the protected settings.
	Environment string
	// Region is the AWS region. Required ("us-east-1" in main).
	Region string
	// Backend selects the state backend. Default: local relative state file.
	Backend stack.Backend
	// Tags are extra default tags. Default: none.
	Tags map[string]string
	// AlarmEmails receive every alarm and OK notification. Default: none.
	AlarmEmails []string
	// Domain is the front door's DNS name (certificate and alias record).
	// Default: "{company}-{environment}.example.com", a placeholder for
	// synthesis and the emulator: Route 53 refuses zones under example.com,
	// so a real deploy needs a domain you own.
	Domain string
	// HostedZoneID is the public Route 53 zone serving Domain. Default: "",
	// the stack creates a zone for Domain (delegate it to the zone's name
	// servers, output front_door_name_servers).
	HostedZoneID string
}

// domain is Config.Domain or its default.
func (c Config) domain() string {
	if c.Domain != "" {
		return c.Domain
	}
	return c.Company + "-" + c.Environment + ".example.com"
}

// StackID is the stack's id and output folder name: "{company}-{environment}".
func (c Config) StackID() string { return c.Company + "-" + c.Environment }

// production reports whether this environment protects its data.
func (c Config) production() bool { return naming.IsProductionEnvironment(c.Environment) }

// Reference is the built stack and the parts tests and outputs read.
type Reference struct {
	// Stack is the CDKTF stack everything is built in.
	Stack *stack.Stack
	// Security is the customer managed key.
	Security *Security
	// Audit is the logs bucket, CloudTrail and AWS Config.
	Audit *Audit
	// Network is the VPC.
	Network *Network
	// Work is the database, function and instance.
	Work *Workloads
	// Front is the public entry: certificate, load balancer, web ACL.
	Front *FrontDoor
	// Monitor is the alarm topic and every alarm.
	Monitor *Monitor
	// Baseline is the account baseline (password policy, account defaults,
	// GuardDuty, Security Hub, Access Analyzer, findings to the topic).
	Baseline *baseline.Baseline
	// Deviations are the compliance controls the stack deliberately does
	// not meet, each with its reason (compliance.go).
	Deviations []Deviation
}

// New builds the reference stack in app. Every section validates its input
// before creating anything, so a bad Config fails with one clear error.
func New(app *stack.App, cfg Config) (*Reference, error) {
	s, err := stack.New(app, cfg.StackID(), stack.Props{
		Company:     cfg.Company,
		Environment: cfg.Environment,
		Region:      cfg.Region,
		Tags:        cfg.Tags,
		Backend:     cfg.Backend,
	})
	if err != nil {
		return nil, err
	}
	r := &Reference{Stack: s}
	if r.Security, err = newSecurity(s); err != nil {
		return nil, fmt.Errorf("security: %w", err)
	}
	if r.Audit, err = newAudit(s, cfg, r.Security); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	if r.Network, err = newNetwork(s, cfg, r.Security); err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	if r.Work, err = newWorkloads(s, cfg, r.Security, r.Network); err != nil {
		return nil, fmt.Errorf("workloads: %w", err)
	}
	if r.Front, err = newFrontDoor(s, cfg, r.Security, r.Network, r.Work); err != nil {
		return nil, fmt.Errorf("front door: %w", err)
	}
	if r.Monitor, err = newMonitor(s, cfg, r); err != nil {
		return nil, fmt.Errorf("monitoring: %w", err)
	}
	if r.Baseline, err = newBaseline(s, r); err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if err := addOutputs(s, r); err != nil {
		return nil, fmt.Errorf("outputs: %w", err)
	}
	if err := recordDeviations(s, cfg, r); err != nil {
		return nil, fmt.Errorf("compliance deviations: %w", err)
	}
	return r, nil
}
