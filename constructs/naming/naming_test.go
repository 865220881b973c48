package naming

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		n        Naming
		wantErrs []string // substrings, each must appear; none: valid
	}{
		{name: "ok", n: Naming{"acme", "dev"}},
		{name: "ok hyphen digits", n: Naming{"acme-2", "prod-eu1"}},
		{name: "empty company", n: Naming{"", "dev"}, wantErrs: []string{"company: must not be empty"}},
		{name: "empty environment", n: Naming{"acme", ""}, wantErrs: []string{"environment: must not be empty"}},
		{name: "space and bang", n: Naming{"Acme Corp!", "dev"}, wantErrs: []string{`company: "Acme Corp!" is not allowed`, `"acme-corp"`}},
		{name: "upper case env", n: Naming{"acme", "Dev"}, wantErrs: []string{"environment:", `"dev"`}},
		{name: "leading digit", n: Naming{"1acme", "dev"}, wantErrs: []string{"company:", "starting with a letter"}},
		{name: "double hyphen", n: Naming{"ac--me", "dev"}, wantErrs: []string{"company:", "single hyphens"}},
		{name: "trailing hyphen", n: Naming{"acme-", "dev"}, wantErrs: []string{"company:"}},
		{name: "70 char environment", n: Naming{"acme", strings.Repeat("e", 70)}, wantErrs: []string{"environment:", "70 characters", "at most 16"}},
		{name: "both bad", n: Naming{"", "X"}, wantErrs: []string{"company:", "environment:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errtest.Contains(t, fmt.Sprintf("Validate(%+v)", tt.n), tt.n.Validate(), tt.wantErrs...)
		})
	}
}

func TestName(t *testing.T) {
	n := Naming{Company: "acme", Environment: "dev"}
	tests := []struct {
		kind    Kind
		suffix  string
		want    string
		wantErr string
	}{
		{S3Bucket, "logs", "acme-dev-logs", ""},
		{S3Bucket, "Logs", "", "S3 bucket name \"acme-dev-Logs\" is invalid"},
		{S3Bucket, strings.Repeat("a", 55), "", "must be 3-63"},
		{S3Bucket, strings.Repeat("a", 54), "acme-dev-" + strings.Repeat("a", 54), ""},
		{S3Bucket, "logs-", "", "invalid"},
		{IAMRole, strings.Repeat("r", 56), "", "must be 1-64"},
		{IAMRole, "Trail_Delivery", "acme-dev-Trail_Delivery", ""},
		{LambdaFunction, "processor", "acme-dev-processor", ""},
		{LambdaFunction, "proc.v2", "", "Lambda function name"},
		{RDSInstance, "db", "acme-dev-db", ""},
		{RDSInstance, "db--1", "", "invalid"},
		{RDSInstance, strings.Repeat("d", 55), "", "must be 1-63"},
		{CloudTrail, "trail", "acme-dev-trail", ""},
		{Generic, "", "", "name: must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.kind.Label+"/"+tt.suffix, func(t *testing.T) {
			got, err := n.Name(tt.kind, tt.suffix)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Name(%s, %q) = %q, %v; want error containing %q", tt.kind.Label, tt.suffix, got, err, tt.wantErr)
				}
				if !strings.HasPrefix(err.Error(), "name:") {
					t.Errorf("error %q does not name the field", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Name(%s, %q) = %q, %v; want %q", tt.kind.Label, tt.suffix, got, err, tt.want)
			}
		})
	}
}

func TestNameRejectsInvalidNaming(t *testing.T) {
	if _, err := (Naming{Company: "ACME"}).Name(S3Bucket, "logs"); err == nil {
		t.Fatal("Name with invalid naming returned no error")
	}
}

