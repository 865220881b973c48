package stack_test

import (
	"strings"
	"testing"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ssmparameter"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// A plain provider resource whose id is already taken, by stack.New or by a
// construct of the library (or the other way round), is a Go error naming
// the construct path, never a panic.
func TestTakenIDIsAnErrorNamingThePath(t *testing.T) {
	app, err := stack.NewApp(stack.AppProps{Outdir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	s, err := stack.New(app, "acme-ids", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := encryption.NewKey(s, "data", encryption.KeyProps{}); err != nil {
		t.Fatal(err)
	}
	plain := func(scope constructs.Construct, id string) error {
		return stack.Catch(func() {
			ssmparameter.NewSsmParameter(scope, jsii.String(id), &ssmparameter.SsmParameterConfig{
				Name: jsii.String("/acme/" + id), Type: jsii.String("String"), Value: jsii.String("x"),
			})
		})
	}
	var user constructs.Construct
	if err := stack.Catch(func() { user = constructs.NewConstruct(s, jsii.String("team")) }); err != nil {
		t.Fatal(err)
	}
	if err := plain(user, "param"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		create func() error
		want   []string
	}{
		{"plain resource on stack.New's id", func() error { return plain(s, "context") }, []string{`construct "acme-ids/context"`, `the id "context" is already taken in stack acme-ids`, `stack.New takes ["aws" "backend" "context"]`, "choose another id"}},
		{"plain resource on a construct's id", func() error { return plain(s, "data") }, []string{`construct "acme-ids/data"`, "already taken in stack acme-ids", "choose another id"}},
		{"construct on a plain resource's id", func() error { _, err := encryption.NewKey(s, "team", encryption.KeyProps{}); return err }, []string{`construct "acme-ids/team"`, "already taken in stack acme-ids"}},
		{"construct on stack.New's id", func() error { _, err := encryption.NewKey(s, "aws", encryption.KeyProps{}); return err }, []string{`construct "acme-ids/aws"`, "stack.New takes"}},
		{"plain resource in a user's node", func() error { return plain(user, "param") }, []string{`construct ".../team/param"`, `already taken in "team"`}},
		{"construct in a user's node", func() error { _, err := encryption.NewKey(user, "param", encryption.KeyProps{}); return err }, []string{"/team/param", "already taken in"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panicked: %v", r)
					}
				}()
				err = tt.create()
			}()
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}
