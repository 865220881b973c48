package access

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/corpus"
)

// corpusFinding is one external-access finding over the third-party corpus,
// classified by reading the configuration: true (someone outside the
// account really gets in) or false (the analysis is wrong), with the
// reason. The README's corpus table is this list.
type corpusFinding struct {
	file, statement string
	true            bool
	reason          string
}

var corpusFindings = []corpusFinding{
	{"ec2RuntimeMonitor__cdk.tf.json", "aws_kms_key.cmk#Allow X-ray", true,
		"xray.amazonaws.com may use the key with no aws:SourceAccount/aws:SourceArn: X-Ray acting for any account that names this key ARN encrypts and decrypts with it (confused deputy)"},
	{"wing__sdk_tests_bucket_public_url.test.w.main.tf.json", "aws_s3_bucket_policy.publicBucket_PublicPolicy_F7753EC4#0", true,
		"a deliberately public bucket (Wing's public-URL test): anyone reads every object"},
	{"wing__valid_captures.test.w.main.tf.json", "aws_s3_bucket_policy.PublicBucket_PublicPolicy_771B9F9A#0", true,
		"a deliberately public bucket (bucket.public = true): anyone reads every object"},
	{"hcl:bridgecrewio+terragoat/terraform/aws", "aws_elasticsearch_domain_policy.monitoring-framework-policy#0", true,
		"Principal * with es:* and no condition: anyone on the network reads and writes the domain (terragoat is deliberately vulnerable)"},
	{"hcl:nozaq+terraform-aws-secure-baseline/modules/cloudtrail-baseline", "aws_kms_key.cloudtrail#Allow CloudTrail to describe key", true,
		"cloudtrail.amazonaws.com may kms:DescribeKey with no source condition: another account's trail configured with this key reads its metadata (confused deputy; metadata only)"},
	{"hcl:nozaq+terraform-aws-secure-baseline/modules/cloudtrail-baseline", "aws_kms_key.cloudtrail#Allow CloudTrail to send notifications to the encrypted SNS topic", true,
		"cloudtrail.amazonaws.com may kms:GenerateDataKey/kms:Decrypt with no source condition: any account's trail may use the key (confused deputy)"},
	{"hcl:nozaq+terraform-aws-secure-baseline/modules/cloudtrail-baseline", "aws_sns_topic_policy.local-account-cloudtrail#0", true,
		"cloudtrail.amazonaws.com may sns:Publish with no aws:SourceArn/aws:SourceAccount: another account's trail publishes notifications to this topic (confused deputy)"},
	// read since the guard's loader accepts folders with an empty outputs.tf (issue 28)
	{"hcl:nozaq+terraform-aws-secure-baseline/examples/external-bucket", "aws_s3_bucket_policy.logs#AWSCloudTrailAclCheckForConfig", true,
		"config.amazonaws.com may s3:GetBucketAcl with no aws:SourceAccount/aws:SourceArn: another account's Config reads the bucket ACL (confused deputy; the bucket ACL only)"},
	{"hcl:nozaq+terraform-aws-secure-baseline/examples/external-bucket", "aws_s3_bucket_policy.logs#AWSCloudTrailWriteForConfig", true,
		"config.amazonaws.com may s3:PutObject with no source condition (s3:x-amz-acl is set by the caller): another account's Config delivery channel writes into this bucket (confused deputy)"},
	{"hcl:nozaq+terraform-aws-secure-baseline/examples/external-bucket", "aws_s3_bucket_policy.logs#AWSCloudTrailAclCheckForCloudTrail", true,
		"cloudtrail.amazonaws.com may s3:GetBucketAcl with no aws:SourceArn: another account's trail reads the bucket ACL (confused deputy; the bucket ACL only)"},
	{"hcl:nozaq+terraform-aws-secure-baseline/examples/external-bucket", "aws_s3_bucket_policy.logs#AWSCloudTrailWriteForCloudTrail", true,
		"cloudtrail.amazonaws.com may s3:PutObject with no aws:SourceArn: another account's trail writes its logs into this bucket (confused deputy)"},
	{"hcl:terraform-aws-modules+terraform-aws-s3-bucket/examples/notification", "aws_sqs_queue_policy.allow_external#0", true,
		"s3.amazonaws.com may sqs:SendMessage with no aws:SourceArn/aws:SourceAccount: any account's bucket notifications reach this queue (confused deputy)"},
}

