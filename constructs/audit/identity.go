package audit

import (
	"fmt"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// DefaultTrailName is the trail name suffix used when none is given.
const DefaultTrailName = "trail"

// TrailIdentity is a trail's fixed name and the ARN derived from it. It is
// the only place either is computed: the logs bucket policy, the key policy
// and the aws_cloudtrail resource all read them from here.
type TrailIdentity struct {
	name string
	arn  string
}

var trailSuffix = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9._]|-[a-zA-Z0-9._])*$`)

func validateTrailSuffix(name string) error {
	if name == "" {
		return fmt.Errorf("name: must not be empty; use a short suffix such as %q", DefaultTrailName)
	}
	if !trailSuffix.MatchString(name) {
		return fmt.Errorf("name: %q is not a valid trail name suffix; use letters, digits, periods, underscores and single hyphens, starting with a letter or digit", name)
	}
	return nil
}

// NewTrailIdentity returns the identity of the trail named
// "{company}-{environment}-{name}" in scope's stack:
// ARN "arn:<partition>:cloudtrail:<region>:<account>:trail/<full name>", with
// partition, region and account read from the stack's data sources.
// It creates no resource.
func NewTrailIdentity(scope constructs.Construct, name string) (TrailIdentity, error) {
	if err := validateTrailSuffix(name); err != nil {
		return TrailIdentity{}, err
	}
	st, err := stack.Of(scope)
	if err != nil {
		return TrailIdentity{}, err
	}
	full, err := st.Name(naming.CloudTrail, name)
	if err != nil {
		return TrailIdentity{}, err
	}
	return TrailIdentity{name: full, arn: st.AWS.ARN("cloudtrail", "", "", "trail/"+full)}, nil
}

// Name is the trail's full name (plain text).
func (t TrailIdentity) Name() string { return t.name }

// Arn is the trail's ARN (partition, region and account are Terraform references).
func (t TrailIdentity) Arn() string { return t.arn }
