package queue

import (
	"strings"
	"testing"
)

type key string

func (k key) Arn() string { return string(k) }

func TestPropsValidate(t *testing.T) {
	ok := Props{Key: key("arn:aws:kms:eu-west-1:111122223333:key/k")}
	cases := []struct {
		name string
		edit func(*Props)
		want []string // empty: valid
	}{
		{"zero optional fields", func(*Props) {}, nil},
		{"limits", func(p *Props) {
			p.VisibilityTimeoutSeconds, p.RetentionDays, p.MaxReceiveCount, p.DeadLetter = MaxVisibilityTimeoutSeconds, MaxRetentionDays, 1000, &Queue{}
		}, nil},
		{"no key", func(p *Props) { p.Key = nil }, []string{"key: must not be nil"}},
		{"visibility too long", func(p *Props) { p.VisibilityTimeoutSeconds = 43201 }, []string{"visibilityTimeoutSeconds: 43201 is out of range"}},
		{"negative visibility", func(p *Props) { p.VisibilityTimeoutSeconds = -1 }, []string{"visibilityTimeoutSeconds: -1"}},
		{"retention too long", func(p *Props) { p.RetentionDays = 15 }, []string{"retentionDays: 15 is out of range"}},
		{"receive count too high", func(p *Props) { p.MaxReceiveCount, p.DeadLetter = 1001, &Queue{} }, []string{"maxReceiveCount: 1001 is out of range"}},
		{"receive count without dead letter", func(p *Props) { p.MaxReceiveCount = 3 }, []string{"maxReceiveCount: set without DeadLetter"}},
	}
	for _, c := range cases {
		p := ok
		c.edit(&p)
		err := p.Validate()
		if len(c.want) == 0 {
			if err != nil {
				t.Errorf("%s: %v; want no error", c.name, err)
			}
			continue
		}
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %v; want it to mention %q", c.name, err, w)
			}
		}
	}
}
