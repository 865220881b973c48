package certificate

import (
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/internal/errtest"
)

func TestPropsValidate(t *testing.T) {
	const arn = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
	long := "a123456789a123456789a123456789a123456789a123456789a123456.example.com"
	tests := []struct {
		name  string
		props Props
		want  []string
	}{
		{"new with zone", Props{Domain: "app.example.com", HostedZoneID: "Z0123456789ABCDEFGHIJ"}, nil},
		{"wildcard and apex", Props{Domain: "example.com", AlternativeNames: []string{"*.example.com"}, HostedZoneID: "${aws_route53_zone.z.zone_id}"}, nil},
		{"existing", Props{ExistingArn: arn}, nil},
		{"existing reference", Props{ExistingArn: "${data.aws_acm_certificate.c.arn}"}, nil},
		{"nothing", Props{}, []string{"domain: required; set Domain (with HostedZoneID) for a new certificate, or ExistingArn"}},
		{"no zone", Props{Domain: "app.example.com"}, []string{"hostedZoneID: required with Domain", "ACM never issues"}},
		{"bad zone", Props{Domain: "app.example.com", HostedZoneID: "zone-1"}, []string{`hostedZoneID: "zone-1" is not a Route 53 hosted zone ID`}},
		{"both", Props{Domain: "app.example.com", ExistingArn: arn}, []string{"existingArn: set either ExistingArn or Domain with HostedZoneID, not both"}},
		{"not an acm arn", Props{ExistingArn: "arn:aws:iam::123456789012:server-certificate/x"}, []string{"existingArn: \"arn:aws:iam::123456789012:server-certificate/x\" is not an ACM certificate ARN"}},
		{"upper case", Props{Domain: "App.example.com", HostedZoneID: "Z1"}, []string{`domain: "App.example.com" has the label "App"`}},
		{"single label", Props{Domain: "localhost", HostedZoneID: "Z1"}, []string{`domain: "localhost" is not a fully qualified domain name`}},
		{"inner wildcard", Props{Domain: "a.*.example.com", HostedZoneID: "Z1"}, []string{`has the label "*"`}},
		{"too long for the first name", Props{Domain: long, HostedZoneID: "Z1"}, []string{"ACM allows at most 64 in the first name"}},
		{"duplicate", Props{Domain: "example.com", AlternativeNames: []string{"example.com"}, HostedZoneID: "Z1"}, []string{`alternativeNames[0]: "example.com" is listed twice`}},
		{"too many names", Props{Domain: "example.com", AlternativeNames: []string{"a.example.com", "b.example.com", "c.example.com", "d.example.com", "e.example.com", "f.example.com", "g.example.com", "h.example.com", "i.example.com", "j.example.com"}, HostedZoneID: "Z1"}, []string{"alternativeNames: 11 names in all; ACM allows 10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { errtest.Contains(t, "Validate()", tt.props.Validate(), tt.want...) })
	}
}
