package network

import (
	"strings"
	"testing"
)

type otherGroup string

func (o otherGroup) ID() string { return string(o) }

func TestValidateGroups(t *testing.T) {
	v, far := &VPC{id: "${vpc}", fullName: "acme-dev-main"}, &VPC{id: "${far}", fullName: "acme-dev-far"}
	ours, theirs := group("app", v, false), group("remote", far, false)
	var nilGroup *SecurityGroup
	cases := []struct {
		name   string
		groups []Group
		own    bool
		want   []string // substrings; none means valid
	}{
		{"none", nil, true, nil},
		{"ours and existing", []Group{ours, ExistingGroup("sg-0123abcd"), ExistingGroup("sg-0123456789abcdef0"), ExistingGroup("${aws_security_group.x.id}")}, true, nil},
		{"own counts toward five", []Group{ExistingGroup("sg-00000001"), ExistingGroup("sg-00000002"), ExistingGroup("sg-00000003"), ExistingGroup("sg-00000004"), ExistingGroup("sg-00000005")}, false, nil},
		{"six with own", []Group{ExistingGroup("sg-00000001"), ExistingGroup("sg-00000002"), ExistingGroup("sg-00000003"), ExistingGroup("sg-00000004"), ExistingGroup("sg-00000005")}, true,
			[]string{"groups: 5 groups (6 with the workload's own); AWS allows at most 5"}},
		{"nil", []Group{nil}, true, []string{"groups[0]: must not be nil"}},
		{"nil pointer", []Group{nilGroup}, true, []string{"groups[0]: must not be a nil *network.SecurityGroup"}},
		{"bad id", []Group{ExistingGroup("sg-xyz"), ExistingGroup("vpc-0123abcd"), ExistingGroup("sg-0123abcd0")}, true,
			[]string{`groups[0]: "sg-xyz" is not a security group ID`, `groups[1]: "vpc-0123abcd"`, `groups[2]: "sg-0123abcd0"`}},
		{"upper case", []Group{ExistingGroup("sg-0123ABCD")}, true, []string{`"sg-0123ABCD" is not a security group ID`}},
		{"other type", []Group{otherGroup("nope")}, true, []string{`groups[0]: "nope" is not a security group ID`}},
		{"duplicate", []Group{ExistingGroup("sg-0123abcd"), ExistingGroup("sg-0123abcd")}, true, []string{"groups[1]: the same group as groups[0]"}},
		{"other vpc", []Group{theirs}, true, []string{"groups[0]: group remote is in another VPC than acme-dev-main"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateGroups("groups", c.groups, v, c.own)
			if len(c.want) == 0 {
				if err != nil {
					t.Errorf("ValidateGroups = %v; want nil", err)
				}
				return
			}
			for _, w := range c.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("ValidateGroups = %v; want it to contain %q", err, w)
				}
			}
		})
	}
	if got := Ours([]Group{ExistingGroup("sg-0123abcd"), ours, nilGroup}); len(got) != 1 || got[0] != ours {
		t.Errorf("Ours = %v; want [app]", got)
	}
	if got := IDs([]Group{ours, ExistingGroup("sg-0123abcd")}); strings.Join(got, ",") != "${app},sg-0123abcd" {
		t.Errorf("IDs = %v", got)
	}
}
