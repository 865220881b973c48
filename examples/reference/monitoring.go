package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Monitor is the alarm topic (KMS-encrypted, TLS-only) and every alarm,
// each notifying the topic on ALARM and on OK.
type Monitor struct {
	Topic *monitoring.Topic
}

func newMonitor(s *stack.Stack, cfg Config, r *Reference) (*Monitor, error) {
	topic, err := monitoring.NewTopic(s, "alarms", monitoring.TopicProps{
		Key:                r.Security.Key,
		EmailSubscriptions: cfg.AlarmEmails,
	})
	if err != nil {
		return nil, err
	}
	return &Monitor{Topic: topic}, nil
}
