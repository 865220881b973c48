package monitoring

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

func TestTopicPropsValidate(t *testing.T) {
	key := &encryption.Key{}
	tests := []struct {
		name  string
		props TopicProps
		want  []string
	}{
		{"key only", TopicProps{Key: key}, nil},
		{"subscriptions", TopicProps{Key: key, EmailSubscriptions: []string{"ops@example.com", "a.b+c@sub.example.org"}, HTTPSSubscriptions: []string{"https://hooks.example.com/alarms?x=1"}}, nil},
		{"nil key", TopicProps{}, []string{"key: must not be nil"}},
		{"display name e-mail", TopicProps{Key: key, EmailSubscriptions: []string{"Ops <ops@example.com>"}}, []string{"emailSubscriptions[0]:", "not an e-mail address"}},
		{"no at", TopicProps{Key: key, EmailSubscriptions: []string{"ops.example.com"}}, []string{"emailSubscriptions[0]:"}},
		{"no dot in domain", TopicProps{Key: key, EmailSubscriptions: []string{"ops@localhost"}}, []string{"emailSubscriptions[0]:", "domain needs a dot"}},
		{"empty e-mail", TopicProps{Key: key, EmailSubscriptions: []string{""}}, []string{"emailSubscriptions[0]:"}},
		{"duplicate e-mail, other case", TopicProps{Key: key, EmailSubscriptions: []string{"ops@example.com", "OPS@example.com"}}, []string{"emailSubscriptions[1]:", "duplicates emailSubscriptions[0]"}},
		{"http url", TopicProps{Key: key, HTTPSSubscriptions: []string{"http://hooks.example.com/x"}}, []string{"httpsSubscriptions[0]:", "does not start with https://"}},
		{"no host", TopicProps{Key: key, HTTPSSubscriptions: []string{"https:///path"}}, []string{"httpsSubscriptions[0]:", "has no host"}},
		{"not a url", TopicProps{Key: key, HTTPSSubscriptions: []string{"hooks.example.com"}}, []string{"httpsSubscriptions[0]:", "https://"}},
		{"empty url", TopicProps{Key: key, HTTPSSubscriptions: []string{""}}, []string{"httpsSubscriptions[0]: must not be empty"}},
		{"duplicate url", TopicProps{Key: key, HTTPSSubscriptions: []string{"https://h.example.com", "https://h.example.com"}}, []string{"httpsSubscriptions[1]:", "duplicates httpsSubscriptions[0]"}},
		{"all errors joined", TopicProps{EmailSubscriptions: []string{"x"}, HTTPSSubscriptions: []string{"ftp://x"}}, []string{"key:", "emailSubscriptions[0]:", "httpsSubscriptions[0]:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { errtest.Contains(t, "Validate()", tc.props.Validate(), tc.want...) })
	}
}

func TestValidateDoesNotModifyProps(t *testing.T) {
	emails := []string{"ops@example.com"}
	p := TopicProps{Key: &encryption.Key{}, EmailSubscriptions: emails}
	_ = p.Validate()
	if p.Name != "" || emails[0] != "ops@example.com" {
		t.Errorf("Validate changed the props: %+v", p)
	}
}

func TestShortHashStable(t *testing.T) {
	if a, b := shortHash("Ops@Example.com"), shortHash("ops@example.com"); a != b || len(a) != 8 {
		t.Errorf("shortHash = %q, %q; want the same 8 hex digits regardless of case", a, b)
	}
	if shortHash("a@example.com") == shortHash("b@example.com") {
		t.Errorf("shortHash gives the same id for different endpoints")
	}
}
