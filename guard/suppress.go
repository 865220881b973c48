package guard

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// SuppressionsKey is where suppressions are written in the synthesized JSON:
// the top-level "//" comment object, which Terraform ignores.
const SuppressionsKey = "//.guard.suppressions"

var (
	suppressMu sync.Mutex
	// suppressions accumulates per stack (keyed by app outdir and stack
	// path): AddOverride of the same path replaces the value, so each call
	// rewrites the whole list.
	suppressions = map[string][]Suppression{}
)

// Suppress declares that findings of rule ruleID on scope and everything
// under it are accepted, for the stated reason. It is recorded in the
// synthesized cdk.tf.json under "//".guard.suppressions, where reviewers see
// it and the checker reads it; suppressed findings are still listed in
// Report.Suppressed. The reason is mandatory and the rule must exist.
func Suppress(scope constructs.Construct, ruleID, reason string) error {
	var errs []error
	if scope == nil {
		errs = append(errs, errors.New("scope: must not be nil"))
	}
	if _, ok := Lookup(ruleID); !ok {
		errs = append(errs, fmt.Errorf("ruleID: unknown rule %q; see guard.Rules() for the IDs", ruleID))
	}
	if strings.TrimSpace(reason) == "" {
		errs = append(errs, fmt.Errorf("reason: must not be empty; say why %s does not apply here", ruleID))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return catch(func() {
		path := *scope.Node().Path()
		st := cdktf.TerraformStack_Of(scope)
		key := *cdktf.App_Of(scope).Outdir() + "\x00" + *st.Node().Path()

		suppressMu.Lock()
		list := suppressions[key]
		replaced := false
		for i, sp := range list {
			if sp.Rule == ruleID && sp.Path == path {
				list[i].Reason = reason
				replaced = true
			}
		}
		if !replaced {
			list = append(list, Suppression{Rule: ruleID, Path: path, Reason: reason})
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Path != list[j].Path {
				return list[i].Path < list[j].Path
			}
			return list[i].Rule < list[j].Rule
		})
		suppressions[key] = list
		out := make([]map[string]string, len(list))
		for i, sp := range list {
			out[i] = map[string]string{"rule": sp.Rule, "path": sp.Path, "reason": sp.Reason}
		}
		suppressMu.Unlock()

		st.AddOverride(jsii.String(SuppressionsKey), out)
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
