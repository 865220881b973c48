package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Release is one version of a runtime or engine and when AWS ends its
// standard support.
type Release struct {
	// Version is the identifier ("python3.13", "16", "8.0").
	Version string
	// Ends is the last day of standard support, YYYY-MM-DD; "" when AWS has
	// not announced it.
	Ends string
	// Note explains the date, e.g. "Node.js 20 end of life". Default "".
	Note string
	// Use is the replacement for this release. Default: Lifecycle.Use.
	Use string
}

// Lifecycle is the support calendar of one product: the versions AWS offers
// and when each stops receiving security patches. A version whose Ends is
// on or before Date is retired: refused like an unknown one, with the
// replacement to use. Lambda runtimes and RDS engines share it, so they are
// refused alike.
type Lifecycle struct {
	// Product names it in errors: "AWS Lambda", "Amazon RDS for PostgreSQL".
	Product string
	// Retired words the end for this product: "deprecated by AWS Lambda on".
	Retired string
	// Consequence follows the date: "no longer receives security patches".
	Consequence string
	// Use is the replacement suggested for retired and unknown versions.
	Use string
	// Source is the documentation page the calendar comes from.
	Source string
	// Releases are the known versions, current and retired.
	Releases []Release
}

// Lookup returns the release of version.
func (l Lifecycle) Lookup(version string) (Release, bool) {
	for _, r := range l.Releases {
		if r.Version == version {
			return r, true
		}
	}
	return Release{}, false
}

// IsRetired reports whether r's standard support ended by Date.
func (r Release) IsRetired() bool { return r.Ends != "" && r.Ends <= Date }

// Current lists the versions still in standard support on Date, sorted.
func (l Lifecycle) Current() []string {
	var out []string
	for _, r := range l.Releases {
		if !r.IsRetired() {
			out = append(out, r.Version)
		}
	}
	sort.Strings(out)
	return out
}

// Check reports why version is refused: retired (with the date and the
// replacement) or unknown (with the versions the catalogue knows). field
// names the prop. A current version passes.
func (l Lifecycle) Check(field, version string) error {
	r, ok := l.Lookup(version)
	switch {
	case ok && !r.IsRetired():
		return nil
	case ok:
		note := ""
		if r.Note != "" {
			note = " (" + r.Note + ")"
		}
		use := l.Use
		if r.Use != "" {
			use = r.Use
		}
		return fmt.Errorf("%s: %q is %s %s%s and %s; use %q", field, version, l.Retired, r.Ends, note, l.Consequence, use)
	}
	return fmt.Errorf("%s: %q is not a known %s version (catalogue of %s: %s; refresh lifecycle.go from %s)", field, version, l.Product, Date, strings.Join(l.Current(), ", "), l.Source)
}

// LambdaRuntimes is the AWS Lambda runtime calendar (AWS Lambda Developer
// Guide, "Lambda runtimes", checked 2026-11-30), for the runtimes this
// library supports and those it refuses.
var LambdaRuntimes = Lifecycle{
	Product: "AWS Lambda runtime", Retired: "deprecated by AWS Lambda on", Consequence: "no longer receives security patches",
	Use: "python3.13", Source: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
	Releases: []Release{
		{Version: "python3.13", Ends: "2029-06-30"},
		{Version: "python3.12", Ends: "2028-10-31"},
		{Version: "nodejs22.x", Ends: "2027-04-30"},
		{Version: "nodejs20.x", Ends: "2026-04-30", Note: "Node.js 20 end of life", Use: "nodejs22.x"},
		{Version: "nodejs18.x", Ends: "2025-09-01", Use: "nodejs22.x"},
		{Version: "nodejs16.x", Ends: "2024-06-12", Use: "nodejs22.x"},
		{Version: "nodejs14.x", Ends: "2023-12-04", Use: "nodejs22.x"},
		{Version: "nodejs12.x", Ends: "2023-03-31", Use: "nodejs22.x"},
		{Version: "python3.11", Ends: "2026-06-30"},
		{Version: "python3.10", Ends: "2026-06-30"},
		{Version: "python3.9", Ends: "2025-12-15"},
		{Version: "python3.8", Ends: "2024-10-14"},
		{Version: "python3.7", Ends: "2023-12-04"},
		{Version: "python2.7", Ends: "2021-07-15"},
	},
}

// PostgresMajors is the Amazon RDS for PostgreSQL major version calendar
// (RDS for PostgreSQL Release Notes, "Release calendars", checked
// 2026-11-30): the last day of RDS standard support. After it an instance
// runs only under paid RDS Extended Support.
var PostgresMajors = Lifecycle{
	Product: "Amazon RDS for PostgreSQL major", Retired: "past Amazon RDS standard support since", Consequence: "gets security patches only under paid RDS Extended Support",
	Use: "16", Source: "https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html",
	Releases: []Release{
		{Version: "18", Ends: "2031-02-28"},
		{Version: "17", Ends: "2030-02-28"},
		{Version: "16", Ends: "2029-02-28"},
		{Version: "15", Ends: "2028-02-29"},
		{Version: "14", Ends: "2027-02-28"},
		{Version: "13", Ends: "2026-02-28"},
		{Version: "12", Ends: "2025-02-28"},
		{Version: "11", Ends: "2024-02-29"},
		{Version: "10", Ends: "2023-04-17"},
		{Version: "9.6", Ends: "2022-04-26"},
	},
}

// MySQLMajors is the Amazon RDS for MySQL major version calendar (RDS for
// MySQL User Guide, "Release calendars for Amazon RDS for MySQL", checked
// 2026-11-30).
var MySQLMajors = Lifecycle{
	Product: "Amazon RDS for MySQL major", Retired: "past Amazon RDS standard support since", Consequence: "gets security patches only under paid RDS Extended Support",
	Use: "8.4", Source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html",
	Releases: []Release{
		{Version: "8.4", Ends: "2029-07-31"},
		{Version: "8.0", Ends: "2026-07-31"},
		{Version: "5.7", Ends: "2024-02-29"},
		{Version: "5.6", Ends: "2022-03-01"},
	},
}
