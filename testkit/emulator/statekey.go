package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// An OpenTofu stack with encrypted state (stack.StateEncryption) names a KMS
// key that exists before the stack: on AWS a bootstrap stack creates it. A
// fresh emulator has no key, so Run does that bootstrap itself: before init
// it creates, in the emulator, one symmetric key per alias that the stack's
// aws_kms key providers name. Only aliases can be bootstrapped (the emulator
// chooses a new key's id), so a key id or ARN there is an error on the
// emulator. On real AWS nothing is created: the key must exist.

// stateKey is a key an aws_kms key provider of the configuration names.
type stateKey struct {
	// Provider is the key provider's address, "key_provider.aws_kms.<name>".
	Provider string
	// KeyID is its kms_key_id.
	KeyID string
	// Region is its region ("" when the provider names none).
	Region string
}

// stateKeys returns the aws_kms key providers of OpenTofu's encryption
// block in the *.tf.json files of dir, sorted by address.
func stateKeys(dir string) ([]stateKey, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf.json"))
	if err != nil {
		return nil, err
	}
	var keys []stateKey
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var doc struct {
			Terraform json.RawMessage `json:"terraform"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, tf := range objects(doc.Terraform) {
			for _, enc := range objects(tf["encryption"]) {
				for _, kp := range objects(enc["key_provider"]) {
					for _, byName := range objects(kp["aws_kms"]) {
						for name, raw := range byName {
							for _, cfg := range objects(raw) {
								var id, region string
								_ = json.Unmarshal(cfg["kms_key_id"], &id)
								_ = json.Unmarshal(cfg["region"], &region)
								keys = append(keys, stateKey{Provider: "key_provider.aws_kms." + name, KeyID: id, Region: region})
							}
						}
					}
				}
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].Provider < keys[j].Provider })
	return keys, nil
}

// objects reads a JSON value that Terraform's JSON syntax allows as an
// object or an array of objects (a block given once or repeated).
func objects(raw json.RawMessage) []map[string]json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var one map[string]json.RawMessage
	if raw[0] == '{' && json.Unmarshal(raw, &one) == nil {
		return []map[string]json.RawMessage{one}
	}
	var many []map[string]json.RawMessage
	if raw[0] == '[' && json.Unmarshal(raw, &many) == nil {
		return many
	}
	return nil
}

// bootstrapStateKeys creates, in the emulator at endpoint, a symmetric KMS
// key behind each alias the configuration's state encryption names; region
// is used where a key provider names none.
func bootstrapStateKeys(ctx context.Context, endpoint, region string, keys []stateKey) error {
	for _, k := range keys {
		if !strings.HasPrefix(k.KeyID, "alias/") {
			return fmt.Errorf("%s: kms_key_id %q: on the emulator the state key must be an alias (\"alias/...\"), which the kit creates "+
				"before init as the bootstrap stack does on AWS; the emulator cannot create a key with a given id", k.Provider, k.KeyID)
		}
		r := k.Region
		if r == "" {
			r = region
		}
		var created struct {
			KeyMetadata struct{ KeyId string }
		}
		if err := kmsCall(ctx, endpoint, r, "CreateKey", map[string]any{
			"Description": "state key (bootstrapped by the test kit for " + k.Provider + ")",
			"KeyUsage":    "ENCRYPT_DECRYPT", "KeySpec": "SYMMETRIC_DEFAULT",
		}, &created); err != nil {
			return fmt.Errorf("bootstrapping the state key %s for %s: %w", k.KeyID, k.Provider, err)
		}
		if err := kmsCall(ctx, endpoint, r, "CreateAlias", map[string]any{
			"AliasName": k.KeyID, "TargetKeyId": created.KeyMetadata.KeyId,
		}, nil); err != nil {
			return fmt.Errorf("bootstrapping the state key %s for %s: %w", k.KeyID, k.Provider, err)
		}
	}
	return nil
}

// kmsCall makes one call of KMS's JSON protocol to the emulator (which
// checks no signature; the credential scope names the region).
func kmsCall(ctx context.Context, endpoint, region, action string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "TrentService."+action)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/"+region+"/kms/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("kms %s: %w", action, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("kms %s: %s: %s", action, resp.Status, bytes.TrimSpace(b))
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("kms %s: reading the answer %q: %w", action, b, err)
	}
	return nil
}
