package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Network is a three-tier VPC (public, private through NAT, isolated
// database subnets) with encrypted flow logs.
type Network struct {
	VPC *network.VPC
}

func newNetwork(s *stack.Stack, cfg Config, sec *Security) (*Network, error) {
	vpc, err := network.NewVPC(s, "vpc", network.VPCProps{
		CIDR:             "10.0.0.0/16",
		FlowLogKey:       sec.Key,
		SingleNATGateway: !cfg.production(), // prod: one NAT gateway per AZ
	})
	if err != nil {
		return nil, err
	}
	return &Network{VPC: vpc}, nil
}
