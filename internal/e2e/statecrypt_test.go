package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/emulator"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

// sealedID is the stack whose state OpenTofu encrypts.
const (
	sealedID       = "acme-sealed"
	sealedStateKey = "alias/acme-sealed-tofu-state"
)

// sealed is a small stack of the library's constructs (a key, a bucket, a
// log group) with stack.StateEncryption, for OpenTofu.
var sealed = testkit.NewOnce(func(app *stack.App) error {
	s, err := stack.New(app, sealedID, stack.Props{Company: "acme", Environment: "sealed", Region: "us-east-1",
		Engine: stack.OpenTofu, StateEncryption: &stack.StateEncryption{KMSKeyID: sealedStateKey}})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(s, "data", encryption.KeyProps{})
	if err != nil {
		return err
	}
	if _, err := storage.NewBucket(s, "raw", storage.BucketProps{Name: "data-raw", Key: key, ForceDestroy: true}); err != nil {
		return err
	}
	_, err = logging.NewLogGroup(s, "app", logging.LogGroupProps{Key: key})
	return err
})

// TestEncryptedStateOpenTofu proves stack.StateEncryption on the emulator
// under OpenTofu: after apply, the state file on disk is OpenTofu's
// encrypted envelope, and no attribute value of any resource (names, ids,
// ARNs, policies) appears in it, while the same search finds every one of
// them in the decrypted state; the data key was wrapped by the bootstrapped
// state key; the re-plan is clean and destroy empties the state (emulator.Run).
func TestEncryptedStateOpenTofu(t *testing.T) {
	if testing.Short() {
		t.Skip("deploy tier skipped with -short")
	}
	doc := sealed.Get(t).Stack(t, sealedID)
	fig := emulator.Run(t, doc.Dir(), emulator.Options{
		Name:   sealedID,
		Engine: tfrun.OpenTofu,
		AfterApply: func(t testing.TB, d *emulator.Deployed) {
			for _, f := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
				b, err := os.ReadFile(filepath.Join(d.Dir, f))
				if os.IsNotExist(err) && f != "terraform.tfstate" {
					continue
				}
				if err != nil {
					t.Fatalf("reading the state file: %v", err)
				}
				checkSealed(t, d, f, b)
			}
		},
	})
	if !t.Skipped() && fig.Resources == 0 {
		t.Errorf("deploy %s: no resource applied", sealedID)
	}
}

// envelope is the top level of an OpenTofu-encrypted state file.
type envelope struct {
	Serial            *int              `json:"serial"`
	Lineage           string            `json:"lineage"`
	Meta              map[string][]byte `json:"meta"` // base64 in the file
	EncryptedData     string            `json:"encrypted_data"`
	EncryptionVersion string            `json:"encryption_version"`
}

