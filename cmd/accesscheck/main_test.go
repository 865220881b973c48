package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const fixture = "../../access/testdata/trail/cdk.tf.json"

func TestExitCodes(t *testing.T) {
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// CloudTrail's write statement names another trail: its PutObject fails.
	broken := strings.Replace(string(data), `trail/acme-dev-trail\"],\"s3:x-amz-acl`, `trail/acme-dev-other\"],\"s3:x-amz-acl`, 1)
	if broken == string(data) {
		t.Fatal("the fixture no longer has the CloudTrail write statement this test breaks")
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"fixture file", []string{fixture}, 0, "19 hold, 0 fail", ""},
		{"stack folder", []string{filepath.Dir(fixture)}, 0, "0 fail", ""},
		{"markdown", []string{"-markdown", fixture}, 0, "| `cloudtrail.s3-put-object` | cloudtrail.amazonaws.com | `s3:PutObject` | 1 | allow | allowed | aws_s3_bucket_policy.logs_policy_7361357F#AWSCloudTrailWrite |", ""},
		{"quiet", []string{"-q", fixture}, 0, "access: 19 expectation(s), 19 hold, 0 fail", ""},
		{"cdktf.out folder", []string{filepath.Dir(write("out/stacks/s/cdk.tf.json", string(data))) + "/../.."}, 0, "0 fail", ""},
		{"broken policy", []string{write("broken.json", broken)}, 1, "FAIL want allow denied  cloudtrail.s3-put-object", ""},
		{"missing file", []string{filepath.Join(dir, "nope.json")}, 2, "", "nope.json"},
		{"not JSON", []string{write("bad.json", "{nope")}, 2, "", "bad.json"},
		{"not a configuration", []string{write("empty.json", `{"foo":1}`)}, 2, "", "empty.json"},
		{"folder without stacks", []string{t.TempDir()}, 2, "", "no cdk.tf.json"},
		{"no argument", nil, 2, "", "usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, &out, &errb)
			if code != tt.code {
				t.Errorf("exit %d; want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tt.out) {
				t.Errorf("stdout does not contain %q:\n%s", tt.out, out.String())
			}
			if !strings.Contains(errb.String(), tt.err) {
				t.Errorf("stderr does not contain %q:\n%s", tt.err, errb.String())
			}
		})
	}
}

// TestPureGo: the access tier links no jsii, cdktf or constructs package
// (constructs/catalog, plain Go, excepted).
func TestPureGo(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".", "../../access").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		// constructs/catalog is plain Go (the ELB log-delivery table the
		// front-door expectations read); the jsii checks above it still apply
		// to whatever it imports.
		if dep == "github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog" {
			continue
		}
		for _, bad := range []string{"github.com/aws/jsii-runtime-go", "github.com/hashicorp/terraform-cdk-go", "github.com/aws/constructs-go", "github.com/cdktf-secure-go/cdktf-secure-go/constructs"} {
			if strings.HasPrefix(dep, bad) {
				t.Errorf("cmd/accesscheck depends on %s", dep)
			}
		}
	}
}
