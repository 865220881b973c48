package stack

import (
	"errors"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
)

// Start is the common start of every constructor, run after its props are
// validated and before anything is created: it checks the construct id and
// finds the Stack that scope belongs to.
func Start(scope constructs.Construct, id string) (*Stack, error) {
	if id == "" {
		return nil, errors.New("id: must not be empty; give the construct an id such as \"main\"")
	}
	return Of(scope)
}

// Named is Start for a constructor whose resources carry a name: it also
// derives the full name "{company}-{environment}-{suffix}" of kind, where
// suffix defaults to id. The name is claimed in the app's registry (Claim),
// so a second construct with the same physical name is refused.
func Named(scope constructs.Construct, id string, kind naming.Kind, suffix string) (*Stack, string, error) {
	st, err := Start(scope, id)
	if err != nil {
		return nil, "", err
	}
	if suffix == "" {
		suffix = id
	}
	full, err := st.Name(kind, suffix)
	if err != nil {
		return nil, "", err
	}
	if err := st.Claim(kind, full, scope, id); err != nil {
		return nil, "", err
	}
	return st, full, nil
}
