package stack

import "testing"

func TestCatchErrorNamesThePath(t *testing.T) {
	tests := []struct{ jsii, want string }{
		{"There is already a Construct with name 'twice' in App",
			`construct "twice": the id "twice" is already taken in App; choose another id`},
		{"There is already a Construct with name 'context' in TerraformStack [acme-dev]",
			`construct "acme-dev/context": the id "context" is already taken in stack acme-dev (stack.New takes ["aws" "backend" "context"] in every stack); choose another id`},
		{"There is already a Construct with name 'raw' in TerraformStack [acme-dev]",
			`construct "acme-dev/raw": the id "raw" is already taken in stack acme-dev; choose another id`},
		{"There is already a Construct with name 'param' in Construct [team]",
			`construct ".../team/param": the id "param" is already taken in "team"; choose another id`},
		{"Error: something else", "cdktf: Error: something else"},
	}
	for _, tt := range tests {
		if got := catchError(tt.jsii).Error(); got != tt.want {
			t.Errorf("catchError(%q) =\n%s\nwant\n%s", tt.jsii, got, tt.want)
		}
	}
}
