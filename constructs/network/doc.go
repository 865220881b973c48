// Package network creates a VPC laid out in public, private and isolated
// database subnet tiers across availability zones, and security groups whose
// rules are separate resources wired from both sides by one call.
//
// NewVPC attaches the internet gateway with its own attachment resource and
// makes the public default route (and any NAT gateway and EIP) depend on it;
// NAT gateways exist only when VPCProps.NATGateways asks for them, so by
// default private and database subnets have no route out of the VPC; S3 and
// DynamoDB gateway endpoints serve the private and database route tables;
// flow logs always go to a KMS-encrypted log group; the default security
// group loses every rule. Subnet CIDRs are computed in Go (PlanSubnets) and
// validated before any resource is created.
//
// Workloads reach AWS through endpoints only: VPC.AllowEndpoints gives a
// group HTTPS egress to the S3/DynamoDB prefix lists or, for any other
// service, creates the interface endpoint (private DNS, in every private
// subnet) and wires the group to the endpoints' own security group, which
// accepts 443 from those groups only. Endpoint policies admit only this
// account's principals on this account's resources, with the AWS-owned
// exceptions documented on AWSOwnedS3Buckets and VPC.interfacePolicy.
// Egress to the whole internet (0.0.0.0/0, ::/0, or blocks that add up to
// it) is refused by AllowToCIDR; SecurityGroup.AllowInternetEgress is the
// explicit opt-in and records its reason as a guard suppression of SG004.
//
// NewSecurityGroup never writes inline rules: every rule is an
// aws_vpc_security_group_ingress_rule or _egress_rule whose construct id comes
// from its direction, peer and port, so groups reference only their VPC and
// two groups that allow each other cannot form a reference cycle.
package network
