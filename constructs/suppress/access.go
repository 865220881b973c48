package suppress

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdktf-secure-go/cdktf-secure-go/access"
)

// accessRecorded accumulates the access suppressions per stack (keyed like
// recorded), guarded by mu.
var accessRecorded = map[any][]access.Suppression{}

// Access declares that the external-access findings (package access) of
// one policy statement of scope's stack are intended, for the stated
// reason: a deliberate grant to a partner account, say. statement is the
// statement's Sid (it then covers that Sid in every policy of the stack) or
// "address#Sid" ("address#index" for a statement without Sid), as
// accesscheck prints it. The record is written to the synthesized JSON
// under "//".access.suppressions (access.SuppressionsKey) as {"statement",
// "reason"} entries sorted by statement; a second call for the same
// statement replaces the reason. accesscheck, go run . and
// testkit.AccessProof list suppressed findings with their reason instead
// of failing, and note a suppression that matches no finding.
func Access(scope constructs.Construct, statement, reason string) error {
	var errs []error
	if scope == nil {
		errs = append(errs, errors.New("scope: must not be nil; pass the stack or a construct in it"))
	}
	if strings.TrimSpace(statement) == "" {
		errs = append(errs, errors.New(`statement: must not be empty; pass the statement's Sid or "address#Sid" as accesscheck prints it`))
	}
	if strings.TrimSpace(reason) == "" {
		errs = append(errs, fmt.Errorf("reason: must not be empty; say why the access of %s is intended", statement))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return catch(func() {
		st, key := stackOf(scope)

		mu.Lock()
		list := accessRecorded[key]
		replaced := false
		for i, sp := range list {
			if sp.Statement == statement {
				list[i].Reason = reason
				replaced = true
			}
		}
		if !replaced {
			list = append(list, access.Suppression{Statement: statement, Reason: reason})
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Statement < list[j].Statement })
		accessRecorded[key] = list
		out := make([]map[string]string, len(list))
		for i, sp := range list {
			out[i] = map[string]string{"statement": sp.Statement, "reason": sp.Reason}
		}
		mu.Unlock()

		st.AddOverride(jsii.String(access.SuppressionsKey), out)
	})
}
