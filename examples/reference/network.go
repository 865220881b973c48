package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Network is a three-tier VPC (public, private, isolated database subnets)
// with encrypted flow logs and no NAT gateway in any environment: no
// workload needs the internet. The Lambda handler is standard-library
// Python that reads its environment; the instance's SSM Agent reaches
// Systems Manager through interface endpoints and dnf reaches the Amazon
// Linux repositories through the S3 gateway endpoint. The constructs ask
// the VPC for exactly the endpoints they use (see README, "What the
// reference stack creates").
type Network struct {
	VPC *network.VPC
}

func newNetwork(s *stack.Stack, cfg Config, sec *Security) (*Network, error) {
	vpc, err := network.NewVPC(s, "vpc", network.VPCProps{
		CIDR:        "10.0.0.0/16",
		FlowLogKey:  sec.Key,
		NATGateways: network.NoNAT, // dev and prod alike: everything goes through endpoints
	})
	if err != nil {
		return nil, err
	}
	return &Network{VPC: vpc}, nil
}
