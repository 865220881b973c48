// Package ports is the one list of ports that must never be reachable from the
// whole internet, and the address arithmetic that decides what "the whole
// internet" is. The network constructs refuse such rules and the guard's SG002
// reports them, both from this list. It is plain Go: importing it links no
// jsii, cdktf or constructs package.
package ports

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
)

// Port is a sensitive port: a service that must not face the internet.
type Port struct {
	// Number is the TCP (or UDP) port.
	Number int
	// Service names what usually listens there ("SSH").
	Service string
	// Kind groups the port: "remote-admin", "database", "cache", "search",
	// "container", "file-sharing", "messaging".
	Kind string
}

// Sensitive lists the remote-administration, database, cache, search,
// container-daemon, file-sharing and messaging ports that may not be opened to
// 0.0.0.0/0 or ::/0 (or any set of ranges that adds up to the whole internet),
// sorted by number. Sources: CIS AWS Foundations 5.2/5.3 (22, 3389), AWS
// Security Hub EC2.19 "high-risk ports", checkov CKV_AWS_24/25/260 and trivy
// AVD-AWS-0107.
var Sensitive = []Port{
	{20, "FTP data", "file-sharing"},
	{21, "FTP", "file-sharing"},
	{22, "SSH", "remote-admin"},
	{23, "Telnet", "remote-admin"},
	{25, "SMTP", "messaging"},
	{110, "POP3", "messaging"},
	{135, "MS RPC", "remote-admin"},
	{137, "NetBIOS name", "file-sharing"},
	{138, "NetBIOS datagram", "file-sharing"},
	{139, "NetBIOS session", "file-sharing"},
	{143, "IMAP", "messaging"},
	{445, "SMB", "file-sharing"},
	{1433, "SQL Server", "database"},
	{1434, "SQL Server browser", "database"},
	{1521, "Oracle", "database"},
	{2049, "NFS", "file-sharing"},
	{2375, "Docker daemon", "container"},
	{2376, "Docker daemon (TLS)", "container"},
	{2379, "etcd", "container"},
	{3306, "MySQL", "database"},
	{3389, "RDP", "remote-admin"},
	{4333, "mSQL", "database"},
	{5432, "PostgreSQL", "database"},
	{5500, "VNC listener", "remote-admin"},
	{5601, "Kibana", "search"},
	{5900, "VNC", "remote-admin"},
	{5984, "CouchDB", "database"},
	{5985, "WinRM", "remote-admin"},
	{5986, "WinRM (TLS)", "remote-admin"},
	{6379, "Redis", "cache"},
	{6443, "Kubernetes API", "container"},
	{7000, "Cassandra", "database"},
	{7001, "Cassandra (TLS)", "database"},
	{8020, "HDFS", "file-sharing"},
	{8086, "InfluxDB", "database"},
	{8888, "Jupyter", "remote-admin"},
	{9042, "Cassandra CQL", "database"},
	{9092, "Kafka", "messaging"},
	{9200, "Elasticsearch", "search"},
	{9300, "Elasticsearch transport", "search"},
	{10250, "kubelet", "container"},
	{11211, "Memcached", "cache"},
	{27017, "MongoDB", "database"},
	{27018, "MongoDB shard", "database"},
	{50070, "HDFS NameNode", "file-sharing"},
}

var byNumber = func() map[int]Port {
	m := make(map[int]Port, len(Sensitive))
	for _, p := range Sensitive {
		m[p.Number] = p
	}
	return m
}()

// Lookup returns the sensitive port with that number, if it is one.
func Lookup(n int) (Port, bool) {
	p, ok := byNumber[n]
	return p, ok
}

// String renders "22 (SSH)".
func (p Port) String() string { return fmt.Sprintf("%d (%s)", p.Number, p.Service) }

// InRange returns the sensitive ports from..to covers (inclusive, in order).
// allTraffic (protocol "-1"/"all") covers every port whatever the range says.
func InRange(from, to int, allTraffic bool) []Port {
	var hit []Port
	for _, p := range Sensitive {
		if allTraffic || p.Number >= from && p.Number <= to {
			hit = append(hit, p)
		}
	}
	return hit
}

// Describe renders a list of ports as "22 (SSH), 3389 (RDP)".
func Describe(ps []Port) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, ", ")
}

// Everyone reports whether a single CIDR block is the whole address space of
// its family: 0.0.0.0/0 or ::/0 (any host bits set are ignored, as AWS does
// not accept them anyway). Unparseable input is not "everyone".
func Everyone(cidr string) bool {
	p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
	return err == nil && p.Bits() == 0
}

// CoverInternet reports whether the union of the CIDR blocks covers the whole
// IPv4 address space or the whole IPv6 address space: 0.0.0.0/0 alone, but
// also 0.0.0.0/1 + 128.0.0.0/1, or any set of blocks that adds up to it.
// It returns the family that is covered ("0.0.0.0/0" or "::/0"), or "".
// Blocks that do not parse are ignored (references such as
// "${aws_vpc.main.cidr_block}" are never the whole internet).
func CoverInternet(cidrs []string) string {
	var v4, v6 []netip.Prefix
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(strings.TrimSpace(c))
		if err != nil {
			continue
		}
		p = p.Masked()
		if p.Addr().Is4() {
			v4 = append(v4, p)
		} else if !p.Addr().Is4In6() {
			v6 = append(v6, p)
		}
	}
	if covers(v4, 32) {
		return "0.0.0.0/0"
	}
	if covers(v6, 128) {
		return "::/0"
	}
	return ""
}

// covers reports whether the prefixes, all of one family with addresses of
// width bits, together cover that family's whole space. Ranges are merged in
// address order; the space is covered when the merged run starts at the first
// address and reaches the last.
func covers(ps []netip.Prefix, width int) bool {
	if len(ps) == 0 {
		return false
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Addr().Less(ps[j].Addr()) })
	var first netip.Addr
	if width == 32 {
		first = netip.IPv4Unspecified()
	} else {
		first = netip.IPv6Unspecified()
	}
	if ps[0].Addr() != first {
		return false
	}
	end := last(ps[0]) // the last address covered so far
	for _, p := range ps[1:] {
		if !end.IsValid() {
			return true
		}
		next := end.Next()
		if !next.IsValid() { // end is the family's last address
			return true
		}
		if next.Less(p.Addr()) {
			return false // a gap
		}
		if l := last(p); end.Less(l) {
			end = l
		}
	}
	return !end.Next().IsValid()
}

// last returns the last address of a masked prefix.
func last(p netip.Prefix) netip.Addr {
	a := p.Addr().AsSlice()
	host := len(a)*8 - p.Bits()
	for i := len(a) - 1; i >= 0 && host > 0; i-- {
		if host >= 8 {
			a[i] = 0xff
			host -= 8
			continue
		}
		a[i] |= byte(1<<host - 1)
		host = 0
	}
	out, _ := netip.AddrFromSlice(a)
	return out
}
