package apisurface

import (
	"go/token"
	"go/types"
	"os"
	"slices"
	"strings"
	"testing"
)

// Ceiling is the number of exported identifiers of the public API that
// name a type of CDKTF (cdktf), jsii-runtime-go or the provider bindings:
// what a move off CDKTF would change (README, "CDKTF's status and your
// options"). It may only go down: lower it (and the README) when the API
// sheds one; a new one fails the test. Identifiers naming only
// constructs.Construct (a construct's scope) are counted and logged but not
// held here: every new construct adds its constructor, and that type is
// the constructs library's, shared by CDKTF, CDK Terrain and AWS CDK.
const Ceiling = 13

func TestCdktfExposureOnlyShrinks(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks every public package; skipped with -short")
	}
	pkgs, err := Public("../..", "./...")
	if err != nil {
		t.Fatal(err)
	}
	// go list runs in a child process, whose reads go test's cache does
	// not see: reading every source file here makes an edit rerun the test.
	for _, p := range pkgs {
		for _, f := range p.GoFiles {
			if _, err := os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	var held, scope []string
	for _, p := range pkgs {
		for _, e := range Exposed(p.Types) {
			if e.ConstructsOnly() {
				scope = append(scope, "  "+e.String())
			} else {
				held = append(held, "  "+e.String())
			}
		}
	}
	t.Logf("%d public packages; %d exported identifiers expose a foreign type: %d a cdktf, jsii or provider type (held at most %d), "+
		"%d constructs.Construct only.\ncdktf, jsii or provider:\n%s\nconstructs only:\n%s",
		len(pkgs), len(held)+len(scope), len(held), Ceiling, len(scope), strings.Join(held, "\n"), strings.Join(scope, "\n"))
	switch {
	case len(held) > Ceiling:
		t.Errorf("%d exported identifiers expose cdktf/jsii/provider types; the ceiling is %d. Keep new API in plain Go "+
			"(GUIDE: no jsii.String or provider interface{} at the edges; take a *stack.Stack or constructs.Construct, return our own types), "+
			"or justify raising Ceiling in review. List above.", len(held), Ceiling)
	case len(held) < Ceiling:
		t.Errorf("%d exported identifiers expose cdktf/jsii/provider types, below the ceiling %d: lower Ceiling to %d and the README's figure", len(held), Ceiling, len(held))
	}
}

func TestConstructsOnly(t *testing.T) {
	for _, tc := range []struct {
		types []string
		want  bool
	}{
		{[]string{"constructs.Construct"}, true},
		{[]string{"cdktf.ITerraformDependable"}, false},
		{[]string{"cdktf.TerraformStack", "constructs.Construct"}, false},
		{nil, false},
	} {
		if got := (Exposure{Types: tc.types}).ConstructsOnly(); got != tc.want {
			t.Errorf("ConstructsOnly(%v) = %v; want %v", tc.types, got, tc.want)
		}
	}
}

func TestForeignIn(t *testing.T) {
	cdktf := types.NewPackage("github.com/hashicorp/terraform-cdk-go/cdktf", "cdktf")
	jsii := types.NewPackage("github.com/aws/jsii-runtime-go/runtime", "runtime")
	ours := types.NewPackage("github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack", "stack")
	named := func(p *types.Package, name string, u types.Type) *types.Named {
		return types.NewNamed(types.NewTypeName(token.NoPos, p, name, nil), u, nil)
	}
	stackT := named(cdktf, "TerraformStack", types.NewStruct(nil, nil))
	anyT := named(jsii, "Any", types.NewStruct(nil, nil))
	// Our own named type wrapping a foreign one is not looked into.
	wrapper := named(ours, "Stack", types.NewStruct([]*types.Var{types.NewField(token.NoPos, ours, "TerraformStack", stackT, true)}, nil))
	str := types.Typ[types.String]
	tests := []struct {
		name string
		t    types.Type
		want []string
	}{
		{"plain string", str, nil},
		{"our type", types.NewPointer(wrapper), nil},
		{"pointer to foreign", types.NewPointer(stackT), []string{"cdktf.TerraformStack"}},
		{"map of slices", types.NewMap(str, types.NewSlice(anyT)), []string{"runtime.Any"}},
		{"func result", types.NewSignatureType(nil, nil, nil,
			types.NewTuple(types.NewVar(token.NoPos, ours, "s", str)),
			types.NewTuple(types.NewVar(token.NoPos, ours, "", stackT), types.NewVar(token.NoPos, ours, "", anyT)), false),
			[]string{"cdktf.TerraformStack", "runtime.Any"}},
	}
	for _, tc := range tests {
		if got := foreignIn(tc.t, ours); !slices.Equal(got, tc.want) {
			t.Errorf("%s: foreignIn = %v; want %v", tc.name, got, tc.want)
		}
	}
	if !isForeign("github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucket") || isForeign("github.com/hashicorp/terraform-exec/tfexec") {
		t.Error("isForeign: provider subpackages are foreign, terraform-exec is not")
	}
}
