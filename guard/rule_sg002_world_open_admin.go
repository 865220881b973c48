package guard

import (
	"fmt"
	"strings"
)

// adminPorts are remote administration and database ports that must never be open to the internet.
var adminPorts = []struct {
	port int
	name string
}{{22, "SSH"}, {1433, "SQL Server"}, {3306, "MySQL"}, {3389, "RDP"}, {5432, "PostgreSQL"}, {6379, "Redis"}, {27017, "MongoDB"}}

func init() {
	register(Rule{
		ID:       "SG002",
		Title:    "admin or database port open to the world",
		Severity: Error,
		Doc: "Ingress from 0.0.0.0/0 or ::/0 that covers port 22, 3389, 3306, 5432, 1433, 27017 or 6379 (a range " +
			"covering it, or protocol -1/all) in aws_security_group inline ingress, aws_security_group_rule " +
			"(type ingress) or aws_vpc_security_group_ingress_rule.",
		Check: func(p *Pass) {
			s := p.Stack
			fix := "allow the port only from a named security group or a known CIDR (use SSM Session Manager instead of SSH/RDP)"
			report := func(r *Resource, where string, cidrs []string, from, to any, proto any) {
				open := ""
				for _, c := range cidrs {
					if c == "0.0.0.0/0" || c == "::/0" {
						open = c
					}
				}
				if open == "" {
					return
				}
				if ports := exposedAdminPorts(from, to, proto); ports != "" {
					p.Reportf(r, fix, "%s allows %s from %s", where, ports, open)
				}
			}
			for _, sg := range s.OfType("aws_security_group") {
				for i, rule := range blocks(sg.Body["ingress"]) {
					report(sg, fmt.Sprintf("inline ingress rule #%d", i+1), append(strs(rule["cidr_blocks"]), strs(rule["ipv6_cidr_blocks"])...), rule["from_port"], rule["to_port"], rule["protocol"])
				}
			}
			for _, r := range s.OfType("aws_security_group_rule") {
				if str(r.Body["type"]) == "ingress" {
					report(r, "ingress rule", append(strs(r.Body["cidr_blocks"]), strs(r.Body["ipv6_cidr_blocks"])...), r.Body["from_port"], r.Body["to_port"], r.Body["protocol"])
				}
			}
			for _, r := range s.OfType("aws_vpc_security_group_ingress_rule") {
				report(r, "ingress rule", []string{str(r.Body["cidr_ipv4"]), str(r.Body["cidr_ipv6"])}, r.Body["from_port"], r.Body["to_port"], r.Body["ip_protocol"])
			}
		},
	})
}

// exposedAdminPorts lists the admin ports a rule's port range covers, or "".
func exposedAdminPorts(from, to, proto any) string {
	pr := strings.ToLower(str(proto))
	all := pr == "-1" || pr == "all"
	if !all && pr != "tcp" && pr != "udp" && pr != "6" && pr != "17" {
		return ""
	}
	lo, okLo := intOf(from)
	hi, okHi := intOf(to)
	if !all && (!okLo || !okHi) {
		return ""
	}
	var hit []string
	for _, ap := range adminPorts {
		if all || ap.port >= lo && ap.port <= hi {
			hit = append(hit, fmt.Sprintf("%d (%s)", ap.port, ap.name))
		}
	}
	if len(hit) == 0 {
		return ""
	}
	if all {
		return "all traffic, including " + strings.Join(hit, ", ")
	}
	return "port(s) " + strings.Join(hit, ", ")
}
