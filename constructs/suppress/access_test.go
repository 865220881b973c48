package suppress

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/policy"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
)

// partnerRoot is the partner's account (a documentation account id).
const partnerRoot = "arn:aws:iam::444455556666:root"

// accessErrs collects the Access results of the one synthesis.
var accessErrs []error

// partnerStack adds the stack of a deliberate cross-account grant: a
// partner account reads the exports/ prefix of one bucket (and decrypts
// with its key), each statement suppressed with its reason.
func partnerStack(app *stack.App) error {
	st, err := stack.New(app, "acme-partner", stack.Props{Company: "acme", Environment: "partner", Region: "us-east-1"})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(st, "exports-key", encryption.KeyProps{})
	if err != nil {
		return err
	}
	b, err := storage.NewBucket(st, "exports", storage.BucketProps{Name: "exports", Key: key})
	if err != nil {
		return err
	}
	if err := b.AddStatements(policy.Statement{Sid: "PartnerReadsExports", Principals: []policy.Principal{policy.AWS(partnerRoot)},
		Actions: []string{"s3:GetObject"}, Resources: []string{b.Arn() + "/exports/*"}}); err != nil {
		return err
	}
	if err := key.GrantDecrypt(partnerRoot); err != nil {
		return err
	}
	accessErrs = []error{
		Access(st, "PartnerReadsExports", "the partner's account 444455556666 reads the exports/ prefix (contract 42)"),
		Access(st, encryption.SidGrantDecrypt, "the partner decrypts the exports it reads (contract 42)"),
		Access(st, "PartnerReadsExports", "the partner's account 444455556666 reads the exports/ prefix (contract 42, renewed)"), // same statement: reason replaced
		Access(st, "PartnerReadsExports", " "),
		Access(st, "", "why"),
		Access(nil, "PartnerReadsExports", "why"),
	}
	return nil
}

// TestAccess: the partner's grant is recorded with its reason, reported as
// suppressed (not as a finding) by the access tier, and the same grant
// without the suppressions is a finding naming each statement.
func TestAccess(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-partner")
	for i, err := range accessErrs[:3] {
		if err != nil {
			t.Errorf("Access #%d: %v", i+1, err)
		}
	}
	for i, want := range []string{"reason: must not be empty", "statement: must not be empty", "scope: must not be nil"} {
		if err := accessErrs[3+i]; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Access #%d error = %v; want one containing %q", 4+i, err, want)
		}
	}
	got, ok := testkit.Attr(doc.Raw, access.SuppressionsKey)
	want := []any{
		map[string]any{"statement": encryption.SidGrantDecrypt, "reason": "the partner decrypts the exports it reads (contract 42)"},
		map[string]any{"statement": "PartnerReadsExports", "reason": "the partner's account 444455556666 reads the exports/ prefix (contract 42, renewed)"},
	}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf(`top-level "//".access.suppressions = %v; want %v`, got, want)
	}

	reps := testkit.AccessProof(t, doc.Path, access.Binding{})
	var suppressed []string
	for _, f := range reps[0].Suppressed {
		_, sid, _ := strings.Cut(f.Statement, "#")
		suppressed = append(suppressed, sid+": "+f.Who+": "+f.Reason)
		t.Logf("suppressed: %s", f)
	}
	wantSup := []string{
		encryption.SidGrantDecrypt + ": account 444455556666 (another account): the partner decrypts the exports it reads (contract 42)",
		"PartnerReadsExports: account 444455556666 (another account): the partner's account 444455556666 reads the exports/ prefix (contract 42, renewed)",
	}
	if !reflect.DeepEqual(suppressed, wantSup) {
		t.Errorf("suppressed = %q; want %q", suppressed, wantSup)
	}
	for _, f := range reps[0].Suppressed {
		if strings.HasSuffix(f.Statement, "#PartnerReadsExports") && !strings.Contains(f.Witness.Resource, "/exports/") {
			t.Errorf("%s: the request from outside names %s; want an object under exports/", f.Statement, f.Witness.Resource)
		}
	}

	// The same stack without the suppressions: each statement is a finding.
	raw, err := os.ReadFile(doc.Path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	delete(m["//"].(map[string]any), "access")
	raw, _ = json.Marshal(m)
	file := filepath.Join(t.TempDir(), "cdk.tf.json")
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := access.CheckFile(file, access.Binding{})
	if err != nil {
		t.Fatal(err)
	}
	var findings []string
	for _, f := range rep.Findings {
		_, sid, _ := strings.Cut(f.Statement, "#")
		findings = append(findings, sid)
	}
	if want := []string{encryption.SidGrantDecrypt, "PartnerReadsExports"}; !reflect.DeepEqual(findings, want) || rep.OK() {
		t.Errorf("without the suppressions: findings %q (OK=%v); want %q and not OK", findings, rep.OK(), want)
	}
}