func TestTags(t *testing.T) {
	n := Naming{Company: "acme", Environment: "dev"}
	got, err := n.Tags("", map[string]string{"CostCenter": "42"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Project": "acme", "Company": "acme", "Environment": "dev", "ManagedBy": ManagedBy, "CostCenter": "42"}
	if len(got) != len(want) {
		t.Fatalf("Tags = %v; want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Tags[%q] = %q; want %q", k, got[k], v)
		}
	}
	if got, _ := n.Tags("platform", nil); got["Project"] != "platform" {
		t.Errorf("Tags project override = %q; want platform", got["Project"])
	}
	bad := []map[string]string{
		{"aws:foo": "x"},
		{"Environment": "prod"},
		{"": "x"},
		{"k": strings.Repeat("v", 257)},
	}
	for _, extra := range bad {
		if _, err := n.Tags("", extra); err == nil || !strings.HasPrefix(err.Error(), "tags:") {
			t.Errorf("Tags(%v) error = %v; want a tags: error", extra, err)
		}
	}
}

func TestIsProduction(t *testing.T) {
	for env, want := range map[string]bool{"prod": true, "production": true, "prod-eu": true, "eu-prod": true, "dev": false, "staging": false, "products": false} {
		if got := IsProductionEnvironment(env); got != want {
			t.Errorf("IsProductionEnvironment(%q) = %v; want %v", env, got, want)
		}
	}
}

func TestValidTagKey(t *testing.T) {
	// The rule as AWS documents it, as a regular expression: validTagKey
	// must agree with it on every case.
	rule := regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$`)
	tests := []struct {
		key  string
		want bool
	}{
		{"CostCenter", true},
		{"team:owner/area=x+y-z@_.", true},
		{"Kostenstelle Äöü", true},
		{"名前", true},
		{"digits ٣٤", true},
		{"no-break\u00a0space", true},
		{strings.Repeat("k", 128), true},
		{strings.Repeat("é", 128), true}, // 128 characters, 256 bytes
		{"", false},
		{strings.Repeat("k", 129), false},
		{"semi;colon", false},
		{"quote\"", false},
		{"tab\t", false},
		{"emoji 🙂", false},
		{"bad\xffutf8", false},
	}
	for _, tt := range tests {
		if got := validTagKey(tt.key); got != tt.want {
			t.Errorf("validTagKey(%q) = %v; want %v", tt.key, got, tt.want)
		}
		if re := rule.MatchString(tt.key); re != tt.want {
			t.Errorf("test case %q: the AWS rule says %v, the case %v", tt.key, re, tt.want)
		}
	}
}

// TestReservedNames is issue 16's class "AWS naming rules beyond length":
// every name AWS reserves is refused, naming the field and the reserved part.
func TestReservedNames(t *testing.T) {
	tests := []struct {
		n      Naming
		kind   Kind
		suffix string
		want   []string // nil: valid
	}{
		{Naming{"sthree", "dev"}, S3Bucket, "logs", []string{"name:", `"sthree-dev-logs" starts with "sthree-"`, "AWS reserves"}},
		{Naming{"amzn-s3-demo", "dev"}, S3Bucket, "logs", []string{"name:", `starts with "amzn-s3-demo-"`}},
		{Naming{"acme", "dev"}, S3Bucket, "x-s3alias", []string{"name:", `ends with "-s3alias"`}},
		{Naming{"acme", "dev"}, S3Bucket, "data-s3alias", []string{`ends with "-s3alias"`}},
		{Naming{"sthree", "prod"}, S3Bucket, "data", []string{"sthree-"}},
		{Naming{"sg", "dev"}, SecurityGrp, "app", []string{"security group", `starts with "sg-"`}},
		{Naming{"acme", "dev"}, CloudTrail, "a--b", []string{"CloudTrail trail", "invalid"}},
		{Naming{"acme", "dev"}, CloudTrail, "trail_", []string{"invalid"}},
		{Naming{"acme", "dev"}, CloudTrail, "a._b", []string{"invalid"}},
		{Naming{"sthreeco", "dev"}, S3Bucket, "logs", nil},
		{Naming{"acme", "dev"}, S3Bucket, "s3aliases", nil},
		{Naming{"acme", "dev"}, CloudTrail, "org.trail_1", nil},
	}
	for _, tt := range tests {
		_, err := tt.n.Name(tt.kind, tt.suffix)
		errtest.Contains(t, fmt.Sprintf("%+v.Name(%s, %q)", tt.n, tt.kind.Label, tt.suffix), err, tt.want...)
	}
	for _, full := range []string{"xn--abc", "b--ol-s3", "b--x-s3", "b--table-s3"} {
		errtest.Contains(t, "S3Bucket.Check("+full+")", S3Bucket.Check(full), "a", "AWS reserves")
	}
}

// TestTagRules is issue 16's class "tags": the 50-tag limit counting the
// library's and the constructs' tags, IAM's characters, and lengths in
// characters rather than bytes.
func TestTagRules(t *testing.T) {
	n := Naming{Company: "acme", Environment: "dev"}
	many := func(k int) map[string]string {
		m := map[string]string{}
		for i := 0; i < k; i++ {
			m[fmt.Sprintf("Tag%02d", i)] = "v"
		}
		return m
	}
	tests := []struct {
		name    string
		project string
		extra   map[string]string
		want    []string // nil: valid
	}{
		{"47 extra: 51 with the library's", "", many(47), []string{"tags: 51 default tags", "AWS allows 50", "at most 44 extra"}},
		{"45 extra", "", many(45), []string{"tags: 49 default tags"}},
		{"44 extra fit", "", many(44), nil},
		{"ampersand", "", map[string]string{"Team": "R&D"}, []string{`tags: value of "Team": "R&D" contains "&"`, "IAM refuses", `"R and D"`}},
		{"less than", "", map[string]string{"Note": "a<b"}, []string{`contains "<"`}},
		{"greater than", "", map[string]string{"Note": "a>b"}, []string{`contains ">"`}},
		{"comma", "", map[string]string{"Owners": "a,b"}, []string{`contains ","`}},
		{"project ampersand", "R&D", nil, []string{`project: "R&D" contains "&"`}},
		{"129 x é is 129 characters", "", map[string]string{"Note": strings.Repeat("é", 129)}, nil},
		{"256 x é", "", map[string]string{"Note": strings.Repeat("é", 256)}, nil},
		{"257 x é", "", map[string]string{"Note": strings.Repeat("é", 257)}, []string{"257 characters", "at most 256"}},
		{"128 x é key", "", map[string]string{strings.Repeat("é", 128): "v"}, nil},
		{"129 x é key", "", map[string]string{strings.Repeat("é", 129): "v"}, []string{"tags: key", "1-128"}},
		{"IAM's own characters", "", map[string]string{"Path": "a/b:c=d+e-f@g_h.i j"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := n.Tags(tt.project, tt.extra)
			errtest.Contains(t, "Tags", err, tt.want...)
		})
	}
}
