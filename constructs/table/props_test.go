package table

import (
	"strings"
	"testing"
)

type key string

func (k key) Arn() string { return string(k) }

func TestPropsValidate(t *testing.T) {
	ok := Props{Key: key("arn:aws:kms:eu-west-1:111122223333:key/k"), PartitionKey: Attribute{Name: "pk"}}
	cases := []struct {
		name string
		edit func(*Props)
		want []string // empty: valid
	}{
		{"zero optional fields", func(*Props) {}, nil},
		{"every option", func(p *Props) {
			p.SortKey = &Attribute{Name: "sk", Type: Number}
			p.TTLAttribute, p.Stream, p.RemovalPolicy = "expires", NewAndOldImages, Protect
		}, nil},
		{"no key", func(p *Props) { p.Key = nil }, []string{"key: must not be nil"}},
		{"nil typed key", func(p *Props) { var k *nilKey; p.Key = k }, []string{"key: must not be nil"}},
		{"no partition key", func(p *Props) { p.PartitionKey = Attribute{} }, []string{"partitionKey.name: required"}},
		{"bad key type", func(p *Props) { p.PartitionKey.Type = "X" }, []string{`partitionKey.type: "X" is not a key type`}},
		{"sort key equals partition key", func(p *Props) { p.SortKey = &Attribute{Name: "pk"} }, []string{`sortKey.name: "pk" is the partition key too`}},
		{"long ttl attribute", func(p *Props) { p.TTLAttribute = strings.Repeat("a", 256) }, []string{"ttlAttribute: 256 characters"}},
		{"bad stream", func(p *Props) { p.Stream = "NEW" }, []string{`stream: "NEW" is not a stream view`}},
		{"bad removal policy", func(p *Props) { p.RemovalPolicy = 7 }, []string{"removalPolicy: 7 is not a policy"}},
		{"every problem at once", func(p *Props) { p.Key, p.Stream = nil, "x" }, []string{"key:", "stream:"}},
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

type nilKey struct{}

func (*nilKey) Arn() string { return "" }
