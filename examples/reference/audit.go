package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
)

// Audit is the account's audit trail: a logs bucket CloudTrail and AWS Config
// can write through, a multi-region trail, and AWS Config with managed rules.
type Audit struct {
	Logs *storage.LogsBucket
}

func newAudit(s *stack.Stack, cfg Config, sec *Security) (*Audit, error) {
	logs, err := storage.NewLogsBucket(s, "logs", storage.LogsBucketProps{
		Key:          sec.Key,
		ForceDestroy: !cfg.production(), // dev can be destroyed with its logs; prod keeps them
	})
	if err != nil {
		return nil, err
	}
	return &Audit{Logs: logs}, nil
}
