package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/audit"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
)

// Audit is the account's audit trail: a logs bucket CloudTrail and AWS Config
// can write through, a multi-region trail, AWS Config with managed rules, and
// the access-logs bucket that records every request to the stack's buckets.
//
// NewTrail owns the trail's name and ARN: it adds the matching statements to
// the bucket policy and the key policy itself, so the three cannot disagree,
// and the trail depends on the bucket policy, so CloudTrail's delivery check
// passes on the first apply.
type Audit struct {
	// AccessLogs receives the S3 server access logs of every other bucket.
	AccessLogs *storage.AccessLogsBucket
	Logs       *storage.LogsBucket
	Trail      *audit.Trail
	Config     *audit.Config
}

func newAudit(s *stack.Stack, cfg Config, sec *Security) (*Audit, error) {
	// Made first, so every bucket after it logs into it; SSE-S3 (S3 cannot
	// deliver access logs to an SSE-KMS bucket), logs expire after 365 days.
	access, err := storage.NewAccessLogsBucket(s, storage.AccessLogsBucketProps{
		ForceDestroy: !cfg.production(), // like the logs bucket: prod keeps them
	})
	if err != nil {
		return nil, err
	}
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
	return &Audit{AccessLogs: access, Logs: logs, Trail: trail, Config: config}, nil
}
