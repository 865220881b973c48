// Package network creates a VPC laid out in public, private and isolated
// database subnet tiers across availability zones, and security groups whose
// rules are separate resources wired from both sides by one call.
//
// NewVPC attaches the internet gateway with its own attachment resource and
// makes the public default route, the NAT gateways and their EIPs depend on
// it; database subnets get a route table with no route out; flow logs always
// go to a KMS-encrypted log group; the default security group loses every
// rule. Subnet CIDRs are computed in Go (PlanSubnets) and validated before
// any resource is created.
//
// NewSecurityGroup never writes inline rules: every rule is an
// aws_vpc_security_group_ingress_rule or _egress_rule whose construct id comes
// from its direction, peer and port, so groups reference only their VPC and
// two groups that allow each other cannot form a reference cycle.
package network
