package rules

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// testNow fixes the date runtime deprecations are judged against.
var testNow = time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC)

func findingsOf(rep engine.Report, id string) []engine.Finding {
	var out []engine.Finding
	for _, f := range rep.Findings {
		if f.RuleID == id {
			out = append(out, f)
		}
	}
	return out
}

func dump(fs []engine.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  " + f.String())
	}
	return b.String()
}

// TestRuleFixtures runs every rule over its pass and fail fixtures: the rule
// must fire on fail and stay silent on pass, and all other rules must run on
// both without error.
func TestRuleFixtures(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			for _, kind := range []string{"pass", "fail"} {
				file := fixtureFile(t, r.ID, kind)
				rep, err := CheckFile(file, Options{Now: testNow})
				if err != nil {
					t.Fatalf("%s: all rules: %v", file, err)
				}
				got := findingsOf(rep, r.ID)
				switch {
				case kind == "fail" && len(got) == 0:
					t.Errorf("%s: rule %s did not fire; findings of other rules:%s", file, r.ID, dump(rep.Findings))
				case kind == "pass" && len(got) > 0:
					t.Errorf("%s: rule %s fired on the passing fixture:%s", file, r.ID, dump(got))
				}
				for _, f := range got {
					if f.Address == "" || f.Message == "" || f.Fix == "" || f.Severity != r.Severity || f.File != file {
						t.Errorf("%s: incomplete finding %+v", file, f)
					}
				}
				if kind == "fail" {
					checkWant(t, filepath.Dir(file), r.ID, got)
				}
			}
		})
	}
}

// checkWant compares the addresses a rule named on a fail fixture with the
// fixture's want.txt: one address per expected finding ("aws_s3_bucket.b",
// "module.db.aws_db_instance.db"), blank lines and # comments ignored.
func checkWant(t *testing.T, dir, id string, got []engine.Finding) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "want.txt"))
	if err != nil {
		t.Errorf("%s: %v (list the address each finding must name)", id, err)
		return
	}
	var want, have []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			want = append(want, l)
		}
	}
	for _, f := range got {
		have = append(have, f.Address)
	}
	sort.Strings(want)
	sort.Strings(have)
	if strings.Join(want, " ") != strings.Join(have, " ") {
		t.Errorf("%s: findings name %q; %s/want.txt says %q:%s", id, have, dir, want, dump(got))
	}
}

// fixtureFile returns testdata/<id>/<kind>/cdk.tf.json, or the one other
// configuration file there (a rule about files that are not a whole module
// needs another name).
func fixtureFile(t *testing.T, id, kind string) string {
	t.Helper()
	dir := filepath.Join("testdata", id, kind)
	file := filepath.Join(dir, "cdk.tf.json")
	if _, err := os.Stat(file); err == nil {
		return file
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf*"))
	if len(files) != 1 {
		t.Fatalf("%s: missing fixture: want %s or one *.tf/*.tf.json file in %s", id, file, dir)
	}
	return files[0]
}

// TestRulesDocumented checks every rule is complete and listed in the package doc table.
func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range All() {
		if r.Title == "" || r.Doc == "" {
			t.Errorf("%s: missing title or doc", r.ID)
		}
		want := r.ID + " "
		line := ""
		for _, l := range strings.Split(string(doc), "\n") {
			if strings.Contains(l, want) {
				line = l
			}
		}
		if line == "" {
			t.Errorf("%s: not in the doc.go rule table", r.ID)
		} else if !strings.Contains(line, r.Severity.String()) {
			t.Errorf("%s: doc.go says %q; severity is %s", r.ID, strings.TrimSpace(line), r.Severity)
		}
	}
}

