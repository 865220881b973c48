package encryption

import (
	"strings"
	"testing"
)

func TestKeyPropsValidate(t *testing.T) {
	tests := []struct {
		name  string
		props KeyProps
		want  string // "" = valid
	}{
		{"zero value is valid", KeyProps{}, ""},
		{"window 7", KeyProps{DeletionWindowDays: 7}, ""},
		{"window 30", KeyProps{DeletionWindowDays: 30}, ""},
		{"window 6", KeyProps{DeletionWindowDays: 6}, "deletionWindowDays: 6 is out of range"},
		{"window 31", KeyProps{DeletionWindowDays: 31}, "deletionWindowDays: 31 is out of range"},
		{"negative window", KeyProps{DeletionWindowDays: -1}, "deletionWindowDays: -1 is out of range"},
		{"long description", KeyProps{Description: strings.Repeat("x", 8193)}, "description: 8193 characters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.props.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate() = %v; want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Validate() = %v; want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestValidateTrailArn(t *testing.T) {
	tests := []struct {
		arn string
		ok  bool
	}{
		{"arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-dev-trail", true},
		{"arn:${data.aws_partition.p.partition}:cloudtrail:${data.aws_region.r.name}:${data.aws_caller_identity.c.account_id}:trail/acme-dev-trail", true},
		{"${TfToken[TOKEN.7]}", true},
		{"", false},
		{"acme-dev-trail", false},
		{"arn:aws:cloudtrail:us-east-1:*:trail/x", false},
		{"arn:aws:s3:::bucket", false},
	}
	for _, tc := range tests {
		t.Run(tc.arn, func(t *testing.T) {
			err := validateTrailArn(tc.arn)
			if (err == nil) != tc.ok {
				t.Errorf("validateTrailArn(%q) = %v; want ok=%v", tc.arn, err, tc.ok)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "trailArn: ") {
				t.Errorf("error %q does not name the field trailArn", err)
			}
		})
	}
}

func TestValidatePrincipalArn(t *testing.T) {
	tests := []struct {
		arn string
		ok  bool
	}{
		{"arn:aws:iam::123456789012:role/acme-dev-fn", true},
		{"${aws_iam_role.r.arn}", true},
		{"", false},
		{"*", false},
		{"arn:aws:iam::*:root", false},
		{"role/x", false},
	}
	for _, tc := range tests {
		t.Run(tc.arn, func(t *testing.T) {
			err := validatePrincipalArn(tc.arn)
			if (err == nil) != tc.ok {
				t.Errorf("validatePrincipalArn(%q) = %v; want ok=%v", tc.arn, err, tc.ok)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "principalArn: ") {
				t.Errorf("error %q does not name the field principalArn", err)
			}
		})
	}
}
