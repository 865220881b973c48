// Package suppress records, next to a construct, that a guard rule does not
// apply to it (Rule, Fact) or that a policy statement's access from outside
// the account is intended (Access), and why. The record is written into
// the synthesized cdk.tf.json (under the top-level "//" comment, which
// Terraform ignores), where reviewers see it and the guard or the access
// tier reads it; suppressed findings are still listed in
// guard.Report.Suppressed and access.Report.Suppressed.
//
// It lives outside package guard so that the checker (guard, cmd/guard)
// links no jsii, cdktf or constructs code.
package suppress

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard/controls"
)

// stackOf returns the stack of scope and the key its suppressions are
// recorded under. A stack made by stack.New (and a node made by its
// NewNode) answers in Go, without the jsii round trips (issue 26); any
// other cdktf stack is asked of the kernel and keyed by app outdir and
// stack path. Call it inside catch.
func stackOf(scope constructs.Construct) (cdktf.TerraformStack, any) {
	if s, err := stack.Of(scope); err == nil {
		return s.TerraformStack, s
	}
	st := cdktf.TerraformStack_Of(scope)
	return st, *cdktf.App_Of(scope).Outdir() + "\x00" + *st.Node().Path()
}

var (
	mu sync.Mutex
	// recorded accumulates per stack (keyed by stackOf): AddOverride of the
	// same path replaces the value, so each call rewrites the whole list.
	recorded = map[any][]guard.Suppression{}
)

// Rule declares that findings of guard rule ruleID on scope and everything
// under it are accepted, for the stated reason. It is written to the
// synthesized JSON under "//".guard.suppressions (guard.SuppressionsKey) as
// {"rule", "path", "reason"} entries sorted by path and rule; a second call
// with the same rule and scope replaces the reason. The reason is mandatory
// and the rule must exist (guard.Lookup); errors name the field.
func Rule(scope constructs.Construct, ruleID, reason string) error {
	var errs []error
	if _, ok := guard.Lookup(ruleID); !ok {
		errs = append(errs, fmt.Errorf("ruleID: unknown rule %q; see guard.Rules() or go run ./cmd/guard -list for the IDs", ruleID))
	}
	return record(scope, ruleID, reason, errs)
}

// Fact declares a deliberate deviation from a compliance fact (a resource
// property some controls need that no guard rule states, such as
// "rds-deletion-protection" for FSBP RDS.8; see package guard/controls) on
// scope and everything under it, for the stated reason: guard -compliance
// reports the controls it decides as excepted, with the reason, instead of
// failed. On a stack (the scope of account-level facts such as
// "account-support-role") it excepts the account's failure. It is recorded
// like Rule; the fact must exist in the catalogue (controls.Builtin).
func Fact(scope constructs.Construct, factID, reason string) error {
	var errs []error
	cat, err := controls.Builtin()
	if err != nil {
		errs = append(errs, err)
	} else if _, ok := cat.Fact(factID); !ok {
		errs = append(errs, fmt.Errorf("factID: unknown fact %q; see the facts of guard/controls/catalogue.json", factID))
	}
	return record(scope, factID, reason, errs)
}

// record validates scope and reason and writes the suppression of id.
func record(scope constructs.Construct, ruleID, reason string, errs []error) error {
	if scope == nil {
		errs = append([]error{errors.New("scope: must not be nil; pass the construct whose findings are accepted")}, errs...)
	}
	if strings.TrimSpace(reason) == "" {
		errs = append(errs, fmt.Errorf("reason: must not be empty; say why %s does not apply here", ruleID))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return catch(func() {
		path, err := stack.Path(scope) // in Go for stack.New's stacks and nodes
		if err != nil {
			path = *scope.Node().Path() // the kernel's own error, as before
		}
		st, key := stackOf(scope)

		mu.Lock()
		list := recorded[key]
		replaced := false
		for i, sp := range list {
			if sp.Rule == ruleID && sp.Path == path {
				list[i].Reason = reason
				replaced = true
			}
		}
		if !replaced {
			list = append(list, guard.Suppression{Rule: ruleID, Path: path, Reason: reason})
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Path != list[j].Path {
				return list[i].Path < list[j].Path
			}
			return list[i].Rule < list[j].Rule
		})
		recorded[key] = list
		out := make([]map[string]string, len(list))
		for i, sp := range list {
			out[i] = map[string]string{"rule": sp.Rule, "path": sp.Path, "reason": sp.Reason}
		}
		mu.Unlock()

		st.AddOverride(jsii.String(guard.SuppressionsKey), out)
	})
}

// catch turns a jsii panic into a one-line error.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprint(r)
			if i := strings.IndexByte(msg, '\n'); i >= 0 {
				msg = msg[:i]
			}
			err = fmt.Errorf("cdktf: %s", strings.TrimSpace(msg))
		}
	}()
	f()
	return nil
}