// TestWorldOpenForms: SG002 covers inline ingress, aws_security_group_rule
// (ipv6, protocol -1) and aws_vpc_security_group_ingress_rule port ranges,
// the whole sensitive-port list (21, 445, 2375, 9200, 11211), the internet in
// halves within one rule (memcached, on a group not declared in the stack)
// and across two rule forms of one group (cache), but not egress.
func TestWorldOpenForms(t *testing.T) {
	rep, err := CheckFile(filepath.Join("testdata", "SG002", "fail", "cdk.tf.json"), Options{Now: testNow, Rules: []string{"SG002"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Address+": "+f.Message)
	}
	want := []string{
		"aws_security_group.cache: the rules of this security group together allow port(s) 2375 (Docker daemon) from the whole internet (0.0.0.0/0): aws_security_group_rule.docker_low (0.0.0.0/1) + aws_vpc_security_group_ingress_rule.docker_high (128.0.0.0/1)",
		"aws_security_group.files: inline ingress rule #1 allows port(s) 21 (FTP) from 0.0.0.0/0",
		"aws_security_group.files: inline ingress rule #2 allows port(s) 445 (SMB) from ::/0",
		"aws_security_group.web: inline ingress rule #1 allows port(s) 3389 (RDP) from 0.0.0.0/0",
		"aws_security_group_rule.db_all: ingress rule allows all traffic, including every sensitive port (20 (FTP data), 21 (FTP), 22 (SSH) and 42 more) from ::/0",
		"aws_security_group_rule.memcached: ingress rule allows port(s) 11211 (Memcached) from 0.0.0.0/0",
		"aws_vpc_security_group_ingress_rule.search: ingress rule allows port(s) 9200 (Elasticsearch) from ::/0",
		"aws_vpc_security_group_ingress_rule.wide: ingress rule allows port(s) 1433 (SQL Server), 1434 (SQL Server browser), 1521 (Oracle), 2049 (NFS), 2375 (Docker daemon), 2376 (Docker daemon (TLS)), 2379 (etcd), 3306 (MySQL), 4333 (mSQL), 5432 (PostgreSQL), 5500 (VNC listener), 5601 (Kibana), 5900 (VNC), 5984 (CouchDB), 5985 (WinRM), 5986 (WinRM (TLS)) from 0.0.0.0/0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("SG002 findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSnapshotIDProblem(t *testing.T) {
	ok := []string{"acme-dev-db-final", "A1", "${var.env}-final", "acme-${var.env}", "db-${var.n}-final"}
	bad := map[string]string{
		"1acme":               "does not start with a letter",
		"acme--final":         `contains "--"`,
		"acme-final-":         "ends with a hyphen",
		"acme_final":          `contains '_'`,
		"acme-${timestamp()}": "uses timestamp()",
		"final-${formatdate(\"YYYY\", timestamp())}": "uses timestamp()",
		"a" + strings.Repeat("b", 255):               "the limit is 255",
		"":                                           "is empty",
	}
	for _, v := range ok {
		if p := snapshotIDProblem(v); p != "" {
			t.Errorf("snapshotIDProblem(%q) = %q; want none", v, p)
		}
	}
	for v, want := range bad {
		if p := snapshotIDProblem(v); !strings.Contains(p, want) {
			t.Errorf("snapshotIDProblem(%q) = %q; want %q", v, p, want)
		}
	}
}

func TestRuntimeDeprecation(t *testing.T) {
	stackWith := func(rt string) *engine.Stack {
		s, err := engine.ParseStack([]byte(`{"resource": {"aws_lambda_function": {"f": {"runtime": "` + rt + `", "s3_bucket": "b", "s3_key": "k"}}}}`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		runtime string
		now     time.Time
		fires   bool
	}{
		{"python3.9", testNow, true},
		{"nodejs18.x", testNow, true},
		{"nodejs20.x", time.Date(2026, 4, 29, 0, 0, 0, 0, time.UTC), false},
		{"nodejs20.x", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), true},
		{"python3.12", testNow, false},
		{"python3.13", testNow, false},
		{"nodejs22.x", testNow, false},
		{"java21", testNow, false},
		{"provided.al2023", testNow, false},
		{"python9.9", testNow, false}, // unknown (newer) runtimes are not judged
	}
	for _, tt := range tests {
		rep, err := CheckStack(stackWith(tt.runtime), Options{Now: tt.now, Rules: []string{"LMB002"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(rep.Findings) > 0; got != tt.fires {
			t.Errorf("%s on %s: fires = %v; want %v%s", tt.runtime, tt.now.Format(time.DateOnly), got, tt.fires, dump(rep.Findings))
		}
	}
}

// TestTrailBucketThroughPolicy: s3_bucket_name taken from the bucket policy still identifies the bucket.
func TestTrailBucketThroughPolicy(t *testing.T) {
	s, err := engine.LoadStack(filepath.Join("testdata", "CT004", "pass", "cdk.tf.json"))
	if err != nil {
		t.Fatal(err)
	}
	tr := s.Lookup("aws_cloudtrail.main")
	if b := bucketOfTrail(s, tr); b == nil || b.Address != "aws_s3_bucket.logs" {
		t.Fatalf("bucketOfTrail(%v) = %v; want aws_s3_bucket.logs", tr.Body["s3_bucket_name"], b)
	}
}

// TestSeedFailures: the failures of the seed reviews, reproduced in one
// stack (testdata/seeds), are each caught by the named rule.
func TestSeedFailures(t *testing.T) {
	rep, err := CheckDir(filepath.Join("testdata", "seeds"), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	fired := map[string]bool{}
	for _, f := range rep.Findings {
		fired[f.RuleID] = true
	}
	for _, id := range []string{
		"CT001",  // bucket policy CloudTrail cannot write through
		"CT004",  // trail not ordered after the bucket policy
		"CT008",  // no event selectors
		"KMS001", // arn:aws:iam::*:root
		"KMS002", // rotation off
		"KMS003", // key used by a log group without the logs statement
		"KMS004", // key used by the trail without the cloudtrail statement
		"LMB001", // data_processor.zip does not exist
		"LMB002", // python3.9
		"LMB003", // no VPC
		"TF001",  // security groups referencing each other
		"SG001",  // inline rules referencing groups
		"TF002",  // aws_s3_bucket.data never declared
		"TF003",  // module sources that do not exist
		"TF004",  // timestamp() in a bucket name and a snapshot id
		"RDS003", // invalid final snapshot id
		"RDS005", // deletion protection blocks destroy
		"S3005",  // MFA delete through Terraform
		"NET001", // IGW without attachment
		"EC2004", // base64 in user_data
		"CFG001", // recorder never started
		"MON003", // alarm not wired to the topic
	} {
		if !fired[id] {
			t.Errorf("%s did not fire on testdata/seeds; findings:%s", id, dump(rep.Findings))
		}
	}
}

// TestTLSFindings: RDS006 reports each instance of its fail fixture once
// (default group of MySQL and of PostgreSQL 14, a group setting 0, a group
// without the parameter), and decides PostgreSQL's default by version.
func TestTLSFindings(t *testing.T) {
	rep, err := CheckFile(filepath.Join("testdata", "RDS006", "fail", "cdk.tf.json"), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range findingsOf(rep, "RDS006") {
		got[f.Address] = f.Message
	}
	for addr, want := range map[string]string{
		"aws_db_instance.mysql_default": "mysql uses the engine's default parameter group",
		"aws_db_instance.pg14_default":  "postgres uses the engine's default parameter group",
		"aws_db_instance.pg_off":        `sets rds.force_ssl = "0"`,
		"aws_db_instance.mysql_unset":   "does not set require_secure_transport",
	} {
		if !strings.Contains(got[addr], want) {
			t.Errorf("RDS006 on %s: %q; want a finding containing %q", addr, got[addr], want)
		}
		delete(got, addr)
	}
	for addr, msg := range got {
		t.Errorf("RDS006: unexpected finding on %s: %s", addr, msg)
	}
	for v, want := range map[string]bool{"": true, "15": true, "16.4": true, "${var.v}": true, "14.12": false, "9.6": false, "11": false} {
		if got := postgresForcesTLS(v); got != want {
			t.Errorf("postgresForcesTLS(%q) = %v; want %v", v, got, want)
		}
	}
}
