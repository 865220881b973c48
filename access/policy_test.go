package access

import (
	"strings"
	"testing"
)

func TestParsePolicyRefusesWhatAWSRefuses(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"not JSON", `{"Statement":`, "not JSON"},
		{"statement not a list", `{"Statement":"x"}`, "Statement must be"},
		{"effect", `{"Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}`, "Effect must be Allow or Deny"},
		{"no action", `{"Statement":[{"Effect":"Allow","Resource":"*"}]}`, "exactly one of Action and NotAction"},
		{"both action forms", `{"Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}]}`, "exactly one of Action and NotAction"},
		{"both resource forms", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","NotResource":"*"}]}`, "Resource and NotResource"},
		{"principal string", `{"Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::1:root","Action":"s3:*"}]}`, `a principal string must be "*"`},
		{"unknown operator", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqual":{"a":"b"}}}]}`, `unknown condition operator "StringEqual"`},
		{"unknown set operator", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForSomeValues:StringEquals":{"a":"b"}}}]}`, "unknown condition set operator"},
		{"Null with IfExists", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"a":"true"}}}]}`, "Null takes no IfExists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePolicy("aws_s3_bucket_policy.p", []byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "aws_s3_bucket_policy.p") {
				t.Errorf("ParsePolicy(%s) = %v; want an error naming the policy and containing %q", tt.doc, err, tt.want)
			}
		})
	}
}

func TestParsePolicyAcceptsEveryForm(t *testing.T) {
	p, err := ParsePolicy("p", []byte(`{"Version":"2012-10-17","Statement":{"Sid":"One","Effect":"Deny","Principal":{"AWS":"*"},"NotAction":["iam:*"],"NotResource":"arn:aws:s3:::b/*",`+
		`"Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":false},"ForAllValues:StringLikeIfExists":{"aws:TagKeys":["a*"]}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	st := p.Statements[0]
	if st.Sid != "One" || st.Condition["NumericLessThan"]["s3:max-keys"][0] != "10" || st.Condition["Bool"]["aws:SecureTransport"][0] != "false" || !st.HasNotResource {
		t.Errorf("parsed statement = %+v", st)
	}
	if got := p.Ref(&st); got != "p#One" {
		t.Errorf("Ref = %q; want p#One", got)
	}
}