func checkSealed(t testing.TB, d *emulator.Deployed, name string, b []byte) {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range top {
			if !yield(k) {
				return
			}
		}
	})
	if want := []string{"encrypted_data", "encryption_version", "lineage", "meta", "serial"}; !slices.Equal(keys, want) {
		t.Errorf("%s: top-level keys %v; want OpenTofu's encrypted envelope %v (an unencrypted state has resources, outputs, ...)", name, keys, want)
	}
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	data, err := base64.StdEncoding.DecodeString(env.EncryptedData)
	if err != nil || len(data) == 0 {
		t.Errorf("%s: encrypted_data is not base64 ciphertext: %v", name, err)
	}
	meta, ok := env.Meta["key_provider.aws_kms.state"]
	if !ok {
		t.Errorf("%s: meta %v; want the key provider key_provider.aws_kms.state's wrapped data key", name, env.Meta)
	}

	// Every attribute value of every resource, from the decrypted state.
	values := attributeValues(d.State)
	decrypted, err := json.Marshal(d.State)
	if err != nil {
		t.Fatal(err)
	}
	var found, controls []string
	for _, v := range values {
		if bytes.Contains(b, []byte(v)) {
			found = append(found, v)
		}
		if !bytes.Contains(decrypted, []byte(jsonString(v))) {
			controls = append(controls, v)
		}
	}
	if len(values) < 20 {
		t.Errorf("%s: only %d attribute values to search for; the stack should give many more", name, len(values))
	}
	if len(controls) > 0 {
		t.Errorf("control: %d values not found in the decrypted state, so the search itself is broken: %q", len(controls), controls)
	}
	for _, r := range []string{"aws_s3_bucket", "aws_kms_key", "acme-sealed-data-raw"} {
		if bytes.Contains(b, []byte(r)) {
			found = append(found, r)
		}
	}
	if len(found) > 0 {
		t.Errorf("%s: %d plaintext resource attribute(s) in the encrypted file: %q", name, len(found), found)
	}
	t.Logf("%s: %d bytes, keys %v, encryption_version %q, encrypted_data %d bytes of ciphertext, meta %s = %d bytes (the KMS-wrapped data key); "+
		"searched for %d distinct attribute values of %d resources (e.g. %q): 0 found in the file, all %d found in the decrypted state",
		name, len(b), keys, env.EncryptionVersion, len(data), "key_provider.aws_kms.state", len(meta), len(values), len(emulator.ManagedResources(d.State)),
		sample(values), len(values))

	t.Logf("%s as written (encrypted_data and the wrapped key cut short): %s", name, excerpt(top))

	// The data key was wrapped by the bootstrapped state key: KMS decrypts
	// the wrapped key in the meta, and says which key did it.
	var wrapped struct {
		CiphertextBlob []byte `json:"ciphertext_blob"`
	}
	if err := json.Unmarshal(meta, &wrapped); err != nil || len(wrapped.CiphertextBlob) == 0 {
		t.Errorf("%s: meta key_provider.aws_kms.state = %s; want {\"ciphertext_blob\": ...} (%v)", name, meta, err)
		return
	}
	client := kms.NewFromConfig(sdkConfig(d))
	out, err := client.Decrypt(context.Background(), &kms.DecryptInput{CiphertextBlob: wrapped.CiphertextBlob})
	if err != nil {
		t.Errorf("%s: kms Decrypt of the wrapped data key: %v", name, err)
		return
	}
	alias, err := client.DescribeKey(context.Background(), &kms.DescribeKeyInput{KeyId: aws.String(sealedStateKey)})
	if err != nil {
		t.Errorf("kms DescribeKey %s: %v", sealedStateKey, err)
		return
	}
	if got, want := aws.ToString(out.KeyId), aws.ToString(alias.KeyMetadata.Arn); got != want || len(out.Plaintext) != 32 {
		t.Errorf("%s: the data key was wrapped by %s (%d-byte key); want %s (%s), a 32-byte AES-256 key", name, got, len(out.Plaintext), sealedStateKey, want)
	}
}

// attributeValues returns the distinct string attribute values (at any
// depth) of every managed resource, at least 8 characters long so that a
// match means the value leaked, plus each resource's address.
func attributeValues(st *tfjson.State) []string {
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if len(x) >= 8 {
				seen[x] = true
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, r := range emulator.ManagedResources(st) {
		seen[r.Address] = true
		walk(r.AttributeValues)
	}
	out := make([]string, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// jsonString is v as it appears inside a JSON document.
func jsonString(v string) string {
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}

// sample picks a few readable values for the log.
func sample(values []string) []string {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, "arn:") || strings.HasPrefix(v, "acme-") {
			out = append(out, v)
		}
		if len(out) == 3 {
			break
		}
	}
	return out
}

// excerpt is the state file's JSON with its long strings (the ciphertext
// and the base64 of the meta) cut to their first 24 characters.
func excerpt(top map[string]json.RawMessage) string {
	cut := map[string]any{}
	for k, raw := range top {
		var v any
		_ = json.Unmarshal(raw, &v)
		cut[k] = shorten(v)
	}
	b, _ := json.Marshal(cut)
	return string(b)
}

func shorten(v any) any {
	switch x := v.(type) {
	case string:
		if len(x) > 24 {
			return fmt.Sprintf("%s...(%d chars)", x[:24], len(x))
		}
	case map[string]any:
		for k, e := range x {
			x[k] = shorten(e)
		}
	}
	return v
}
