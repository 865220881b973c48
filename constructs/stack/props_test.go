package stack

import (
	"strings"
	"testing"
)

func TestPropsValidate(t *testing.T) {
	ok := Props{Company: "acme", Environment: "dev", Region: "us-east-1"}
	tests := []struct {
		name   string
		mutate func(p *Props)
		want   []string // substrings; empty = valid
	}{
		{"defaults", func(p *Props) {}, nil},
		{"company with space", func(p *Props) { p.Company = "Acme Corp!" }, []string{"company:"}},
		{"70-char environment", func(p *Props) { p.Environment = strings.Repeat("x", 70) }, []string{"environment:", "at most 16"}},
		{"unknown region", func(p *Props) { p.Region = "us-north-7" }, []string{"region:", "not a known AWS region"}},
		{"empty region", func(p *Props) { p.Region = "" }, []string{"region: must not be empty"}},
		{"bad tag", func(p *Props) { p.Tags = map[string]string{"aws:x": "y"} }, []string{"tags:"}},
		{"reserved tag", func(p *Props) { p.Tags = map[string]string{"ManagedBy": "me"} }, []string{"tags:", "set by the library"}},
		{"s3 backend ok", func(p *Props) { p.Backend.S3 = &S3Backend{Bucket: "acme-state"} }, nil},
		{"s3 backend bad bucket", func(p *Props) { p.Backend.S3 = &S3Backend{Bucket: "Acme_State"} }, []string{"backend.s3.bucket:"}},
		{"s3 backend bad region", func(p *Props) { p.Backend.S3 = &S3Backend{Bucket: "acme-state", Region: "nowhere"} }, []string{"backend.s3.region:"}},
		{"s3 and local", func(p *Props) { p.Backend = Backend{S3: &S3Backend{Bucket: "acme-state"}, LocalPath: "x.tfstate"} }, []string{"backend: set either"}},
		{"absolute local path", func(p *Props) { p.Backend.LocalPath = "/home/me/x.tfstate" }, []string{"backend.localPath:", "absolute"}},
		{"kms key not a key", func(p *Props) { p.Backend.S3 = &S3Backend{Bucket: "acme-state", KMSKeyID: "not-a-key"} }, []string{"backend.s3.kmsKeyID:", `"not-a-key" is not a KMS key`, "alias/terraform-state"}},
		{"kms key bare uuid-ish", func(p *Props) { p.Backend.S3 = &S3Backend{Bucket: "acme-state", KMSKeyID: "1234abcd"} }, []string{"backend.s3.kmsKeyID:"}},
		{"kms key arn of a bucket", func(p *Props) {
			p.Backend.S3 = &S3Backend{Bucket: "acme-state", KMSKeyID: "arn:aws:s3:::acme-state"}
		}, []string{"backend.s3.kmsKeyID:"}},
		{"kms key alias without prefix", func(p *Props) { p.Backend.S3 = &S3Backend{Bucket: "acme-state", KMSKeyID: "terraform-state"} }, []string{"backend.s3.kmsKeyID:"}},
		{"kms key broken reference", func(p *Props) { p.Backend.S3 = &S3Backend{Bucket: "acme-state", KMSKeyID: "${aws_kms_key.state.arn"} }, []string{"backend.s3.kmsKeyID:", "unclosed"}},
		{"kms key arn ok", func(p *Props) {
			p.Backend.S3 = &S3Backend{Bucket: "acme-state", KMSKeyID: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
		}, nil},
		{"kms alias arn ok", func(p *Props) {
			p.Backend.S3 = &S3Backend{Bucket: "acme-state", KMSKeyID: "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/state"}
		}, nil},
		{"kms key id ok", func(p *Props) {
			p.Backend.S3 = &S3Backend{Bucket: "acme-state", KMSKeyID: "mrk-1234abcd12ab34cd56ef1234567890ab"}
		}, nil},
		{"kms alias ok", func(p *Props) { p.Backend.S3 = &S3Backend{Bucket: "acme-state", KMSKeyID: "alias/terraform-state"} }, nil},
		{"state bucket reserved", func(p *Props) { p.Backend.S3 = &S3Backend{Bucket: "state-s3alias"} }, []string{"backend.s3.bucket:", "-s3alias"}},
		{"tag value R&D", func(p *Props) { p.Tags = map[string]string{"Team": "R&D"} }, []string{`tags: value of "Team"`, "IAM refuses"}},
		{"project <x>", func(p *Props) { p.Project = "<x>" }, []string{"project:", `contains "<"`}},
		{"129 x é project", func(p *Props) { p.Project = strings.Repeat("é", 129) }, nil},
		{"engine unknown", func(p *Props) { p.Engine = "pulumi" }, []string{`engine: "pulumi" is not an engine`, "stack.OpenTofu"}},
		{"engine tofu", func(p *Props) { p.Engine = OpenTofu }, nil},
		{"state encryption on OpenTofu", func(p *Props) {
			p.Engine, p.StateEncryption = OpenTofu, &StateEncryption{KMSKeyID: "alias/acme-tofu-state"}
		}, nil},
		{"state encryption key ARN in another region", func(p *Props) {
			p.Engine = OpenTofu
			p.StateEncryption = &StateEncryption{KMSKeyID: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", Region: "eu-west-1"}
		}, nil},
		{"state encryption on Terraform (default)", func(p *Props) { p.StateEncryption = &StateEncryption{KMSKeyID: "alias/acme-tofu-state"} },
			[]string{"stateEncryption: needs Engine: stack.OpenTofu", "refuses the terraform block's `encryption` block", `No argument or block type is named \"encryption\"`, "Backend.S3 with KMSKeyID"}},
		{"state encryption on Terraform (explicit)", func(p *Props) {
			p.Engine, p.StateEncryption = Terraform, &StateEncryption{KMSKeyID: "alias/acme-tofu-state"}
		}, []string{"stateEncryption: needs Engine: stack.OpenTofu"}},
		{"state encryption without key", func(p *Props) { p.Engine, p.StateEncryption = OpenTofu, &StateEncryption{} },
			[]string{"stateEncryption.kmsKeyID: must not be empty", "alias/acme-dev-tofu-state"}},
		{"state encryption with the stack's own key", func(p *Props) {
			p.Engine, p.StateEncryption = OpenTofu, &StateEncryption{KMSKeyID: "${aws_kms_key.state.arn}"}
		}, []string{"stateEncryption.kmsKeyID:", "is a reference", "must exist before the stack", "bootstrap"}},
		{"state encryption key not a key", func(p *Props) { p.Engine, p.StateEncryption = OpenTofu, &StateEncryption{KMSKeyID: "tofu-state"} },
			[]string{"stateEncryption.kmsKeyID: \"tofu-state\" is not a KMS key"}},
		{"state encryption bad region", func(p *Props) {
			p.Engine, p.StateEncryption = OpenTofu, &StateEncryption{KMSKeyID: "alias/s", Region: "mars-1"}
		}, []string{"stateEncryption.region:"}},
		{"everything wrong", func(p *Props) { p.Company = ""; p.Environment = "PROD"; p.Region = "x" }, []string{"company:", "environment:", "region:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.mutate(&p)
			err := p.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v; want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil; want errors %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q; want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestCatchTurnsPanicIntoOneLine(t *testing.T) {
	err := Catch(func() { panic("Error: boom\n    at Object.<anonymous> (/tmp/x.js:1:1)\n    at node") })
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "boom") || strings.Contains(err.Error(), "x.js") {
		t.Fatalf("Catch = %q; want a one-line error without the JavaScript stack", err)
	}
	if err := Catch(func() {}); err != nil {
		t.Fatalf("Catch(no panic) = %v", err)
	}
}
