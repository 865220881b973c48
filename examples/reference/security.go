package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Security holds the stack's customer managed key. One key serves the logs
// bucket, CloudTrail, log groups, the alarm topic, Lambda and RDS; each use
// adds its own conditioned statement to the key policy, and nothing else can
// use the key (the admin statement names this account's root only).
type Security struct {
	Key *encryption.Key
}

func newSecurity(s *stack.Stack) (*Security, error) {
	key, err := encryption.NewKey(s, "main", encryption.KeyProps{})
	if err != nil {
		return nil, err
	}
	return &Security{Key: key}, nil
}