// corpusConfigs lists the JSON files of the guard corpus and the module
// folders (every folder holding *.tf files) of the HCL corpus, the latter
// prefixed "hcl:".
func corpusConfigs(t *testing.T) (names []string, paths map[string]string) {
	paths = map[string]string{}
	if dir := corpus.Dir(); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, f := range files {
			names = append(names, filepath.Base(f))
			paths[filepath.Base(f)] = f
		}
	}
	if dir := corpus.HCLDir(); dir != "" {
		seen := map[string]bool{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".tf" || seen[filepath.Dir(p)] {
				return err
			}
			seen[filepath.Dir(p)] = true
			rel, _ := filepath.Rel(dir, filepath.Dir(p))
			names = append(names, "hcl:"+filepath.ToSlash(rel))
			paths["hcl:"+filepath.ToSlash(rel)] = filepath.Dir(p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(names)
	return names, paths
}

// TestExternalAccessCorpus runs the external-access analysis over the guard
// corpus (Terraform JSON) and the HCL corpus (module folders): it must
// report exactly the classified findings of corpusFindings, none of them
// false. The log is the README's corpus table.
func TestExternalAccessCorpus(t *testing.T) {
	names, paths := corpusConfigs(t)
	if len(names) == 0 {
		t.Skip("no corpus (../shared/guard-corpus, ../shared/guard-corpus-hcl or $GUARD_CORPUS, $GUARD_CORPUS_HCL)")
	}
	want := map[string]corpusFinding{}
	for _, f := range corpusFindings {
		want[f.file+"|"+f.statement] = f
	}
	got := map[string]bool{}
	var rows []string
	var total, analysed, loaded int
	var quiet []string
	for _, name := range names {
		a, err := AnalyzeFile(paths[name], Binding{})
		if err != nil {
			// A folder of module calls only, or a file that is not a
			// Terraform configuration: the error must name it.
			if !strings.Contains(err.Error(), strings.TrimPrefix(filepath.Base(paths[name]), "hcl:")) {
				t.Errorf("%s: the error does not name the file or folder: %v", name, err)
			}
			rows = append(rows, fmt.Sprintf("| %s | not read: %s | | |", name, firstLine(err.Error())))
			continue
		}
		loaded++
		analysed += a.Policies
		notAnalysed := 0
		for _, n := range a.Notes {
			if strings.Contains(n, "not analysed") {
				notAnalysed++
			}
		}
		if len(a.Findings) == 0 {
			if a.Policies > 0 || notAnalysed > 0 {
				rows = append(rows, fmt.Sprintf("| %s | none (%d policies or grants analysed; %d policies or principals left unanalysed: input variables without defaults, expressions) | | |", name, a.Policies, notAnalysed))
			} else {
				quiet = append(quiet, name)
			}
			continue
		}
		for _, f := range a.Findings {
			total++
			key := name + "|" + f.Statement
			got[key] = true
			c, ok := want[key]
			if !ok {
				t.Errorf("%s: unclassified finding %s (add it to corpusFindings, true or false, with the reason)", name, f)
				continue
			}
			if !c.true {
				t.Errorf("%s: %s is a known false finding: %s", name, f.Statement, c.reason)
			}
			class := "false"
			if c.true {
				class = "true"
			}
			rows = append(rows, fmt.Sprintf("| %s | `%s`: %s may %s | %s | %s |", name, f.Statement, f.Who, strings.Join(f.Actions, ", "), class, c.reason))
		}
	}
	for k := range want {
		if file, _, _ := strings.Cut(k, "|"); paths[file] != "" && !got[k] {
			t.Errorf("%s: no longer reported; update corpusFindings", k)
		}
	}
	t.Logf("%d configurations read, %d resource-based policies and grants analysed, %d findings\n| file or module | finding | class | reason |\n|---|---|---|---|\n%s\nno resource-based policy or grant: %s",
		loaded, analysed, total, strings.Join(rows, "\n"), strings.Join(quiet, ", "))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.Contains(s[:i], string(os.PathSeparator)) {
		// drop the path, keep the problem
		if j := strings.Index(s, ".tf: "); j >= 0 {
			return s[j+5:]
		}
	}
	return s
}
