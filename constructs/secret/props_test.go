package secret

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
		{"shortest window", func(p *Props) { p.RecoveryWindowDays = 7 }, nil},
		{"no key", func(p *Props) { p.Key = nil }, []string{"key: must not be nil"}},
		{"window too short", func(p *Props) { p.RecoveryWindowDays = 6 }, []string{"recoveryWindowDays: 6 is out of range", "7-30"}},
		{"window too long", func(p *Props) { p.RecoveryWindowDays = 31 }, []string{"recoveryWindowDays: 31"}},
		{"long description", func(p *Props) { p.Description = strings.Repeat("d", 2049) }, []string{"description: 2049 characters"}},
		{"rotation without function", func(p *Props) { p.Rotation = &Rotation{} }, []string{"rotation.function: must not be nil"}},
		{"rotation too rare", func(p *Props) { p.Rotation = &Rotation{AfterDays: 1001} }, []string{"rotation.afterDays: 1001 is out of range"}},
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

func TestCheckArn(t *testing.T) {
	cases := []struct{ v, want string }{
		{"arn:aws:secretsmanager:eu-west-1:111122223333:secret:acme-dev-token-AbCdEf", ""},
		{"${aws_secretsmanager_secret.s.arn}", ""},
		{"${aws_db_instance.db.master_user_secret[0].secret_arn}", ""},
		{"", "must not be empty"},
		{"acme-dev-token", `"acme-dev-token" is a secret name`},
		{"${aws_secretsmanager_secret.s.name}", "refers to a name, not an ARN"},
		{"arn:aws:s3:::bucket", "is not a Secrets Manager secret ARN"},
	}
	for _, c := range cases {
		err := CheckArn("secretArn", c.v)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("CheckArn(%q): %v; want nil", c.v, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "secretArn: ")):
			t.Errorf("CheckArn(%q): %v; want an error on secretArn mentioning %q", c.v, err, c.want)
		}
	}
}
