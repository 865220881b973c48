package testkit

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of stopping, so the
// tests can check what a failing assertion says.
type recorder struct {
	testing.TB
	errors, fatals, logs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
}
func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

func (r *recorder) failures() string { return strings.Join(append(r.fatals, r.errors...), "\n") }

func topics(t *testing.T) *Doc {
	t.Helper()
	d, err := LoadFile("testdata/topics/cdk.tf.json")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLookups(t *testing.T) {
	d := topics(t)
	var got []string
	for _, r := range d.All("aws_sns_topic") {
		got = append(got, r.Address()+" "+r.Path())
	}
	want := []string{"aws_sns_topic.loud_topic_1A2B3C4D acme-dev/loud/topic", "aws_sns_topic.quiet_topic_5E6F7A8B acme-dev/quiet/topic"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("All(aws_sns_topic) = %q; want %q", got, want)
	}
	if n := len(d.All("aws_s3_bucket")); n != 0 {
		t.Errorf("All(aws_s3_bucket) = %d resources; want 0", n)
	}
	if r := d.Find(t, "aws_sns_topic", "quiet/topic"); r.Name != "quiet_topic_5E6F7A8B" {
		t.Errorf("Find(aws_sns_topic, quiet/topic) = %s; want aws_sns_topic.quiet_topic_5E6F7A8B", r.Address())
	}
	if r := d.Find(t, "aws_sns_topic", "acme-dev/loud/topic"); r.Name != "loud_topic_1A2B3C4D" {
		t.Errorf("Find(aws_sns_topic, acme-dev/loud/topic) = %s; want the loud topic", r.Address())
	}
	if r := d.One(t, "aws_sns_topic_policy"); r.Address() != "aws_sns_topic_policy.quiet_policy_9C0D1E2F" {
		t.Errorf("One(aws_sns_topic_policy) = %s", r.Address())
	}
	if r := d.Get(t, "aws_sns_topic", "loud_topic_1A2B3C4D"); r.String(t, "name") != "acme-dev-loud" {
		t.Errorf("Get(...).String(name) = %q; want acme-dev-loud", r.String(t, "name"))
	}
	var under []string
	for _, r := range d.Under("acme-dev/quiet") {
		under = append(under, r.Address())
	}
	if want := []string{"aws_sns_topic.quiet_topic_5E6F7A8B", "aws_sns_topic_policy.quiet_policy_9C0D1E2F"}; !reflect.DeepEqual(under, want) {
		t.Errorf("Under(acme-dev/quiet) = %q; want %q", under, want)
	}
	if len(d.Under("quiet")) != 2 || len(d.Under("acme-dev/qui")) != 0 {
		t.Errorf("Under matches whole path segments only: Under(quiet) = %d, Under(acme-dev/qui) = %d; want 2 and 0", len(d.Under("quiet")), len(d.Under("acme-dev/qui")))
	}

	prov := d.Provider(t, "aws")
	prov.Equal(t, "region", "us-east-1")
	if prov.Address() != "provider.aws" {
		t.Errorf("Provider(aws).Address() = %q; want provider.aws", prov.Address())
	}

	pol := d.One(t, "aws_sns_topic_policy")
	pol.Equal(t, "arn", d.Get(t, "aws_sns_topic", "quiet_topic_5E6F7A8B").Ref("arn"))
	if st := Statements(t, pol.Address(), pol.Policy(t, "policy")); st["TLSOnly"]["Effect"] != "Deny" {
		t.Errorf("%s: statement TLSOnly = %v; want a Deny", pol.Address(), st["TLSOnly"])
	}
	if got := pol.DependsOn(); !reflect.DeepEqual(got, []string{"aws_sns_topic.quiet_topic_5E6F7A8B"}) {
		t.Errorf("%s: DependsOn = %q", pol.Address(), got)
	}
}

// TestFailuresNameAddressAndAttribute checks what each failing lookup and
// assertion reports: the resource address and the attribute, with the value.
func TestFailuresNameAddressAndAttribute(t *testing.T) {
	d := topics(t)
	quiet := d.Get(t, "aws_sns_topic", "quiet_topic_5E6F7A8B")
	tests := []struct {
		name string
		run  func(tb testing.TB)
		want []string
	}{
		{"Equal, wrong value", func(tb testing.TB) { quiet.Equal(tb, "name", "acme-dev-other") },
			[]string{"aws_sns_topic.quiet_topic_5E6F7A8B", `name = "acme-dev-quiet"`, `want "acme-dev-other"`}},
		{"Equal, nested", func(tb testing.TB) { quiet.Equal(tb, "tags.Owner", "ops") },
			[]string{"aws_sns_topic.quiet_topic_5E6F7A8B", `tags.Owner = "data"`, `want "ops"`}},
		{"Equal, unset", func(tb testing.TB) { quiet.Equal(tb, "kms_master_key_id", "alias/x") },
			[]string{"aws_sns_topic.quiet_topic_5E6F7A8B", `"kms_master_key_id" is not set`}},
		{"Absent, set", func(tb testing.TB) { quiet.Absent(tb, "tags") },
			[]string{"aws_sns_topic.quiet_topic_5E6F7A8B", `"tags"`, `{"Owner":"data"}`, "want it unset"}},
		{"String, not a string", func(tb testing.TB) { quiet.String(tb, "tags") },
			[]string{"aws_sns_topic.quiet_topic_5E6F7A8B", `"tags"`, "want a string"}},
		{"Policy, not set", func(tb testing.TB) { quiet.Policy(tb, "policy") },
			[]string{"aws_sns_topic.quiet_topic_5E6F7A8B", `"policy" is not set`}},
		{"Get, absent", func(tb testing.TB) { d.Get(tb, "aws_sns_topic", "nope") },
			[]string{"aws_sns_topic.nope", "not found", "loud_topic_1A2B3C4D", "quiet_topic_5E6F7A8B"}},
		{"One, several", func(tb testing.TB) { d.One(tb, "aws_sns_topic") },
			[]string{"aws_sns_topic", "want exactly 1", "have 2"}},
		{"Find, no match", func(tb testing.TB) { d.Find(tb, "aws_sns_topic", "audit/topic") },
			[]string{"aws_sns_topic", `"audit/topic"`, "found 0", "acme-dev/loud/topic", "acme-dev/quiet/topic"}},
		{"Provider, absent", func(tb testing.TB) { d.Provider(tb, "google") },
			[]string{"provider.google", "no google provider block"}},
		{"Equal on a provider", func(tb testing.TB) { d.Provider(tb, "aws").Equal(tb, "region", "eu-west-1") },
			[]string{"provider.aws", `region = "us-east-1"`, `want "eu-west-1"`}},
		{"Find, partial segment", func(tb testing.TB) { d.Find(tb, "aws_sns_topic", "uiet/topic") },
			[]string{`"uiet/topic"`, "found 0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{}
			tc.run(rec)
			got := rec.failures()
			if got == "" {
				t.Fatalf("no failure reported; want one mentioning %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("failure %q does not mention %q", got, w)
				}
			}
		})
	}
}

func TestGuard(t *testing.T) {
	rec := &recorder{}
	rep := Guard(rec, topics(t))
	if len(rec.fatals) != 0 {
		t.Fatalf("Guard: fatal %q", rec.fatals)
	}
	// The loud topic fails the test; the quiet one is suppressed, with its reason logged.
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "MON002") || !strings.Contains(rec.errors[0], "aws_sns_topic.loud_topic_1A2B3C4D") {
		t.Errorf("Guard failures = %q; want one MON002 naming aws_sns_topic.loud_topic_1A2B3C4D", rec.errors)
	}
	if len(rep.Suppressed) != 1 || rep.Suppressed[0].Address != "aws_sns_topic.quiet_topic_5E6F7A8B" {
		t.Errorf("Guard: suppressed = %v; want the quiet topic", rep.Suppressed)
	}
	if logs := strings.Join(rec.logs, "\n"); !strings.Contains(logs, "test topic, carries no data") {
		t.Errorf("Guard: log %q does not give the suppression's reason", logs)
	}
}
