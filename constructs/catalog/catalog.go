// Package catalog holds what the constructs must know about AWS to refuse,
// before anything is created, values AWS refuses at apply: EC2 instance
// types, RDS instance classes, the availability zones of each region, and
// the support calendars of Lambda runtimes and RDS engine versions. Every
// list lives here, with its source and the date it was taken (Date), and
// every error says what the catalogue knows and how to refresh it.
//
// The generated files (ec2_types.go, zones.go) are refreshed with
//
//	go generate ./constructs/catalog
//
// which reads the EC2 data moto ships (recorded DescribeInstanceTypes and
// DescribeInstanceTypeOfferings answers; see internal/gen for the aws CLI
// equivalent). The calendars (lifecycle.go) and the RDS families
// (rds_classes.go) are kept by hand from the AWS documentation pages named
// there. Checks compare against Date, not the clock, so output never
// changes between two synths of the same code.
//
// It is plain Go: importing it links no jsii, cdktf or constructs package.
package catalog

//go:generate sh -c "go run ./internal/gen -moto \"$(python3 -c 'import moto, os; print(os.path.dirname(moto.__file__))')\" -date $(date -u +%Y-%m-%d)"

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Date is when the catalogue was last refreshed (YYYY-MM-DD). Support
// windows are judged on this date.
const Date = "2026-11-30"

// Refresh is the command that refreshes the generated lists, for errors.
const Refresh = "go generate ./constructs/catalog"

var (
	ec2Set = func() map[string]bool {
		m := make(map[string]bool, len(ec2Types))
		for _, t := range ec2Types {
			m[t] = true
		}
		return m
	}()
	// ec2Families maps a family ("t3") to its sizes, sorted.
	ec2Families = func() map[string][]string {
		m := map[string][]string{}
		for _, t := range ec2Types {
			f, size, _ := strings.Cut(t, ".")
			m[f] = append(m[f], size)
		}
		return m
	}()
)

// EC2InstanceTypes returns the known EC2 instance types, sorted.
func EC2InstanceTypes() []string { return append([]string(nil), ec2Types...) }

// CheckEC2InstanceType reports an instance type the catalogue does not
// know, naming field, the family's known sizes (or that the family is
// unknown) and how to refresh the catalogue.
func CheckEC2InstanceType(field, t string) error {
	if ec2Set[t] {
		return nil
	}
	family, _, _ := strings.Cut(t, ".")
	if sizes, ok := ec2Families[family]; ok {
		return fmt.Errorf("%s: %q is not a known EC2 instance type; family %s has sizes %s (catalogue of %s, %d types; refresh with %s)", field, t, family, strings.Join(sizes, ", "), Date, len(ec2Types), Refresh)
	}
	return fmt.Errorf("%s: %q is not a known EC2 instance type: no family %q (catalogue of %s, %d types such as t3.micro, m7g.large; refresh with %s)", field, t, family, Date, len(ec2Types), Refresh)
}

// CheckRDSInstanceClass reports an RDS instance class the catalogue does
// not know: "db." + a family RDS offers (rds_classes.go) + a size EC2 has
// for that family.
func CheckRDSInstanceClass(field, class string) error {
	rest, ok := strings.CutPrefix(class, "db.")
	family, size, _ := strings.Cut(rest, ".")
	if ok && rdsFamilies[family] && slices.Contains(rdsSizes(family), size) {
		return nil
	}
	known := make([]string, 0, len(rdsFamilies))
	for f := range rdsFamilies {
		known = append(known, "db."+f)
	}
	sort.Strings(known)
	if ok && rdsFamilies[family] {
		return fmt.Errorf("%s: %q is not a known RDS instance class; db.%s has sizes %s (catalogue of %s; refresh with %s)", field, class, family, strings.Join(rdsSizes(family), ", "), Date, Refresh)
	}
	return fmt.Errorf("%s: %q is not a known RDS instance class (catalogue of %s: families %s; add a new family to constructs/catalog/rds_classes.go, refresh sizes with %s)", field, class, Date, strings.Join(known, ", "), Refresh)
}

var zonePattern = regexp.MustCompile(`^([a-z]{2}(-[a-z]+)+-\d)([a-z])$`)

// CheckZone reports an availability zone name that is not in region or
// whose letter no account has there. AWS maps letters to physical zones per
// account, so the catalogue's letters are those of every account it has
// seen (zones.go plus extraZoneLetters); for a region it does not list, any
// letter passes.
func CheckZone(field, region, az string) error {
	m := zonePattern.FindStringSubmatch(az)
	if m == nil {
		return fmt.Errorf("%s: %q is not an availability zone name; use names such as %q", field, az, region+"a")
	}
	if m[1] != region {
		return fmt.Errorf("%s: %q is not in the stack's region %s; use zones such as %q", field, az, region, region+"a")
	}
	letters, ok := zoneLetters[region]
	if !ok {
		return nil
	}
	letters += extraZoneLetters[region]
	if !strings.Contains(letters, m[3]) {
		known := make([]string, 0, len(letters))
		for _, l := range sortedLetters(letters) {
			known = append(known, region+string(l))
		}
		return fmt.Errorf("%s: %q is not an availability zone of %s (catalogue of %s: %s; refresh with %s)", field, az, region, Date, strings.Join(known, ", "), Refresh)
	}
	return nil
}

// Zones returns the known availability zones of region, or nil.
func Zones(region string) []string {
	letters, ok := zoneLetters[region]
	if !ok {
		return nil
	}
	var out []string
	for _, l := range sortedLetters(letters + extraZoneLetters[region]) {
		out = append(out, region+string(l))
	}
	return out
}

func sortedLetters(s string) []rune {
	r := []rune(s)
	sort.Slice(r, func(i, j int) bool { return r[i] < r[j] })
	return r
}

// extraZoneLetters are zone letters other accounts have that the generated
// list (one account's view) lacks: us-west-1 gives newer accounts b and c
// and older ones a and b; ap-northeast-1's b and ca-central-1's c exist in
// older accounts only (AWS EC2 User Guide, "Availability Zones", checked
// 2026-11-30).
var extraZoneLetters = map[string]string{
	"us-west-1":      "c",
	"ap-northeast-1": "b",
	"ca-central-1":   "c",
}
