package emulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

func TestStateKeys(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The block as stack.StateEncryption writes it, and a second provider
	// given in the array form of Terraform's JSON syntax in another file.
	b, err := jsonText(map[string]any{"terraform": map[string]any{"encryption": stack.EncryptionBlock("alias/acme-tofu-state", "eu-west-1")}})
	if err != nil {
		t.Fatal(err)
	}
	write("cdk.tf.json", b)
	write("extra.tf.json", `{"terraform": [{"encryption": [{"key_provider": {"aws_kms": {"old": [{"kms_key_id": "alias/old", "key_spec": "AES_256"}]}}}]}]}`)
	write("other.json", `{"terraform": {"encryption": {"key_provider": {"aws_kms": {"ignored": {"kms_key_id": "alias/x"}}}}}}`)
	got, err := stateKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []stateKey{
		{Provider: "key_provider.aws_kms.old", KeyID: "alias/old"},
		{Provider: "key_provider.aws_kms.state", KeyID: "alias/acme-tofu-state", Region: "eu-west-1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stateKeys = %+v; want %+v", got, want)
	}
	if keys, err := stateKeys(t.TempDir()); err != nil || len(keys) != 0 {
		t.Errorf("stateKeys(no encryption) = %v, %v; want none", keys, err)
	}
}

func TestBootstrapStateKeysNeedsAlias(t *testing.T) {
	err := bootstrapStateKeys(t.Context(), "http://127.0.0.1:1", "us-east-1", []stateKey{{Provider: "key_provider.aws_kms.state", KeyID: "1234abcd-12ab-34cd-56ef-1234567890ab"}})
	if err == nil || !containsAll(err.Error(), "key_provider.aws_kms.state", "must be an alias", "1234abcd-12ab-34cd-56ef-1234567890ab") {
		t.Errorf("bootstrapStateKeys(key id) = %v; want an error asking for an alias", err)
	}
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
