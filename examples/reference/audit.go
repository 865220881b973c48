package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/audit"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
)

// Audit is the account's audit trail: a logs bucket CloudTrail and AWS Config
// can write through, a multi-region trail, and AWS Config with managed rules.
//
// NewTrail owns the trail's name and ARN: it adds the matching statements to
// the bucket policy and the key policy itself, so the three cannot disagree,
// and the trail depends on the bucket policy, so CloudTrail's delivery check
// passes on the first apply.
type Audit struct {
	Logs   *storage.LogsBucket
	Trail  *audit.Trail
	Config *audit.Config
}

func newAudit(s *stack.Stack, cfg Config, sec *Security) (*Audit, error) {
	logs, err := storage.NewLogsBucket(s, "logs", storage.LogsBucketProps{
		Key:          sec.Key,
		ForceDestroy: !cfg.production(), // dev can be destroyed with its logs; prod keeps them
	})
	if err != nil {
		return nil, err
	}
	trail, err := audit.NewTrail(s, "trail", audit.TrailProps{Bucket: logs, Key: sec.Key})
	if err != nil {
		return nil, err
	}
	config, err := audit.NewConfig(s, "config", audit.ConfigProps{Bucket: logs, Key: sec.Key})
	if err != nil {
		return nil, err
	}
	return &Audit{Logs: logs, Trail: trail, Config: config}, nil
}
