package monitoring

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

func str(s string) *string   { return &s }
func f64(f float64) *float64 { return &f }
func strs(s ...string) *[]*string {
	out := make([]*string, len(s))
	for i := range s {
		out[i] = str(s[i])
	}
	return &out
}

// shortHash is the first 8 hex digits of the SHA-256 of the lower-cased
// value: a stable construct id part for endpoints that contain characters
// construct ids and Terraform names do not like.
func shortHash(v string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(v)))
	return hex.EncodeToString(sum[:4])
}

func isToken(s string) bool { return strings.Contains(s, "${") || strings.Contains(s, "TfToken[") }

// names records the alarm names created per stack, so two constructs of
// this package cannot claim the same one: CloudWatch would let the second
// alarm silently replace the first. Topic names (SNS CreateTopic returns the
// existing topic) and alarm names across the app's stacks are claimed with
// stack.Claim.
var names = struct {
	sync.Mutex
	byStack map[*stack.Stack]map[string]string // kind + ":" + name -> construct path that owns it
}{byStack: map[*stack.Stack]map[string]string{}}

// reserveNames claims every name of kind for owner, or claims none and
// returns the first name already taken with its owner.
func reserveNames(st *stack.Stack, kind, owner string, list []string) (taken, by string) {
	names.Lock()
	defer names.Unlock()
	m := names.byStack[st]
	if m == nil {
		m = map[string]string{}
		names.byStack[st] = m
	}
	for _, n := range list {
		if o, ok := m[kind+":"+n]; ok {
			return n, o
		}
	}
	for _, n := range list {
		m[kind+":"+n] = owner
	}
	return "", ""
}

// Kinds of names reserve tracks.
const (
	kindAlarm = "alarm"
)

// reserve claims the names of kind for the construct scope/id, failing when
// another construct of this package in the same stack already uses one.
func reserve(st *stack.Stack, scope constructs.Construct, id, kind string, list []string) error {
	path, err := stack.Path(scope)
	if err != nil {
		return err
	}
	owner := path + "/" + id
	if n, by := reserveNames(st, kind, owner, list); n != "" {
		return fmt.Errorf("id: alarm name %q is already created by %s; CloudWatch would let one alarm replace the other, so monitor each resource once per stack", n, by)
	}
	if kind == kindAlarm { // across the app's stacks too (stack.Claim)
		for _, n := range list {
			if err := st.Claim(naming.AlarmName, n, scope, id); err != nil {
				return err
			}
		}
	}
	return nil
}
